package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tutti-chat/tutti/keymap"
)

// helpState is the help overlay: the lines of the key table built from the
// live key map when it opened, and how far it is scrolled.
type helpState struct {
	open  bool
	lines []string // plain text; styled when laid out
	heads []bool   // which lines are headings
	off   int
}

// context returns the key map context that has the focus.
func (m *Model) context() keymap.Context {
	switch {
	case m.sw.open:
		return keymap.Switcher
	case m.focus == focusComposer:
		return keymap.Composer
	case m.focus == focusList:
		return keymap.StreamList
	}
	return keymap.Timeline
}

// openHelp opens the help overlay: every binding of the key map, those of
// the focused context and its layers first, so it never drifts from the
// keys that work.
func (m *Model) openHelp() {
	ctx := m.context()
	order := ctx.Layers()
	for _, c := range keymap.Contexts() {
		if !slices.Contains(order, c) {
			order = append(order, c)
		}
	}
	h := helpState{open: true}
	add := func(line string, head bool) {
		h.lines = append(h.lines, line)
		h.heads = append(h.heads, head)
	}
	for i, c := range order {
		if i > 0 {
			add("", false)
		}
		title := c.Title()
		if i == 0 {
			title += " (focused)"
		}
		if i == len(ctx.Layers()) {
			add("Elsewhere", true)
			add("", false)
		}
		add(title, true)
		for _, b := range m.keys.Bindings(c) {
			hk := b.Help()
			add("  "+padRight(hk.Key, 22)+" "+hk.Desc, false)
		}
	}
	m.help = h
}

// padRight pads plain text with spaces to w cells.
func padRight(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

// handleHelpKey scrolls or closes the help overlay.
func (m *Model) handleHelpKey(msg tea.KeyPressMsg) {
	t := m.keys.Timeline
	page := max(1, m.layout.paneH-2)
	switch {
	case key.Matches(msg, m.keys.Normal.Help, t.Leave, m.keys.Normal.Quit):
		m.help = helpState{}
	case key.Matches(msg, t.Down):
		m.help.off++
	case key.Matches(msg, t.Up):
		m.help.off--
	case key.Matches(msg, t.PageDown):
		m.help.off += page
	case key.Matches(msg, t.PageUp):
		m.help.off -= page
	case key.Matches(msg, t.Top):
		m.help.off = 0
	case key.Matches(msg, t.Bottom):
		m.help.off = len(m.help.lines)
	}
}

// prepareHelp lays out the help overlay over the timeline area of w×h.
func (m *Model) prepareHelp(w, h int) {
	st := &m.styles
	t := m.keys.Timeline
	title := " ? keys · " + firstKey(t.Down) + "/" + firstKey(t.Up) + " scroll · " + firstKey(m.keys.Normal.Help) + " or " + firstKey(t.Leave) + " close"
	lines := append(m.swLines[:0], st.title+truncate(title, w)+st.reset)
	rows := max(0, h-1)
	m.help.off = max(0, min(m.help.off, len(m.help.lines)-rows))
	for i := m.help.off; i < len(m.help.lines) && len(lines) < h; i++ {
		l := truncate(m.help.lines[i], w)
		if m.help.heads[i] {
			l = st.section + l + st.reset
		}
		lines = append(lines, l)
	}
	m.swLines = lines
	m.overlay = lines
}
