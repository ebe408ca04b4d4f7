package ui

import (
	"strings"
	"testing"

	"github.com/tutti-chat/tutti/symphony"
)

func TestReplyQuotesItsParent(t *testing.T) {
	m := newTestModel(t, 100, 30)
	parent := message("roomA", "p1", 3, base+1000, "<b>Is the</b> deploy still on for tonight?")
	reply := message("roomA", "r1", 2, base+2000, "yes, at nine")
	reply.ParentMessageID = "p1"
	orphan := message("roomA", "r2", 2, base+3000, "agreed")
	orphan.ParentMessageID = "gone"
	update(m, batch(live(reply), live(orphan)))
	openByKeys(t, m, "roomA")
	if out := screen(m); strings.Count(out, "↳ reply to an earlier message") != 2 {
		t.Errorf("replies without their parent:\n%s", out)
	}
	// The parent arrives with older history: the quote shows it.
	loadLatest(t, m, "roomA", []symphony.V4Message{parent}, true)
	out := screen(m)
	if !strings.Contains(out, "↳ User 3: Is the deploy still on for tonight?") {
		t.Errorf("the quote does not show the parent:\n%s", out)
	}
	if strings.Count(out, "↳ reply to an earlier message") != 1 {
		t.Errorf("the orphan's quote changed:\n%s", out)
	}
}
