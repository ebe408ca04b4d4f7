package simulator_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/simulator/scenario"
	"github.com/tutti-chat/tutti/symphony"
)

// TestUserSearchFollowsTheOfficialDocument validates the user search's
// answers, of success and of error, against the pod's OpenAPI document.
func TestUserSearchFollowsTheOfficialDocument(t *testing.T) {
	_, v, c := startConformance(t, simulator.Options{})
	c.call(http.MethodPost, "/pod/v1/user/search?skip=0&limit=2&local=false", symphony.UserSearchQuery{
		Query: "tutti", Filters: &symphony.UserSearchFilter{Company: "Tutti", AccountTypes: []string{"NORMAL"}}})
	c.call(http.MethodPost, "/pod/v1/user/search?local=true", symphony.UserSearchQuery{Query: "dana"})
	c.call(http.MethodPost, "/pod/v1/user/search", symphony.UserSearchQuery{Query: ""})
	c.call(http.MethodPost, "/pod/v1/user/search?skip=-1", symphony.UserSearchQuery{Query: "alice"})
	expired := *c
	expired.session = "expired"
	expired.call(http.MethodPost, "/pod/v1/user/search", symphony.UserSearchQuery{Query: "alice"})
	v.report(t)
	wantCovered(t, v, "POST /pod/v1/user/search 200", "POST /pod/v1/user/search 204",
		"POST /pod/v1/user/search 400", "POST /pod/v1/user/search 401")
}

// TestPresenceExchangesFollowTheOfficialDocument validates the presence
// endpoints' answers, of success and of error, against the pod's OpenAPI
// document: the caller's own presence read and set, another user's set
// with and without the role it needs, every user's presence, the interest
// in users of other pods and a presence feed's life.
func TestPresenceExchangesFollowTheOfficialDocument(t *testing.T) {
	srv, v, c := startConformance(t, simulator.Options{})
	plain := c.unvalidated()

	feed := c.createPresenceFeed()
	c.call(http.MethodGet, "/pod/v2/user/presence", nil)
	c.call(http.MethodPost, "/pod/v2/user/presence?soft=true", symphony.V2PresenceStatus{Category: "BUSY"})
	c.call(http.MethodPost, "/pod/v2/user/presence", symphony.V2PresenceStatus{Category: "SLEEPING"})
	c.call(http.MethodPost, "/pod/v3/user/presence?soft=false", symphony.V2UserPresence{Category: "AWAY", UserID: aliceID})
	c.call(http.MethodPost, "/pod/v3/user/presence", symphony.V2UserPresence{Category: "AWAY", UserID: 1})
	c.call(http.MethodPost, "/pod/v3/user/presence", symphony.V2UserPresence{Category: "AWAY", UserID: danaID})
	c.call(http.MethodGet, "/pod/v2/users/presence?lastUserId=0&limit=2", nil)
	c.call(http.MethodGet, "/pod/v2/users/presence?limit=6000", nil)
	c.call(http.MethodPost, "/pod/v1/user/presence/register", []int64{danaID})
	c.call(http.MethodPost, "/pod/v1/user/presence/register", []int64{})
	c.call(http.MethodPost, "/pod/v1/user/presence/register", []int64{1})
	c.call(http.MethodGet, "/pod/v1/presence/feed/"+feed+"/read", nil)
	c.call(http.MethodGet, "/pod/v1/presence/feed/none/read", nil)
	c.call(http.MethodPost, "/pod/v1/presence/feed/"+feed+"/delete", nil)
	c.call(http.MethodPost, "/pod/v1/presence/feed/"+feed+"/delete", nil)

	// A person without USER_PROVISIONING.
	bob := loginUser(t, srv, "bob", v)
	bob.call(http.MethodPost, "/pod/v3/user/presence", symphony.V2UserPresence{Category: "AWAY", UserID: aliceID})
	expired := *c
	expired.session = "expired"
	expired.call(http.MethodGet, "/pod/v2/user/presence", nil)
	expired.call(http.MethodPost, "/pod/v1/presence/feed/create", nil)
	// A body without its required category breaks the document's request:
	// it goes around the validator.
	if status, data, _ := plain.call(http.MethodPost, "/pod/v2/user/presence", []byte(`{}`)); status != http.StatusBadRequest {
		t.Errorf("set without a category: %d %s", status, data)
	}

	v.report(t)
	wantCovered(t, v,
		"GET /pod/v2/user/presence 200", "GET /pod/v2/user/presence 401",
		"POST /pod/v2/user/presence 200", "POST /pod/v2/user/presence 400",
		"POST /pod/v3/user/presence 200", "POST /pod/v3/user/presence 400",
		"POST /pod/v3/user/presence 403", "POST /pod/v3/user/presence 404",
		"GET /pod/v2/users/presence 200", "GET /pod/v2/users/presence 400",
		"POST /pod/v1/user/presence/register 200", "POST /pod/v1/user/presence/register 400",
		"POST /pod/v1/user/presence/register 404",
		"POST /pod/v1/presence/feed/create 200", "POST /pod/v1/presence/feed/create 401",
		"GET /pod/v1/presence/feed/{feedId}/read 200", "GET /pod/v1/presence/feed/{feedId}/read 400",
		"POST /pod/v1/presence/feed/{feedId}/delete 200", "POST /pod/v1/presence/feed/{feedId}/delete 400",
	)
}

// TestConnectionExchangesFollowTheOfficialDocument validates a
// connection's info, its removal and the filtered lists, of success and of
// error, against the pod's OpenAPI document.
func TestConnectionExchangesFollowTheOfficialDocument(t *testing.T) {
	srv, v, c := startConformance(t, simulator.Options{})
	plain := c.unvalidated()
	if err := srv.Apply(scenario.Action{Kind: scenario.RequestConnection, Actor: danaID, User: botID}); err != nil {
		t.Fatal(err)
	}
	dana := fmt.Sprint(danaID)
	c.call(http.MethodGet, "/pod/v1/connection/user/"+dana+"/info", nil)
	c.call(http.MethodPost, "/pod/v1/connection/user/"+dana+"/remove", nil) // pending: 400
	c.call(http.MethodGet, "/pod/v1/connection/list?status=PENDING_INCOMING&userIds="+dana, nil)
	c.call(http.MethodPost, "/pod/v1/connection/accept", symphony.UserConnectionRequest{UserID: danaID})
	c.call(http.MethodGet, fmt.Sprintf("/pod/v1/connection/list?status=ACCEPTED&userIds=%s,%d", dana, aliceID), nil)
	c.call(http.MethodGet, "/pod/v1/connection/user/"+dana+"/info", nil)
	c.call(http.MethodGet, fmt.Sprintf("/pod/v1/connection/user/%d/info", aliceID), nil)
	c.call(http.MethodPost, "/pod/v1/connection/user/"+dana+"/remove", nil)
	c.call(http.MethodPost, "/pod/v1/connection/user/"+dana+"/remove", nil) // gone: 404
	c.call(http.MethodGet, "/pod/v1/connection/user/"+dana+"/info", nil)    // gone: 404
	c.call(http.MethodGet, "/pod/v1/connection/user/x/info", nil)
	c.call(http.MethodGet, "/pod/v1/connection/list?status=ALL&userIds=x", nil)
	expired := *c
	expired.session = "expired"
	expired.call(http.MethodPost, "/pod/v1/connection/user/"+dana+"/remove", nil)
	// A malformed id breaks the document's path, an unknown status its
	// enumeration: they go around the validator.
	if status, data, _ := plain.call(http.MethodPost, "/pod/v1/connection/user/x/remove", nil); status != http.StatusBadRequest {
		t.Errorf("remove a malformed id: %d %s", status, data)
	}
	if status, data, _ := plain.call(http.MethodGet, "/pod/v1/connection/list?status=FRIENDS", nil); status != http.StatusBadRequest {
		t.Errorf("list an unknown status: %d %s", status, data)
	}

	v.report(t)
	wantCovered(t, v,
		"GET /pod/v1/connection/user/{userId}/info 200", "GET /pod/v1/connection/user/{userId}/info 400",
		"GET /pod/v1/connection/user/{userId}/info 404",
		"POST /pod/v1/connection/user/{uid}/remove 200", "POST /pod/v1/connection/user/{uid}/remove 400",
		"POST /pod/v1/connection/user/{uid}/remove 404", "POST /pod/v1/connection/user/{uid}/remove 401",
		"GET /pod/v1/connection/list 200", "GET /pod/v1/connection/list 400",
	)
}

// TestFollowExchangesFollowTheOfficialDocument validates follow, unfollow
// and the followers and following lists, of success and of error, against
// the pod's OpenAPI document.
func TestFollowExchangesFollowTheOfficialDocument(t *testing.T) {
	_, v, c := startConformance(t, simulator.Options{})
	bob := fmt.Sprint(bobID)
	c.call(http.MethodPost, "/pod/v1/user/"+bob+"/follow", symphony.FollowersList{Followers: []int64{aliceID, carolID, danaID}})
	c.call(http.MethodPost, "/pod/v1/user/"+bob+"/follow", symphony.FollowersList{Followers: []int64{bobID}})
	c.call(http.MethodPost, "/pod/v1/user/"+bob+"/unfollow", symphony.FollowersList{Followers: []int64{carolID}})
	c.call(http.MethodPost, "/pod/v1/user/"+bob+"/unfollow", symphony.FollowersList{Followers: []int64{1}})
	var page symphony.FollowersListResponse
	c.callJSON(http.MethodGet, "/pod/v1/user/"+bob+"/followers?limit=1", nil, &page)
	if page.Pagination == nil || page.Pagination.Cursors.After == "" {
		t.Fatalf("first page: %+v", page)
	}
	c.call(http.MethodGet, "/pod/v1/user/"+bob+"/followers?limit=1&after="+page.Pagination.Cursors.After, nil)
	c.call(http.MethodGet, "/pod/v1/user/1/followers", nil)
	c.call(http.MethodGet, fmt.Sprintf("/pod/v1/user/%d/following", aliceID), nil)
	c.call(http.MethodGet, fmt.Sprintf("/pod/v1/user/%d/following?before=x", aliceID), nil)
	v.report(t)
	wantCovered(t, v,
		"POST /pod/v1/user/{uid}/follow 200", "POST /pod/v1/user/{uid}/follow 400",
		"POST /pod/v1/user/{uid}/unfollow 200", "POST /pod/v1/user/{uid}/unfollow 400",
		"GET /pod/v1/user/{uid}/followers 200", "GET /pod/v1/user/{uid}/followers 400",
		"GET /pod/v1/user/{uid}/following 200", "GET /pod/v1/user/{uid}/following 400",
	)
}
