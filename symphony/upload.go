package symphony

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
)

// AttachmentFile is a file to send with a message: its name as the
// recipients see it and its content.
type AttachmentFile struct {
	Name string
	Data []byte
}

// SendMessageWithFiles posts a message with files, each as a multipart
// part named attachment, and returns it as the agent stored it.
func (c *Client) SendMessageWithFiles(ctx context.Context, streamID, message, data string, files []AttachmentFile) (V4Message, error) {
	return c.postMessage(ctx, "send message", "/agent/v4/stream/"+pathID(streamID)+"/message/create", message, data, files)
}

// postMessage posts a message as the agent's message endpoints take it: a
// multipart form of the message, its EntityJSON data when not "", and each
// file as a part named attachment; it returns the message as stored.
func (c *Client) postMessage(ctx context.Context, op, path, message, data string, files []AttachmentFile) (V4Message, error) {
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
	for _, f := range files {
		part, err := w.CreateFormFile("attachment", f.Name)
		if err != nil {
			return V4Message{}, fmt.Errorf("%s: attach %s: %w", op, f.Name, err)
		}
		if _, err := part.Write(f.Data); err != nil {
			return V4Message{}, fmt.Errorf("%s: attach %s: %w", op, f.Name, err)
		}
	}
	if err := w.Close(); err != nil {
		return V4Message{}, fmt.Errorf("%s: %w", op, err)
	}
	var out V4Message
	_, err := c.do(ctx, request{op: op, srv: &c.agent, method: http.MethodPost, path: path,
		body: buf.Bytes(), contentType: w.FormDataContentType(), auth: authSessionKey, out: &out})
	return out, err
}
