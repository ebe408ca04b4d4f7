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
	typing bool   // the query has the keys
	query  []rune // "" shows every stream
}

// active reports whether the filter narrows the list or is being typed.
func (f *listFilter) active() bool { return f.typing || len(f.query) > 0 }

// handleFilterKey edits the filter while it is typed: text narrows the
// list, the list's up and down arrows move in it, Open opens the stream
// under the cursor and keeps the filter, Leave clears it.
func (m *Model) handleFilterKey(msg tea.KeyPressMsg) {
	l := m.keys.StreamList
	switch {
	case key.Matches(msg, l.Leave):
		m.filter = listFilter{}
		m.sortStreams()
		return
	case key.Matches(msg, l.Open) && msg.Text == "": // a letter such as l is text here
		m.filter.typing = false
		if m.cursorID != "" && len(m.order) > 0 {
			m.openStream(m.cursorID)
			m.focus = focusTimeline
		}
		return
	}
	switch msg.String() {
	case "down":
		m.moveCursor(1)
		return
	case "up":
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
	if m.filter.typing {
		return pad(st.title+truncate(" / "+q, max(0, w-1))+"\x1b[7m \x1b[27m"+st.reset, w)
	}
	return pad(st.dim+truncate(" / "+q+"  ("+firstKey(m.keys.StreamList.Leave)+" clears)", w)+st.reset, w)
}
