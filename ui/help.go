package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tutti-chat/tutti/keymap"
)

// textOverlay is a scrollable page of text over the timeline area: the
// help and the log.
type textOverlay struct {
	title string
	lines []string // plain, sanitised text; styled when laid out
	heads []bool   // which lines are headings
	off   int
	close key.Binding // the key that opened it also closes it
}

// add appends a line to the overlay's page.
func (o *textOverlay) add(line string, head bool) {
	o.lines = append(o.lines, line)
	o.heads = append(o.heads, head)
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
		if i > 0 {
			h.add("", false)
		}
		title := c.Title()
		if i == 0 {
			title += " (focused)"
		}
		if i == len(ctx.Layers()) {
			h.add("Elsewhere", true)
			h.add("", false)
		}
		h.add(title, true)
		for _, b := range m.keys.Bindings(c) {
			hk := b.Help()
			h.add("  "+padRight(hk.Key, 22)+" "+hk.Desc, false)
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
		o.off = len(o.lines)
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
	o.off = max(0, min(o.off, len(o.lines)-rows))
	for i := o.off; i < len(o.lines) && len(lines) < h; i++ {
		l := truncate(o.lines[i], w)
		if o.heads[i] {
			l = st.section + l + st.reset
		}
		lines = append(lines, l)
	}
	m.swLines = lines
	m.overlay = lines
}
