package ui

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/internal/sanitize"
	"github.com/tutti-chat/tutti/symphony"
	"github.com/tutti-chat/tutti/watch"
)

// watchID is the id of the Watch stream: the events that match a watch
// rule, beside Activity.
const watchID = " watch"

// SignalsFunc lists the account's Symphony signals
// (symphony.Client.AllSignals), which become read-only watch rules.
type SignalsFunc func(ctx context.Context) ([]symphony.Signal, error)

// watchState is the watch rules and what they matched: the matcher, the
// marks of the Watch stream's rows (which rules, which words), and the
// matches of each rule.
type watchState struct {
	own     []watch.Rule // the configuration's and the switcher's
	signals []watch.Rule // the account's signals, read-only
	matcher *watch.Matcher
	// live says whether any rule is on: without one, no event is matched.
	live    bool
	marks   map[string]watchMark // by the key of a Watch row's event
	counts  map[string]*ruleCount
	err     string // why the rules or the signals could not be used
	unsaved bool   // the user's rules changed since the config was read or saved
}

// watchMark is what a row of the Watch stream matched.
type watchMark struct {
	rules []string // the names of the rules, in the matcher's order
	words []string // the text the rules' words and expression matched
}

// ruleCount is a rule's matches since tutti started, and those not seen.
type ruleCount struct{ total, unseen int }

// signalsMsg is the account's signals, or why not.
type signalsMsg struct {
	signals []symphony.Signal
	err     error
}

// initWatch sets up the rules of the configuration and the Watch stream.
func (m *Model) initWatch(rules []watch.Rule) {
	m.watch = watchState{own: slices.Clone(rules), marks: map[string]watchMark{}, counts: map[string]*ruleCount{}}
	m.streams[watchID] = m.newStream(watchID, "Watch", KindWatch)
	m.rebuildMatcher()
}

// rebuildMatcher makes the matcher of the rules now, the user's then the
// signals'.
func (m *Model) rebuildMatcher() {
	w := &m.watch
	rules := append(slices.Clone(w.own), w.signals...)
	mt, err := watch.New(rules, m.names)
	w.err = ""
	if err != nil {
		w.err = "watch rules: " + sanitize.Line(err.Error())
		m.notify(w.err, true)
		return
	}
	w.matcher = mt
	w.live = slices.ContainsFunc(rules, func(r watch.Rule) bool { return !r.Disabled })
}

// fetchSignals returns the command that lists the account's signals; nil
// without a pod to ask.
func (m *Model) fetchSignals() tea.Cmd {
	f, ctx := m.deps.Signals, m.ctx
	if f == nil {
		return nil
	}
	return func() tea.Msg {
		sigs, err := f(ctx)
		if err != nil {
			err = fmt.Errorf("list signals: %w", err)
		}
		return signalsMsg{signals: sigs, err: err}
	}
}

// handleSignals makes the signals rules.
func (m *Model) handleSignals(msg signalsMsg) {
	if msg.err != nil {
		m.watch.err = sanitize.Line(msg.err.Error())
		m.record("watch: the account's signals are not rules: "+m.watch.err, true)
		return
	}
	rules, errs := watch.SignalRules(msg.signals)
	for _, err := range errs {
		m.record("watch: a signal is not a rule: "+sanitize.Line(err.Error()), true)
	}
	m.watch.signals = rules
	m.rebuildMatcher()
}

// watchEvent checks a live event against the rules and, when it matches,
// puts it in the Watch stream with its marks; it reports the hits.
func (m *Model) watchEvent(ev *symphony.V4Event) []watch.Hit {
	w := &m.watch
	if w.matcher == nil || !w.live {
		return nil
	}
	hits := w.matcher.Match(ev)
	if len(hits) == 0 {
		return nil
	}
	ws := m.streams[watchID]
	if ws.tl.ApplyLive(*ev) == history.Unchanged {
		return nil
	}
	mark := watchMark{}
	for _, h := range hits {
		// A signal's alternatives are rules of one name: one mark, one
		// count.
		if slices.Contains(mark.rules, h.Rule.Name) {
			continue
		}
		mark.rules = append(mark.rules, h.Rule.Name)
		for _, sp := range h.Spans {
			if sp.Start >= 0 && sp.End <= len(h.Text) && sp.Start < sp.End {
				if word := h.Text[sp.Start:sp.End]; !slices.Contains(mark.words, word) {
					mark.words = append(mark.words, word)
				}
			}
		}
		c := w.counts[h.Rule.Name]
		if c == nil {
			c = &ruleCount{}
			w.counts[h.Rule.Name] = c
		}
		c.total++
		if !m.onScreen(watchID) {
			c.unseen++
		}
	}
	w.marks[watchKeyOf(ev)] = mark
	if len(w.marks) > 2*max(m.maxRows, 1) {
		m.trimWatchMarks(ws)
	}
	ws.last = max(ws.last, ev.Timestamp)
	if !m.onScreen(watchID) {
		ws.unread++
		if msg := ev.Message(); msg != nil && m.meStr != "" && strings.Contains(msg.Data, m.meStr) {
			ws.mentions++
		}
	}
	return hits
}

// watchKeyOf is the key of an event's marks: the message's id, or the
// event's.
func watchKeyOf(ev *symphony.V4Event) string {
	if msg := ev.Message(); msg != nil {
		return symphony.CanonicalID(msg.MessageID)
	}
	return ev.ID
}

// watchMarkOf returns the marks of a row of the Watch stream.
func (m *Model) watchMarkOf(r history.Row) (watchMark, bool) {
	if r.Event != nil {
		if mk, ok := m.watch.marks[watchKeyOf(r.Event)]; ok {
			return mk, true
		}
	}
	if r.Message != nil {
		mk, ok := m.watch.marks[symphony.CanonicalID(r.Message.ID)]
		return mk, ok
	}
	return watchMark{}, false
}

// seenWatch clears the rules' unseen counts: the Watch stream is shown.
func (m *Model) seenWatch() {
	for _, c := range m.watch.counts {
		c.unseen = 0
	}
}

// watchTop is the line at the top of the Watch stream: the rules and their
// matches, or how to have some.
func (m *Model) watchTop() string { return m.watchTopLine(0) }

// watchTopLine is watchTop fitted to w cells (0: whatever its width): the
// rules with matches not yet seen first, then those that matched most,
// then the others, each in the order of the rules when they tie; what
// does not fit is counted, and the overview has it.
func (m *Model) watchTopLine(w int) string {
	wt := &m.watch
	if wt.matcher == nil || len(wt.matcher.Rules()) == 0 {
		return "no watch rules: tui.watch in the config, the account's signals, or Watch: add a rule in the switcher"
	}
	type part struct {
		text          string
		unseen, total int
		off           bool
	}
	var parts []part
	var named []string
	for _, r := range wt.matcher.Rules() {
		if slices.Contains(named, r.Name) {
			continue // a signal's alternatives, one name
		}
		named = append(named, r.Name)
		c := wt.counts[r.Name]
		p := part{off: r.Disabled}
		if c != nil {
			p.unseen, p.total = c.unseen, c.total
		}
		switch {
		case r.Disabled:
			p.text = r.Name + " off"
		case p.unseen > 0:
			p.text = fmt.Sprintf("%s %d (%d new)", r.Name, p.total, p.unseen)
		default:
			p.text = fmt.Sprintf("%s %d", r.Name, p.total)
		}
		parts = append(parts, p)
	}
	slices.SortStableFunc(parts, func(a, b part) int {
		if a.off != b.off {
			if a.off {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(b.unseen, a.unseen), cmp.Compare(b.total, a.total))
	})
	more := func(n int) string {
		return fmt.Sprintf("%d more in the overview (%s)", n, firstKey(m.keys.Normal.Overview))
	}
	const head = "matches since tutti started: "
	texts := make([]string, len(parts))
	for i, p := range parts {
		texts[i] = p.text
	}
	if full := head + strings.Join(texts, " · "); w <= 0 || ansi.StringWidth(full) <= w {
		return full
	}
	// The whole line does not fit: as many rules as leave room to count
	// the others (at least one).
	line := head + texts[0]
	for i := 1; i < len(texts); i++ {
		if ansi.StringWidth(line+" · "+texts[i]+" · "+more(len(texts)-i-1)) > w {
			return line + " · " + more(len(texts)-i)
		}
		line += " · " + texts[i]
	}
	return line
}

// watchRulesNote names the rules a Watch row matched: "  ⚑ incidents".
func (m *Model) watchRulesNote(r history.Row) string {
	mk, ok := m.watchMarkOf(r)
	if !ok || len(mk.rules) == 0 {
		return ""
	}
	return "  ⚑ " + sanitize.Line(strings.Join(mk.rules, ", "))
}

// trimWatchMarks forgets the marks of rows the Watch stream no longer
// holds (its timeline keeps its newest maxRows rows): without it, a busy
// pod's matches would be remembered forever.
func (m *Model) trimWatchMarks(ws *stream) {
	kept := make(map[string]watchMark, ws.tl.Len())
	for i := range ws.tl.Len() {
		r := ws.tl.At(i)
		var keys []string
		if r.Event != nil {
			keys = append(keys, watchKeyOf(r.Event))
		}
		if r.Message != nil {
			keys = append(keys, symphony.CanonicalID(r.Message.ID))
		}
		for _, k := range keys {
			if mk, ok := m.watch.marks[k]; ok {
				kept[k] = mk
			}
		}
	}
	m.watch.marks = kept
}
