package symphony

import (
	"context"
	"net/http"
)

// CreateRoom creates a room (POST /pod/v3/room/create) whose owner and
// only member is the caller, and returns it with its id in canonical form.
// The pod refuses a room without a name or named like another room.
func (c *Client) CreateRoom(ctx context.Context, attrs V3RoomAttributes) (V3RoomDetail, error) {
	var out V3RoomDetail
	_, err := c.do(ctx, request{op: "create room", srv: &c.pod, method: http.MethodPost,
		path: "/pod/v3/room/create", in: attrs, auth: authSession, out: &out})
	canonicalRoom(&out)
	return out, err
}

// AddRoomMember adds userID to a room (POST
// /pod/v1/room/{id}/membership/add). Owners may add anyone, members when
// the room lets them invite, and anyone may add themselves to a public
// room. Adding a member already there succeeds and changes nothing.
func (c *Client) AddRoomMember(ctx context.Context, roomID string, userID int64) error {
	return c.changeMembership(ctx, "add room member", roomID, "add", userID)
}

// changeMembership performs a room membership call: POST
// /pod/v1/room/{id}/membership/<verb> with the user's id.
func (c *Client) changeMembership(ctx context.Context, op, roomID, verb string, userID int64) error {
	var out SuccessResponse
	_, err := c.do(ctx, request{op: op, srv: &c.pod, method: http.MethodPost,
		path: "/pod/v1/room/" + pathID(roomID) + "/membership/" + verb, in: UserID{ID: userID},
		auth: authSession, out: &out})
	return err
}

// canonicalRoom puts the id of a room in canonical form.
func canonicalRoom(d *V3RoomDetail) {
	if d.RoomSystemInfo != nil {
		d.RoomSystemInfo.ID = CanonicalID(d.RoomSystemInfo.ID)
	}
}
