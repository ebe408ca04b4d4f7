package ui

import (
	"cmp"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tutti-chat/tutti/internal/sanitize"
)

// switcherState is the quick switcher: a query and the streams and
// commands it ranks.
type switcherState struct {
	query   []rune
	results []string // stream ids and command ids, best first
	sel     string   // the selected result's id
	cursor  int      // the index of sel in results
	off     int      // the first result shown
	// The streams ranked for rankedQuery over the list of generation
	// rankedGen, best first: ranked again only when either changes.
	streamHits  []string
	rankedQuery string
	rankedGen   int
	// forward, when set, is the forward the switcher picks a stream for
	// (msgactions.go): opening a stream gives it the forward.
	forward *msgAction
}

// openSwitcher shows the quick switcher with an empty query; the composer's
// draft stays as it is.
func (m *Model) openSwitcher() {
	m.sw = switcherState{query: m.sw.query[:0]}
	m.cover(modeSwitcher)
	m.rankSwitcher()
}

// closeSwitcher hides the quick switcher and gives the keys back to what
// had them when it opened; the composer only through startCompose, which
// refuses a read-only stream.
func (m *Model) closeSwitcher() {
	m.uncover()
	if m.mode == modeComposer {
		m.mode = modeTimeline
		m.startCompose()
	}
}

// handleSwitcherKey routes a key press while the switcher is open: its
// moves, open and close, and otherwise text for the query. It returns the
// command of a command result run, if any.
func (m *Model) handleSwitcherKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys.Switcher
	switch {
	case key.Matches(msg, k.Close):
		m.closeSwitcher()
		return nil
	case key.Matches(msg, k.Open):
		id := m.sw.sel
		if id == "" {
			m.closeSwitcher()
			return nil
		}
		if c, ok := m.commandByID(id); ok {
			// A command acts on the panes: not back into the composer,
			// whose draft stays.
			if m.under == modeComposer {
				m.under = modeTimeline
			}
			m.closeSwitcher()
			return c.run(m)
		}
		if m.sw.forward != nil {
			return m.forwardTo(id)
		}
		m.openStream(id)
		m.cursorID = id
		m.cursor = max(0, slices.Index(m.order, id))
		m.mode = modeTimeline
		return nil
	case key.Matches(msg, k.Down):
		m.moveSwitcher(1)
		return nil
	case key.Matches(msg, k.Up):
		m.moveSwitcher(-1)
		return nil
	}
	var ok bool
	if m.sw.query, ok = editQuery(m.sw.query, msg); !ok {
		return nil
	}
	m.sw.sel = ""
	m.rankSwitcher()
	return nil
}

// moveSwitcher moves the switcher's selection by d results.
func (m *Model) moveSwitcher(d int) {
	if len(m.sw.results) == 0 {
		return
	}
	m.sw.cursor = max(0, min(len(m.sw.results)-1, m.sw.cursor+d))
	m.sw.sel = m.sw.results[m.sw.cursor]
}

// rankSwitcher ranks the streams against the query: by fuzzy score of
// their names, then by last activity, then by name; the selection stays on
// its stream when that still matches, else goes to the best.
func (m *Model) rankSwitcher() {
	type hit struct {
		s     *stream
		score int
	}
	q := strings.TrimSpace(string(m.sw.query))
	if q != m.sw.rankedQuery || m.listGen != m.sw.rankedGen || m.sw.streamHits == nil {
		// The streams' ranking changes only with the query or the list.
		hits := make([]hit, 0, len(m.streams))
		for _, s := range m.streams {
			if sc, ok := fuzzyScore(q, s.name); ok {
				hits = append(hits, hit{s, sc})
			}
		}
		slices.SortFunc(hits, func(a, b hit) int {
			if a.score != b.score {
				return cmp.Compare(b.score, a.score)
			}
			if a.s.last != b.s.last {
				return cmp.Compare(b.s.last, a.s.last)
			}
			return compareNames(a.s, b.s)
		})
		m.sw.streamHits = make([]string, 0, len(hits))
		for _, h := range hits {
			m.sw.streamHits = append(m.sw.streamHits, h.s.id)
		}
		m.sw.rankedQuery, m.sw.rankedGen = q, m.listGen
	}
	m.sw.results = append(m.sw.results[:0], m.sw.streamHits...)
	// Commands after the streams: with a query, those that match it, best
	// first; with none, all of them, for discovery.
	type cmdHit struct {
		id    string
		score int
	}
	var cmds []cmdHit
	for _, c := range m.commands() {
		if sc, ok := fuzzyScore(q, c.title); ok {
			cmds = append(cmds, cmdHit{c.id, sc})
		}
	}
	slices.SortStableFunc(cmds, func(a, b cmdHit) int { return cmp.Compare(b.score, a.score) })
	for _, c := range cmds {
		m.sw.results = append(m.sw.results, c.id)
	}
	m.sw.results = m.findFirst(m.sw.results, q)
	m.sw.cursor = max(0, slices.Index(m.sw.results, m.sw.sel))
	m.sw.sel = ""
	if len(m.sw.results) > 0 {
		m.sw.sel = m.sw.results[m.sw.cursor]
	}
}

// prepareSwitcher lays out the switcher over the timeline area, w cells
// wide and h lines high: the query as the pane's title, then the results.
func (m *Model) prepareSwitcher(w, h int) {
	st := &m.styles
	m.rankSwitcher()
	prompt := " ⌕ switch to: "
	if m.sw.forward != nil {
		prompt = " ↪ forward to: "
	}
	m.swLines = append(m.swLines[:0], pad(st.title+truncate(prompt+sanitize.Line(string(m.sw.query)), max(0, w-1))+"\x1b[7m \x1b[27m"+st.reset, w))
	rows := max(0, h-1)
	if len(m.sw.results) == 0 {
		if rows > 0 {
			m.swLines = append(m.swLines, st.dim+truncate("   no stream or command matches", w)+st.reset)
		}
	} else {
		if m.sw.cursor < m.sw.off {
			m.sw.off = m.sw.cursor
		}
		if m.sw.cursor >= m.sw.off+rows {
			m.sw.off = m.sw.cursor - rows + 1
		}
		m.sw.off = max(0, min(m.sw.off, len(m.sw.results)-rows))
		for i := m.sw.off; i < len(m.sw.results) && len(m.swLines) < h; i++ {
			var line string
			if c, ok := m.commandByID(m.sw.results[i]); ok {
				line = m.commandRow(c, w)
			} else {
				line = m.streamRow(m.streams[m.sw.results[i]], w)
			}
			if i == m.sw.cursor {
				line = st.selected + ansi.Strip(line) + st.reset
			}
			m.swLines = append(m.swLines, line)
		}
	}
	if len(m.swLines) < h {
		hint := "   " + firstKey(m.keys.Switcher.Down) + "/" + firstKey(m.keys.Switcher.Up) + " move · " +
			firstKey(m.keys.Switcher.Open) + " open · " + firstKey(m.keys.Switcher.Close) + " close"
		m.swLines = append(m.swLines, st.dim+truncate(hint, w)+st.reset)
	}
	m.overlay = m.swLines
}
