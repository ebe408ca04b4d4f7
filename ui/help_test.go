package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

func TestHelpComesFromTheKeyMap(t *testing.T) {
	m := newTestModel(t, 120, 40)
	press(m, "?")
	if !m.help.open {
		t.Fatal("? did not open help")
	}
	scr := screen(m)
	// The focused context (the timeline) first, with its live keys.
	if !strings.Contains(scr, "Timeline (focused)") || !strings.Contains(scr, "j/↓") {
		t.Errorf("help lacks the timeline's keys:\n%s", scr)
	}
	// An override shows at once: help is built from the live key map.
	press(m, "?")
	if err := m.keys.Override("normal.split", []string{"S"}); err != nil {
		t.Fatal(err)
	}
	press(m, "?")
	var splitLine string
	for _, l := range m.help.lines {
		if strings.HasSuffix(l, " split") {
			splitLine = l
		}
	}
	if !strings.HasPrefix(strings.TrimSpace(splitLine), "S ") {
		t.Errorf("split shows as %q after the override", splitLine)
	}
	// Every action of the key map is listed.
	if n, want := len(m.help.lines), len(m.keys.Actions()); n < want {
		t.Errorf("help has %d lines for %d actions", n, want)
	}
	// q closes help instead of quitting; j scrolls it.
	press(m, "j")
	if m.help.off != 1 {
		t.Errorf("j scrolled help to %d", m.help.off)
	}
	if cmd := update(m, tea.KeyPressMsg{Code: 'q', Text: "q"}); isQuit(cmd) || m.help.open {
		t.Errorf("q in help: quit %v, open %v", isQuit(cmd), m.help.open)
	}
	// In the list, the list's keys come first.
	press(m, "tab", "?")
	if m.focus != focusList || !strings.Contains(screen(m), "Stream list (focused)") {
		t.Errorf("help from the list:\n%s", screen(m))
	}
}
