package ui

import (
	"strings"
	"testing"
)

// TestExpandACollapsedCard: x expands the selected message's collapsed
// card, and again collapses it; a message with nothing collapsed says so.
func TestExpandACollapsedCard(t *testing.T) {
	m := newTestModel(t, 120, 30)
	card := message("roomA", "c1", 2, base+1000, "")
	card.Message = `<div data-format="PresentationML" data-version="2.0"><div class="expandable-card" data-state="collapsed">` +
		`<div class="expandableCardHeader">Deploy report</div><div class="expandableCardBody">all 42 checks green</div></div></div>`
	plain := message("roomA", "p1", 2, base+2000, "just text")
	update(m, batch(live(card), live(plain)))
	openByKeys(t, m, "roomA")
	if strings.Contains(screen(m), "all 42 checks green") || !strings.Contains(screen(m), "Deploy report") {
		t.Fatalf("the card is not collapsed:\n%s", screen(m))
	}
	press(m, "k", "k", "x") // select the card, expand it
	if !strings.Contains(screen(m), "all 42 checks green") {
		t.Fatalf("x did not expand the card:\n%s", screen(m))
	}
	press(m, "x")
	if strings.Contains(screen(m), "all 42 checks green") {
		t.Errorf("x again did not collapse the card:\n%s", screen(m))
	}
	press(m, "j", "x") // the plain message
	if !strings.Contains(screen(m), "nothing is collapsed in this message") {
		t.Errorf("x on a plain message says nothing:\n%s", screen(m))
	}
}

// TestExpandALongMessage: a message longer than maxItemLines shows whole
// once expanded.
func TestExpandALongMessage(t *testing.T) {
	m := newTestModel(t, 120, 60)
	var b strings.Builder
	for i := range maxItemLines + 10 {
		b.WriteString("line " + string(rune('a'+i%26)) + "<br/>")
	}
	b.WriteString("the very end")
	long := message("roomA", "l1", 2, base+1000, b.String())
	update(m, batch(live(long)))
	openByKeys(t, m, "roomA")
	if strings.Contains(screen(m), "the very end") {
		t.Fatalf("the long message is not collapsed:\n%s", screen(m))
	}
	press(m, "k", "x", "G")
	if !strings.Contains(screen(m), "the very end") {
		t.Errorf("x did not show the whole message:\n%s", screen(m))
	}
}
