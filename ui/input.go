package ui

import (
	"slices"

	"github.com/tutti-chat/tutti/history"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// handleKey routes a key press to the focused part, and returns the
// command of its action, if any.
func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.Normal.FocusNext):
		m.cycleFocus(1)
		return nil
	case key.Matches(msg, k.Normal.FocusPrev):
		m.cycleFocus(-1)
		return nil
	case key.Matches(msg, k.Normal.Split):
		m.split()
		return nil
	case key.Matches(msg, k.Normal.ClosePane):
		m.closePane()
		return nil
	case key.Matches(msg, k.Normal.Zoom):
		m.toggleZoom()
		return nil
	case key.Matches(msg, k.Normal.SearchAll):
		m.startFind()
		return nil
	case key.Matches(msg, k.Normal.Help):
		m.openHelp()
		return nil
	case key.Matches(msg, k.Normal.Log):
		m.openLog()
		return nil
	case key.Matches(msg, k.Normal.Reconnect):
		m.reconnectNow()
		return nil
	case key.Matches(msg, k.Normal.RoomInfo):
		return m.openRoomInfo()
	case key.Matches(msg, k.Normal.MarkAllRead):
		m.markAllRead()
		return nil
	case key.Matches(msg, k.Normal.Mute):
		m.toggleMute()
		return nil
	case key.Matches(msg, k.Normal.Overview):
		m.openOverview()
		return nil
	case key.Matches(msg, k.Normal.NewChat):
		m.openPicker(pickChat, "", false)
		return nil
	case key.Matches(msg, k.Normal.CreateRoom):
		m.askRoomName()
		return nil
	case key.Matches(msg, k.Normal.AddMember):
		m.askAddMembers()
		return nil
	}
	if m.mode == modeList {
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
			m.mode = modeTimeline
		case key.Matches(msg, l.Compose):
			m.openStream(m.cursorID)
			m.mode = modeTimeline
			m.startCompose()
		case key.Matches(msg, l.Filter):
			m.mode = modeFilter
		case key.Matches(msg, l.Leave):
			if len(m.filter.query) > 0 {
				m.filter = listFilter{}
				m.sortStreams()
			}
		}
		return nil
	}
	s := m.streams[m.open]
	if s == nil {
		return nil
	}
	s.loadErr = "" // a key in the pane retries a failed load
	p := m.pane()
	w, page := p.w, max(1, p.tlH-1)
	t := k.Timeline
	if !key.Matches(msg, t.NextMatch) {
		// Any other key stops n searching older history.
		m.search.seek = searchSeek{}
	}
	switch {
	case key.Matches(msg, t.Up):
		m.moveSelection(s, -1)
	case key.Matches(msg, t.Down):
		m.moveSelection(s, 1)
	case key.Matches(msg, t.PageUp):
		s.sel = selection{}
		m.scrollUp(s, page, w)
	case key.Matches(msg, t.PageDown):
		s.sel = selection{}
		m.scrollDown(s, page, w)
	case key.Matches(msg, t.Top):
		s.sel = selection{}
		m.scrollTop(s, w)
	case key.Matches(msg, t.Bottom):
		s.sel = selection{}
		s.view = anchor{follow: true}
	case key.Matches(msg, t.Compose):
		if i := m.selIndex(s); i >= 0 && s.tl.At(i).Kind == history.RowGap {
			return m.fillGap(s, i)
		}
		if i := m.selIndex(s); i >= 0 && !mergesStreams(s) && hasForm(s.tl.At(i)) {
			return m.openForm(s)
		}
		if mergesStreams(s) && s.tl.Len() > 0 {
			return m.jumpToContext(s)
		}
		m.startCompose()
	case key.Matches(msg, t.Search):
		m.startSearch(s)
	case key.Matches(msg, t.NextMatch):
		m.nextMatch(s, -1)
	case key.Matches(msg, t.PrevMatch):
		m.nextMatch(s, 1)
	case key.Matches(msg, t.Copy):
		return m.copyText(s)
	case key.Matches(msg, t.Edit):
		m.startEdit()
	case key.Matches(msg, t.Reply):
		m.startReply()
	case key.Matches(msg, t.Forward):
		m.startForward()
	case key.Matches(msg, t.Expand):
		m.toggleExpand(s)
	case key.Matches(msg, t.OpenLink):
		return m.openLink(s)
	case key.Matches(msg, t.Download):
		return m.downloadAttachments(s, false)
	case key.Matches(msg, t.OpenAttachment):
		return m.downloadAttachments(s, true)
	case key.Matches(msg, t.AcceptConnection):
		return m.answerConnection(s, true)
	case key.Matches(msg, t.RejectConnection):
		return m.answerConnection(s, false)
	case key.Matches(msg, t.Connect):
		return m.requestConnection(s)
	case key.Matches(msg, t.Inspect):
		// With nothing selected, the row inspect acts on is selected
		// first, and the notice says which it is.
		_, picked := m.pickActionRow(s)
		cmd := m.inspect(s)
		if picked != "" && m.mode == modeInspector {
			m.notify("inspecting"+actedOn(picked), false)
		}
		return cmd
	case key.Matches(msg, t.ToggleMembership):
		m.toggleMembership()
	case key.Matches(msg, t.Profile):
		return m.openAuthorProfile()
	case key.Matches(msg, t.JumpDate):
		m.askDate()
	case key.Matches(msg, t.Leave):
		switch {
		case m.searchQuery(s) != "":
			m.search = searchState{}
		case s.sel.key != "":
			s.sel = selection{}
		}
	}
	return nil
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
	if !m.pointerFree(msg.Y) {
		return
	}
	if l.list && msg.X < l.listW {
		m.moveCursor(d)
		return
	}
	x := msg.X
	if l.list {
		x -= l.listW + 1
	}
	if i := m.paneAt(x, msg.Y); i >= 0 && l.timeline && m.overlay == nil {
		p := m.panes[i]
		if s := m.streams[p.stream]; s != nil {
			if d < 0 {
				m.scrollUp(s, 3, p.w)
			} else {
				m.scrollDown(s, 3, p.w)
			}
		}
	}
}

// handleClick opens the stream clicked in the list, or focuses the pane.
func (m *Model) handleClick(msg tea.MouseClickMsg) {
	l := m.layout
	if msg.Button != tea.MouseLeft || !m.pointerFree(msg.Y) {
		return
	}
	// A click ends what is being typed in a search or the filter.
	if m.mode == modeSearch || m.mode == modeFilter || m.mode == modePrompt {
		m.mode = m.base()
	}
	if l.list && msg.X < l.listW {
		y := msg.Y
		if m.filterShown() {
			y-- // the filter's line
		}
		if i := m.listOff + y; y >= 0 && i < len(m.rows) && m.rows[i].id != "" {
			m.cursorID = m.rows[i].id
			m.cursor = max(0, slices.Index(m.order, m.cursorID))
			m.openStream(m.cursorID)
			m.mode = modeTimeline
		}
		return
	}
	x := msg.X
	if l.list {
		x -= l.listW + 1
	}
	if i := m.paneAt(x, msg.Y); i >= 0 && l.timeline && m.overlay == nil {
		if i != m.cur || m.mode == modeList {
			m.focusPane(i)
		}
	}
}

// openStream shows a stream in the focused pane and clears its counts; a
// stream that another pane shows gets the focus there instead.
func (m *Model) openStream(id string) {
	s := m.streams[id]
	if s == nil {
		return
	}
	if m.mode == modeComposer {
		m.leaveCompose()
	}
	if i := m.paneOf(id); i >= 0 && i != m.cur {
		m.focusPane(i)
		return
	}
	if old := m.streams[m.pane().stream]; old != nil && old != s {
		m.leaveStream(old)
		m.enterStream(s)
	}
	m.pane().stream = id
	m.open = id
	m.loadDraft(id)
	s.unread, s.mentions = 0, 0
}
