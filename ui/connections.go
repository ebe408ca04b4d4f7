package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/symphony"
)

// AnswerConnectionFunc accepts (accept) or rejects the pending connection
// request of userID (symphony.Client.AcceptConnection, RejectConnection)
// and returns the connection's status as the pod now holds it.
type AnswerConnectionFunc func(ctx context.Context, userID int64, accept bool) (status string, err error)

// connectionMsg is the answer to a connection request the reader accepted
// or rejected.
type connectionMsg struct {
	user   int64
	name   string // sanitised
	accept bool
	// request: the reader asked the user to connect (requestConnection).
	request bool
	status  string
	err     error
}

// connectionOther returns the user on the other side of a connection
// event from the reader's view, and whether the event is a request
// addressed to the reader (which the reader may answer). 0 when the
// reader is on neither side.
func (m *Model) connectionOther(ev *symphony.V4Event) (other *symphony.V4User, incoming bool) {
	if ev == nil || ev.Payload == nil {
		return nil, false
	}
	var initiator *symphony.V4User
	if ev.Initiator != nil {
		initiator = ev.Initiator.User
	}
	me := m.deps.Me
	is := func(u *symphony.V4User) bool { return u != nil && me != 0 && u.UserID == me }
	switch p := ev.Payload; {
	case p.ConnectionRequested != nil:
		switch {
		case is(p.ConnectionRequested.ToUser) && initiator != nil:
			return initiator, true
		case is(initiator):
			return p.ConnectionRequested.ToUser, false
		}
	case p.ConnectionAccepted != nil:
		switch {
		case is(p.ConnectionAccepted.FromUser):
			return initiator, false
		case is(initiator):
			return p.ConnectionAccepted.FromUser, false
		}
	}
	return nil, false
}

// noteConnection keeps the state of the reader's connection with the
// other user of a connection event: a request makes it pending, an
// acceptance (the reader's own, from the datafeed) accepted.
func (m *Model) noteConnection(ev *symphony.V4Event) {
	other, _ := m.connectionOther(ev)
	if other == nil || other.UserID == 0 {
		return
	}
	if m.files.conns == nil {
		m.files.conns = map[int64]string{}
	}
	if ev.Type == symphony.EventConnectionAccepted {
		m.files.conns[other.UserID] = symphony.ConnectionAccepted
	} else {
		m.files.conns[other.UserID] = "PENDING"
	}
}

// connState returns the state a connection row shows after its summary:
// for a request addressed to the reader, pending (with the keys that
// answer it), accepted or rejected; for the reader's own request,
// accepted once it is. "" for other rows.
func (m *Model) connState(r history.Row) string {
	if r.Kind != history.RowConnection || r.Event == nil || r.Event.Type != symphony.EventConnectionRequested {
		return ""
	}
	other, incoming := m.connectionOther(r.Event)
	if other == nil {
		return ""
	}
	st := m.files.conns[other.UserID]
	switch {
	case st == symphony.ConnectionAccepted:
		return "accepted"
	case st == symphony.ConnectionRejected:
		return "rejected"
	case incoming && m.files.answer[other.UserID]:
		return "answering…"
	case incoming:
		return "pending: " + firstKey(m.keys.Timeline.AcceptConnection) + " accepts, " + firstKey(m.keys.Timeline.RejectConnection) + " rejects"
	}
	return ""
}

// connNote is what a connection row shows after its summary for state
// (connState).
func connNote(state string) string {
	if state == "" {
		return ""
	}
	return " · " + state
}

// answerConnection accepts or rejects the connection request of the
// action row, which must be a request addressed to the reader; the row
// shows the answer, and an acceptance comes back through the datafeed as
// CONNECTIONACCEPTED.
func (m *Model) answerConnection(s *stream, accept bool) tea.Cmd {
	verb := "reject"
	if accept {
		verb = "accept"
	}
	i, _ := m.pickActionRow(s)
	var other *symphony.V4User
	incoming := false
	if i >= 0 {
		if r := s.tl.At(i); r.Kind == history.RowConnection && r.Event != nil && r.Event.Type == symphony.EventConnectionRequested {
			other, incoming = m.connectionOther(r.Event)
		}
	}
	if other == nil || !incoming {
		m.notify("nothing to "+verb+": select a connection request to you (in Connections)", false)
		return nil
	}
	name := m.userName(other)
	switch st := m.files.conns[other.UserID]; {
	case st == symphony.ConnectionAccepted || st == symphony.ConnectionRejected:
		m.notify("the connection request of "+name+" was "+connWord(st)+" already", false)
		return nil
	case m.files.answer[other.UserID]:
		return nil
	case m.deps.AnswerConnection == nil:
		m.notify("no way to answer connection requests here", false)
		return nil
	}
	if m.files.answer == nil {
		m.files.answer = map[int64]bool{}
	}
	m.files.answer[other.UserID] = true
	ctx, answer, uid := m.ctx, m.deps.AnswerConnection, other.UserID
	return func() tea.Msg {
		status, err := answer(ctx, uid, accept)
		return connectionMsg{user: uid, name: name, accept: accept, status: status, err: err}
	}
}

// connWord words a connection status: accepted, rejected, pending.
func connWord(status string) string {
	switch status {
	case symphony.ConnectionAccepted:
		return "accepted"
	case symphony.ConnectionRejected:
		return "rejected"
	case symphony.ConnectionPendingOutgoing:
		return "pending, theirs to answer"
	}
	return "pending"
}

// handleConnection shows the pod's answer to an accept or reject.
func (m *Model) handleConnection(msg connectionMsg) {
	if msg.request {
		if msg.err != nil {
			m.notify("could not ask "+msg.name+" to connect: "+msg.err.Error(), true)
			return
		}
		m.notify("asked "+msg.name+" to connect: the request is "+connWord(msg.status), false)
		return
	}
	delete(m.files.answer, msg.user)
	verb := "reject"
	if msg.accept {
		verb = "accept"
	}
	if msg.err != nil {
		m.notify("could not "+verb+" the connection request of "+msg.name+": "+msg.err.Error(), true)
		return
	}
	if m.files.conns == nil {
		m.files.conns = map[int64]string{}
	}
	status := msg.status
	if status == "" {
		status = symphony.ConnectionRejected
		if msg.accept {
			status = symphony.ConnectionAccepted
		}
	}
	m.files.conns[msg.user] = status
	m.notify(connWord(status)+" the connection request of "+msg.name, false)
}

// onStream makes a switcher command of f, run on the focused pane's
// stream.
func onStream(f func(m *Model, s *stream) tea.Cmd) func(m *Model) tea.Cmd {
	return func(m *Model) tea.Cmd {
		if s := m.streams[m.open]; s != nil {
			return f(m, s)
		}
		return nil
	}
}

// RequestConnectionFunc asks a user of another pod to connect
// (symphony.Client.RequestConnection) and returns the connection's
// status as the pod now holds it.
type RequestConnectionFunc func(ctx context.Context, userID int64) (status string, err error)

// requestConnection asks the author of the action row's message to
// connect; the request shows in Connections when the datafeed brings it.
func (m *Model) requestConnection(s *stream) tea.Cmd {
	i, _ := m.pickActionRow(s)
	var author *symphony.V4User
	if i >= 0 {
		if r := s.tl.At(i); r.Kind == history.RowMessage && r.Message != nil {
			author = r.Message.User
		}
	}
	switch {
	case author == nil || author.UserID == 0:
		m.notify("nobody to ask: select a message of the person to connect with", false)
		return nil
	case author.UserID == m.deps.Me:
		m.notify("that is your own message: select one of the person to connect with", false)
		return nil
	}
	return m.askToConnect(author.UserID, m.userName(author))
}

// askToConnect asks user uid, named name, to connect (from a message, a
// profile or a room's members).
func (m *Model) askToConnect(uid int64, name string) tea.Cmd {
	switch {
	case uid == 0:
		return nil
	case uid == m.deps.Me:
		m.notify("that is you: no connection with yourself", false)
		return nil
	case m.deps.Connect == nil:
		m.notify("no way to request connections here", false)
		return nil
	}
	m.notify("asking "+name+" to connect…", false)
	ctx, ask := m.ctx, m.deps.Connect
	return func() tea.Msg {
		status, err := ask(ctx, uid)
		return connectionMsg{user: uid, name: name, request: true, status: status, err: err}
	}
}
