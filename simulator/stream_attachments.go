package simulator

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/tutti-chat/tutti/symphony"
)

// Paging limits of a stream's attachment list.
const (
	defaultAttachmentLimit = 50
	maxAttachmentLimit     = 100
)

// streamAttachment is one file of a stream's messages as the pod lists it
// (StreamAttachmentItem).
type streamAttachment struct {
	MessageID     string              `json:"messageId"`
	IngestionDate int64               `json:"ingestionDate"`
	UserID        int64               `json:"userId"`
	FileID        string              `json:"fileId"`
	Name          string              `json:"name"`
	Size          int64               `json:"size"`
	ContentType   string              `json:"content-type"`
	Previews      []attachmentPreview `json:"previews"`
}

// attachmentPreview is a preview of an image attachment (AttachmentPreview).
type attachmentPreview struct {
	FileID string `json:"fileId"`
	Width  int    `json:"width,omitempty"`
}

// attachmentQuery is the query of a stream's attachment list: the files of
// the messages with since ≤ timestamp ≤ to (each bound when given), in
// ascending or descending date order, at most limit.
type attachmentQuery struct {
	since, to       int64
	hasSince, hasTo bool
	desc            bool
	limit           int
}

// parseAttachmentQuery reads and checks the query of an attachment list:
// since and to are integers (milliseconds), limit 1..100 (none: 50),
// sortDir ASC or DESC (none: ASC).
func parseAttachmentQuery(r *http.Request) (attachmentQuery, error) {
	var q attachmentQuery
	var err error
	if q.since, q.hasSince, err = queryInt(r, "since", 0); err != nil {
		return attachmentQuery{}, err
	}
	if q.to, q.hasTo, err = queryInt(r, "to", 0); err != nil {
		return attachmentQuery{}, err
	}
	limit, _, err := queryInt(r, "limit", defaultAttachmentLimit)
	if err != nil {
		return attachmentQuery{}, err
	}
	if limit < 1 || limit > maxAttachmentLimit {
		return attachmentQuery{}, badRequest("The limit parameter must be a positive integer not exceeding %d", maxAttachmentLimit)
	}
	q.limit = int(limit)
	switch dir := strings.ToUpper(strings.TrimSpace(r.URL.Query().Get("sortDir"))); dir {
	case "", "ASC":
	case "DESC":
		q.desc = true
	default:
		return attachmentQuery{}, badRequest("Invalid value for parameter sortDir: %q is neither ASC nor DESC", dir)
	}
	return q, nil
}

// handleStreamAttachments answers GET /pod/v1/streams/{sid}/attachments:
// the files of the stream's messages within since and to, ordered by the
// date of their message (then as the message lists them), at most limit;
// an empty list when there is none. Suppressed messages are left out.
func (s *Server) handleStreamAttachments(w http.ResponseWriter, r *http.Request, c caller) {
	q, err := parseAttachmentQuery(r)
	if err != nil {
		writeErr(w, err)
		return
	}
	sid := symphony.CanonicalID(r.PathValue("sid"))
	answerLocked(s, w, func(st *state) ([]streamAttachment, error) {
		return st.streamAttachments(sid, c.id, q)
	})
}

// streamAttachments lists the attachments of stream sid for member u.
func (s *state) streamAttachments(sid string, u int64, q attachmentQuery) ([]streamAttachment, error) {
	st := s.stream(sid)
	if st == nil {
		return nil, badRequest("The stream %s does not exist", sid)
	}
	if !st.isMember(u) {
		return nil, forbidden()
	}
	msgs, files := slices.All(st.msgs), slices.All[[]symphony.V4AttachmentInfo]
	if q.desc {
		msgs, files = slices.Backward(st.msgs), slices.Backward[[]symphony.V4AttachmentInfo]
	}
	out := []streamAttachment{}
	for _, m := range msgs {
		ts := m.msg.Timestamp
		if m.suppressed || !st.sees(u, m) || q.hasSince && ts < q.since || q.hasTo && ts > q.to {
			continue
		}
		for _, a := range files(m.msg.Attachments) {
			if len(out) == q.limit {
				return out, nil
			}
			out = append(out, listedAttachment(m, a))
		}
	}
	return out, nil
}

// listedAttachment is the list entry of the attachment a of message m.
func listedAttachment(m *message, a symphony.V4AttachmentInfo) streamAttachment {
	item := streamAttachment{
		MessageID: m.msg.MessageID, IngestionDate: m.msg.Timestamp, FileID: a.ID,
		Name: a.Name, Size: a.Size, ContentType: contentTypeOf(a.Name),
		Previews: []attachmentPreview{},
	}
	if m.msg.User != nil {
		item.UserID = m.msg.User.UserID
	}
	for _, img := range a.Images {
		if img.ID == "" {
			continue
		}
		p := attachmentPreview{FileID: img.ID}
		// A thumbnail's dimension is its width, or "width x height".
		w, _, _ := strings.Cut(strings.ToLower(img.Dimension), "x")
		if n, err := strconv.Atoi(strings.TrimSpace(w)); err == nil && n > 0 {
			p.Width = n
		}
		item.Previews = append(item.Previews, p)
	}
	return item
}
