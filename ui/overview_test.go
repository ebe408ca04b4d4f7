package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tutti-chat/tutti/feed"
	"github.com/tutti-chat/tutti/internal/engine"
)

// TestLiveShare: the share of a span the feed was live, its outages and
// the longest, from its state changes.
func TestLiveShare(t *testing.T) {
	t0 := time.Unix(1_800_000_000, 0)
	var h healthState
	h.noteState(t0, feed.Connecting)
	h.noteState(t0.Add(time.Second), feed.Opened)
	h.noteState(t0.Add(2*time.Second), feed.Live)
	h.noteState(t0.Add(10*time.Minute), feed.Reconnecting)
	h.noteState(t0.Add(10*time.Minute+30*time.Second), feed.Live)
	h.noteState(t0.Add(20*time.Minute), feed.Recreated)
	h.noteState(t0.Add(20*time.Minute+10*time.Second), feed.Live)
	share, outages, longest := h.liveShare(t0, t0.Add(30*time.Minute))
	if want := float64(30*time.Minute-41*time.Second) / float64(30*time.Minute); share != want || outages != 2 || longest != 30*time.Second {
		t.Errorf("the half hour: share %v (want %v), %d outages, longest %s", share, want, outages, longest)
	}
	share, outages, longest = h.liveShare(t0.Add(15*time.Minute), t0.Add(25*time.Minute))
	if want := float64(10*time.Minute-10*time.Second) / float64(10*time.Minute); share != want || outages != 1 || longest != 10*time.Second {
		t.Errorf("from 15 to 25 minutes: share %v (want %v), %d outages, longest %s", share, want, outages, longest)
	}
}

// TestOverviewAtAGlance: O opens the busiest streams with their
// sparklines and counts, the pod's minute and the feed's health (its
// outage and the delivery lag); O closes it.
func TestOverviewAtAGlance(t *testing.T) {
	m := newTestModel(t, 140, 50)
	clock := time.UnixMilli(base + 3_600_000)
	m.now = func() time.Time { return clock }
	at := func(d time.Duration) { clock = time.UnixMilli(base + 3_600_000).Add(d) }
	status := func(s feed.State) {
		update(m, itemsMsg{Items: []engine.Item{{Status: &feed.Status{State: s, Version: "v2"}}}})
	}
	status(feed.Opened)
	status(feed.Live)
	var items []engine.Item
	for i := range 5 {
		items = append(items, live(message("roomA", fmt.Sprintf("a%d", i), 2, clock.Add(-2*time.Second).UnixMilli(), "hot")))
	}
	items = append(items, live(message("roomB", "b1", 2, clock.Add(-time.Second).UnixMilli(), "warm")))
	update(m, batch(items...))
	at(time.Minute)
	status(feed.Reconnecting)
	at(time.Minute + 20*time.Second)
	status(feed.Live)
	at(2 * time.Minute)
	pressKey(m, "O")
	got := screen(m)
	alpha, bravo := strings.Index(got, "5  # Alpha"), strings.Index(got, "1  # Bravo")
	if alpha < 0 || bravo < 0 || alpha > bravo {
		t.Errorf("the busiest streams, Alpha first:\n%s", got)
	}
	for _, want := range []string{"Busiest streams, the last hour", "Busiest streams, the last day", "events, the last minute",
		"Watch rules that matched most", "no match yet",
		"now: live (v2)", "1 outages, the longest 20s", "delivery lag, the last hour", "worst 2s"} {
		if !strings.Contains(got, want) {
			t.Errorf("the overview lacks %q:\n%s", want, got)
		}
	}
	// A tick lays it out again: a new message counts.
	update(m, batch(live(message("roomB", "b2", 2, clock.UnixMilli(), "warmer"))))
	update(m, tickMsg(clock))
	if !strings.Contains(screen(m), "2  # Bravo") {
		t.Errorf("the overview did not follow:\n%s", screen(m))
	}
	update(m, tea.KeyPressMsg{Code: 'o', Text: "O", Mod: tea.ModShift})
	if m.mode == modeText {
		t.Error("O did not close the overview")
	}
}
