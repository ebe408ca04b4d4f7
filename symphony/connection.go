package symphony

import (
	"context"
	"net/http"
)

// UserConnectionRequest names the other user of a connection request
// (POST /pod/v1/connection/create, accept and reject).
type UserConnectionRequest struct {
	UserID int64 `json:"userId"`
}

// AcceptConnection accepts the pending connection request of userID
// (POST /pod/v1/connection/accept) and returns the connection as the pod
// now holds it.
func (c *Client) AcceptConnection(ctx context.Context, userID int64) (UserConnection, error) {
	var out UserConnection
	_, err := c.do(ctx, request{op: "accept connection", srv: &c.pod, method: http.MethodPost,
		path: "/pod/v1/connection/accept", in: UserConnectionRequest{UserID: userID}, auth: authSession, out: &out})
	return out, err
}

// RejectConnection rejects the pending connection request of userID
// (POST /pod/v1/connection/reject) and returns the connection as the pod
// now holds it.
func (c *Client) RejectConnection(ctx context.Context, userID int64) (UserConnection, error) {
	var out UserConnection
	_, err := c.do(ctx, request{op: "reject connection", srv: &c.pod, method: http.MethodPost,
		path: "/pod/v1/connection/reject", in: UserConnectionRequest{UserID: userID}, auth: authSession, out: &out})
	return out, err
}

// RequestConnection asks userID, of another pod, to connect (POST
// /pod/v1/connection/create) and returns the connection as the pod now
// holds it (PENDING_OUTGOING).
func (c *Client) RequestConnection(ctx context.Context, userID int64) (UserConnection, error) {
	var out UserConnection
	_, err := c.do(ctx, request{op: "request connection", srv: &c.pod, method: http.MethodPost,
		path: "/pod/v1/connection/create", in: UserConnectionRequest{UserID: userID}, auth: authSession, out: &out})
	return out, err
}
