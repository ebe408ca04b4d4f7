package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tutti-chat/tutti/internal/engine"
)

// TestSparkline: bars scale to the busiest bucket, or to sparkFloor for a
// quiet stream; an empty bucket is the zero given.
func TestSparkline(t *testing.T) {
	for _, c := range []struct {
		counts []int
		zero   rune
		want   string
	}{
		{[]int{0, 1, 2, 4}, ' ', " ▂▄█"},
		{[]int{1, 0, 0, 0}, '▁', "▂▁▁▁"},
		{[]int{10, 5, 1, 0}, ' ', "█▄▁ "},
	} {
		if got := sparkline(c.counts, c.zero); got != c.want {
			t.Errorf("sparkline(%v) = %q, want %q", c.counts, got, c.want)
		}
	}
}

// TestListSparklines: on a wide terminal each stream's row carries the
// shape of its last hour, in a column, the counts after it; a stream
// quiet for the hour has none; on a narrow one there is no room for them.
func TestListSparklines(t *testing.T) {
	m := newTestModel(t, 200, 30)
	now := m.now()
	var items []engine.Item
	// roomA: a burst 5 minutes ago and one message 50 minutes ago.
	for i := range 6 {
		items = append(items, live(message("roomA", fmt.Sprintf("a%d", i), 2, now.Add(-5*time.Minute).UnixMilli()+int64(i), "burst")))
	}
	items = append(items, live(message("roomA", "old", 2, now.Add(-50*time.Minute).UnixMilli(), "earlier")))
	// roomB: only a message two hours ago.
	items = append(items, live(message("roomB", "b1", 2, now.Add(-2*time.Hour).UnixMilli(), "long ago")))
	update(m, batch(items...))
	row := func(id string) string { _ = screen(m); return ansi.Strip(m.streams[id].row) }
	a := row("roomA")
	if !strings.Contains(a, "█") || !strings.ContainsAny(a, "▁▂") {
		t.Errorf("roomA's row lacks its burst and its earlier message: %q", a)
	}
	if b := row("roomB"); strings.ContainsAny(b, "▁▂▃▄▅▆▇█") {
		t.Errorf("roomB, quiet for the hour, has a sparkline: %q", b)
	}
	if i, j := strings.IndexAny(a, "▁▂▃▄▅▆▇█"), strings.IndexAny(row("imC"), "▁▂▃▄▅▆▇█"); j >= 0 && i != j {
		t.Errorf("the sparklines are not in a column: %q, %q", a, row("imC"))
	}
	update(m, tea.WindowSizeMsg{Width: 120, Height: 30})
	if a := row("roomA"); strings.ContainsAny(a, "▁▂▃▄▅▆▇█") {
		t.Errorf("a narrow list carries a sparkline: %q", a)
	}
}

// TestPodSparkline: the status bar shows the last minute's events once
// there were any, a quiet stretch as a baseline.
func TestPodSparkline(t *testing.T) {
	var st statusState
	now := time.Unix(1_800_000_000, 0)
	if got := st.podSpark(now); got != "" {
		t.Errorf("before any event: %q", got)
	}
	st.count(now.Add(-50*time.Second), 30)
	st.count(now.Add(-3*time.Second), 10)
	st.count(now, 99) // the second under way is left out
	if got := st.podSpark(now); got != "▁█▁▁▁▁▁▁▁▃" {
		t.Errorf("the last minute: %q", got)
	}
}
