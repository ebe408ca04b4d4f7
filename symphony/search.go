package symphony

import (
	"context"
	"net/http"
)

// MaxSearchResults is the largest limit tutti asks of a message search.
const MaxSearchResults = 500

// Stream types of a message search (MessageSearchQuery.StreamType).
const (
	SearchChat = "CHAT" // IMs and MIMs
	SearchIM   = "IM"
	SearchMIM  = "MIM"
	SearchRoom = "ROOM"
	SearchPost = "POST"
)

// MessageSearchQuery is the body of POST /agent/v1/message/search: the
// criteria a message must meet, all of those set. Text needs StreamID;
// Signal can only be combined with the dates. FromDate is inclusive,
// ToDate exclusive, both ms since the epoch.
type MessageSearchQuery struct {
	Text       string `json:"text,omitempty"`
	StreamID   string `json:"streamId,omitempty"`
	StreamType string `json:"streamType,omitempty"`
	Author     int64  `json:"author,omitempty"`
	Hashtag    string `json:"hashtag,omitempty"`
	Cashtag    string `json:"cashtag,omitempty"`
	Mention    int64  `json:"mention,omitempty"`
	Signal     string `json:"signal,omitempty"`
	FromDate   int64  `json:"fromDate,omitempty"`
	ToDate     int64  `json:"toDate,omitempty"`
}

// IsZero reports whether the query sets no criterion.
func (q MessageSearchQuery) IsZero() bool { return q == MessageSearchQuery{} }

// SearchMessages returns a page of the messages that meet q in the streams
// the caller is a member of, newest first: the first skip of them skipped,
// at most limit (0 means the agent's default, 50). None gives an empty
// slice.
func (c *Client) SearchMessages(ctx context.Context, q MessageSearchQuery, skip, limit int) ([]V4Message, error) {
	const op = "search messages"
	if err := checkLimit(op, limit, MaxSearchResults); err != nil {
		return nil, err
	}
	var out []V4Message
	_, err := c.do(ctx, request{op: op, srv: &c.agent, method: http.MethodPost,
		path: "/agent/v1/message/search", query: pageQuery(skip, limit), in: q, auth: authSessionKey, out: &out})
	if out == nil && err == nil {
		out = []V4Message{}
	}
	return out, err
}
