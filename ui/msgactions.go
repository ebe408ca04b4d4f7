package ui

import (
	"context"
	"errors"
	"html"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/internal/sanitize"
	"github.com/tutti-chat/tutti/messageml"
	"github.com/tutti-chat/tutti/render"
	"github.com/tutti-chat/tutti/symphony"
)

// UpdateFunc replaces one of the reader's messages with a new version, as
// symphony.Client.UpdateMessage does.
type UpdateFunc func(ctx context.Context, streamID, messageID, messageML, data string) (symphony.V4Message, error)

// actionKind is what the composer writes besides a new message.
type actionKind int

const (
	actNone actionKind = iota
	// actEdit: a new version of one of the reader's messages.
	actEdit
	// actReply: a message under a quote of another (quote-reply).
	actReply
	// actForward: a message under a quote of another, with its origin,
	// in another stream.
	actForward
)

// msgAction is the action the composer of one stream is in: editing a
// message of the reader's, or writing under a quote. The create API has no
// parent field, so a reply or a forward carries its quote as a card.
type msgAction struct {
	kind   actionKind
	stream string // the stream whose composer holds the action
	// edit: the version the update replaces and the row it belongs to,
	// the text the composer was opened with and the draft it displaced.
	msgID, rowKey, original, draft string
	// reply, forward: the quote, MessageML ready to put before the text.
	quote string
	label string // what the line above the composer says
}

// msgActState is the model's message actions: at most one, in the
// composer of its stream.
type msgActState struct {
	cur msgAction
}

// updatedMsg is the agent's answer to an edit.
type updatedMsg struct {
	Stream, MsgID, RowKey, Text string
	Message                     symphony.V4Message
	Err                         error
}

// quoteLines is how many lines of a message a reply quotes; forwardLines
// how many a forward carries; quoteLineRunes how long each may be.
const (
	quoteLines     = 3
	forwardLines   = 40
	quoteLineRunes = 300
)

// actionMessage returns the message row an action acts on: the action row
// (selected, or picked and selected), which must be a message with
// content that the agent confirmed; ok is false after a notice saying why.
func (m *Model) actionMessage(s *stream, verb string) (history.Row, bool) {
	i, picked := m.pickActionRow(s)
	if i < 0 {
		m.notify("nothing to "+verb+": no message here", false)
		return history.Row{}, false
	}
	r := s.tl.At(i)
	switch {
	case r.Kind != history.RowMessage || r.Message == nil:
		m.notify("nothing to "+verb+" in"+orThis(actedOn(picked))+": not a message", false)
		return history.Row{}, false
	case r.Suppressed:
		m.notify("cannot "+verb+" a removed message", true)
		return history.Row{}, false
	case r.Pending || r.Failed != "":
		m.notify("cannot "+verb+" a message that is not sent yet", true)
		return history.Row{}, false
	}
	return r, true
}

// orThis is " this row" when acted is empty, else acted.
func orThis(acted string) string {
	if acted == "" {
		return " this row"
	}
	return acted
}

// canWrite reports whether the composer may open on stream s, and says why
// not.
func (m *Model) canWrite(s *stream) bool {
	if s.kind.special() {
		m.notify(s.name+" is read-only: open a room or a conversation to write", false)
		return false
	}
	if m.deps.Send == nil {
		m.notify(m.readOnlyReason(), false)
		return false
	}
	return true
}

// startEdit opens the composer on the open stream's selected message, one
// of the reader's, with its text turned back into composer text; a message
// whose markup does not round-trip, a form or another's message is refused
// with a notice saying why.
func (m *Model) startEdit() {
	s := m.streams[m.open]
	if s == nil {
		return
	}
	if m.deps.UpdateMessage == nil {
		m.notify("editing is not available: read-only", false)
		return
	}
	r, ok := m.actionMessage(s, "edit")
	if !ok {
		return
	}
	msg := r.Message
	switch {
	case msg.User == nil || msg.User.UserID != m.deps.Me:
		m.notify("cannot edit: only the author may edit a message, and this one is "+m.userName(msg.User)+"'s", true)
		return
	case strings.Contains(msg.PML, "<form"):
		m.notify("cannot edit: a form cannot be edited", true)
		return
	case msg.Shared() != nil:
		m.notify("cannot edit: a shared post cannot be edited", true)
		return
	}
	text, err := messageml.ToComposer(msg.PML, msg.Data, m.names)
	if err != nil {
		m.notify("cannot edit here: the message holds formatting the composer cannot write (a table, a card, a styled link…); edit it in Symphony", true)
		return
	}
	if s = m.writeTarget(s, r); s == nil {
		return
	}
	m.cancelAction()
	m.acts.cur = msgAction{
		kind: actEdit, stream: s.id, msgID: msg.ID, rowKey: r.Key, original: text,
		draft: m.drafts[s.id], label: "editing your message of " + m.quoteTime(r.Timestamp),
	}
	m.ed.SetValue(text)
	m.saveDraft()
	m.mode = modeComposer
}

// startReply opens the composer on the open stream with a quote of the
// selected message and a mention of its author.
func (m *Model) startReply() {
	s := m.streams[m.open]
	if s == nil {
		return
	}
	r, ok := m.actionMessage(s, "reply to")
	if !ok {
		return
	}
	if s = m.writeTarget(s, r); s == nil {
		return
	}
	author := m.userName(r.Message.User)
	m.cancelAction()
	m.acts.cur = msgAction{
		kind: actReply, stream: s.id,
		quote: m.quoteCard("↩ "+author+" · "+m.quoteTime(r.Timestamp), r.Message, quoteLines),
		label: "replying to " + author + " · " + m.quoteTime(r.Timestamp),
	}
	text := m.ed.Value()
	if u := r.Message.User; u != nil && u.UserID != m.deps.Me && author != "" {
		if _, known := m.names.UserByName(author); known && !strings.Contains(text, "@"+author) {
			text = "@" + author + " " + text
		}
	}
	m.ed.SetValue(text)
	m.saveDraft()
	m.mode = modeComposer
}

// writeTarget returns the stream whose composer writes about row r of s:
// s itself, or for a stream that merges streams (Activity, search results)
// the row's own stream, which opens in the focused pane. It is nil, after
// a notice saying why, when that stream cannot be written to.
func (m *Model) writeTarget(s *stream, r history.Row) *stream {
	if mergesStreams(s) {
		id := rowStream(r)
		t := m.streams[id]
		if t == nil || id == s.id {
			m.notify("this message's stream is not in the list: open it to write there", false)
			return nil
		}
		m.openStream(id)
		m.cursorID = id
		m.cursor = max(0, slices.Index(m.order, id))
		m.mode = modeTimeline
		if _, ok := t.tl.Lookup(r.Key); ok {
			m.selectRow(t, findRow(t, r.Key, r.Timestamp))
		}
		s = t
	}
	if !m.canWrite(s) {
		return nil
	}
	return s
}

// startForward opens the switcher to pick the stream the selected message
// goes to; picking one opens its composer with the message quoted under
// its origin.
func (m *Model) startForward() {
	s := m.streams[m.open]
	if s == nil {
		return
	}
	if m.deps.Send == nil {
		m.notify(m.readOnlyReason(), false)
		return
	}
	r, ok := m.actionMessage(s, "forward")
	if !ok {
		return
	}
	author := m.userName(r.Message.User)
	origin := s.name
	if st := r.Message.Stream; st != nil {
		// From Activity, the message's own stream.
		if o := m.streams[symphony.CanonicalID(st.StreamID)]; o != nil && o.name != "" {
			origin = o.name
		}
	}
	if origin == "" {
		origin = "a conversation"
	}
	head := "↪ forwarded from " + origin + " · " + author + " · " + m.quoteTime(r.Timestamp)
	fwd := &msgAction{
		kind: actForward, quote: m.quoteCard(head, r.Message, forwardLines),
		label: "forwarding " + author + "'s message from " + origin,
	}
	m.endTyping()
	m.openSwitcher()
	m.sw.forward = fwd
	m.notify("forward to: pick a stream ("+firstKey(m.keys.Switcher.Close)+" cancels)", false)
}

// forwardTo opens stream id with the composer holding the forward the
// switcher was opened for.
func (m *Model) forwardTo(id string) tea.Cmd {
	fwd := m.sw.forward
	m.sw.forward = nil
	m.closeSwitcher()
	s := m.streams[id]
	if s == nil || fwd == nil {
		return nil
	}
	m.openStream(id)
	m.mode = modeTimeline
	if !m.canWrite(s) {
		return nil
	}
	m.cancelAction()
	fwd.stream = id
	m.acts.cur = *fwd
	m.mode = modeComposer
	m.notify("forward: add a comment if you like, "+firstKey(m.keys.Composer.Send)+" sends", false)
	return nil
}

// quoteTime words a message's time for a quote: day and time.
func (m *Model) quoteTime(ts int64) string {
	return time.UnixMilli(ts).In(m.loc).Format("2 Jan 15:04")
}

// quoteCard returns the MessageML card quoting msg under head: its first
// lines of text at most, without markup, each line cut short.
func (m *Model) quoteCard(head string, msg *history.Message, lines int) string {
	src := msg
	if src.Shared() != nil {
		src = src.Shared()
	}
	text := strings.TrimSpace(render.Parse(src.PML, src.Data).PlainText())
	all := strings.Split(text, "\n")
	var body []string
	for _, l := range all {
		if len(body) == lines {
			body[len(body)-1] += " …"
			break
		}
		l = sanitize.Line(l)
		if r := []rune(l); len(r) > quoteLineRunes {
			l = string(r[:quoteLineRunes]) + "…"
		}
		body = append(body, escapeText(l))
	}
	if len(body) == 0 {
		body = []string{"(no text)"}
	}
	return `<card accent="tempo-bg-color--gray"><header>` + escapeText(sanitize.Line(head)) + `</header><body>` +
		strings.Join(body, "<br/>") + `</body></card>`
}

// escapeText escapes text for MessageML, Freemarker's "${" and "#{"
// included.
func escapeText(s string) string {
	s = html.EscapeString(s)
	return strings.NewReplacer("$", "&#36;", "#", "&#35;").Replace(s)
}

// cancelAction ends the composer's action: an edit gives back the draft it
// displaced; a reply or forward drops its quote and keeps the text typed.
func (m *Model) cancelAction() {
	a := m.acts.cur
	m.acts.cur = msgAction{}
	if a.kind != actEdit {
		return
	}
	if a.draft != "" {
		m.drafts[a.stream] = a.draft
	} else {
		delete(m.drafts, a.stream)
	}
	if m.open == a.stream {
		m.loadDraft(a.stream)
	}
}

// leaveAction is the composer's Leave while an action is on: it cancels
// the action and says so.
func (m *Model) leaveAction() {
	a := m.acts.cur
	if a.kind == actNone || a.stream != m.open {
		return
	}
	m.cancelAction()
	switch a.kind {
	case actEdit:
		m.notify("edit cancelled: the message is unchanged", false)
	case actReply:
		m.notify("reply cancelled: the quote is dropped, the text stays as a draft", false)
	case actForward:
		m.notify("forward cancelled", false)
	}
}

// actionLabel is the line above the composer while an action is on in the
// open stream, "" otherwise.
func (m *Model) actionLabel() string {
	a := m.acts.cur
	if a.kind == actNone || a.stream != m.open || !m.composerShown() {
		return ""
	}
	return a.label + " · " + firstKey(m.keys.Composer.Leave) + " cancels"
}

// actionLine is the line above the composer, w cells wide.
func (m *Model) actionLine(w int) string {
	st := &m.styles
	return st.dim + ansi.Truncate("  "+sanitize.Line(m.actionLabel()), w, "…") + st.reset
}

// sendAction sends what the composer holds as its action: the edit, or
// the text under its quote. done is false when no action is on in the
// stream, and the composer sends as usual.
func (m *Model) sendAction(s *stream) (cmd tea.Cmd, done bool) {
	a := m.acts.cur
	if a.kind == actNone || a.stream != s.id {
		return nil, false
	}
	text := m.ed.Value()
	if a.kind == actEdit {
		return m.sendEdit(s, a, text), true
	}
	inner, data := "", ""
	if strings.TrimSpace(text) != "" {
		ml, d, err := messageml.FromComposer(text, m.names)
		if err != nil {
			m.notify(strings.TrimPrefix(sanitize.Line(err.Error()), "messageml: "), true)
			return nil, true
		}
		inner, data = strings.TrimSuffix(strings.TrimPrefix(ml, "<messageML>"), "</messageML>"), d
	}
	ml := "<messageML>" + a.quote + inner + "</messageML>"
	m.acts.cur = msgAction{}
	return m.sendML(s, ml, data), true
}

// sendML sends ml to s as send does with what FromComposer made: a pending
// row at once, an empty composer, and the command that sends.
func (m *Model) sendML(s *stream, ml, data string) tea.Cmd {
	dir := m.names
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
		m.notify("not sent: "+strings.TrimPrefix(sanitize.Line(err.Error()), "messageml: "), true)
		return nil
	}
	m.outbox[localID] = &outgoing{stream: s.id, messageML: ml, data: data, shown: shown, seq: m.seq}
	s.tl.ApplyPending(localID, shown)
	s.view = anchor{follow: true}
	m.ed.Reset()
	delete(m.drafts, s.id)
	return sendMessage(m.ctx, m.deps.Send, s.id, localID, ml, data)
}

// sendEdit sends the composer's text as the new version of the message
// being edited, and gives the composer back the draft the edit displaced.
func (m *Model) sendEdit(s *stream, a msgAction, text string) tea.Cmd {
	if strings.TrimSpace(text) == "" {
		m.notify("an edit cannot empty a message ("+firstKey(m.keys.Composer.Leave)+" cancels the edit)", true)
		return nil
	}
	if text == a.original {
		m.cancelAction()
		m.leaveCompose()
		m.notify("nothing changed: the message is as it was", false)
		return nil
	}
	ml, data, err := messageml.FromComposer(text, m.names)
	if err != nil {
		m.notify(strings.TrimPrefix(sanitize.Line(err.Error()), "messageml: "), true)
		return nil
	}
	m.cancelAction()
	m.leaveCompose()
	m.notify("saving the edit…", false)
	update, ctx, stream, mid, key := m.deps.UpdateMessage, m.ctx, s.id, a.msgID, a.rowKey
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, sendTimeout)
		defer cancel()
		msg, err := update(ctx, stream, mid, ml, data)
		return updatedMsg{Stream: stream, MsgID: mid, RowKey: key, Text: text, Message: msg, Err: err}
	}
}

// handleUpdated applies the agent's answer to an edit: the row shows the
// new version with its edited mark, or the refusal is said and the text
// goes back to the composer's draft of the stream.
func (m *Model) handleUpdated(msg updatedMsg) {
	s := m.streams[msg.Stream]
	if s == nil {
		return
	}
	if msg.Err != nil {
		reason := ansi.Truncate(strings.TrimSpace(sanitize.Line(msg.Err.Error())), 160, "…")
		var apiErr *symphony.APIError
		if errors.As(msg.Err, &apiErr) && apiErr.Status == http.StatusForbidden {
			reason = "the pod refused it: only the author may edit a message (" + reason + ")"
		}
		back := ""
		if m.acts.cur.kind == actNone {
			// The text goes back to the composer, still an edit: the
			// send key tries again.
			m.acts.cur = msgAction{
				kind: actEdit, stream: s.id, msgID: msg.MsgID, rowKey: msg.RowKey,
				draft: m.drafts[s.id], label: "editing your message (not saved yet)",
			}
			m.drafts[s.id] = msg.Text
			if m.open == s.id && m.mode != modeComposer {
				m.loadDraft(s.id)
			}
			back = " (the text is back in the composer)"
		}
		m.notify("not edited: "+reason+back, true)
		return
	}
	s.tl.ApplyPage([]symphony.V4Message{msg.Message})
	m.notify("edited", false)
}
