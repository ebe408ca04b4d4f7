package ui

import (
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/tutti-chat/tutti/feed"
	"github.com/tutti-chat/tutti/internal/engine"
)

func TestHelpComesFromTheKeyMap(t *testing.T) {
	m := newTestModel(t, 120, 40)
	press(m, "?")
	if m.mode != modeText {
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
	for _, l := range m.overlayText.lines {
		if strings.HasSuffix(l, " split") {
			splitLine = l
		}
	}
	if !strings.HasPrefix(strings.TrimSpace(splitLine), "S ") {
		t.Errorf("split shows as %q after the override", splitLine)
	}
	// Every action of the key map is listed.
	if n, want := len(m.overlayText.lines), len(m.keys.Actions()); n < want {
		t.Errorf("help has %d lines for %d actions", n, want)
	}
	// q closes help instead of quitting; j scrolls it.
	press(m, "j")
	if m.overlayText.off != 1 {
		t.Errorf("j scrolled help to %d", m.overlayText.off)
	}
	if cmd := update(m, tea.KeyPressMsg{Code: 'q', Text: "q"}); isQuit(cmd) || m.mode == modeText {
		t.Errorf("q in help: quit %v, open %v", isQuit(cmd), m.mode == modeText)
	}
	// In the list, the list's keys come first.
	press(m, "tab", "?")
	if m.base() != modeList || !strings.Contains(screen(m), "Stream list (focused)") {
		t.Errorf("help from the list:\n%s", screen(m))
	}
}

func TestLogKeepsNoticesAndFeedChanges(t *testing.T) {
	m := newTestModel(t, 120, 30)
	press(m, "L")
	if m.mode != modeText || !strings.Contains(screen(m), "nothing yet") {
		t.Fatalf("empty log:\n%s", screen(m))
	}
	press(m, "L")
	if m.mode == modeText {
		t.Fatal("L did not close the log")
	}
	update(m, itemsMsg{Items: []engine.Item{{Status: &feed.Status{State: feed.Reconnecting, Attempt: 2, Err: errors.New("agent said 503")}}}})
	update(m, itemsMsg{Items: []engine.Item{{Status: &feed.Status{State: feed.Live, Version: "v2"}}}})
	m.notify("could not send: too long", true)
	press(m, "L")
	out := screen(m)
	for _, want := range []string{"datafeed reconnecting", "attempt 2", "agent said 503", "datafeed live (v2)", "! could not send: too long"} {
		if !strings.Contains(out, want) {
			t.Errorf("the log lacks %q:\n%s", want, out)
		}
	}
}
