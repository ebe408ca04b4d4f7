package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/internal/engine"
	"github.com/tutti-chat/tutti/symphony"
)

// historyFetcher serves msgs as the history endpoint does: from Since,
// skipping Skip, at most Limit, oldest first.
type historyFetcher struct{ msgs []symphony.V4Message }

func (f historyFetcher) StreamMessages(_ context.Context, stream string, q symphony.MessageQuery) ([]symphony.V4Message, error) {
	var out []symphony.V4Message
	for _, m := range f.msgs {
		if m.Stream.StreamID == stream && m.Timestamp >= q.Since && (q.Until == 0 || m.Timestamp <= q.Until) {
			out = append(out, m)
		}
	}
	out = out[min(q.Skip, len(out)):]
	return out[:min(q.Limit, len(out))], nil
}

func TestGapRowFillsOnEnter(t *testing.T) {
	missing := page("roomA", 100, 20) // 20 messages the catch-up left out
	m := newTestModel(t, 100, 40)
	m.deps.Pager = history.NewPager(historyFetcher{missing}, history.PagerOptions{})
	loadLatest(t, m, "roomA", page("roomA", 0, 5), true)
	g := history.Gap{From: missing[0].Timestamp, To: missing[len(missing)-1].Timestamp}
	update(m, batch(engine.Item{StreamID: "roomA", Gap: &g},
		live(message("roomA", "after", 2, g.To+60_000, "after the gap"))))
	openByKeys(t, m, "roomA")
	if !strings.Contains(screen(m), "messages may be missing here") {
		t.Fatalf("no gap row:\n%s", screen(m))
	}
	// Select the gap row (just above the newest message) and press enter.
	press(m, "k", "k")
	s := m.streams["roomA"]
	if r := s.tl.At(m.selIndex(s)); r.Kind != history.RowGap {
		t.Fatalf("selected a %v row", r.Kind)
	}
	cmd := update(m, tea.KeyPressMsg{Code: tea.KeyEnter})
	if m.mode == modeComposer {
		t.Fatal("enter on a gap row opened the composer")
	}
	if !strings.Contains(screen(m), "loading the missing messages") {
		t.Errorf("no word while filling:\n%s", screen(m))
	}
	pages := run[pageMsg](cmd)
	if len(pages) != 1 || pages[0].Fill == nil {
		t.Fatalf("enter gave %d pages", len(pages))
	}
	update(m, pages[0])
	out := screen(m)
	if strings.Contains(out, "missing") {
		t.Errorf("the gap row remains:\n%s", out)
	}
	if !strings.Contains(out, fmt.Sprintf("message number %d", 119)) {
		t.Errorf("the newest filled message is not on screen:\n%s", out)
	}
	if n := s.tl.Len(); n != 5+20+1 {
		t.Errorf("%d rows after the fill, want 26", n)
	}
}
