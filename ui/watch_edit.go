package ui

import (
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/tutti-chat/tutti/internal/sanitize"
	"github.com/tutti-chat/tutti/watch"
)

// SaveWatchFunc writes the user's watch rules to the config file
// (tuiconfig.WriteWatch) and returns the file's name; nil when tutti runs
// without one.
type SaveWatchFunc func(rules []watch.Rule) (file string, err error)

// exprHelp is what a rule's prompt takes.
const exprHelp = `$UST10Y #incident @Ana by:Ana in:"Rates Desk" in:im type:USERJOINEDROOM re:"sev ?1" words`

// askWatchRule asks for a new rule, written on one line.
func (m *Model) askWatchRule() { m.askNewRule("") }

// askNewRule asks for a new rule, input typed in: a rule that cannot be
// read is asked again as it was typed, so that it can be mended.
func (m *Model) askNewRule(input string) {
	p := promptState{label: "new watch rule", help: exprHelp, verb: "add", answer: func(m *Model, text string) tea.Cmd {
		r, err := watch.ParseExpr(text)
		if err != nil {
			m.notify("no rule added: "+sanitize.Line(err.Error()), true)
			m.askNewRule(text)
			return nil
		}
		if m.ownRule(r.Name) >= 0 {
			m.notify("no rule added: a rule named "+r.Name+" exists", true)
			return nil
		}
		m.setOwnRules(append(slices.Clone(m.watch.own), r), "rule "+r.Name+" added")
		return nil
	}}
	p.input = []rune(input)
	m.ask(p)
}

// askEditRule asks which rule to edit, then its new expression, the old
// one typed in.
func (m *Model) askEditRule() {
	m.askRuleName("edit watch rule", "edit", func(m *Model, i int) tea.Cmd {
		m.askRuleExpr(i, m.watch.own[i].Expr())
		return nil
	})
}

// askRuleExpr asks for the new expression of the user's rule i, input
// typed in; one that cannot be read is asked again as it was typed.
func (m *Model) askRuleExpr(i int, input string) {
	old := m.watch.own[i]
	p := promptState{label: "rule " + old.Name, help: exprHelp, verb: "save", answer: func(m *Model, text string) tea.Cmd {
		r, err := watch.ParseExpr(text)
		if err != nil {
			m.notify("rule "+old.Name+" unchanged: "+sanitize.Line(err.Error()), true)
			m.askRuleExpr(i, text)
			return nil
		}
		r.Name, r.Disabled = old.Name, old.Disabled
		rules := slices.Clone(m.watch.own)
		rules[i] = r
		m.setOwnRules(rules, "rule "+old.Name+" changed")
		return nil
	}}
	p.input = []rune(input)
	m.ask(p)
}

// askToggleRule asks which rule to switch on or off.
func (m *Model) askToggleRule() {
	m.askRuleName("switch a watch rule on or off", "switch", func(m *Model, i int) tea.Cmd {
		rules := slices.Clone(m.watch.own)
		rules[i].Disabled = !rules[i].Disabled
		state := "on"
		if rules[i].Disabled {
			state = "off"
		}
		m.setOwnRules(rules, "rule "+rules[i].Name+" "+state)
		return nil
	})
}

// askRuleName asks for the name of one of the user's rules and calls then
// with its index; the signals' rules are the pod's, not to change here.
func (m *Model) askRuleName(label, verb string, then func(m *Model, i int) tea.Cmd) {
	if len(m.watch.own) == 0 {
		m.notify("no watch rule of yours: add one first (Watch: add a rule)", false)
		return
	}
	names := make([]string, len(m.watch.own))
	for i, r := range m.watch.own {
		names[i] = r.Name
	}
	m.ask(promptState{label: label, help: "one of: " + strings.Join(names, ", "), verb: verb, answer: func(m *Model, text string) tea.Cmd {
		i := m.ownRuleByPrefix(strings.TrimSpace(text))
		if i < 0 {
			if slices.ContainsFunc(m.watch.signals, func(r watch.Rule) bool { return strings.EqualFold(r.Name, strings.TrimSpace(text)) }) {
				m.notify(text+" is a Symphony signal's rule: change the signal in Symphony", false)
				return nil
			}
			m.notify("no watch rule named "+text, true)
			return nil
		}
		return then(m, i)
	}})
}

// ownRuleByPrefix returns the index of the user's rule named name, or
// else of the only one whose name starts with it (ignoring case); -1 when
// there is none, or several.
func (m *Model) ownRuleByPrefix(name string) int {
	if i := m.ownRule(name); i >= 0 || name == "" {
		return i
	}
	found := -1
	for i, r := range m.watch.own {
		if strings.HasPrefix(strings.ToLower(r.Name), strings.ToLower(name)) {
			if found >= 0 {
				return -1
			}
			found = i
		}
	}
	return found
}

// ownRule returns the index of the user's rule named name (ignoring
// case), -1 when there is none.
func (m *Model) ownRule(name string) int {
	return slices.IndexFunc(m.watch.own, func(r watch.Rule) bool { return strings.EqualFold(r.Name, name) })
}

// setOwnRules makes rules the user's rules, matched from now on; done
// says what changed. The config file is written only when asked
// (saveWatchRules).
func (m *Model) setOwnRules(rules []watch.Rule, done string) {
	old := m.watch.own
	m.watch.own = rules
	m.rebuildMatcher()
	if m.watch.matcher == nil || m.watch.err != "" {
		m.watch.own, m.watch.err = old, ""
		m.rebuildMatcher()
		return
	}
	m.watch.unsaved = true
	m.notify(done+" (Watch: save the rules writes them to the config file)", false)
}

// saveWatchRules writes the user's rules to the config file.
func (m *Model) saveWatchRules() {
	if m.deps.SaveWatch == nil {
		m.notify("no config file to save the rules to: tutti runs without one (tutti config init makes one)", false)
		return
	}
	file, err := m.deps.SaveWatch(m.watch.own)
	if err != nil {
		m.notify(sanitize.Line(err.Error()), true)
		return
	}
	m.watch.unsaved = false
	m.notify("watch rules saved to "+sanitize.Line(file), false)
}
