package simulator

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/tutti-chat/tutti/messageml"
	"github.com/tutti-chat/tutti/symphony"
)

// desktopUserAgent is the userAgent of messages people send.
const desktopUserAgent = "DESKTOP-43.0.0-10902-MacOSX-10.14.6-Chrome-83.0.4103.61"

// maxStreamHistory is how many messages a stream keeps: past it (and a
// tenth more), the oldest are forgotten.
const maxStreamHistory = 10_000

// emptyPresentationML is the body of a message without content.
const emptyPresentationML = `<div data-format="PresentationML" data-version="2.0"></div>`

// content is a message body ready to store: PresentationML, EntityJSON and
// attachments.
type content struct {
	pml         string
	data        string
	attachments []attachment
}

// attachment is an uploaded file, or the metadata of a scenario's one.
type attachment struct {
	name string
	size int64
	data []byte
}

// resolver resolves mentions for the MessageML converter. It takes
// Server.mu itself: never convert while holding it.
type resolver struct{ s *Server }

// UserByID implements messageml.Resolver.
func (r resolver) UserByID(id int64) (messageml.User, bool) {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	u := r.s.st.users[id]
	if u == nil {
		return messageml.User{}, false
	}
	return messageml.User{ID: u.id, DisplayName: u.displayName, Email: u.email}, true
}

// UserByEmail implements messageml.Resolver.
func (r resolver) UserByEmail(email string) (messageml.User, bool) {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	u := r.s.st.byEmail[strings.ToLower(email)]
	if u == nil {
		return messageml.User{}, false
	}
	return messageml.User{ID: u.id, DisplayName: u.displayName, Email: u.email}, true
}

// convert turns a message (MessageML or PresentationML) and its EntityJSON
// into stored content, as the agent does on message create. Invalid
// MessageML is a 400 with the converter's message.
func (s *Server) convert(msg, data string) (content, error) {
	if strings.TrimSpace(msg) == "" {
		return content{}, badRequest("The message must not be empty")
	}
	res, err := messageml.Convert(msg, data, resolver{s})
	if err != nil {
		var me *messageml.Error
		if errors.As(err, &me) {
			return content{}, badRequest("%s", me.Message)
		}
		return content{}, badRequest("Invalid message: %v", err)
	}
	d := res.EntityJSON
	if strings.TrimSpace(d) == "" {
		d = "{}"
	}
	return content{pml: res.PresentationML, data: d}, nil
}

// messageOpts are the relations of a new message.
type messageOpts struct {
	parent    string   // parentMessageId
	replacing *message // the message an update replaces
	shared    *message // the wall post a share carries
	silent    *bool
}

// storeMessage stores a new message of author in st at ts.
func (s *state) storeMessage(st *stream, author *user, c content, ts time.Time, o messageOpts) *message {
	m := &message{stream: st}
	m.msg = symphony.V4Message{
		MessageID: newMessageID(), ParentMessageID: o.parent, Timestamp: ts.UnixMilli(),
		Message: c.pml, Data: c.data, User: author.v4(), Stream: bareStream(st),
		UserAgent: desktopUserAgent, OriginalFormat: symphony.FormatMessageMLv2, SID: newUUID(),
	}
	if author.system {
		m.msg.UserAgent = agentUserAgent
	}
	if st.kind == symphony.StreamRoom {
		m.msg.Stream = st.v4()
	}
	for _, a := range c.attachments {
		if m.attachments == nil {
			m.attachments = map[string][]byte{}
		}
		id := fmt.Sprintf("internal_%d_%s", author.id, newHex(12))
		m.attachments[id] = a.data
		m.msg.Attachments = append(m.msg.Attachments, symphony.V4AttachmentInfo{
			ID: id, Name: a.name, Size: a.size, Images: []symphony.V4ThumbnailInfo{},
		})
	}
	if r := o.replacing; r != nil {
		m.msg.Replacing = r.msg.MessageID
		m.msg.InitialMessageID, m.msg.InitialTimestamp = r.msg.MessageID, r.msg.Timestamp
		if r.msg.InitialMessageID != "" {
			m.msg.InitialMessageID, m.msg.InitialTimestamp = r.msg.InitialMessageID, r.msg.InitialTimestamp
		}
		if o.silent != nil {
			m.msg.Silent = (*symphony.FlexBool)(o.silent)
		}
		r.msg.ReplacedBy = m.msg.MessageID
	}
	if sh := o.shared; sh != nil {
		c := sh.msg
		m.msg.SharedMessage = &c
	}
	s.messages[m.msg.MessageID] = m
	st.insert(m)
	if len(st.msgs) > maxStreamHistory+maxStreamHistory/10 {
		// Bound memory in long runs of busy scenarios: forget the oldest.
		n := len(st.msgs) - maxStreamHistory
		for _, old := range st.msgs[:n] {
			delete(s.messages, old.msg.MessageID)
		}
		st.msgs = slices.Delete(st.msgs, 0, n)
	}
	return m
}

// sendMessage stores a message and emits MESSAGESENT to the stream's
// members, the author included.
func (s *state) sendMessage(st *stream, author *user, c content, ts time.Time, o messageOpts) *message {
	m := s.storeMessage(st, author, c, ts, o)
	if s.replaying {
		return m
	}
	ev := s.newEvent(symphony.EventMessageSent, author.id, ts)
	ev.MessageID = m.msg.MessageID
	ev.Payload.MessageSent = &symphony.V4MessageSent{Message: eventMessage(m)}
	s.emit(ts, ev, st.recipients()...)
	return m
}

// canPost checks that u may post in st.
func canPost(st *stream, u *user) error {
	switch {
	case !st.isMember(u.id):
		return forbidden()
	case !st.active:
		return badRequest("The stream %s is not active", st.id)
	case st.kind == symphony.StreamRoom && st.readOnly && !st.isOwner(u.id):
		return errorf(http.StatusForbidden, "The room %s is read-only", st.id)
	case st.kind == symphony.StreamPost && st.creator != u.id:
		return forbidden()
	}
	return nil
}

// Post sends messageML (MessageML or PresentationML) to a stream as user
// from, as the agent's message create does, and returns the message.
func (s *Server) Post(streamID string, from int64, messageML string) (symphony.V4Message, error) {
	c, err := s.convert(messageML, "")
	if err != nil {
		return symphony.V4Message{}, fmt.Errorf("post: %w", err)
	}
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.st.stream(streamID)
	u := s.st.users[from]
	if st == nil || u == nil {
		return symphony.V4Message{}, fmt.Errorf("post: unknown stream %q or user %d", streamID, from)
	}
	if err := canPost(st, u); err != nil {
		return symphony.V4Message{}, fmt.Errorf("post: %w", err)
	}
	return historyMessage(s.st.sendMessage(st, u, c, now, messageOpts{})), nil
}

// readMessageForm reads the multipart form of a message create or update:
// the message, data and version fields and the attachments.
func (s *Server) readMessageForm(w http.ResponseWriter, r *http.Request) (msg, data string, files []attachment, silent *bool, err error) {
	mt, params, perr := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if perr != nil || mt != "multipart/form-data" {
		return "", "", nil, nil, errorf(http.StatusUnsupportedMediaType,
			"Unsupported content type %q: use multipart/form-data", r.Header.Get("Content-Type"))
	}
	if params["boundary"] == "" {
		return "", "", nil, nil, badRequest("The multipart boundary is missing")
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxMultipart)
	mr := multipart.NewReader(r.Body, params["boundary"])
	total := int64(0)
	hasMessage := false
	for {
		p, perr := mr.NextPart()
		if perr == io.EOF {
			break
		}
		if perr != nil {
			return "", "", nil, nil, tooLargeOr(perr, "Could not read the multipart body")
		}
		value, rerr := io.ReadAll(io.LimitReader(p, maxMessageBody+1))
		p.Close()
		if rerr != nil {
			return "", "", nil, nil, tooLargeOr(rerr, "Could not read the multipart body")
		}
		total += int64(len(value))
		if total > maxMessageBody {
			return "", "", nil, nil, errorf(http.StatusRequestEntityTooLarge,
				"PAYLOAD_TOO_LARGE: the message exceeds the maximum total size of %d bytes (LIMIT_MESSAGE_CONTENT_MAX_TOTAL_SIZE_REACHED)", maxMessageBody)
		}
		switch p.FormName() {
		case "message":
			msg, hasMessage = string(value), true
		case "data":
			data = string(value)
		case "silent":
			b := strings.TrimSpace(string(value)) != "false"
			silent = &b
		case "attachment":
			name := p.FileName()
			if name == "" {
				name = "attachment"
			}
			files = append(files, attachment{name: name, size: int64(len(value)), data: value})
		}
	}
	if !hasMessage {
		return "", "", nil, nil, badRequest("The message field is required")
	}
	return msg, data, files, silent, nil
}

// tooLargeOr maps a body over the limit to 413, anything else to a 400.
func tooLargeOr(err error, msg string) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return errorf(http.StatusRequestEntityTooLarge,
			"PAYLOAD_TOO_LARGE: the request exceeds the maximum size of %d bytes", maxMultipart)
	}
	return badRequest("%s", msg)
}

// handleMessageCreate answers POST /agent/v4/stream/{sid}/message/create.
func (s *Server) handleMessageCreate(w http.ResponseWriter, r *http.Request, c caller) {
	s.postForm(w, r, c, "")
}

// handleMessageUpdate answers POST /agent/v4/stream/{sid}/message/{mid}/update.
func (s *Server) handleMessageUpdate(w http.ResponseWriter, r *http.Request, c caller) {
	s.postForm(w, r, c, symphony.CanonicalID(r.PathValue("mid")))
}

// postForm creates a message, or an update of message mid.
func (s *Server) postForm(w http.ResponseWriter, r *http.Request, c caller, mid string) {
	sid := symphony.CanonicalID(r.PathValue("sid"))
	s.mu.Lock()
	st := s.st.stream(sid)
	s.mu.Unlock()
	if st == nil {
		writeErr(w, badRequest("The stream %s does not exist", sid))
		return
	}
	msg, data, files, silent, err := s.readMessageForm(w, r)
	if err != nil {
		writeErr(w, err)
		return
	}
	cont, err := s.convert(msg, data)
	if err != nil {
		writeErr(w, err)
		return
	}
	cont.attachments = files
	m, err := s.postLocked(st, c, cont, mid, silent)
	if err != nil {
		writeErr(w, err)
		return
	}
	writeJSON(w, http.StatusOK, m)
}

// postLocked stores a message of c in st, or an update of message mid.
func (s *Server) postLocked(st *stream, c caller, cont content, mid string, silent *bool) (symphony.V4Message, error) {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := canPost(st, c.user); err != nil {
		return symphony.V4Message{}, err
	}
	opts := messageOpts{}
	if mid != "" {
		old := s.st.messages[mid]
		switch {
		case old == nil || old.suppressed || old.stream != st:
			return symphony.V4Message{}, badRequest("The message %s does not exist in stream %s", mid, st.id)
		case old.msg.User == nil || old.msg.User.UserID != c.id:
			return symphony.V4Message{}, forbidden()
		case hasForm(old.msg.Message):
			return symphony.V4Message{}, badRequest("The message %s holds a form: a form cannot be updated", mid)
		}
		opts.replacing = old
		opts.silent = silent
		if opts.silent == nil {
			opts.silent = boolPtr(true)
		}
	}
	return historyMessage(s.st.sendMessage(st, c.user, cont, now, opts)), nil
}

// handleAttachment answers GET /agent/v1/stream/{sid}/attachment?fileId=&messageId=:
// the file's content in base64.
func (s *Server) handleAttachment(w http.ResponseWriter, r *http.Request, c caller) {
	sid := symphony.CanonicalID(r.PathValue("sid"))
	q := r.URL.Query()
	fileID, mid := q.Get("fileId"), symphony.CanonicalID(q.Get("messageId"))
	if fileID == "" || mid == "" {
		writeError(w, http.StatusBadRequest, "The fileId and messageId parameters are required")
		return
	}
	s.mu.Lock()
	st := s.st.stream(sid)
	m := s.st.messages[mid]
	var body []byte
	var found bool
	var err error
	switch {
	case st == nil:
		err = badRequest("The stream %s does not exist", sid)
	case !st.isMember(c.id):
		err = forbidden()
	case m == nil || m.stream != st || m.suppressed:
		err = badRequest("The message %s does not exist in stream %s", mid, sid)
	case !st.sees(c.id, m):
		err = forbidden()
	default:
		body, found = m.attachments[fileID]
		if !found {
			err = badRequest("The attachment %s does not exist", fileID)
		}
		if found && body == nil {
			body = placeholderFile(m, fileID)
		}
	}
	s.mu.Unlock()
	if err != nil {
		writeErr(w, err)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.WriteHeader(http.StatusOK)
	_, _ = io.WriteString(w, base64.StdEncoding.EncodeToString(body))
}

// placeholderFile is the content of a scenario attachment, which has only
// metadata: as many bytes as the attachment's size says (at most
// maxPlaceholder), the same for the same file id on every run
// (placeholderBytes).
func placeholderFile(m *message, fileID string) []byte {
	var size int64
	for _, a := range m.msg.Attachments {
		if a.ID == fileID {
			size = a.Size
		}
	}
	return placeholderBytes(fileID, size)
}
