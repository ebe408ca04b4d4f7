package simulator

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"

	"github.com/tutti-chat/tutti/symphony"
)

// The states of a message for one recipient, from least to most reached.
const (
	reachSent      = iota // the pod has it for the user, no client of theirs has
	reachDelivered        // a client of the user has it, unread
	reachRead             // the user has read it
)

// reach is what became of a message for one user.
type reach struct {
	user        *user
	state       int
	deliveredAt int64 // ms; 0 when not delivered
	readAt      int64 // ms; 0 when not read
}

// messageReach returns what became of m for each of its recipients: the
// members of its stream who were members when it was sent, its author
// apart. The simulator has no clients to report receipts, so it follows
// this model:
//   - Every member of the pod has a client connected: the pod delivers the
//     message to it when it is sent (delivered, at the message's time).
//   - A member who posted in the stream after the message has read it, at
//     their first later message: one answers what one has read.
//   - A member of another pod gets it through their pod, which sends back
//     no client receipt: sent, unless they posted after it (read).
//
// The recipients come ordered by user id.
func (s *state) messageReach(m *message) []reach {
	st, ts := m.stream, m.msg.Timestamp
	var author int64
	if m.msg.User != nil {
		author = m.msg.User.UserID
	}
	firstPost := map[int64]int64{}
	i, _ := slices.BinarySearchFunc(st.msgs, m, compareMessages)
	for _, later := range st.msgs[min(i+1, len(st.msgs)):] {
		if later.msg.User == nil {
			continue
		}
		if _, seen := firstPost[later.msg.User.UserID]; !seen {
			firstPost[later.msg.User.UserID] = later.msg.Timestamp
		}
	}
	var out []reach
	for _, id := range st.recipients() {
		u, mem := s.users[id], st.members[id]
		if u == nil || id == author || mem.joined.UnixMilli() > ts {
			continue
		}
		r := reach{user: u, state: reachDelivered, deliveredAt: ts}
		if u.external {
			r.state, r.deliveredAt = reachSent, 0
		}
		if at, ok := firstPost[id]; ok {
			r.state, r.readAt = reachRead, at
			r.deliveredAt = cmp.Or(r.deliveredAt, at)
		}
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b reach) int { return cmp.Compare(a.user.id, b.user.id) })
	return out
}

// messageStatusUser is a user of a message status (MessageStatusUser),
// whose id and time the document types as strings.
type messageStatusUser struct {
	UserID      string `json:"userId"`
	FirstName   string `json:"firstName,omitempty"`
	LastName    string `json:"lastName,omitempty"`
	DisplayName string `json:"displayName,omitempty"`
	Email       string `json:"email,omitempty"`
	UserName    string `json:"userName,omitempty"`
	Timestamp   string `json:"timestamp"`
}

// messageStatus is the answer of GET /pod/v1/message/{mid}/status
// (MessageStatus).
type messageStatus struct {
	Author    *messageStatusUser  `json:"author,omitempty"`
	Read      []messageStatusUser `json:"read"`
	Delivered []messageStatusUser `json:"delivered"`
	Sent      []messageStatusUser `json:"sent"`
}

// statusUser returns u as a message status lists it, at ms.
func statusUser(u *user, ms int64) messageStatusUser {
	return messageStatusUser{
		UserID: formatInt(u.id), FirstName: u.firstName, LastName: u.lastName, DisplayName: u.displayName,
		Email: u.email, UserName: u.username, Timestamp: strconv.FormatInt(ms, 10),
	}
}

// findMessage returns the message of a path's id for a caller who must be
// a member of its stream, or admin true for one with the administration
// roles (canAdminister): missing (the status the endpoint's document
// gives) for no such message, 403 for a caller who may not see it.
func (s *state) findMessage(id string, c caller, admin bool, missing int) (*message, error) {
	m := s.messages[symphony.CanonicalID(id)]
	switch {
	case m == nil:
		return nil, errorf(missing, "The message %s does not exist", id)
	case admin && !canAdminister(c.user), !admin && !m.stream.sees(c.id, m):
		return nil, forbidden()
	}
	return m, nil
}

// canAdminister reports whether u holds the roles the administration
// endpoints of messages need (Content Management, VIEW_MANAGE_MESSAGES):
// the simulator gives them to the service accounts of the pod, which a
// bot calling these endpoints is.
func canAdminister(u *user) bool { return u.system && !u.external }

// handleMessageStatus answers GET /pod/v1/message/{mid}/status: who the
// message was sent to, delivered to and read by (messageReach), for a
// member of its stream. Its author has read it when sending it.
func (s *Server) handleMessageStatus(w http.ResponseWriter, r *http.Request, c caller) {
	answerLocked(s, w, func(st *state) (messageStatus, error) {
		return st.messageStatus(r.PathValue("mid"), c)
	})
}

// messageStatus builds the status of message id for c.
func (s *state) messageStatus(id string, c caller) (messageStatus, error) {
	m, err := s.findMessage(id, c, false, http.StatusNotFound)
	if err != nil {
		return messageStatus{}, err
	}
	out := messageStatus{Read: []messageStatusUser{}, Delivered: []messageStatusUser{}, Sent: []messageStatusUser{}}
	ts := m.msg.Timestamp
	if m.msg.User != nil {
		if u := s.users[m.msg.User.UserID]; u != nil {
			a := statusUser(u, ts)
			out.Author = &a
			out.Read = append(out.Read, a)
		}
	}
	for _, r := range s.messageReach(m) {
		switch r.state {
		case reachRead:
			out.Read = append(out.Read, statusUser(r.user, r.readAt))
		case reachDelivered:
			out.Delivered = append(out.Delivered, statusUser(r.user, r.deliveredAt))
		default:
			out.Sent = append(out.Sent, statusUser(r.user, ts))
		}
	}
	return out, nil
}
