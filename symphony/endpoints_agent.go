package symphony

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
)

// MaxMessagesPerPage is the largest limit the history endpoint accepts.
const MaxMessagesPerPage = 500

// MessageQuery selects a page of a stream's history: messages with
// Since ≤ timestamp (≤ Until when set), of which the first Skip are skipped
// and at most Limit returned (0 means the agent's default, 50).
type MessageQuery struct {
	Since, Until int64
	Skip, Limit  int
}

// StreamMessages returns a page of a stream's history; none gives an empty
// slice.
func (c *Client) StreamMessages(ctx context.Context, streamID string, mq MessageQuery) ([]V4Message, error) {
	const op = "list stream messages"
	if err := checkLimit(op, mq.Limit, MaxMessagesPerPage); err != nil {
		return nil, err
	}
	q := pageQuery(mq.Skip, mq.Limit)
	q.Set("since", strconv.FormatInt(mq.Since, 10))
	if mq.Until > 0 {
		q.Set("until", strconv.FormatInt(mq.Until, 10))
	}
	var out []V4Message
	_, err := c.do(ctx, request{op: op, srv: &c.agent, method: http.MethodGet,
		path: "/agent/v4/stream/" + pathID(streamID) + "/message", query: q, auth: authSessionKey, out: &out})
	return out, err
}

// Message returns one message; found is false when the agent has none with
// that id.
func (c *Client) Message(ctx context.Context, messageID string) (msg V4Message, found bool, err error) {
	status, err := c.do(ctx, request{op: "get message", srv: &c.agent, method: http.MethodGet,
		path: "/agent/v1/message/" + pathID(messageID), auth: authSessionKey, out: &msg})
	return msg, err == nil && status != http.StatusNoContent, err
}

// SendMessage posts a message, MessageML or PresentationML, with its
// EntityJSON data ("" for none), and returns it as the agent stored it.
func (c *Client) SendMessage(ctx context.Context, streamID, message, data string) (V4Message, error) {
	return c.SendMessageWithFiles(ctx, streamID, message, data, nil)
}

// ListDatafeeds returns the caller's datafeeds v2, those with the tag when
// it is not empty.
func (c *Client) ListDatafeeds(ctx context.Context, tag string) ([]V5Datafeed, error) {
	q := url.Values{}
	if tag != "" {
		q.Set("tag", tag)
	}
	var out []V5Datafeed
	_, err := c.do(ctx, request{op: "list datafeeds", srv: &c.agent, method: http.MethodGet,
		path: "/agent/v5/datafeeds", query: q, auth: authSessionKey, out: &out})
	return out, err
}

// CreateDatafeed creates a datafeed v2.
func (c *Client) CreateDatafeed(ctx context.Context, body V5DatafeedCreateBody) (V5Datafeed, error) {
	var out V5Datafeed
	_, err := c.do(ctx, request{op: "create datafeed", srv: &c.agent, method: http.MethodPost,
		path: "/agent/v5/datafeeds", in: body, auth: authSessionKey, out: &out})
	return out, err
}

// DeleteDatafeed deletes a datafeed v2.
func (c *Client) DeleteDatafeed(ctx context.Context, id string) error {
	_, err := c.do(ctx, request{op: "delete datafeed", srv: &c.agent, method: http.MethodDelete,
		path: "/agent/v5/datafeeds/" + url.PathEscape(id), auth: authSessionKey})
	return err
}

// ReadDatafeed reads a datafeed v2, acknowledging the batch of ackID ("" on
// the first read). It blocks until events arrive or the agent's long poll
// ends; the answer's AckID acknowledges this batch on the next read.
func (c *Client) ReadDatafeed(ctx context.Context, id, ackID string, updatePresence bool) (V5EventList, error) {
	var out V5EventList
	_, err := c.do(ctx, request{op: "read datafeed", srv: &c.agent, method: http.MethodPost,
		path: "/agent/v5/datafeeds/" + url.PathEscape(id) + "/read",
		in:   AckID{AckID: ackID, UpdatePresence: &updatePresence}, auth: authSessionKey, out: &out})
	return out, err
}

// CreateDatafeedV1 creates a datafeed v1 and returns its id.
func (c *Client) CreateDatafeedV1(ctx context.Context) (string, error) {
	var out Datafeed
	_, err := c.do(ctx, request{op: "create datafeed v1", srv: &c.agent, method: http.MethodPost,
		path: "/agent/v4/datafeed/create", auth: authSessionKey, out: &out})
	return out.ID, err
}

// ReadDatafeedV1 reads a datafeed v1; it blocks until events arrive or the
// agent's long poll ends (200 [] and 204 both give no events).
func (c *Client) ReadDatafeedV1(ctx context.Context, id string) ([]V4Event, error) {
	var out []V4Event
	_, err := c.do(ctx, request{op: "read datafeed v1", srv: &c.agent, method: http.MethodGet,
		path: "/agent/v4/datafeed/" + url.PathEscape(id) + "/read", auth: authSessionKey, out: &out})
	return out, err
}
