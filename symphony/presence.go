package symphony

import (
	"context"
	"net/http"
	"strconv"
)

// Presence categories of V2Presence.Category, as the pod API lists them.
const (
	PresenceAvailable    = "AVAILABLE"
	PresenceBusy         = "BUSY"
	PresenceDoNotDisturb = "DO_NOT_DISTURB"
	PresenceOnThePhone   = "ON_THE_PHONE"
	PresenceBeRightBack  = "BE_RIGHT_BACK"
	PresenceInAMeeting   = "IN_A_MEETING"
	PresenceAway         = "AWAY"
	PresenceOutOfOffice  = "OUT_OF_OFFICE"
	PresenceOffWork      = "OFF_WORK"
	PresenceOffline      = "OFFLINE"
	PresenceUndefined    = "UNDEFINED"
)

// V2Presence is a user's presence: its category (PresenceAvailable, …),
// whose it is and since when (ms).
type V2Presence struct {
	Category  string `json:"category"`
	UserID    int64  `json:"userId,omitempty"`
	Timestamp int64  `json:"timestamp,omitempty"`
}

// Presence returns the presence of the user of userID
// (GET /pod/v3/user/{uid}/presence). It only reads: tutti never sets the
// presence of its own account.
func (c *Client) Presence(ctx context.Context, userID int64) (V2Presence, error) {
	var out V2Presence
	_, err := c.do(ctx, request{op: "get user presence", srv: &c.pod, method: http.MethodGet,
		path: "/pod/v3/user/" + strconv.FormatInt(userID, 10) + "/presence", auth: authSession, out: &out})
	return out, err
}
