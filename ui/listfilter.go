package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tutti-chat/tutti/internal/sanitize"
)

// listFilter narrows the stream list to the streams whose names match a
// query fuzzily, as the switcher ranks them, while keeping the list's
// order and sections.
type listFilter struct {
	query []rune // "" shows every stream
}

// filterShown reports whether the list shows its filter: it narrows the
// list, or it is being typed.
func (m *Model) filterShown() bool { return m.mode == modeFilter || len(m.filter.query) > 0 }

// handleFilterKey edits the filter while it is typed: text narrows the
// list, the list's up and down arrows move in it, Open opens the stream
// under the cursor and keeps the filter, Leave clears it.
func (m *Model) handleFilterKey(msg tea.KeyPressMsg) {
	f := m.keys.ListFilter
	switch {
	case key.Matches(msg, f.Clear):
		m.filter = listFilter{}
		m.mode = modeList
		m.sortStreams()
		return
	case key.Matches(msg, f.Open):
		m.mode = modeList
		if m.cursorID != "" && len(m.order) > 0 {
			m.openStream(m.cursorID)
			m.mode = modeTimeline
		}
		return
	case key.Matches(msg, f.Down):
		m.moveCursor(1)
		return
	case key.Matches(msg, f.Up):
		m.moveCursor(-1)
		return
	}
	var ok bool
	if m.filter.query, ok = editQuery(m.filter.query, msg); !ok {
		return
	}
	m.sortStreams()
	// The best place for the cursor is the first stream that matches.
	if len(m.order) > 0 {
		m.cursor, m.cursorID = 0, m.order[0]
	}
}

// filterLine is the first line of a filtered list.
func (m *Model) filterLine(w int) string {
	st := &m.styles
	q := sanitize.Line(string(m.filter.query))
	if m.mode == modeFilter {
		return pad(st.title+truncate(" / "+q, max(0, w-1))+"\x1b[7m \x1b[27m"+st.reset, w)
	}
	return pad(st.dim+truncate(" / "+q+"  ("+firstKey(m.keys.StreamList.Leave)+" clears)", w)+st.reset, w)
}
