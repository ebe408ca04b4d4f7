package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/tutti-chat/tutti/keymap"
	"github.com/tutti-chat/tutti/messageml"
)

// TestEveryModeAgrees reaches every mode by the keys a person presses and
// checks that everything derived from it agrees: the help's context, the
// status bar's hint, whether q quits, whether the mouse acts, and whether
// a letter is typed or acts.
func TestEveryModeAgrees(t *testing.T) {
	ctrlK := tea.KeyPressMsg{Code: 'k', Mod: tea.ModCtrl}
	cases := []struct {
		mode   mode
		reach  func(t *testing.T, m *Model)
		ctx    keymap.Context
		hint   string // the start of the status bar's hint
		quits  bool   // q quits
		mouse  bool   // a click in the list acts
		typing bool   // a letter is text
	}{
		{modeTimeline, func(t *testing.T, m *Model) { openByKeys(t, m, "roomA") },
			keymap.Timeline, "timeline: j/k move", true, true, false},
		{modeList, func(t *testing.T, m *Model) { press(m, "tab") },
			keymap.StreamList, "stream list: j/k move", true, true, false},
		{modeComposer, func(t *testing.T, m *Model) { openByKeys(t, m, "roomA"); press(m, "i") },
			keymap.Composer, "composer: enter send", false, true, true},
		{modeFilter, func(t *testing.T, m *Model) { press(m, "tab", "/") },
			keymap.ListFilter, "list filter: type to filter", false, true, true},
		{modeSearch, func(t *testing.T, m *Model) { openByKeys(t, m, "roomA"); press(m, "/") },
			keymap.Search, "search: type to search", false, true, true},
		{modeSwitcher, func(t *testing.T, m *Model) { update(m, ctrlK) },
			keymap.Switcher, "switcher: type to filter", false, false, true},
		{modeText, func(t *testing.T, m *Model) { press(m, "?") },
			keymap.Timeline, "keys: j/k scroll", false, false, false},
		{modeInspector, func(t *testing.T, m *Model) { openByKeys(t, m, "roomA"); press(m, "k", "e") },
			keymap.Inspector, "inspector: j/k move", false, false, false},
		{modePeople, func(t *testing.T, m *Model) { openByKeys(t, m, "roomA"); m.deps.People = noPeople{}; pressKey(m, "I") },
			keymap.People, "room info, members and profile: j/k move", false, false, false},
		{modePrompt, func(t *testing.T, m *Model) { openByKeys(t, m, "roomA"); update(m, shifted('J')) },
			keymap.Search, "jump to date: enter jump", false, true, true},
		{modePicker, func(t *testing.T, m *Model) { press(m, "c") },
			keymap.Picker, "people picker: type a name", false, false, true},
		{modeForm, func(t *testing.T, m *Model) {
			res, err := messageml.Convert(releaseForm, "", nil)
			if err != nil {
				t.Fatal(err)
			}
			msg := message("roomA", "form1", 2, base+2000, "")
			msg.Message = res.PresentationML
			update(m, batch(live(msg)))
			m.deps.Forms = &fakeForms{takes: true}
			openByKeys(t, m, "roomA")
			press(m, "k")
			runAll(m, pressKey(m, "enter"))
		}, keymap.Form, "form: type in its fields", false, false, true},
	}
	if len(cases) != len(modes()) {
		t.Fatalf("%d cases for %d modes", len(cases), len(modes()))
	}
	for _, c := range cases {
		t.Run(c.mode.String(), func(t *testing.T) {
			m := newTestModel(t, 120, 30)
			update(m, batch(live(message("roomA", "a1", 2, base+1000, "hello"))))
			c.reach(t, m)
			if m.mode != c.mode {
				t.Fatalf("reached %v, want %v", m.mode, c.mode)
			}
			if got := m.mode.context(); got != c.ctx {
				t.Errorf("help context %v, want %v", got, c.ctx)
			}
			if got := m.hint(); !strings.HasPrefix(got, c.hint) {
				t.Errorf("hint %q, want it to start %q", got, c.hint)
			}
			if !strings.Contains(screen(m), c.hint) {
				t.Errorf("the status bar lacks the hint %q:\n%s", c.hint, screen(m))
			}
			if got := m.mode.quits(); got != c.quits {
				t.Errorf("quits %v, want %v", got, c.quits)
			}
			if got := m.pointerFree(2); got != c.mouse {
				t.Errorf("mouse free %v, want %v", got, c.mouse)
			}
			if got := m.mode.typing(); got != c.typing {
				t.Errorf("typing %v, want %v", got, c.typing)
			}
			// What q does agrees with quits: it quits, or it stays in the
			// program (as text, or closing an overlay).
			cmd := update(m, tea.KeyPressMsg{Code: 'q', Text: "q"})
			if isQuit(cmd) != c.quits {
				t.Errorf("q quit %v, want %v", isQuit(cmd), c.quits)
			}
		})
	}
}

// TestOverlaysGiveTheKeysBack: closing an overlay gives the keys back to
// what had them when it opened, and a global key ends typing first.
func TestOverlaysGiveTheKeysBack(t *testing.T) {
	m := newTestModel(t, 120, 30)
	press(m, "tab", "?")
	if m.mode != modeText || m.base() != modeList {
		t.Fatalf("help from the list: mode %v over %v", m.mode, m.base())
	}
	press(m, "?")
	if m.mode != modeList {
		t.Errorf("help closed to %v, want the list", m.mode)
	}
	press(m, "/", "a")
	update(m, tea.KeyPressMsg{Code: 'k', Mod: tea.ModCtrl})
	if m.mode != modeSwitcher || m.base() != modeList || string(m.filter.query) != "a" {
		t.Fatalf("switcher over the filter: mode %v over %v, query %q", m.mode, m.base(), string(m.filter.query))
	}
	update(m, tea.KeyPressMsg{Code: tea.KeyEscape})
	if m.mode != modeList {
		t.Errorf("the switcher closed to %v, want the list (the filter's typing ended, its query stays)", m.mode)
	}
}
