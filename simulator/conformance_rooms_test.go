package simulator_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/symphony"
)

// TestRoomExchangesFollowTheOfficialDocuments drives the room endpoints
// a bot uses, answers of success and of error, through a transport that
// validates requests and responses against the official pod document.
func TestRoomExchangesFollowTheOfficialDocuments(t *testing.T) {
	srv := start(t, simulator.Options{LongPoll: 50 * time.Millisecond})
	v := newSpecValidator(t, srv.URL())
	key, _ := testKeys(t)
	c := &client{t: t, base: srv.URL(), username: srv.Account(), key: key,
		hc: &http.Client{Timeout: 10 * time.Second, Transport: v}}
	c.login()
	alice := loginAs(t, srv, "alice")
	alice.hc = c.hc

	room := c.createRoom(symphony.V3RoomAttributes{Name: "Conformance", Description: "rooms #api",
		Keywords: []symphony.RoomTag{{Key: "region", Value: "EMEA"}}, ViewHistory: true})
	id := room.RoomSystemInfo.ID
	calls := []struct {
		method, path string
		body         any
		c            *client
		want         int
	}{
		{http.MethodPost, "/pod/v3/room/create", symphony.V3RoomAttributes{Description: "no name"}, c, http.StatusBadRequest},
		{http.MethodPost, "/pod/v3/room/create", symphony.V3RoomAttributes{Name: "C O N F O R M A N C E"}, c, http.StatusBadRequest},
		{http.MethodPost, "/pod/v1/room/" + id + "/membership/add", symphony.UserID{ID: aliceID}, c, http.StatusOK},
		{http.MethodPost, "/pod/v1/room/" + id + "/membership/add", symphony.UserID{ID: aliceID}, c, http.StatusOK},
		{http.MethodPost, "/pod/v1/room/" + id + "/membership/add", symphony.UserID{ID: bobID}, alice, http.StatusForbidden},
		{http.MethodPost, "/pod/v1/room/" + id + "/membership/add", symphony.UserID{ID: 1}, c, http.StatusBadRequest},
	}
	for _, call := range calls {
		if status, data, _ := call.c.call(call.method, call.path, call.body); status != call.want {
			t.Errorf("%s %s: %d %s, want %d", call.method, call.path, status, data, call.want)
		}
	}
	c.session = "expired"
	c.call(http.MethodPost, "/pod/v3/room/create", symphony.V3RoomAttributes{Name: "late"})

	v.report(t)
	covered := v.covered()
	for _, want := range []string{
		"POST /pod/v3/room/create 200", "POST /pod/v3/room/create 400", "POST /pod/v3/room/create 401",
		"POST /pod/v1/room/{id}/membership/add 200", "POST /pod/v1/room/{id}/membership/add 400",
		"POST /pod/v1/room/{id}/membership/add 403",
	} {
		if covered[want] == 0 {
			var got []string
			for k := range covered {
				got = append(got, k)
			}
			t.Errorf("not validated: %s (validated: %s)", want, strings.Join(got, "; "))
		}
	}
}
