package ui

import (
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tutti-chat/tutti/internal/sanitize"
)

// maxCachedItems bounds the render cache of one stream; past it, the
// entries that were not on screen in the last frame are dropped.
const maxCachedItems = 2000

// anchor is the scroll position of a stream's pane: the row shown at the
// bottom of the pane, by key and timestamp so that it survives rows being
// inserted above or below it, and how many of its lines are hidden below the
// bottom edge. When follow is set the pane shows the newest row.
type anchor struct {
	follow bool
	key    string
	ts     int64
	below  int
}

// indexOf returns the index of the anchor row of s, or -1 when the timeline
// is empty. A row that is gone (evicted) resolves to its neighbour.
func (m *Model) indexOf(s *stream) int {
	n := s.tl.Len()
	if n == 0 {
		return -1
	}
	a := s.view
	if a.follow || a.key == "" {
		return n - 1
	}
	return findRow(s, a.key, a.ts)
}

// setAnchor makes row i, with below lines hidden, the bottom of the pane.
func (m *Model) setAnchor(s *stream, i, below int) {
	r := s.tl.At(i)
	s.view = anchor{key: r.Key, ts: r.Timestamp, below: below}
	if i == s.tl.Len()-1 && below == 0 {
		s.view = anchor{follow: true}
	}
}

// scrollUp moves the pane of s n lines towards older rows.
func (m *Model) scrollUp(s *stream, n, w int) {
	i := m.indexOf(s)
	if i < 0 || n <= 0 {
		return
	}
	below := s.view.below + n
	if s.view.follow {
		below = n
	}
	for i > 0 && below >= len(m.itemLines(s, i, w)) {
		below -= len(m.itemLines(s, i, w))
		i--
	}
	if i == 0 {
		below = max(0, min(below, len(m.itemLines(s, 0, w))-1))
	}
	m.setAnchor(s, i, below)
}

// scrollDown moves the pane of s n lines towards newer rows.
func (m *Model) scrollDown(s *stream, n, w int) {
	i := m.indexOf(s)
	if i < 0 || s.view.follow || n <= 0 {
		return
	}
	below := s.view.below - n
	last := s.tl.Len() - 1
	for below < 0 {
		if i == last {
			s.view = anchor{follow: true}
			return
		}
		i++
		below += len(m.itemLines(s, i, w))
	}
	m.setAnchor(s, i, below)
}

// scrollTop moves the pane of s to its oldest loaded row.
func (m *Model) scrollTop(s *stream, w int) {
	if s.tl.Len() == 0 {
		return
	}
	// Put the first row at the bottom with all but one line hidden; the
	// frame then clamps so that the first row is at the top.
	m.setAnchor(s, 0, max(0, len(m.itemLines(s, 0, w))-1))
}

// rowsHeight returns how many of the h lines of the timeline of s show its
// rows: all but the last while a search is kept, which that line shows.
func (m *Model) rowsHeight(s *stream, h int) int {
	if h >= 2 && m.searchKept(s) {
		return h - 1
	}
	return h
}

// prepareTimeline appends to dst the h visible lines of stream s at width
// w, walking back from the anchor, and the line of a search kept in s
// under them. It reports whether they show the top of what is loaded.
func (m *Model) prepareTimeline(s *stream, w, h int, dst []string) (lines []string, atTop bool) {
	kept := m.rowsHeight(s, h) < h
	if kept {
		h--
	}
	for pass := 0; pass < 2; pass++ {
		col := m.tlBuf[:0]
		i := m.indexOf(s)
		below := 0
		if !s.view.follow {
			below = s.view.below
		}
		sel := m.selIndex(s)
		hl := m.searchQuery(s)
		for ; i >= 0 && len(col) < h; i-- {
			ls := m.itemLines(s, i, w)
			first := 0 // the first line of the row's body
			if i == sel {
				if c := s.cache[s.tl.At(i).Key]; c != nil {
					first = len(ls) - len(c.body)
				}
			}
			for j := len(ls) - 1 - below; j >= 0 && len(col) < h; j-- {
				l := ls[j]
				if hl != "" {
					l = highlight(l, hl)
				}
				if i == sel && j >= first {
					l = m.markSelected(l)
				}
				col = append(col, l)
			}
			below = 0
		}
		atTop = i < 0 && len(col) < h
		if atTop {
			col = append(col, m.topRow(s, w))
		}
		m.tlBuf = col
		if slack := h - len(col); pass == 0 && slack > 0 && !s.view.follow && s.tl.Len() > 0 {
			// Scrolled past the top: move down so the pane is full.
			m.scrollDown(s, slack, w)
			continue
		}
		break
	}
	for k := len(m.tlBuf); k < h; k++ {
		dst = append(dst, "")
	}
	for k := len(m.tlBuf) - 1; k >= 0; k-- {
		dst = append(dst, m.tlBuf[k])
	}
	if kept {
		dst = append(dst, m.searchKeptLine(s, w))
	}
	return dst, atTop
}

// topRow is the row above the oldest loaded row: what history loading is
// doing there.
func (m *Model) topRow(s *stream, w int) string {
	st := &m.styles
	var text string
	switch {
	case s.kind == KindSearch:
		text = m.resultsTop()
	case s.loadErr != "":
		text = "could not load history: " + s.loadErr
		return st.dim + ansi.Truncate("  "+text, w, "…") + st.reset
	case m.full(s) && !s.reached:
		text = "older history is not kept: a stream holds its newest " + strconv.Itoa(m.maxRows) + " rows (tui.maxRowsPerStream)"
	case s.reached && s.kind == KindActivity:
		text = "everything since tutti started"
	case s.reached && s.kind == KindWatch:
		text = m.watchTopLine(w)
	case s.reached && s.kind == KindConnections:
		text = "connection requests and system events since tutti started"
	case s.reached:
		text = "beginning of the conversation"
	default:
		text = "loading…"
	}
	return st.dim + centre(text, w) + st.reset
}

// full reports whether s holds as many rows as the settings let a stream
// keep: an older page would only be dropped again.
func (m *Model) full(s *stream) bool {
	return m.maxRows > 0 && s.tl.Len() >= m.maxRows
}

// centre centres plain text in w cells.
func centre(text string, w int) string {
	tw := ansi.StringWidth(text)
	if tw >= w {
		return ansi.Truncate(text, w, "…")
	}
	return strings.Repeat(" ", (w-tw)/2) + text
}

// trimCache drops the cache entries of s that were not used in this frame
// once the cache outgrows its bound.
func (m *Model) trimCache(s *stream) {
	if len(s.cache) <= maxCachedItems {
		return
	}
	for k := range s.cache {
		if _, ok := m.used[k]; !ok {
			delete(s.cache, k)
		}
	}
}

// handlePage applies a history page, unless it is stale.
func (m *Model) handlePage(msg pageMsg) {
	s := m.streams[msg.Stream]
	if m.deps.Pager == nil || s == nil {
		return
	}
	if !m.deps.Pager.End(msg.Stream, msg.Gen) {
		s.loading = m.deps.Pager.InFlight(msg.Stream)
		return
	}
	s.loading = false
	p := msg.Page
	for i := range p.Messages {
		m.learnMessage(&p.Messages[i])
	}
	if msg.Fill != nil {
		s.filling = ""
		s.tl.FillGap(*msg.Fill, p.Messages, p.Gap)
		if p.Err != nil {
			m.notify("could not fill the gap: "+sanitize.Line(p.Err.Error()), true)
		}
		return
	}
	s.tl.ApplyPage(p.Messages)
	if p.Err != nil {
		s.loadErr = sanitize.Line(p.Err.Error())
		m.seekPage(s, s.loadErr)
		return
	}
	s.loaded = true
	if p.Reached {
		s.reached = true
	}
	if ts, ok := s.tl.Newest(); ok {
		s.last = max(s.last, ts)
	}
	m.seekPage(s, "")
}

// gapPage is how many messages one press fills of a gap.
const gapPage = 500

// fillGap returns the command that fetches the messages of gap row i of s.
func (m *Model) fillGap(s *stream, i int) tea.Cmd {
	r := s.tl.At(i)
	p := m.deps.Pager
	if p == nil || r.Gap == nil {
		return nil
	}
	gen, ok := p.Begin(s.id)
	if !ok {
		m.notify("history is loading: try again in a moment", false)
		return nil
	}
	s.loading, s.filling = true, r.Key
	return fetchGap(m.ctx, p, s.id, gen, *r.Gap, gapPage)
}

// maybeLoad returns the command that fetches the latest page of s when it
// has none, or older history when the pane shows the top of what is loaded
// or n searches it (seekOlder).
func (m *Model) maybeLoad(s *stream, atTop bool) tea.Cmd {
	if s.kind == KindSearch {
		return m.moreResults(s, atTop)
	}
	p := m.deps.Pager
	if p == nil || s.kind.special() || s.loading || s.loadErr != "" {
		return nil
	}
	if s.loaded && (!atTop && !m.seeking(s) || s.reached || m.full(s)) {
		return nil
	}
	gen, ok := p.Begin(s.id)
	if !ok {
		return nil
	}
	s.loading = true
	if until, has := s.tl.Oldest(); s.loaded && has {
		return fetchOlder(m.ctx, p, s.id, gen, until)
	}
	return fetchLatest(m.ctx, p, s.id, gen)
}
