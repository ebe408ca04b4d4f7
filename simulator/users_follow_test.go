package simulator_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"testing"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/symphony"
)

// followers reads a page of a user's followers.
func (c *client) followers(uid int64, query string) symphony.FollowersListResponse {
	c.t.Helper()
	var out symphony.FollowersListResponse
	if status := c.callJSON(http.MethodGet, fmt.Sprintf("/pod/v1/user/%d/followers%s", uid, query), nil, &out); status != http.StatusOK {
		c.t.Fatalf("followers of %d%s: %d", uid, query, status)
	}
	return out
}

// TestFollowListsFollowersInOrderByCursor has users follow a colleague and
// stop, and pages through the followers and the followed by cursor.
func TestFollowListsFollowersInOrderByCursor(t *testing.T) {
	c := newClient(t, start(t, simulator.Options{}))
	follow := func(verb string, uid int64, followers ...int64) {
		t.Helper()
		var ok symphony.SuccessResponse
		if status := c.callJSON(http.MethodPost, fmt.Sprintf("/pod/v1/user/%d/%s", uid, verb), symphony.FollowersList{Followers: followers}, &ok); status != http.StatusOK || ok.Message == "" {
			t.Fatalf("%s %d by %v: %d %+v", verb, uid, followers, status, ok)
		}
	}
	follow("follow", bobID, aliceID, carolID)
	follow("follow", bobID, danaID, aliceID) // alice follows already: her place stays
	follow("follow", carolID, aliceID)
	all := c.followers(bobID, "")
	if all.Count != 3 || !slices.Equal(all.Followers, []int64{aliceID, carolID, danaID}) || all.Pagination.Next != "" {
		t.Fatalf("bob's followers: %+v", all)
	}
	first := c.followers(bobID, "?limit=2")
	if first.Count != 3 || !slices.Equal(first.Followers, []int64{aliceID, carolID}) || first.Pagination.Next == "" || first.Pagination.Previous != "" {
		t.Fatalf("first page: %+v", first)
	}
	next, err := url.Parse(first.Pagination.Next)
	if err != nil || next.Query().Get("after") != first.Pagination.Cursors.After {
		t.Fatalf("next link %q", first.Pagination.Next)
	}
	second := c.followers(bobID, "?limit=2&after="+first.Pagination.Cursors.After)
	if !slices.Equal(second.Followers, []int64{danaID}) || second.Pagination.Next != "" || second.Pagination.Previous == "" {
		t.Fatalf("second page: %+v", second)
	}
	if back := c.followers(bobID, "?limit=2&before="+second.Pagination.Cursors.Before); !slices.Equal(back.Followers, []int64{aliceID, carolID}) {
		t.Fatalf("back to the first page: %+v", back)
	}
	var following symphony.FollowingListResponse
	c.callJSON(http.MethodGet, fmt.Sprintf("/pod/v1/user/%d/following", aliceID), nil, &following)
	if following.Count != 2 || !slices.Equal(following.Following, []int64{bobID, carolID}) {
		t.Fatalf("whom alice follows: %+v", following)
	}
	follow("unfollow", bobID, carolID, botID) // the bot did not follow: nothing to undo
	if got := c.followers(bobID, ""); got.Count != 2 || !slices.Equal(got.Followers, []int64{aliceID, danaID}) {
		t.Fatalf("once carol stopped: %+v", got)
	}
	if got := c.followers(botID, ""); got.Count != 0 || len(got.Followers) != 0 {
		t.Fatalf("nobody follows the bot: %+v", got)
	}
}

// TestFollowRefusals answers 400 to an empty or unknown list of followers,
// a user following themselves, an unknown user and a bad page.
func TestFollowRefusals(t *testing.T) {
	c := newClient(t, start(t, simulator.Options{}))
	for _, tc := range []struct {
		method, path string
		body         any
	}{
		{http.MethodPost, fmt.Sprintf("/pod/v1/user/%d/follow", bobID), symphony.FollowersList{}},
		{http.MethodPost, fmt.Sprintf("/pod/v1/user/%d/follow", bobID), symphony.FollowersList{Followers: []int64{aliceID, 1}}},
		{http.MethodPost, fmt.Sprintf("/pod/v1/user/%d/follow", bobID), symphony.FollowersList{Followers: []int64{bobID}}},
		{http.MethodPost, "/pod/v1/user/1/follow", symphony.FollowersList{Followers: []int64{aliceID}}},
		{http.MethodPost, "/pod/v1/user/x/unfollow", symphony.FollowersList{Followers: []int64{aliceID}}},
		{http.MethodPost, fmt.Sprintf("/pod/v1/user/%d/unfollow", bobID), nil},
		{http.MethodGet, "/pod/v1/user/1/followers", nil},
		{http.MethodGet, fmt.Sprintf("/pod/v1/user/%d/following?limit=0", bobID), nil},
		{http.MethodGet, fmt.Sprintf("/pod/v1/user/%d/followers?after=!!", bobID), nil},
		{http.MethodGet, fmt.Sprintf("/pod/v1/user/%d/followers?after=MQ&before=MQ", bobID), nil},
	} {
		status, data, _ := c.call(tc.method, tc.path, tc.body)
		wantError(t, tc.method+" "+tc.path, status, data, http.StatusBadRequest)
	}
}
