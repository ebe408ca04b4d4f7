package symphony

import (
	"context"
	"net/http"
	"strconv"
)

// ConnectionInfo returns the caller's connection with userID (GET
// /pod/v1/connection/user/{userId}/info), from the caller's side: a user
// of the same pod is connected implicitly (ConnectionAccepted).
func (c *Client) ConnectionInfo(ctx context.Context, userID int64) (UserConnection, error) {
	var out UserConnection
	_, err := c.do(ctx, request{op: "get connection", srv: &c.pod, method: http.MethodGet,
		path: "/pod/v1/connection/user/" + strconv.FormatInt(userID, 10) + "/info", auth: authSession, out: &out})
	return out, err
}

// RemoveConnection removes the caller's accepted connection with userID,
// of another pod (POST /pod/v1/connection/user/{uid}/remove), for both.
func (c *Client) RemoveConnection(ctx context.Context, userID int64) error {
	_, err := c.do(ctx, request{op: "remove connection", srv: &c.pod, method: http.MethodPost,
		path: "/pod/v1/connection/user/" + strconv.FormatInt(userID, 10) + "/remove", auth: authSession})
	return err
}
