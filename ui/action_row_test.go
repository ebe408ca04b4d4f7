package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// newestUnderEvent returns a model showing roomA, whose newest row is a
// join under its newest message, with nothing selected.
func newestUnderEvent(t *testing.T) *Model {
	t.Helper()
	m := newTestModel(t, 100, 24)
	update(m, batch(
		live(message("roomA", "a1", 2, base+1000, "older words")),
		live(message("roomA", "a2", 3, base+2000, "the newest words")),
		joined("roomA", 11, "Ana", base+3000),
	))
	openByKeys(t, m, "roomA")
	if s := m.streams["roomA"]; s.sel.key != "" {
		t.Fatal("a row is selected at the start")
	}
	return m
}

// TestCopyWithNothingSelected: y with nothing selected copies the newest
// message, not the event row under it, selects it so that it shows, and
// says so.
func TestCopyWithNothingSelected(t *testing.T) {
	m := newestUnderEvent(t)
	cmd := update(m, tea.KeyPressMsg{Code: 'y', Text: "y"})
	if got := selectedText(m); got != "the newest words" {
		t.Fatalf("y acted on %q, want the newest message", got)
	}
	if marked := markedLines(m); len(marked) != 1 || !strings.Contains(marked[0], "the newest words") {
		t.Errorf("the row y copied is not marked: %q\n%s", marked, screen(m))
	}
	if clip := fmt.Sprint(run[tea.Msg](cmd)); !strings.Contains(clip, "the newest words") {
		t.Errorf("the clipboard command carries %s", clip)
	}
	if want := "copied the newest message (nothing was selected): 16 characters"; !strings.HasPrefix(m.status.notice, want) {
		t.Errorf("y said %q, want %q…", m.status.notice, want)
	}
	// With the row selected, y says no more than what it copied.
	update(m, tea.KeyPressMsg{Code: 'y', Text: "y"})
	if strings.Contains(m.status.notice, "nothing was selected") {
		t.Errorf("y on the selected row said %q", m.status.notice)
	}
}

// TestInspectWithNothingSelected: e with nothing selected inspects the
// newest message, selects it so that it shows once the inspector closes,
// and says so.
func TestInspectWithNothingSelected(t *testing.T) {
	m := newestUnderEvent(t)
	press(m, "e")
	if m.mode != modeInspector || !strings.Contains(m.insp.json, `"messageId": "a2"`) {
		t.Fatalf("e inspected:\n%s", m.insp.json)
	}
	if want := "inspecting the newest message (nothing was selected)"; m.status.notice != want {
		t.Errorf("e said %q, want %q", m.status.notice, want)
	}
	update(m, tea.KeyPressMsg{Code: tea.KeyEscape})
	if m.mode == modeInspector {
		t.Fatal("esc left the inspector open")
	}
	if marked := markedLines(m); len(marked) != 1 || !strings.Contains(marked[0], "the newest words") {
		t.Errorf("the row e inspected is not marked: %q\n%s", marked, screen(m))
	}
}
