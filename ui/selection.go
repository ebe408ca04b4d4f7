package ui

import (
	"html"
	"sort"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/internal/sanitize"
	"github.com/tutti-chat/tutti/render"
)

// selection is the selected row of a stream's pane, by key and timestamp
// like the anchor, so that it survives rows arriving around it. The zero
// value selects nothing.
type selection struct {
	key string
	ts  int64
}

// findRow returns the index of the row of s with key and timestamp ts, or
// the index where it would be when it is gone; -1 when s is empty.
func findRow(s *stream, key string, ts int64) int {
	n := s.tl.Len()
	if n == 0 {
		return -1
	}
	i := sort.Search(n, func(i int) bool { return s.tl.At(i).Timestamp >= ts })
	for j := i; j < n; j++ {
		r := s.tl.At(j)
		if r.Timestamp != ts {
			break
		}
		if r.Key == key {
			return j
		}
	}
	return min(i, n-1)
}

// selIndex returns the index of the selected row of s, or -1.
func (m *Model) selIndex(s *stream) int {
	if s.sel.key == "" {
		return -1
	}
	return findRow(s, s.sel.key, s.sel.ts)
}

// selectRow selects row i of s and scrolls the focused pane so that it
// shows. A pane that followed the newest row stops there, so that the
// selection stays put while messages arrive.
func (m *Model) selectRow(s *stream, i int) {
	r := s.tl.At(i)
	s.sel = selection{key: r.Key, ts: r.Timestamp}
	if s.view.follow {
		last := s.tl.At(s.tl.Len() - 1)
		s.view = anchor{key: last.Key, ts: last.Timestamp}
	}
	m.reveal(s, i)
}

// moveSelection moves the selection of s d rows (±1), skipping rows that
// show nothing. With nothing selected, up selects the row at the bottom of
// the pane; down past the newest row ends the selection and follows.
func (m *Model) moveSelection(s *stream, d int) {
	n := s.tl.Len()
	if n == 0 {
		return
	}
	w := m.pane().w
	i := m.selIndex(s)
	if i < 0 {
		if d > 0 {
			return
		}
		i = m.indexOf(s)
		for i > 0 && !m.rowShown(s, i, w) {
			i--
		}
		m.selectRow(s, i)
		return
	}
	for j := i + d; ; j += d {
		if j >= n {
			s.sel = selection{}
			s.view = anchor{follow: true}
			return
		}
		if j < 0 {
			// The oldest loaded row: scrolling to the top asks for more.
			m.scrollTop(s, w)
			return
		}
		if m.rowShown(s, j, w) {
			m.selectRow(s, j)
			return
		}
	}
}

// rowShown reports whether row i of s shows anything of its own (more
// than a day line) at width w.
func (m *Model) rowShown(s *stream, i, w int) bool {
	m.itemLines(s, i, w)
	c := s.cache[s.tl.At(i).Key]
	return c != nil && len(c.body) > 0
}

// reveal scrolls the focused pane, which shows s, so that row i is fully
// in view when it fits, else its first lines.
func (m *Model) reveal(s *stream, i int) {
	p := m.pane()
	w, h := p.w, m.rowsHeight(s, p.tlH)
	if w <= 0 || h <= 0 {
		return
	}
	a := m.indexOf(s)
	below := s.view.below
	if s.view.follow {
		below = 0
	}
	switch {
	case i > a || i == a && below > 0:
		// Below the pane, or cut at its bottom: bottom-align the row,
		// unless it is taller than the pane.
		if n := len(m.itemLines(s, i, w)); n > h {
			m.setAnchor(s, i, n-h)
		} else {
			m.setAnchor(s, i, 0)
		}
		return
	}
	// Lines from the top of row i to the bottom of the pane.
	lines := -below
	for j := i; j <= a; j++ {
		lines += len(m.itemLines(s, j, w))
	}
	if lines <= h {
		return
	}
	m.topAlign(s, m.groupStart(s, i, w, h), w, h)
}

// groupStart returns the first row of the run of messages row i continues
// (one author's, without a pause), when that row and the rows down to i
// fit in h lines of width w: scrolled up to a message, the pane shows who
// wrote it and when. Otherwise it returns i.
func (m *Model) groupStart(s *stream, i, w, h int) int {
	g, lines := i, len(m.itemLines(s, i, w))
	for g > 0 {
		if _, header := m.rowHeads(s, g); header || s.tl.At(g).Kind != history.RowMessage {
			break
		}
		lines += len(m.itemLines(s, g-1, w))
		if lines > h {
			return i
		}
		g--
	}
	if _, header := m.rowHeads(s, g); !header {
		return i // not a run of messages: nothing above it to show
	}
	return g
}

// topAlign scrolls a pane of w×h showing s so that row i is at its top,
// or follows when the rows from i on do not fill it.
func (m *Model) topAlign(s *stream, i, w, h int) {
	acc := 0
	for j := i; j < s.tl.Len(); j++ {
		acc += len(m.itemLines(s, j, w))
		if acc >= h {
			m.setAnchor(s, j, acc-h)
			return
		}
	}
	s.view = anchor{follow: true}
}

// markSelected draws the selection bar in front of a line of the selected
// row; the lines of rows start with blank cells, so nothing is lost.
func (m *Model) markSelected(line string) string {
	return m.styles.mention + "▌" + m.styles.reset + ansi.TruncateLeft(line, 1, "")
}

// actionRow returns the index of the row that copy, open and inspect act
// on, as pickActionRow picks it, or -1.
func (m *Model) actionRow(s *stream) int {
	i, _ := m.pickActionRow(s)
	return i
}

// pickActionRow returns the index of the row that copy, open and inspect
// act on: the selected one; with nothing selected, the newest message at
// or above the bottom of the pane (the newest message while the pane
// follows; the last row it shows when no message is there), which becomes
// selected so that the user sees it. picked words that row for the notice
// ("the newest message"), "" when it was selected already.
func (m *Model) pickActionRow(s *stream) (i int, picked string) {
	if i := m.selIndex(s); i >= 0 {
		return i, ""
	}
	a := m.indexOf(s)
	if a < 0 {
		return -1, ""
	}
	newest := true // no message row after i
	for i = a; i >= 0; i-- {
		if r := s.tl.At(i); r.Kind == history.RowMessage && !r.Suppressed {
			break
		}
	}
	for j := a + 1; i >= 0 && j < s.tl.Len() && newest; j++ {
		r := s.tl.At(j)
		newest = r.Kind != history.RowMessage || r.Suppressed
	}
	switch {
	case i >= 0 && newest:
		picked = "the newest message"
	case i >= 0:
		picked = "the message at the bottom of the pane"
	default:
		w := m.pane().w
		i = a
		for i > 0 && !m.rowShown(s, i, w) {
			i--
		}
		picked = "the row at the bottom of the pane"
	}
	m.selectRow(s, i)
	return i, picked
}

// actedOn words the row actionRow picked for a notice, with a space
// before: " the newest message (nothing was selected)"; "" when the row
// was selected.
func actedOn(picked string) string {
	if picked == "" {
		return ""
	}
	return " " + picked + " (nothing was selected)"
}

// plainOf returns the text of a row for search and copy: a message's text
// without markup, or the summary of an event.
func (m *Model) plainOf(r history.Row) string {
	if r.Kind != history.RowMessage {
		if r.Kind == history.RowGap {
			return ""
		}
		return m.describe(r)
	}
	if r.Message == nil || r.Suppressed {
		return ""
	}
	src := r.Message
	if src.Shared() != nil {
		src = src.Shared()
	}
	return stripMarkup(src.PML)
}

// stripMarkup returns the text of PresentationML without its tags, with
// character references decoded and control characters removed; it is
// cheap enough to run over a whole history while searching.
func stripMarkup(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	inTag := false
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '<':
			inTag = true
			// Block ends and line breaks separate words.
			if strings.HasPrefix(s[i:], "<br") || strings.HasPrefix(s[i:], "</p") || strings.HasPrefix(s[i:], "</div") ||
				strings.HasPrefix(s[i:], "</li") || strings.HasPrefix(s[i:], "</td") || strings.HasPrefix(s[i:], "</tr") {
				space = true
			}
		case c == '>' && inTag:
			inTag = false
		case !inTag:
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteByte(c)
		}
	}
	out := b.String()
	if strings.IndexByte(out, '&') >= 0 {
		out = html.UnescapeString(out)
	}
	return sanitize.Line(out)
}

// copyText returns the command that copies the text of the action row to
// the clipboard through the terminal (OSC 52).
func (m *Model) copyText(s *stream) tea.Cmd {
	i, picked := m.pickActionRow(s)
	if i < 0 {
		return nil
	}
	r := s.tl.At(i)
	text := ""
	if r.Kind == history.RowMessage && r.Message != nil && !r.Suppressed {
		src := r.Message
		if src.Shared() != nil {
			src = src.Shared()
		}
		text = render.Parse(src.PML, src.Data).PlainText()
	} else {
		text = m.plainOf(r)
	}
	text = sanitize.Text(strings.TrimSpace(text))
	if text == "" {
		if picked == "" {
			m.notify("nothing to copy in this row", false)
		} else {
			m.notify("nothing to copy in"+actedOn(picked), false)
		}
		return nil
	}
	n := plural(len([]rune(text)), "character")
	if picked != "" {
		m.notify("copied"+actedOn(picked)+": "+n+", through the terminal (OSC 52)", false)
	} else {
		m.notify("copied "+n+" (through the terminal, OSC 52)", false)
	}
	return tea.SetClipboard(text)
}

// plural words a count of things.
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return strconv.Itoa(n) + " " + thing + "s"
}

// openLink returns the command that opens a link of the action row with
// Deps.OpenURL: the first safe one, the next on each press for the same
// row. Only http, https and mailto links are opened.
func (m *Model) openLink(s *stream) tea.Cmd {
	i, picked := m.pickActionRow(s)
	if i < 0 {
		return nil
	}
	r := s.tl.At(i)
	var links []render.Link
	if r.Kind == history.RowMessage && r.Message != nil && !r.Suppressed {
		src := r.Message
		if src.Shared() != nil {
			src = src.Shared()
		}
		for _, l := range render.Parse(src.PML, src.Data).Links() {
			if l.Safe && (strings.HasPrefix(l.URL, "http://") || strings.HasPrefix(l.URL, "https://") || strings.HasPrefix(l.URL, "mailto:")) {
				links = append(links, l)
			}
		}
	}
	if len(links) == 0 {
		if picked == "" {
			m.notify("no link to open in this row", false)
		} else {
			m.notify("no link to open in"+actedOn(picked), false)
		}
		return nil
	}
	if m.linkCycle.key != r.Key {
		m.linkCycle = linkCycle{key: r.Key}
	}
	l := links[m.linkCycle.next%len(links)]
	m.linkCycle.next++
	if m.deps.OpenURL == nil {
		m.notify("no way to open links here: "+l.URL, false)
		return nil
	}
	where := l.Host
	if where == "" {
		where = l.URL
	}
	note := "opening " + where
	if picked != "" {
		note += ", from" + actedOn(picked)
	}
	if len(links) > 1 {
		note += " (" + strconv.Itoa((m.linkCycle.next-1)%len(links)+1) + " of " + strconv.Itoa(len(links)) + "; " + firstKey(m.keys.Timeline.OpenLink) + " again for the next)"
	}
	m.notify(note, false)
	open, url := m.deps.OpenURL, l.URL
	return func() tea.Msg {
		if err := open(url); err != nil {
			return noticeMsg{text: "could not open the link: " + err.Error(), bad: true}
		}
		return nil
	}
}

// linkCycle remembers which link of a row opens next.
type linkCycle struct {
	key  string
	next int
}
