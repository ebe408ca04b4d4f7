package simulator_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/symphony"
)

// TestRoomExchangesFollowTheOfficialDocuments drives the room endpoints
// a bot uses, answers of success and of error, through a transport that
// validates requests and responses against the official pod document.
func TestRoomExchangesFollowTheOfficialDocuments(t *testing.T) {
	srv, v, c := startConformance(t, simulator.Options{LongPoll: 50 * time.Millisecond})
	alice := loginUser(t, srv, "alice", v)

	room := c.createRoom(symphony.V3RoomAttributes{Name: "Conformance", Description: "rooms #api",
		Keywords: []symphony.RoomTag{{Key: "region", Value: "EMEA"}}, ViewHistory: true})
	id := room.RoomSystemInfo.ID
	name := "Conformance, renamed"
	search := "/pod/v3/room/search"
	member := func(verb string) string { return "/pod/v1/room/" + id + "/membership/" + verb }
	calls := []struct {
		method, path string
		body         any
		c            *client
		want         int
	}{
		{http.MethodPost, "/pod/v3/room/create", symphony.V3RoomAttributes{Description: "no name"}, c, http.StatusBadRequest},
		{http.MethodPost, "/pod/v3/room/create", symphony.V3RoomAttributes{Name: "C O N F O R M A N C E"}, c, http.StatusBadRequest},
		{http.MethodPost, member("add"), symphony.UserID{ID: aliceID}, c, http.StatusOK},
		{http.MethodPost, member("add"), symphony.UserID{ID: aliceID}, c, http.StatusOK},
		{http.MethodPost, member("add"), symphony.UserID{ID: bobID}, alice, http.StatusForbidden},
		{http.MethodPost, member("add"), symphony.UserID{ID: 1}, c, http.StatusBadRequest},
		{http.MethodPost, member("add"), symphony.UserID{ID: bobID}, c, http.StatusOK},
		{http.MethodPost, member("promoteOwner"), symphony.UserID{ID: bobID}, alice, http.StatusForbidden},
		{http.MethodPost, member("promoteOwner"), symphony.UserID{ID: carolID}, c, http.StatusBadRequest},
		{http.MethodPost, member("promoteOwner"), symphony.UserID{ID: aliceID}, c, http.StatusOK},
		{http.MethodPost, member("demoteOwner"), symphony.UserID{ID: aliceID}, c, http.StatusOK},
		{http.MethodPost, member("demoteOwner"), symphony.UserID{ID: botID}, alice, http.StatusForbidden},
		{http.MethodPost, member("demoteOwner"), symphony.UserID{ID: botID}, c, http.StatusBadRequest},
		{http.MethodPost, member("remove"), symphony.UserID{ID: bobID}, alice, http.StatusForbidden},
		{http.MethodPost, member("remove"), symphony.UserID{ID: carolID}, c, http.StatusBadRequest},
		{http.MethodPost, member("remove"), symphony.UserID{ID: bobID}, c, http.StatusOK},
		{http.MethodPost, "/pod/v3/room/" + id + "/update", symphony.RoomUpdate{Name: &name}, alice, http.StatusForbidden},
		{http.MethodPost, "/pod/v3/room/" + id + "/update", symphony.RoomUpdate{Description: &room.RoomAttributes.Description}, c, http.StatusBadRequest},
		{http.MethodPost, "/pod/v3/room/" + id + "/update", symphony.RoomUpdate{Name: &name, Keywords: &[]symphony.RoomTag{}}, c, http.StatusOK},
		{http.MethodPost, search + "?skip=0&limit=10", symphony.V2RoomSearchCriteria{Query: "renamed", Labels: []string{"region"}}, c, http.StatusOK},
		{http.MethodPost, search + "?includeNonDiscoverable=true", symphony.V2RoomSearchCriteria{Query: "", Active: ptr(true),
			Owner: &symphony.UserID{ID: botID}, SortOrder: symphony.RoomSortRelevance}, c, http.StatusOK},
		{http.MethodPost, search + "?limit=1000", symphony.V2RoomSearchCriteria{Query: "x"}, c, http.StatusBadRequest},
		{http.MethodPost, "/pod/v1/room/" + id + "/setActive?active=false", nil, alice, http.StatusForbidden},
		{http.MethodPost, "/pod/v1/room/" + id + "/setActive?active=false", nil, c, http.StatusOK},
		{http.MethodPost, member("add"), symphony.UserID{ID: carolID}, c, http.StatusBadRequest},
		{http.MethodPost, "/pod/v1/room/" + id + "/setActive?active=true", nil, c, http.StatusOK},
		{http.MethodPost, "/pod/v1/room/bm9uZQ/setActive?active=true", nil, c, http.StatusBadRequest},
		{http.MethodGet, "/pod/v3/room/" + id + "/info", nil, alice, http.StatusOK},
		{http.MethodGet, "/pod/v2/room/" + id + "/membership/list", nil, alice, http.StatusOK},
	}
	for _, call := range calls {
		if status, data, _ := call.c.call(call.method, call.path, call.body); status != call.want {
			t.Errorf("%s %s: %d %s, want %d", call.method, call.path, status, data, call.want)
		}
	}
	c.session = "expired"
	c.call(http.MethodPost, "/pod/v3/room/create", symphony.V3RoomAttributes{Name: "late"})

	v.report(t)
	wants := []string{
		"POST /pod/v3/room/create 200", "POST /pod/v3/room/create 400", "POST /pod/v3/room/create 401",
		"POST /pod/v3/room/search 200", "POST /pod/v3/room/search 400",
		"POST /pod/v3/room/{id}/update 200", "POST /pod/v3/room/{id}/update 400", "POST /pod/v3/room/{id}/update 403",
		"POST /pod/v1/room/{id}/setActive 200", "POST /pod/v1/room/{id}/setActive 400", "POST /pod/v1/room/{id}/setActive 403",
		"GET /pod/v3/room/{id}/info 200", "GET /pod/v2/room/{id}/membership/list 200",
	}
	for _, verb := range []string{"add", "remove", "promoteOwner", "demoteOwner"} {
		for _, status := range []string{"200", "400", "403"} {
			wants = append(wants, "POST /pod/v1/room/{id}/membership/"+verb+" "+status)
		}
	}
	wantCovered(t, v, wants...)
}
