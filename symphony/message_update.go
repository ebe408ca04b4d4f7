package symphony

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
)

// UpdateMessage replaces message messageID of a stream with a new version,
// MessageML or PresentationML with its EntityJSON data ("" for none), and
// returns the new version as the agent stored it: a message of its own
// whose replacing and initialMessageId name the versions before it. The
// update is silent (recipients see it as read), the agent's default. Only
// the author may update a message; the agent refuses others with 403.
func (c *Client) UpdateMessage(ctx context.Context, streamID, messageID, message, data string) (V4Message, error) {
	const op = "update message"
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	if err := w.WriteField("message", message); err != nil {
		return V4Message{}, fmt.Errorf("%s: %w", op, err)
	}
	if data != "" {
		if err := w.WriteField("data", data); err != nil {
			return V4Message{}, fmt.Errorf("%s: %w", op, err)
		}
	}
	if err := w.Close(); err != nil {
		return V4Message{}, fmt.Errorf("%s: %w", op, err)
	}
	var out V4Message
	_, err := c.do(ctx, request{op: op, srv: &c.agent, method: http.MethodPost,
		path: "/agent/v4/stream/" + pathID(streamID) + "/message/" + pathID(messageID) + "/update",
		body: buf.Bytes(), contentType: w.FormDataContentType(), auth: authSessionKey, out: &out})
	return out, err
}
