package simulator

import (
	"cmp"
	"encoding/base64"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/tutti-chat/tutti/symphony"
)

// receiptsPage is how many receipts one page of GET
// /pod/v1/admin/messages/{mid}/receipts holds.
const receiptsPage = 100

// messageUserRef is a user as the message administration endpoints name
// them (MessageUser).
type messageUserRef struct {
	ID   int64  `json:"id"`
	Name string `json:"name,omitempty"`
}

// messageStreamRef is a stream as they name it (MessageStream).
type messageStreamRef struct {
	ID         string `json:"id"`
	Name       string `json:"name,omitempty"`
	StreamType string `json:"streamType"`
}

// receiptUser is a user of a receipt (UserCompp).
type receiptUser struct {
	ID           int64  `json:"id"`
	Username     string `json:"username,omitempty"`
	FirstName    string `json:"firstName,omitempty"`
	LastName     string `json:"lastName,omitempty"`
	EmailAddress string `json:"emailAddress,omitempty"`
}

// receiptDetail is one recipient's receipts (MessageReceiptDetail).
type receiptDetail struct {
	User                     receiptUser `json:"user"`
	DeliveryReceiptTimestamp int64       `json:"deliveryReceiptTimestamp,omitempty"`
	ReadReceiptTimestamp     int64       `json:"readReceiptTimestamp,omitempty"`
}

// receiptCursors are the cursors of a page of receipts (Pagination).
type receiptCursors struct {
	Cursors struct {
		Before string `json:"before"`
		After  string `json:"after,omitempty"`
	} `json:"cursors"`
	Previous string `json:"previous,omitempty"`
	Next     string `json:"next,omitempty"`
}

// messageReceipts is the answer of GET
// /pod/v1/admin/messages/{mid}/receipts (MessageReceiptDetailResponse).
type messageReceipts struct {
	Creator                *messageUserRef  `json:"creator,omitempty"`
	Stream                 messageStreamRef `json:"stream"`
	CreationDate           int64            `json:"creationDate"`
	DeliveryReceiptCount   int              `json:"deliveryReceiptCount"`
	ReadReceiptCount       int              `json:"readReceiptCount"`
	EmailNotificationCount int              `json:"emailNotificationCount"`
	Details                []receiptDetail  `json:"MessageReceiptDetail"`
	Pagination             receiptCursors   `json:"pagination"`
}

// receiptCursor is the opaque cursor of the receipt of user id.
func receiptCursor(id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(id, 10)))
}

// parseReceiptCursor reads a cursor of receiptCursor.
func parseReceiptCursor(name, c string) (int64, error) {
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err == nil {
		var id int64
		if id, err = strconv.ParseInt(string(raw), 10, 64); err == nil {
			return id, nil
		}
	}
	return 0, badRequest("Invalid %s cursor %q", name, c)
}

// handleMessageReceipts answers GET /pod/v1/admin/messages/{mid}/receipts
// for a caller with the administration roles (canAdminister): the counts
// and the receipts of every recipient of the message (messageReach), by
// user id, a page of receiptsPage at a time; after= gives the page after a
// cursor, before= the page before one.
func (s *Server) handleMessageReceipts(w http.ResponseWriter, r *http.Request, c caller) {
	q := r.URL.Query()
	var after, before int64
	var err error
	if v := q.Get("after"); v != "" {
		after, err = parseReceiptCursor("after", v)
	}
	if v := q.Get("before"); err == nil && v != "" {
		before, err = parseReceiptCursor("before", v)
	}
	if err != nil {
		writeErr(w, err)
		return
	}
	answerLocked(s, w, func(st *state) (messageReceipts, error) {
		m, err := st.findMessage(r.PathValue("mid"), c, true, http.StatusNotFound)
		if err != nil {
			return messageReceipts{}, err
		}
		all := st.messageReach(m)
		out := messageReceiptCounts(m, all)
		out.Details, out.Pagination = s.receiptsPage(r.URL.EscapedPath(), all, after, before)
		return out, nil
	})
}

// messageReceiptCounts returns the receipts of m, whose recipients are
// all, but their details and pages.
func messageReceiptCounts(m *message, all []reach) messageReceipts {
	st := m.stream
	out := messageReceipts{
		Stream:       messageStreamRef{ID: st.id, Name: st.name, StreamType: st.kind},
		CreationDate: m.msg.Timestamp,
	}
	if m.msg.User != nil {
		out.Creator = &messageUserRef{ID: m.msg.User.UserID, Name: m.msg.User.DisplayName}
	}
	for _, r := range all {
		if r.deliveredAt != 0 {
			out.DeliveryReceiptCount++
		}
		if r.readAt != 0 {
			out.ReadReceiptCount++
		}
	}
	return out
}

// receiptsPage cuts the page of recipients after the cursor after or
// before the cursor before (neither: the first page) and its pagination.
func (s *Server) receiptsPage(path string, all []reach, after, before int64) ([]receiptDetail, receiptCursors) {
	var lo, hi int
	switch {
	case before != 0:
		hi, _ = slices.BinarySearchFunc(all, before, func(r reach, id int64) int { return cmp.Compare(r.user.id, id) })
		lo = max(0, hi-receiptsPage)
	case after != 0:
		lo, _ = slices.BinarySearchFunc(all, after+1, func(r reach, id int64) int { return cmp.Compare(r.user.id, id) })
		hi = min(len(all), lo+receiptsPage)
	default:
		hi = min(len(all), receiptsPage)
	}
	page := all[lo:hi]
	details := make([]receiptDetail, len(page))
	for i, r := range page {
		u := r.user
		details[i] = receiptDetail{
			User: receiptUser{ID: u.id, Username: u.username, FirstName: u.firstName, LastName: u.lastName,
				EmailAddress: u.email},
			DeliveryReceiptTimestamp: r.deliveredAt, ReadReceiptTimestamp: r.readAt,
		}
	}
	var p receiptCursors
	base := s.url + path + "?"
	switch {
	case len(page) > 0:
		p.Cursors.Before = receiptCursor(page[0].user.id)
		p.Cursors.After = receiptCursor(page[len(page)-1].user.id)
	case before != 0:
		p.Cursors.Before = receiptCursor(before)
	default:
		p.Cursors.Before = receiptCursor(after)
	}
	if lo > 0 {
		p.Previous = base + url.Values{"before": {p.Cursors.Before}}.Encode()
	}
	if hi < len(all) {
		p.Next = base + url.Values{"after": {p.Cursors.After}}.Encode()
	}
	return details, p
}

// messageRelationships is the answer of GET
// /pod/v1/admin/messages/{mid}/metadata/relationships
// (MessageMetadataResponse).
type messageRelationships struct {
	MessageID   string               `json:"messageId"`
	Parent      *messageRelationship `json:"parent,omitempty"`
	Replies     []string             `json:"replies"`
	Forwards    []string             `json:"forwards"`
	FormReplies []string             `json:"formReplies"`
}

// messageRelationship is the parent of a message and how they relate.
type messageRelationship struct {
	MessageID        string `json:"messageId"`
	RelationshipType string `json:"relationshipType"`
}

// relationReply is the relationship of a reply to its parent.
const relationReply = "REPLY"

// handleMessageRelationships answers GET
// /pod/v1/admin/messages/{mid}/metadata/relationships for a caller with
// the administration roles (canAdminister): the message a reply answers
// (its parentMessageId, REPLY), the replies to the message and the posts
// that share it (their sharedMessage), oldest first. Form replies are
// events, not messages, in the simulator: there are none. The document
// gives no 404: a message that does not exist is a 400.
func (s *Server) handleMessageRelationships(w http.ResponseWriter, r *http.Request, c caller) {
	answerLocked(s, w, func(st *state) (messageRelationships, error) {
		return st.messageRelationships(r.PathValue("mid"), c)
	})
}

// messageRelationships builds the relationships of message id for c.
func (s *state) messageRelationships(id string, c caller) (messageRelationships, error) {
	m, err := s.findMessage(id, c, true, http.StatusBadRequest)
	if err != nil {
		return messageRelationships{}, err
	}
	out := messageRelationships{MessageID: m.msg.MessageID, Replies: []string{}, Forwards: []string{}, FormReplies: []string{}}
	if p := m.msg.ParentMessageID; p != "" {
		out.Parent = &messageRelationship{MessageID: p, RelationshipType: relationReply}
	}
	for _, other := range m.stream.msgs {
		if other.msg.ParentMessageID != "" && symphony.CanonicalID(other.msg.ParentMessageID) == m.msg.MessageID {
			out.Replies = append(out.Replies, other.msg.MessageID)
		}
	}
	var shares []*message
	for _, other := range s.messages {
		if sh := other.msg.SharedMessage; sh != nil && symphony.CanonicalID(sh.MessageID) == m.msg.MessageID {
			shares = append(shares, other)
		}
	}
	slices.SortFunc(shares, compareMessages)
	for _, sh := range shares {
		out.Forwards = append(out.Forwards, sh.msg.MessageID)
	}
	return out, nil
}
