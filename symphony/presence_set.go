package symphony

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
)

// V2PresenceStatus is the body of POST /pod/v2/user/presence: the category
// to set (PresenceAvailable, …).
type V2PresenceStatus struct {
	Category string `json:"category"`
}

// V2UserPresence is the body of POST /pod/v3/user/presence: the category
// to set and whose presence it is.
type V2UserPresence struct {
	Category string `json:"category"`
	UserID   int64  `json:"userId,omitempty"`
}

// MaxPresencePage is the most presences GET /pod/v2/users/presence answers
// in one page.
const MaxPresencePage = 5000

// OwnPresence returns the presence of the caller (GET /pod/v2/user/presence).
func (c *Client) OwnPresence(ctx context.Context) (V2Presence, error) {
	var out V2Presence
	_, err := c.do(ctx, request{op: "get own presence", srv: &c.pod, method: http.MethodGet,
		path: "/pod/v2/user/presence", auth: authSession, out: &out})
	return out, err
}

// SetPresence sets the caller's presence to category (POST
// /pod/v2/user/presence) and returns it as the pod now answers it. With
// soft, the pod takes the user's state into account: a user OFFLINE stays
// so until they come online, and an idle one shows AWAY.
func (c *Client) SetPresence(ctx context.Context, category string, soft bool) (V2Presence, error) {
	var out V2Presence
	_, err := c.do(ctx, request{op: "set presence", srv: &c.pod, method: http.MethodPost,
		path: "/pod/v2/user/presence", query: softQuery(soft), in: V2PresenceStatus{Category: category},
		auth: authSession, out: &out})
	return out, err
}

// SetUserPresence sets the presence of another user of the pod (POST
// /pod/v3/user/presence), which needs the USER_PROVISIONING role, and
// returns it as the pod now answers it.
func (c *Client) SetUserPresence(ctx context.Context, userID int64, category string, soft bool) (V2Presence, error) {
	var out V2Presence
	_, err := c.do(ctx, request{op: "set user presence", srv: &c.pod, method: http.MethodPost,
		path: "/pod/v3/user/presence", query: softQuery(soft), in: V2UserPresence{Category: category, UserID: userID},
		auth: authSession, out: &out})
	return out, err
}

// softQuery is the query of a presence set: soft=true when asked.
func softQuery(soft bool) url.Values {
	if !soft {
		return nil
	}
	return url.Values{"soft": {"true"}}
}

// AllPresence returns a page of the presence of the pod's users, by user
// id ascending, from lastUserID on (GET /pod/v2/users/presence): 0 starts
// at the first user; limit 0 means the pod's default, 1000.
func (c *Client) AllPresence(ctx context.Context, lastUserID int64, limit int) ([]V2Presence, error) {
	const op = "list presence"
	if err := checkLimit(op, limit, MaxPresencePage); err != nil {
		return nil, err
	}
	q := url.Values{}
	if lastUserID > 0 {
		q.Set("lastUserId", strconv.FormatInt(lastUserID, 10))
	}
	if limit > 0 {
		q.Set("limit", strconv.Itoa(limit))
	}
	out := []V2Presence{}
	_, err := c.do(ctx, request{op: op, srv: &c.pod, method: http.MethodGet,
		path: "/pod/v2/users/presence", query: q, auth: authSession, out: &out})
	return out, err
}

// RegisterPresenceInterest asks the pod to follow the presence of users of
// other pods (POST /pod/v1/user/presence/register), for the caller's
// presence feeds.
func (c *Client) RegisterPresenceInterest(ctx context.Context, userIDs []int64) error {
	_, err := c.do(ctx, request{op: "register presence interest", srv: &c.pod, method: http.MethodPost,
		path: "/pod/v1/user/presence/register", in: userIDs, auth: authSession})
	return err
}
