package ui

import (
	"context"
	"html"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tutti-chat/tutti/internal/sanitize"
	"github.com/tutti-chat/tutti/messageml"
	"github.com/tutti-chat/tutti/symphony"
)

// sendTimeout bounds one send.
const sendTimeout = 30 * time.Second

// SendFunc sends a message to a stream, as symphony.Client.SendMessage does.
type SendFunc func(ctx context.Context, streamID, messageML, data string) (symphony.V4Message, error)

// sentMsg is the agent's answer to a send: the message it created, or why
// it did not.
type sentMsg struct {
	Stream  string
	LocalID string
	Message symphony.V4Message
	Err     error
}

// outgoing is a message of ours that the agent has not confirmed yet.
type outgoing struct {
	stream    string
	messageML string
	data      string
	shown     symphony.V4Message // the pending row's message
	seq       uint64
	failed    bool
	uploads   []string // the paths of its files (upload.go)
}

// sendMessage returns the command that sends one message with the values
// it captures.
func sendMessage(ctx context.Context, send SendFunc, stream, localID, messageML, data string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, sendTimeout)
		defer cancel()
		msg, err := send(ctx, stream, messageML, data)
		return sentMsg{Stream: stream, LocalID: localID, Message: msg, Err: err}
	}
}

// send sends what the composer holds to the open stream: the message shows
// at once as a pending row and the composer empties. With an empty
// composer it retries the stream's last failed message instead. It returns
// the command that sends, nil when nothing is sent.
func (m *Model) send() tea.Cmd {
	s := m.streams[m.open]
	if s == nil {
		return nil
	}
	if s.kind.special() {
		m.leaveCompose()
		m.notify(s.name+" is read-only: open a room or a conversation to write", false)
		return nil
	}
	if cmd, done := m.sendAction(s); done {
		return cmd
	}
	text := m.ed.Value()
	if strings.TrimSpace(text) == "" {
		cmd := m.retry(s.id)
		if cmd == nil {
			m.notify("nothing to send", false)
		}
		return cmd
	}
	if m.deps.Send == nil {
		m.notify("sending is not available", true)
		return nil
	}
	var uploads []string
	text, uploads = takeAttachments(text)
	if len(uploads) > 0 && m.deps.SendFiles == nil {
		m.notify("attaching files is not available", true)
		return nil
	}
	dir := m.names
	ml, data, err := messageml.FromComposer(text, dir)
	if err != nil {
		m.notify(strings.TrimPrefix(sanitize.Line(err.Error()), "messageml: "), true)
		return nil
	}
	m.seq++
	localID := "local-" + strconv.FormatUint(m.seq, 10)
	shown := symphony.V4Message{
		Timestamp: m.now().UnixMilli(),
		User:      &symphony.V4User{UserID: m.deps.Me, DisplayName: m.myName()},
		Stream:    &symphony.V4Stream{StreamID: s.id},
	}
	if res, err := messageml.Convert(ml, data, dir); err == nil {
		shown.Message, shown.Data = res.PresentationML, res.EntityJSON
	} else {
		shown.Message = `<div data-format="PresentationML" data-version="2.0">` + html.EscapeString(text) + `</div>`
	}
	m.outbox[localID] = &outgoing{stream: s.id, messageML: ml, data: data, shown: shown, seq: m.seq}
	s.tl.ApplyPending(localID, shown)
	s.view = anchor{follow: true}
	m.ed.Reset()
	delete(m.drafts, s.id)
	if len(uploads) > 0 {
		m.outbox[localID].uploads = uploads
		return sendWithFiles(m.ctx, m.deps.SendFiles, s.id, localID, ml, data, uploads)
	}
	return sendMessage(m.ctx, m.deps.Send, s.id, localID, ml, data)
}

// retry sends the last failed message of stream again; it returns the
// command that sends, nil when the stream has no failed message.
func (m *Model) retry(stream string) tea.Cmd {
	var last string
	var o *outgoing
	for id, c := range m.outbox {
		if c.stream == stream && c.failed && (o == nil || c.seq > o.seq) {
			last, o = id, c
		}
	}
	s := m.streams[stream]
	if o == nil || s == nil || m.deps.Send == nil {
		return nil
	}
	o.failed = false
	s.tl.ApplyPending(last, o.shown)
	s.view = anchor{follow: true}
	m.notify("sending again…", false)
	if len(o.uploads) > 0 && m.deps.SendFiles != nil {
		return sendWithFiles(m.ctx, m.deps.SendFiles, stream, last, o.messageML, o.data, o.uploads)
	}
	return sendMessage(m.ctx, m.deps.Send, stream, last, o.messageML, o.data)
}

// handleSent applies the agent's answer to a send.
func (m *Model) handleSent(msg sentMsg) {
	o := m.outbox[msg.LocalID]
	s := m.streams[msg.Stream]
	if o == nil || s == nil {
		return
	}
	if msg.Err != nil {
		reason := ansi.Truncate(strings.TrimSpace(sanitize.Line(msg.Err.Error())), 120, "…")
		o.failed = true
		s.tl.ApplyFailed(msg.LocalID, reason)
		key := m.keys.Composer.Send.Help().Key
		m.notify("not sent: "+reason+" ("+key+" on an empty composer retries)", true)
		return
	}
	delete(m.outbox, msg.LocalID)
	s.tl.ApplySent(msg.LocalID, msg.Message)
	if ts, ok := s.tl.Newest(); ok {
		s.last = max(s.last, ts)
	}
	m.resortStreams()
}

// myName is the reader's own name, "" when unknown.
func (m *Model) myName() string {
	n, _ := m.names.Name(m.deps.Me)
	return n
}
