package symphony

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
)

// UserSearchFilter narrows a user search (UserSearchQuery.Filters): every
// field set must match. AccountTypes lists NORMAL, SYSTEM or SDL.
type UserSearchFilter struct {
	Title          string   `json:"title,omitempty"`
	Company        string   `json:"company,omitempty"`
	Location       string   `json:"location,omitempty"`
	MarketCoverage string   `json:"marketCoverage,omitempty"`
	Responsibility string   `json:"responsibility,omitempty"`
	Function       string   `json:"function,omitempty"`
	Instrument     string   `json:"instrument,omitempty"`
	AccountTypes   []string `json:"accountTypes,omitempty"`
}

// UserSearchQuery is the body of POST /pod/v1/user/search: a query matched
// against the users' names, usernames and e-mail addresses, and optional
// filters.
type UserSearchQuery struct {
	Query   string            `json:"query"`
	Filters *UserSearchFilter `json:"filters,omitempty"`
}

// UserSearchResults is the answer of a user search: how many users match
// in all (Count), the page asked for (Skip, Limit), the query that found
// them and the users of the page.
type UserSearchResults struct {
	Count       int64            `json:"count"`
	Skip        int64            `json:"skip"`
	Limit       int64            `json:"limit"`
	SearchQuery *UserSearchQuery `json:"searchQuery,omitempty"`
	Users       []UserV2         `json:"users"`
}

// SearchUsers returns a page of the users whose display name, first or
// last name, username or e-mail address matches query (POST
// /pod/v1/user/search): the first skip of them skipped, at most limit (0
// means the pod's default, 50). With local, only the pod's own users;
// otherwise the users of other pods visible to the caller too. No match
// gives a Count of 0 and no users.
func (c *Client) SearchUsers(ctx context.Context, query string, local bool, skip, limit int) (UserSearchResults, error) {
	const op = "search users"
	if skip < 0 || limit < 0 {
		return UserSearchResults{}, fmt.Errorf("%s: skip %d and limit %d must not be negative", op, skip, limit)
	}
	q := pageQuery(skip, limit)
	q.Set("local", strconv.FormatBool(local))
	var out UserSearchResults
	status, err := c.do(ctx, request{op: op, srv: &c.pod, method: http.MethodPost,
		path: "/pod/v1/user/search", query: q, in: UserSearchQuery{Query: query}, auth: authSession, out: &out})
	if err != nil {
		return UserSearchResults{}, err
	}
	if status == http.StatusNoContent {
		out = UserSearchResults{Skip: int64(skip), Limit: int64(limit)}
	}
	if out.Users == nil {
		out.Users = []UserV2{}
	}
	return out, nil
}
