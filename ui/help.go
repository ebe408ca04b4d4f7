package ui

import (
	"math"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tutti-chat/tutti/keymap"
)

// textOverlay is a scrollable page of text over the timeline area: the
// help and the log. A line wider than the area continues on the screen
// lines under it (wrapped), so nothing of it is cut.
type textOverlay struct {
	title string
	lines []string    // plain, sanitised text; styled when laid out
	heads []bool      // which lines are headings
	hangs []int       // how far each line's continuation lines are indented
	page  wrapped     // the lines wrapped to the area's width
	off   int         // the first screen line shown, of page.rows
	close key.Binding // the key that opened it also closes it
}

// add appends a line to the overlay's page; its continuation lines, if it
// wraps, hang two cells under its own indentation.
func (o *textOverlay) add(line string, head bool) {
	o.addHung(line, head, indentOf(line)+2)
}

// addHung appends a line to the overlay's page whose continuation lines,
// if it wraps, are indented by hang cells: under the start of its text.
func (o *textOverlay) addHung(line string, head bool, hang int) {
	o.lines = append(o.lines, line)
	o.heads = append(o.heads, head)
	o.hangs = append(o.hangs, hang)
	o.page = wrapped{}
}

// scrollEnd is an offset past the end of any page: an overlay scrolled
// there shows its last screen lines.
const scrollEnd = math.MaxInt32

// wrapped is a page of plain text lines wrapped to a width, as an overlay
// shows it and scrolls it: by screen line.
type wrapped struct {
	w    int      // the width wrapped to; 0 before the first layout
	rows []string // the screen lines
	from []int    // the index of the line each screen line comes from
}

// fit wraps lines to w cells, each line's continuation lines indented by
// its hang, unless they are wrapped to w already. off is the first of the
// h screen lines shown: when the width changes, it moves to the first
// screen line of the line it was in, or stays at the end.
func (p *wrapped) fit(lines []string, hangs []int, w, h int, off *int) {
	if w < 1 || p.w == w {
		return
	}
	keep, end := -1, false
	if p.w > 0 && len(p.rows) > 0 {
		end = *off >= len(p.rows)-h
		keep = p.from[min(max(0, *off), len(p.rows)-1)]
	}
	p.w, p.rows, p.from = w, p.rows[:0], p.from[:0]
	for i, l := range lines {
		n := len(p.rows)
		p.rows = wrapLine(p.rows, l, w, hangs[i])
		for range len(p.rows) - n {
			p.from = append(p.from, i)
		}
	}
	switch {
	case end:
		*off = scrollEnd
	case keep >= 0:
		*off = slices.Index(p.from, keep)
	}
}

// wrapLine appends the plain text line s to dst as screen lines of at most
// w cells: the first at the left, the rest indented by hang cells (at most
// half the width, and leaving room for a wide character). A screen line
// ends after its last space in the second half of the width, or where the
// width ends when it has none there; a wide character or a grapheme
// cluster is never split.
func wrapLine(dst []string, s string, w, hang int) []string {
	if w < 1 {
		return append(dst, s)
	}
	hang = max(0, min(hang, w/2, w-2))
	indent, width := "", w
	for {
		head := cutCells(s, width)
		dst = append(dst, indent+head)
		if s = s[len(head):]; s == "" {
			return dst
		}
		indent, width = strings.Repeat(" ", hang), w-hang
	}
}

// cutCells returns the head of the plain text s that a screen line of w
// cells shows: s when it fits; else up to its last space in the second
// half of the width, or as many grapheme clusters as fit, and at least
// one.
func cutCells(s string, w int) string {
	n, width, space := 0, 0, 0
	for n < len(s) {
		c, cw := ansi.FirstGraphemeCluster(s[n:], ansi.GraphemeWidth)
		if c == "" {
			break
		}
		if n > 0 && width+cw > w {
			if space > 0 {
				return s[:space]
			}
			return s[:n]
		}
		n, width = n+len(c), width+cw
		if c == " " && width > w/2 {
			space = n
		}
	}
	return s
}

// indentOf returns how many spaces plain line s starts with.
func indentOf(s string) int {
	return len(s) - len(strings.TrimLeft(s, " "))
}

// openHelp opens the help overlay: every binding of the key map, those of
// the focused context and its layers first, so it never drifts from the
// keys that work.
func (m *Model) openHelp() {
	ctx := m.mode.context()
	order := ctx.Layers()
	for _, c := range keymap.Contexts() {
		if !slices.Contains(order, c) {
			order = append(order, c)
		}
	}
	h := textOverlay{title: "keys", close: m.keys.Normal.Help}
	for i, c := range order {
		bs := m.keys.Bindings(c)
		if len(bs) == 0 {
			continue // no heading without bindings under it
		}
		if len(h.lines) > 0 {
			h.add("", false)
		}
		// The layers of the focused context act now; the others when
		// their part of the screen has the keys.
		title := c.Title()
		switch {
		case i == 0:
			title += " (focused)"
		case i >= len(ctx.Layers()):
			title += " (elsewhere)"
		}
		h.add(title, true)
		for _, b := range bs {
			hk := b.Help()
			// A long description continues under itself.
			h.addHung("  "+padRight(hk.Key, 22)+" "+hk.Desc, false, 25)
		}
	}
	m.overlayText = h
	m.cover(modeText)
}

// padRight pads plain text with spaces to w cells.
func padRight(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

// handleOverlayKey scrolls or closes the text overlay.
func (m *Model) handleOverlayKey(msg tea.KeyPressMsg) {
	o := &m.overlayText
	t := m.keys.Timeline
	page := max(1, m.layout.paneH-2)
	switch {
	case key.Matches(msg, o.close, t.Leave, m.keys.Normal.Quit):
		*o = textOverlay{}
		m.uncover()
	case key.Matches(msg, t.Down):
		o.off++
	case key.Matches(msg, t.Up):
		o.off--
	case key.Matches(msg, t.PageDown):
		o.off += page
	case key.Matches(msg, t.PageUp):
		o.off -= page
	case key.Matches(msg, t.Top):
		o.off = 0
	case key.Matches(msg, t.Bottom):
		o.off = scrollEnd
	}
}

// prepareTextOverlay lays out the text overlay over the timeline area of
// w×h.
func (m *Model) prepareTextOverlay(w, h int) {
	st := &m.styles
	o := &m.overlayText
	t := m.keys.Timeline
	title := " " + o.title + " · " + firstKey(t.Down) + "/" + firstKey(t.Up) + " scroll · " + firstKey(o.close) + " or " + firstKey(t.Leave) + " close"
	lines := append(m.swLines[:0], st.title+truncate(title, w)+st.reset)
	rows := max(0, h-1)
	o.page.fit(o.lines, o.hangs, w, rows, &o.off)
	o.off = max(0, min(o.off, len(o.page.rows)-rows))
	for i := o.off; i < len(o.page.rows) && len(lines) < h; i++ {
		l := truncate(o.page.rows[i], w)
		if o.heads[o.page.from[i]] {
			l = st.section + l + st.reset
		}
		lines = append(lines, l)
	}
	m.swLines = lines
	m.overlay = lines
}
