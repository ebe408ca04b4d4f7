package ui

import (
	"slices"
	"testing"

	"github.com/tutti-chat/tutti/internal/tuiconfig"
)

// TestListKeepsItsOrderUnderTheCursor: while the list has the keys, new
// activity does not move its streams (j lands where the reader saw);
// a stream seen for the first time joins the end of its section; once the
// list loses the keys, it is sorted by activity again.
func TestListKeepsItsOrderUnderTheCursor(t *testing.T) {
	m := newTestModel(t, 120, 30)
	press(m, "tab")
	before := slices.Clone(m.order)
	press(m, "j", "j")
	at := m.cursorID
	last := before[len(before)-2] // the last room: activity would lift it to the top
	update(m, batch(live(message(last, "x1", 4, base+5000, "news")), live(message("roomNew", "n1", 5, base+6000, "hello"))))
	var kept []string
	for _, id := range m.order {
		if slices.Contains(before, id) {
			kept = append(kept, id)
		}
	}
	if !slices.Equal(kept, before) {
		t.Errorf("the list moved under the cursor: %v, was %v", kept, before)
	}
	if m.cursorID != at {
		t.Errorf("the cursor moved from %s to %s", at, m.cursorID)
	}
	if !slices.Contains(m.order, "roomNew") {
		t.Fatalf("a new stream is missing from the list: %v", m.order)
	}
	press(m, "tab") // the list loses the keys
	if i, j := slices.Index(m.order, "imC"), slices.Index(m.order, "roomNew"); m.order[0] != activityID || i < 0 || j < 0 {
		t.Fatalf("order %v", m.order)
	}
	sorted := slices.Clone(m.order)
	m.sortStreams()
	if !slices.Equal(sorted, m.order) {
		t.Errorf("after the list lost the keys the order is %v, want it sorted: %v", sorted, m.order)
	}
}

// TestListOrderByName: tui.listOrder name sorts each section by name,
// whatever the activity.
func TestListOrderByName(t *testing.T) {
	set := tuiconfig.Defaults()
	set.ListOrder = tuiconfig.ListOrderName
	m := newTestModel(t, 120, 30)
	m.listOrder = set.ListOrder
	update(m, batch(live(message("roomB", "b1", 2, base+9000, "newest"))))
	var rooms []string
	for _, id := range m.order {
		if s := m.streams[id]; s.kind == KindRoom {
			rooms = append(rooms, s.name)
		}
	}
	if !slices.IsSorted(rooms) || len(rooms) < 2 {
		t.Errorf("rooms by name: %v", rooms)
	}
}
