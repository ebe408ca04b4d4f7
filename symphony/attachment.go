package symphony

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"net/url"
)

// Attachment downloads the attachment fileID of message messageID in
// stream streamID (GET /agent/v1/stream/{sid}/attachment) and writes its
// decoded content to w as it arrives: the agent answers the file in
// base64. progress, when non-nil, is called with the bytes written so far
// after every chunk. It returns how many bytes it wrote.
func (c *Client) Attachment(ctx context.Context, streamID, messageID, fileID string, w io.Writer, progress func(written int64)) (int64, error) {
	const op = "download attachment"
	q := url.Values{}
	q.Set("fileId", fileID)
	q.Set("messageId", CanonicalID(messageID))
	var n int64
	sink := func(body io.Reader) error {
		dec := base64.NewDecoder(base64.StdEncoding, body)
		buf := make([]byte, 64<<10)
		for {
			k, err := dec.Read(buf)
			if k > 0 {
				if _, werr := w.Write(buf[:k]); werr != nil {
					return fmt.Errorf("%s: write: %w", op, werr)
				}
				n += int64(k)
				if progress != nil {
					progress(n)
				}
			}
			switch {
			case err == io.EOF:
				return nil
			case err != nil:
				return fmt.Errorf("%s: read answer: %w", op, err)
			}
		}
	}
	_, err := c.do(ctx, request{op: op, srv: &c.agent, method: http.MethodGet,
		path: "/agent/v1/stream/" + pathID(streamID) + "/attachment", query: q, auth: authSessionKey, sink: sink})
	return n, err
}
