package symphony

import (
	"context"
	"net/http"
	"net/url"
)

// StringID is an answer naming one object by a string id (the pod's
// StringId), such as a presence feed.
type StringID struct {
	ID string `json:"id"`
}

// CreatePresenceFeed creates a presence feed (POST
// /pod/v1/presence/feed/create) and returns its id. Each read of it returns
// the presences that changed since the previous one.
func (c *Client) CreatePresenceFeed(ctx context.Context) (string, error) {
	var out StringID
	_, err := c.do(ctx, request{op: "create presence feed", srv: &c.pod, method: http.MethodPost,
		path: "/pod/v1/presence/feed/create", auth: authSession, out: &out})
	return out.ID, err
}

// ReadPresenceFeed returns the presences that changed since the feed's
// previous read (GET /pod/v1/presence/feed/{feedId}/read), at most 500; the
// others come with the next read. None gives an empty slice.
func (c *Client) ReadPresenceFeed(ctx context.Context, feedID string) ([]V2Presence, error) {
	out := []V2Presence{}
	_, err := c.do(ctx, request{op: "read presence feed", srv: &c.pod, method: http.MethodGet,
		path: "/pod/v1/presence/feed/" + url.PathEscape(feedID) + "/read", auth: authSession, out: &out})
	return out, err
}

// DeletePresenceFeed deletes a presence feed (POST
// /pod/v1/presence/feed/{feedId}/delete).
func (c *Client) DeletePresenceFeed(ctx context.Context, feedID string) error {
	_, err := c.do(ctx, request{op: "delete presence feed", srv: &c.pod, method: http.MethodPost,
		path: "/pod/v1/presence/feed/" + url.PathEscape(feedID) + "/delete", auth: authSession})
	return err
}
