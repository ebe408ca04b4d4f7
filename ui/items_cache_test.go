package ui

import (
	"strings"
	"testing"
)

// TestQuoteFollowsItsParent: a reply's quote is laid out again when its
// parent is edited, and when the name of the parent's author is learned.
func TestQuoteFollowsItsParent(t *testing.T) {
	m := newTestModel(t, 100, 30)
	parent := message("roomA", "p1", 3, base+1000, "deploy at nine")
	reply := message("roomA", "r1", 2, base+120_000, "ok")
	reply.ParentMessageID = "p1"
	update(m, batch(live(parent), live(reply)))
	openByKeys(t, m, "roomA")
	if lineWith(timelineLines(m), "↳ User 3: deploy at nine") < 0 {
		t.Fatalf("no quote:\n%s", screen(m))
	}
	edit := message("roomA", "p2", 3, base+200_000, "deploy at ten")
	edit.Replacing, edit.InitialMessageID, edit.InitialTimestamp = "p1", "p1", base+1000
	update(m, batch(live(edit)))
	if lineWith(timelineLines(m), "↳ User 3: deploy at ten") < 0 {
		t.Errorf("the quote did not follow the edit of its parent:\n%s", strings.Join(timelineLines(m), "\n"))
	}
	m.names.Set(3, "Olivia Lindqvist")
	update(m, batch())
	if lineWith(timelineLines(m), "↳ Olivia Lindqvist: deploy at ten") < 0 {
		t.Errorf("the quote did not follow the name of its parent's author:\n%s", strings.Join(timelineLines(m), "\n"))
	}
}
