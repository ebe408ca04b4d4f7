package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/tutti-chat/tutti/watch"
)

// runCommand runs a switcher command by typing its title.
func runCommand(m *Model, title string) {
	update(m, tea.KeyPressMsg{Code: 'k', Mod: tea.ModCtrl})
	typeText(m, title)
	update(m, tea.KeyPressMsg{Code: tea.KeyEnter})
}

// answer types text into the prompt and accepts it.
func answer(m *Model, text string) {
	typeText(m, text)
	update(m, tea.KeyPressMsg{Code: tea.KeyEnter})
}

// TestWatchRulesFromTheSwitcher: a rule added in the switcher matches
// from then on; switched off, it matches nothing; edited, its new words
// match; saved, the rules go to the config file only then.
func TestWatchRulesFromTheSwitcher(t *testing.T) {
	m := newTestModel(t, 140, 30)
	var saved []watch.Rule
	m.deps.SaveWatch = func(rules []watch.Rule) (string, error) {
		saved = rules
		return "/home/ana/.config/tutti/config.yaml", nil
	}
	ws := m.streams[watchID]
	say := func(id, text string) { update(m, batch(live(message("roomB", id, 3, base+int64(len(id))*1000, text)))) }

	runCommand(m, "Watch: add a rule")
	if m.mode != modePrompt {
		t.Fatalf("add a rule opened %v", m.mode)
	}
	answer(m, "margin call")
	say("b1", "a margin call on the book")
	if ws.tl.Len() != 1 {
		t.Fatalf("the added rule matched %d events, want 1", ws.tl.Len())
	}
	runCommand(m, "Watch: switch a rule on or off")
	answer(m, "MARG") // the only rule whose name starts so
	say("b22", "another margin call")
	if ws.tl.Len() != 1 {
		t.Errorf("a rule switched off matched: Watch holds %d", ws.tl.Len())
	}
	runCommand(m, "Watch: switch a rule on or off")
	answer(m, "margin call")
	runCommand(m, "Watch: edit a rule")
	answer(m, "margin call")
	if got := string(m.prompt.input); got != `word:"margin call"` {
		t.Errorf("the rule to edit, as typed in: %q", got)
	}
	m.prompt.input = nil
	answer(m, "limit breach")
	say("b333", "limit breach on rates")
	if ws.tl.Len() != 2 || !strings.Contains(m.watchTop(), "margin call 2 (2 new)") {
		t.Errorf("the edited rule: Watch holds %d; %q", ws.tl.Len(), m.watchTop())
	}
	if saved != nil {
		t.Fatal("the rules were written before being asked to")
	}
	runCommand(m, "Watch: save the rules")
	if len(saved) != 1 || saved[0].Name != "margin call" || saved[0].Words[0] != "limit breach" {
		t.Errorf("saved %+v", saved)
	}
	if m.status.notice != "watch rules saved to /home/ana/.config/tutti/config.yaml" {
		t.Errorf("saved, the notice names no file: %q", m.status.notice)
	}
	m.deps.SaveWatch = nil
	runCommand(m, "Watch: save the rules")
	if !strings.Contains(m.status.notice, "no config file to save the rules to") {
		t.Errorf("saving without a config file: %q", m.status.notice)
	}
	runCommand(m, "Watch: add a rule")
	answer(m, "re:\"(unclosed\"")
	if !m.status.noticeBad || !strings.Contains(m.status.notice, "no rule added") {
		t.Errorf("a broken rule: %q", m.status.notice)
	}
	if m.mode != modePrompt || string(m.prompt.input) != `re:"(unclosed"` {
		t.Errorf("a broken rule is not asked again as typed: mode %v, %q", m.mode, string(m.prompt.input))
	}
}
