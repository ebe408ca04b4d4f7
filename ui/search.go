package ui

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tutti-chat/tutti/internal/sanitize"
)

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
			m.notify("no match for “"+m.search.query+"” in what is loaded", false)
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
// -1 older (n), +1 newer (N).
func (m *Model) nextMatch(s *stream, d int) {
	if m.searchQuery(s) == "" {
		m.notify("no search: "+firstKey(m.keys.Timeline.Search)+" to search this pane", false)
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
	if d < 0 {
		m.notify("no older match in what is loaded: scroll to the top to load more", false)
	} else {
		m.notify("no newer match", false)
	}
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

// prepareSearchLine is the search input shown under the focused pane.
func (m *Model) prepareSearchLine(dst []string, w int) []string {
	st := &m.styles
	k := m.keys.Composer
	line := st.title + truncate("/"+string(m.search.input), max(1, w-1)) + "\x1b[7m \x1b[27m" + st.reset
	hint := "  " + firstKey(k.Send) + " keep · " + firstKey(k.Leave) + " cancel"
	return append(dst, line+st.dim+truncate(hint, max(0, w-len([]rune(string(m.search.input)))-2))+st.reset)
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
