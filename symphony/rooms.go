package symphony

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
)

// MaxRoomsPerSearch is the largest page of a room search.
const MaxRoomsPerSearch = 100

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

// UpdateRoom changes the attributes of a room that update sets (POST
// /pod/v3/room/{id}/update) and returns the room as it now is; the members
// get ROOMUPDATED. Only owners may; the pod refuses an update that changes
// nothing, or one changing what a room keeps from its creation (public,
// cross-pod, read-only) or removing its copy protection.
func (c *Client) UpdateRoom(ctx context.Context, roomID string, update RoomUpdate) (V3RoomDetail, error) {
	var out V3RoomDetail
	_, err := c.do(ctx, request{op: "update room", srv: &c.pod, method: http.MethodPost,
		path: "/pod/v3/room/" + pathID(roomID) + "/update", in: update, auth: authSession, out: &out})
	canonicalRoom(&out)
	return out, err
}

// SearchRooms returns one page of the rooms matching criteria (POST
// /pod/v3/room/search): skip rooms skipped, at most limit returned (0
// means the pod's default, 50; at most MaxRoomsPerSearch), with the
// number matched in all. Room ids come in canonical form.
func (c *Client) SearchRooms(ctx context.Context, criteria V2RoomSearchCriteria, skip, limit int) (V3RoomSearchResults, error) {
	const op = "search rooms"
	if err := checkLimit(op, limit, MaxRoomsPerSearch); err != nil {
		return V3RoomSearchResults{}, err
	}
	q := url.Values{}
	q.Set("skip", strconv.Itoa(skip))
	if limit > 0 {
		q.Set("limit", strconv.Itoa(limit))
	}
	var out V3RoomSearchResults
	_, err := c.do(ctx, request{op: op, srv: &c.pod, method: http.MethodPost,
		path: "/pod/v3/room/search", query: q, in: criteria, auth: authSession, out: &out})
	for i := range out.Rooms {
		canonicalRoom(&out.Rooms[i])
	}
	return out, err
}

// SetRoomActive deactivates (active false) or reactivates a room (POST
// /pod/v1/room/{id}/setActive) and returns it as it now is; the members
// get ROOMDEACTIVATED or ROOMREACTIVATED. Only owners may. A deactivated
// room takes no message and its membership is locked.
func (c *Client) SetRoomActive(ctx context.Context, roomID string, active bool) (RoomDetail, error) {
	q := url.Values{}
	q.Set("active", strconv.FormatBool(active))
	var out RoomDetail
	_, err := c.do(ctx, request{op: "set room active", srv: &c.pod, method: http.MethodPost,
		path: "/pod/v1/room/" + pathID(roomID) + "/setActive", query: q, auth: authSession, out: &out})
	if out.RoomSystemInfo != nil {
		out.RoomSystemInfo.ID = CanonicalID(out.RoomSystemInfo.ID)
	}
	return out, err
}

// AddRoomMember adds userID to a room (POST
// /pod/v1/room/{id}/membership/add). Owners may add anyone, members when
// the room lets them invite, and anyone may add themselves to a public
// room. Adding a member already there succeeds and changes nothing.
func (c *Client) AddRoomMember(ctx context.Context, roomID string, userID int64) error {
	return c.changeMembership(ctx, "add room member", roomID, "add", userID)
}

// RemoveRoomMember removes userID from a room (POST
// /pod/v1/room/{id}/membership/remove). Owners may remove anyone, and
// anyone may remove themselves (leave).
func (c *Client) RemoveRoomMember(ctx context.Context, roomID string, userID int64) error {
	return c.changeMembership(ctx, "remove room member", roomID, "remove", userID)
}

// PromoteRoomOwner makes userID, a member, an owner of a room (POST
// /pod/v1/room/{id}/membership/promoteOwner). Only owners may.
func (c *Client) PromoteRoomOwner(ctx context.Context, roomID string, userID int64) error {
	return c.changeMembership(ctx, "promote room owner", roomID, "promoteOwner", userID)
}

// DemoteRoomOwner makes userID, an owner, a plain member of a room (POST
// /pod/v1/room/{id}/membership/demoteOwner). Only owners may.
func (c *Client) DemoteRoomOwner(ctx context.Context, roomID string, userID int64) error {
	return c.changeMembership(ctx, "demote room owner", roomID, "demoteOwner", userID)
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
