package ui

import (
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// handleKey routes a key press to the focused part.
func (m *Model) handleKey(msg tea.KeyPressMsg) {
	k := m.keys
	if key.Matches(msg, k.Normal.FocusNext, k.Normal.FocusPrev) {
		if m.focus == focusList {
			m.focus = focusTimeline
		} else {
			m.focus = focusList
		}
		return
	}
	if m.focus == focusList {
		page := max(1, m.layout.paneH-1)
		l := k.StreamList
		switch {
		case key.Matches(msg, l.Up):
			m.moveCursor(-1)
		case key.Matches(msg, l.Down):
			m.moveCursor(1)
		case key.Matches(msg, l.PageUp):
			m.moveCursor(-page)
		case key.Matches(msg, l.PageDown):
			m.moveCursor(page)
		case key.Matches(msg, l.Top):
			m.moveCursor(-len(m.order))
		case key.Matches(msg, l.Bottom):
			m.moveCursor(len(m.order))
		case key.Matches(msg, l.Open):
			m.openStream(m.cursorID)
			m.focus = focusTimeline
		case key.Matches(msg, l.Compose):
			m.openStream(m.cursorID)
			m.focus = focusTimeline
			m.startCompose()
		}
		return
	}
	s := m.streams[m.open]
	if s == nil {
		return
	}
	s.loadErr = "" // a key in the pane retries a failed load
	w, page := m.layout.tlW, max(1, m.layout.paneH-2)
	t := k.Timeline
	switch {
	case key.Matches(msg, t.Up):
		m.scrollUp(s, 1, w)
	case key.Matches(msg, t.Down):
		m.scrollDown(s, 1, w)
	case key.Matches(msg, t.PageUp):
		m.scrollUp(s, page, w)
	case key.Matches(msg, t.PageDown):
		m.scrollDown(s, page, w)
	case key.Matches(msg, t.Top):
		m.scrollTop(s, w)
	case key.Matches(msg, t.Bottom):
		s.view = anchor{follow: true}
	case key.Matches(msg, t.Compose):
		m.startCompose()
	}
}

// handleWheel scrolls the list or the pane under the pointer.
func (m *Model) handleWheel(msg tea.MouseWheelMsg) {
	d := 0
	switch msg.Button {
	case tea.MouseWheelUp:
		d = -1
	case tea.MouseWheelDown:
		d = 1
	default:
		return
	}
	l := m.layout
	if l.list && msg.X < l.listW {
		m.moveCursor(d)
		return
	}
	if s := m.streams[m.open]; s != nil && l.timeline {
		if d < 0 {
			m.scrollUp(s, 3, l.tlW)
		} else {
			m.scrollDown(s, 3, l.tlW)
		}
	}
}

// handleClick opens the stream clicked in the list, or focuses the pane.
func (m *Model) handleClick(msg tea.MouseClickMsg) {
	l := m.layout
	if msg.Button != tea.MouseLeft {
		return
	}
	if l.list && msg.X < l.listW {
		if i := m.listOff + msg.Y; msg.Y >= 0 && i < len(m.rows) && m.rows[i].id != "" {
			m.cursorID = m.rows[i].id
			m.cursor = max(0, slices.Index(m.order, m.cursorID))
			m.openStream(m.cursorID)
			m.focus = focusTimeline
		}
		return
	}
	if l.timeline && m.focus != focusComposer {
		m.focus = focusTimeline
	}
}

// openStream shows a stream in the timeline pane and clears its counts.
func (m *Model) openStream(id string) {
	s := m.streams[id]
	if s == nil {
		return
	}
	if m.focus == focusComposer {
		m.leaveCompose()
	}
	m.open = id
	m.loadDraft(id)
	s.unread, s.mentions = 0, 0
}
