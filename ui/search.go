package ui

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tutti-chat/tutti/internal/sanitize"
)

// searchPages is how many older pages n loads in one go while no older
// match turns up; n again goes on.
const searchPages = 10

// searchState is the search of the focused pane: the query being typed
// and, once typed, the query whose matches are highlighted and that n and
// N move between.
type searchState struct {
	input  []rune
	query  string // the query in effect
	stream string // the stream it searches
	// Where the pane was when the search began, restored by esc.
	origin    anchor
	originSel selection
	// matches caches the rows that match the query, for the count.
	matches searchMatches
	// seek is n going on into older history, while it does.
	seek searchSeek
}

// searchMatches are the indices of the loaded rows of the searched stream
// that match the query, oldest first. They are worked out again when key
// changes: the query, or the rows (their number, their ends, the newest
// event, which an edit or a removal moves, and whether membership rows
// show), so that a frame does not search the whole history.
type searchMatches struct {
	key  matchesKey
	rows []int
}

// matchesKey is what the matches of a search depend on.
type matchesKey struct {
	query          string
	n              int
	oldest, newest int64
	last           int64
	hide           bool
}

// searchSeek is a search of n into older history: it loads the next older
// page, as scrolling to the top does, searches the rows it brings, and goes
// on until a match, the beginning of the history or searchPages pages.
type searchSeek struct {
	active bool
	// before is the row that was the oldest loaded when the page in
	// flight was asked for: the rows older than it are new.
	before selection
	pages  int // older pages searched so far
}

// searchQuery returns the query whose matches are highlighted in the pane
// of s, "" when none.
func (m *Model) searchQuery(s *stream) string {
	if m.search.stream != s.id {
		return ""
	}
	return m.search.query
}

// startSearch opens the search input of the focused pane, which gets the
// focus so that the input shows.
func (m *Model) startSearch(s *stream) {
	m.mode = modeSearch
	m.search = searchState{stream: s.id, origin: s.view, originSel: s.sel}
}

// handleSearchKey edits the query while it is typed; every change moves to
// the newest match at or above where the search began.
func (m *Model) handleSearchKey(msg tea.KeyPressMsg) {
	s := m.streams[m.search.stream]
	if s == nil {
		m.search = searchState{}
		m.mode = modeTimeline
		return
	}
	switch {
	case key.Matches(msg, m.keys.Search.Accept):
		m.mode = modeTimeline
		if m.search.query == "" {
			m.search = searchState{}
		} else if m.selIndex(s) < 0 {
			note := "no match for “" + m.search.query + "” in what is loaded"
			if m.olderBlocked(s) == "" {
				note += ": " + firstKey(m.keys.Timeline.NextMatch) + " searches older history"
			}
			m.notify(note, false)
		}
		return
	case key.Matches(msg, m.keys.Search.Cancel):
		s.view, s.sel = m.search.origin, m.search.originSel
		m.search = searchState{}
		m.mode = modeTimeline
		return
	}
	var ok bool
	if m.search.input, ok = editQuery(m.search.input, msg); !ok {
		return
	}
	m.search.query = sanitize.Line(string(m.search.input))
	s.view, s.sel = m.search.origin, m.search.originSel
	if m.search.query == "" {
		return
	}
	from := m.selIndex(s)
	if from < 0 {
		from = m.indexOf(s)
	}
	if i := m.findMatch(s, from, -1, true); i >= 0 {
		m.selectRow(s, i)
	} else if i := m.findMatch(s, from, 1, false); i >= 0 {
		m.selectRow(s, i)
	}
}

// nextMatch selects the next match of the search in effect in direction d:
// -1 older (n), +1 newer (N). Past the oldest loaded match, n goes on into
// older history (seekOlder).
func (m *Model) nextMatch(s *stream, d int) {
	q := m.searchQuery(s)
	if q == "" {
		m.notify("no search: "+firstKey(m.keys.Timeline.Search)+" to search this pane", false)
		return
	}
	if d < 0 && m.search.seek.active {
		m.notify("searching older history for “"+q+"”…", false)
		return
	}
	from := m.selIndex(s)
	if from < 0 {
		from = m.indexOf(s)
		if i := m.findMatch(s, from, d, true); i >= 0 {
			m.selectRow(s, i)
			return
		}
	}
	if i := m.findMatch(s, from, d, false); i >= 0 {
		m.selectRow(s, i)
		return
	}
	if d > 0 {
		m.notify("no newer match", false)
		return
	}
	m.seekOlder(s)
}

// olderBlocked says why no older history can be searched for s, "" when
// it can be loaded.
func (m *Model) olderBlocked(s *stream) string {
	switch {
	case m.deps.Pager == nil || s.kind.special() || !s.loaded || s.tl.Len() == 0:
		return "in what is loaded"
	case s.reached:
		return "in the whole history"
	case m.full(s):
		return "in the rows kept: a stream holds its newest " + strconv.Itoa(m.maxRows) + " rows (tui.maxRowsPerStream)"
	}
	return ""
}

// seekOlder starts searching older history from the oldest loaded row, when
// there is any: maybeLoad then asks for the next older page, and
// seekPage searches it when it comes.
func (m *Model) seekOlder(s *stream) {
	if why := m.olderBlocked(s); why != "" {
		m.notify("no older match for “"+m.search.query+"” "+why, false)
		return
	}
	r := s.tl.At(0)
	m.search.seek = searchSeek{active: true, before: selection{key: r.Key, ts: r.Timestamp}}
}

// seeking reports whether n is searching the older history of s, which
// has the focused pane.
func (m *Model) seeking(s *stream) bool {
	return m.search.seek.active && m.search.stream == s.id && m.open == s.id
}

// seekPage goes on with the search of n into older history once a page of
// s came (handlePage), unless it failed: it selects the newest match among
// the rows the page brought, or lets maybeLoad ask for the next page, or
// stops and says why.
func (m *Model) seekPage(s *stream, failed string) {
	sk := &m.search.seek
	if !sk.active || m.search.stream != s.id {
		return
	}
	q := m.search.query
	switch {
	case m.open != s.id:
		// The stream left the focused pane: selecting would scroll
		// another pane.
		*sk = searchSeek{}
		return
	case failed != "":
		*sk = searchSeek{}
		m.notify("searching older history for “"+q+"” stopped: could not load history: "+failed, true)
		return
	}
	sk.pages++
	if from := findRow(s, sk.before.key, sk.before.ts); from >= 0 {
		if i := m.findMatch(s, from, -1, false); i >= 0 {
			*sk = searchSeek{}
			m.selectRow(s, i)
			return
		}
	}
	if why := m.olderBlocked(s); why != "" {
		*sk = searchSeek{}
		m.notify("no older match for “"+q+"” "+why, false)
		return
	}
	if sk.pages >= searchPages {
		*sk = searchSeek{}
		m.notify("no older match for “"+q+"” in the last "+plural(searchPages, "page")+" of history; "+
			firstKey(m.keys.Timeline.NextMatch)+" searches further", false)
		return
	}
	r := s.tl.At(0)
	sk.before = selection{key: r.Key, ts: r.Timestamp}
}

// searchMatchRows returns the indices of the rows of s that match the
// search in effect, oldest first, from the cache while the rows and the
// query stay the same.
func (m *Model) searchMatchRows(s *stream) []int {
	k := matchesKey{query: m.searchQuery(s), n: s.tl.Len(), last: s.last, hide: m.hideMembership}
	k.oldest, _ = s.tl.Oldest()
	k.newest, _ = s.tl.Newest()
	c := &m.search.matches
	if c.key == k && (c.rows != nil || k.query == "") {
		return c.rows
	}
	c.key, c.rows = k, c.rows[:0]
	if k.query == "" {
		return nil
	}
	for i := m.findMatch(s, 0, 1, true); i >= 0; i = m.findMatch(s, i, 1, false) {
		c.rows = append(c.rows, i)
	}
	if c.rows == nil {
		c.rows = []int{}
	}
	return c.rows
}

// searchTally words where the selection stands among the matches of the
// search in s, counting from the newest: "3/17", "17 matches" when the
// selected row is not one, "no match".
func (m *Model) searchTally(s *stream) string {
	rows := m.searchMatchRows(s)
	if len(rows) == 0 {
		return "no match"
	}
	if i := m.selIndex(s); i >= 0 {
		if j := sort.SearchInts(rows, i); j < len(rows) && rows[j] == i {
			return strconv.Itoa(len(rows)-j) + "/" + strconv.Itoa(len(rows))
		}
	}
	if len(rows) == 1 {
		return "1 match"
	}
	return strconv.Itoa(len(rows)) + " matches"
}

// findMatch returns the index of the first row from index from (included
// when self) in direction d whose text contains the query, or -1.
func (m *Model) findMatch(s *stream, from, d int, self bool) int {
	q := m.search.query
	if !self {
		from += d
	}
	for i := from; i >= 0 && i < s.tl.Len(); i += d {
		if mode, _ := m.membershipMode(s, i); mode == modeHidden {
			continue
		}
		if indexFold(m.plainOf(s.tl.At(i)), q) >= 0 {
			return i
		}
	}
	return -1
}

// prepareSearchLine is the search input shown under the focused pane,
// with where the selection stands among the matches.
func (m *Model) prepareSearchLine(dst []string, w int) []string {
	st := &m.styles
	k := m.keys.Search
	line := st.title + truncate("/"+string(m.search.input), max(1, w-1)) + "\x1b[7m \x1b[27m" + st.reset
	rest := ""
	if s := m.streams[m.search.stream]; s != nil && m.search.query != "" {
		rest = "  " + m.searchTally(s)
	}
	rest += st.dim + "  " + firstKey(k.Accept) + " keep · " + firstKey(k.Cancel) + " cancel" + st.reset
	return append(dst, line+truncate(rest, w-ansi.StringWidth(line)))
}

// searchKept reports whether the pane of s shows the line of a search kept
// after enter: its query is in effect and no longer typed.
func (m *Model) searchKept(s *stream) bool {
	return m.mode != modeSearch && m.searchQuery(s) != ""
}

// searchKeptLine is the last line of the timeline of s while a search is
// kept: the query, where the selection stands among its matches, and n
// going on into older history, or the keys.
func (m *Model) searchKeptLine(s *stream, w int) string {
	st := &m.styles
	t := m.keys.Timeline
	line := st.title + "/" + m.search.query + "  " + m.searchTally(s) + st.reset + st.dim
	if m.seeking(s) {
		line += " · searching older history, page " + strconv.Itoa(m.search.seek.pages+1) + " of " + strconv.Itoa(searchPages) + "…"
	} else {
		line += " · " + firstKey(t.NextMatch) + " older · " + firstKey(t.PrevMatch) + " newer · " + firstKey(t.Leave) + " ends the search"
	}
	return truncate(line, w) + st.reset
}

// indexFold returns the byte index in s of the first match of q, ignoring
// case, or -1.
func indexFold(s, q string) int {
	if q == "" {
		return -1
	}
	for i := 0; i < len(s); {
		if n := prefixFold(s[i:], q); n > 0 {
			return i
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return -1
}

// prefixFold returns how many bytes of s match q from its start, ignoring
// case, or 0 when s does not start with q.
func prefixFold(s, q string) int {
	i := 0
	for _, qr := range q {
		if i >= len(s) {
			return 0
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r != qr && unicode.ToLower(r) != unicode.ToLower(qr) {
			return 0
		}
		i += size
	}
	return i
}

// highlight marks every match of q in a styled line in reverse video,
// leaving its escape sequences as they are. It returns line itself when
// nothing matches.
func highlight(line, q string) string {
	if q == "" {
		return line
	}
	// Map the visible text to its offsets in line.
	var text strings.Builder
	var offs []int
	for i := 0; i < len(line); {
		if n := escapeLen(line[i:]); n > 0 {
			i += n
			continue
		}
		_, size := utf8.DecodeRuneInString(line[i:])
		for k := 0; k < size; k++ {
			offs = append(offs, i+k)
		}
		text.WriteString(line[i : i+size])
		i += size
	}
	plain := text.String()
	var b strings.Builder
	last := 0 // bytes of line written
	for at := 0; at < len(plain); {
		j := indexFold(plain[at:], q)
		if j < 0 {
			break
		}
		start := at + j
		end := start + prefixFold(plain[start:], q)
		b.WriteString(line[last:offs[start]])
		b.WriteString("\x1b[7m")
		// The match's bytes, escape sequences inside it included.
		stop := len(line)
		if end < len(offs) {
			stop = offs[end]
		}
		b.WriteString(line[offs[start]:stop])
		b.WriteString("\x1b[27m")
		last = stop
		at = end
	}
	if last == 0 {
		return line
	}
	b.WriteString(line[last:])
	return b.String()
}

// escapeLen returns the length of the escape sequence at the start of s
// (CSI, or OSC ended by BEL or ST), 0 when s does not start with one.
func escapeLen(s string) int {
	if len(s) < 2 || s[0] != 0x1b {
		return 0
	}
	switch s[1] {
	case '[':
		for i := 2; i < len(s); i++ {
			if s[i] >= 0x40 && s[i] <= 0x7e {
				return i + 1
			}
		}
		return len(s)
	case ']':
		for i := 2; i < len(s); i++ {
			if s[i] == 0x07 {
				return i + 1
			}
			if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
		}
		return len(s)
	}
	return 2
}
