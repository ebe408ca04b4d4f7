package symphony

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// MaxUsersPerCall is how many ids, emails or usernames one user search takes.
const MaxUsersPerCall = 100

// SessionInfo returns the user the session belongs to.
func (c *Client) SessionInfo(ctx context.Context) (UserV2, error) {
	var u UserV2
	_, err := c.do(ctx, request{op: "get session info", srv: &c.pod, method: http.MethodGet,
		path: "/pod/v2/sessioninfo", auth: authSession, out: &u})
	return u, err
}

// ListStreams returns one page of the caller's streams, oldest first; none
// left gives an empty slice.
func (c *Client) ListStreams(ctx context.Context, filter StreamFilter, skip, limit int) ([]StreamAttributes, error) {
	q := url.Values{}
	q.Set("skip", strconv.Itoa(skip))
	if limit > 0 {
		q.Set("limit", strconv.Itoa(limit))
	}
	var out []StreamAttributes
	_, err := c.do(ctx, request{op: "list streams", srv: &c.pod, method: http.MethodPost,
		path: "/pod/v1/streams/list", query: q, in: filter, auth: authSession, out: &out})
	return out, err
}

// MaxStreamsPerPage is the page of the streams list tutti asks for: the
// most the pods serve in one answer.
const MaxStreamsPerPage = 1000

// AllStreams pages through ListStreams until the last page.
func (c *Client) AllStreams(ctx context.Context, filter StreamFilter) ([]StreamAttributes, error) {
	return PageStreams(ctx, func(ctx context.Context, skip, limit int) ([]StreamAttributes, error) {
		return c.ListStreams(ctx, filter, skip, limit)
	})
}

// PageStreams pages through a streams list with list (ListStreams with
// its filter): pages of MaxStreamsPerPage, each skipping what the previous
// ones returned, until a page is empty. A page shorter than asked for is not
// taken for the last, since a pod may serve fewer than asked. What was
// listed before an error is returned with it.
func PageStreams(ctx context.Context, list func(ctx context.Context, skip, limit int) ([]StreamAttributes, error)) ([]StreamAttributes, error) {
	var all []StreamAttributes
	prevFirst := ""
	for {
		got, err := list(ctx, len(all), MaxStreamsPerPage)
		if err != nil {
			return all, err
		}
		if len(got) == 0 {
			return all, nil
		}
		if got[0].ID == prevFirst {
			return all, fmt.Errorf("list streams: the pod ignored the skip parameter (skip %d gave the same page again)", len(all))
		}
		prevFirst = got[0].ID
		all = append(all, got...)
	}
}

// StreamInfo returns a stream's attributes, with its last message date.
func (c *Client) StreamInfo(ctx context.Context, streamID string) (V2StreamAttributes, error) {
	var out V2StreamAttributes
	_, err := c.do(ctx, request{op: "get stream info", srv: &c.pod, method: http.MethodGet,
		path: "/pod/v2/streams/" + pathID(streamID) + "/info", auth: authSession, out: &out})
	return out, err
}

// RoomInfo returns a room's properties.
func (c *Client) RoomInfo(ctx context.Context, roomID string) (V3RoomDetail, error) {
	var out V3RoomDetail
	_, err := c.do(ctx, request{op: "get room info", srv: &c.pod, method: http.MethodGet,
		path: "/pod/v3/room/" + pathID(roomID) + "/info", auth: authSession, out: &out})
	return out, err
}

// RoomMembers returns a room's members (ids, ownership and join dates).
func (c *Client) RoomMembers(ctx context.Context, roomID string) ([]MemberInfo, error) {
	var out []MemberInfo
	_, err := c.do(ctx, request{op: "list room members", srv: &c.pod, method: http.MethodGet,
		path: "/pod/v2/room/" + pathID(roomID) + "/membership/list", auth: authSession, out: &out})
	return out, err
}

// CreateIM returns the IM or MIM of the caller with the given users,
// creating it when it does not exist yet.
func (c *Client) CreateIM(ctx context.Context, userIDs []int64) (string, error) {
	var out StreamID
	_, err := c.do(ctx, request{op: "create IM", srv: &c.pod, method: http.MethodPost,
		path: "/pod/v1/im/create", in: userIDs, auth: authSession, out: &out})
	return CanonicalID(out.ID), err
}

// IMInfo returns an IM's system information.
func (c *Client) IMInfo(ctx context.Context, imID string) (V1IMDetail, error) {
	var out V1IMDetail
	_, err := c.do(ctx, request{op: "get IM info", srv: &c.pod, method: http.MethodGet,
		path: "/pod/v1/im/" + pathID(imID) + "/info", auth: authSession, out: &out})
	return out, err
}

// UsersByID returns the users with the given ids, in batches of
// MaxUsersPerCall; ids the pod does not know are left out.
func (c *Client) UsersByID(ctx context.Context, ids []int64, local bool) ([]UserV2, error) {
	strs := make([]string, len(ids))
	for i, id := range ids {
		strs[i] = strconv.FormatInt(id, 10)
	}
	return c.searchUsers(ctx, "uid", strs, local)
}

// UsersByEmail returns the users with the given email addresses.
func (c *Client) UsersByEmail(ctx context.Context, emails []string, local bool) ([]UserV2, error) {
	return c.searchUsers(ctx, "email", emails, local)
}

// UsersByUsername returns the users with the given usernames (local users
// only, as the pod requires).
func (c *Client) UsersByUsername(ctx context.Context, usernames []string) ([]UserV2, error) {
	return c.searchUsers(ctx, "username", usernames, true)
}

func (c *Client) searchUsers(ctx context.Context, key string, values []string, local bool) ([]UserV2, error) {
	var users []UserV2
	for start := 0; start < len(values); start += MaxUsersPerCall {
		end := min(start+MaxUsersPerCall, len(values))
		q := url.Values{}
		q.Set(key, strings.Join(values[start:end], ","))
		q.Set("local", strconv.FormatBool(local))
		var out V2UserList
		_, err := c.do(ctx, request{op: "search users by " + key, srv: &c.pod, method: http.MethodGet,
			path: "/pod/v3/users", query: q, auth: authSession, out: &out})
		if err != nil {
			return users, err
		}
		users = append(users, out.Users...)
	}
	return users, nil
}

// Connections returns the caller's connections with the given status
// (ConnectionAll, …; "" means the pending ones), restricted to userIDs when
// given.
func (c *Client) Connections(ctx context.Context, status string, userIDs []int64) ([]UserConnection, error) {
	q := url.Values{}
	if status != "" {
		q.Set("status", status)
	}
	if len(userIDs) > 0 {
		strs := make([]string, len(userIDs))
		for i, id := range userIDs {
			strs[i] = strconv.FormatInt(id, 10)
		}
		q.Set("userIds", strings.Join(strs, ","))
	}
	var out []UserConnection
	_, err := c.do(ctx, request{op: "list connections", srv: &c.pod, method: http.MethodGet,
		path: "/pod/v1/connection/list", query: q, auth: authSession, out: &out})
	return out, err
}

// pathID returns an id in canonical form, escaped for a URL path.
func pathID(id string) string {
	return url.PathEscape(CanonicalID(id))
}

// checkLimit rejects a page size outside 1..max.
func checkLimit(op string, limit, max int) error {
	if limit < 0 || limit > max {
		return fmt.Errorf("%s: limit %d is outside 0..%d", op, limit, max)
	}
	return nil
}
