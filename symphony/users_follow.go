package symphony

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
)

// FollowersList is the body of a follow or unfollow: the users who start or
// stop following.
type FollowersList struct {
	Followers []int64 `json:"followers"`
}

// PaginationCursors point to the ends of a page: Before to its first item,
// After to its last.
type PaginationCursors struct {
	Before string `json:"before"`
	After  string `json:"after,omitempty"`
}

// Pagination is how a cursor-paged answer goes on: the cursors of the
// page's ends and the links of the previous and next pages, when there are.
type Pagination struct {
	Cursors  PaginationCursors `json:"cursors"`
	Previous string            `json:"previous,omitempty"`
	Next     string            `json:"next,omitempty"`
}

// FollowersListResponse is a page of a user's followers, with how many they
// are in all.
type FollowersListResponse struct {
	Count      int64       `json:"count"`
	Followers  []int64     `json:"followers"`
	Pagination *Pagination `json:"pagination,omitempty"`
}

// FollowingListResponse is a page of the users a user follows, with how
// many they are in all.
type FollowingListResponse struct {
	Count      int64       `json:"count"`
	Following  []int64     `json:"following"`
	Pagination *Pagination `json:"pagination,omitempty"`
}

// FollowUser makes followerIDs follow userID (POST
// /pod/v1/user/{uid}/follow).
func (c *Client) FollowUser(ctx context.Context, userID int64, followerIDs []int64) error {
	_, err := c.do(ctx, request{op: "follow user", srv: &c.pod, method: http.MethodPost,
		path: "/pod/v1/user/" + strconv.FormatInt(userID, 10) + "/follow", in: FollowersList{Followers: followerIDs},
		auth: authSession})
	return err
}

// UnfollowUser makes followerIDs stop following userID (POST
// /pod/v1/user/{uid}/unfollow).
func (c *Client) UnfollowUser(ctx context.Context, userID int64, followerIDs []int64) error {
	_, err := c.do(ctx, request{op: "unfollow user", srv: &c.pod, method: http.MethodPost,
		path: "/pod/v1/user/" + strconv.FormatInt(userID, 10) + "/unfollow", in: FollowersList{Followers: followerIDs},
		auth: authSession})
	return err
}

// Followers returns a page of the followers of userID (GET
// /pod/v1/user/{uid}/followers): limit of them (0 means the pod's
// default), after the cursor after or before the cursor before (at most
// one of them set; none starts at the first).
func (c *Client) Followers(ctx context.Context, userID int64, limit int, before, after string) (FollowersListResponse, error) {
	var out FollowersListResponse
	_, err := c.do(ctx, request{op: "list followers", srv: &c.pod, method: http.MethodGet,
		path: "/pod/v1/user/" + strconv.FormatInt(userID, 10) + "/followers", query: cursorQuery(limit, before, after),
		auth: authSession, out: &out})
	return out, err
}

// Following returns a page of the users userID follows (GET
// /pod/v1/user/{uid}/following), paged as Followers.
func (c *Client) Following(ctx context.Context, userID int64, limit int, before, after string) (FollowingListResponse, error) {
	var out FollowingListResponse
	_, err := c.do(ctx, request{op: "list following", srv: &c.pod, method: http.MethodGet,
		path: "/pod/v1/user/" + strconv.FormatInt(userID, 10) + "/following", query: cursorQuery(limit, before, after),
		auth: authSession, out: &out})
	return out, err
}

// cursorQuery is the query of a cursor-paged list.
func cursorQuery(limit int, before, after string) url.Values {
	q := url.Values{}
	if limit > 0 {
		q.Set("limit", strconv.Itoa(limit))
	}
	if before != "" {
		q.Set("before", before)
	}
	if after != "" {
		q.Set("after", after)
	}
	return q
}
