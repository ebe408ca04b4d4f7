package simulator_test

import (
	"fmt"
	"net/http"
	"slices"
	"testing"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/simulator/scenario"
	"github.com/tutti-chat/tutti/symphony"
)

// connectionInfo reads the caller's connection with id.
func (c *client) connectionInfo(id int64) (int, symphony.UserConnection) {
	c.t.Helper()
	var out symphony.UserConnection
	status := c.callJSON(http.MethodGet, fmt.Sprintf("/pod/v1/connection/user/%d/info", id), nil, &out)
	return status, out
}

// connectionList lists the caller's connections with a query.
func (c *client) connectionList(query string) []symphony.UserConnection {
	c.t.Helper()
	var out []symphony.UserConnection
	if status := c.callJSON(http.MethodGet, "/pod/v1/connection/list"+query, nil, &out); status != http.StatusOK {
		c.t.Fatalf("list connections %s: %d", query, status)
	}
	return out
}

// TestConnectionRemoveEndsAnAcceptedConnection follows a connection with a
// user of another pod from the request to its removal: its info and the
// lists filtered by status and user say where it is; only once accepted can
// it be removed, for both users, without a datafeed event; then a new
// request starts afresh.
func TestConnectionRemoveEndsAnAcceptedConnection(t *testing.T) {
	srv := start(t, simulator.Options{})
	c := newClient(t, srv)
	feed := c.createFeed()
	if err := srv.Apply(scenario.Action{Kind: scenario.RequestConnection, Actor: danaID, User: botID}); err != nil {
		t.Fatal(err)
	}
	if status, cn := c.connectionInfo(danaID); status != http.StatusOK || cn.Status != symphony.ConnectionPendingIncoming || cn.RequestCounter != 1 {
		t.Fatalf("pending info: %d %+v", status, cn)
	}
	if got := c.connectionList(""); len(got) != 1 || got[0].UserID != danaID {
		t.Fatalf("pending list: %+v", got)
	}
	if got := c.connectionList("?status=ACCEPTED"); len(got) != 0 {
		t.Fatalf("accepted list while pending: %+v", got)
	}
	status, data, _ := c.call(http.MethodPost, fmt.Sprintf("/pod/v1/connection/user/%d/remove", danaID), nil)
	wantError(t, "remove a pending connection", status, data, http.StatusBadRequest)
	if status := c.callJSON(http.MethodPost, "/pod/v1/connection/accept", symphony.UserConnectionRequest{UserID: danaID}, nil); status != http.StatusOK {
		t.Fatalf("accept: %d", status)
	}
	_, ack := c.drain(feed, 2) // CONNECTIONREQUESTED, CONNECTIONACCEPTED
	if status, cn := c.connectionInfo(danaID); status != http.StatusOK || cn.Status != symphony.ConnectionAccepted || cn.UpdatedAt == 0 {
		t.Fatalf("accepted info: %d %+v", status, cn)
	}
	if got := c.connectionList(fmt.Sprintf("?status=accepted&userIds=%d,%d", danaID, aliceID)); len(got) != 2 ||
		got[0].UserID != aliceID || got[1].UserID != danaID {
		t.Fatalf("accepted list of dana and alice: %+v", got)
	}
	if got := c.connectionList(fmt.Sprintf("?status=ALL&userIds=%d", bobID)); len(got) != 1 || got[0].UserID != bobID {
		t.Fatalf("all list of bob: %+v", got)
	}
	if got := c.connectionList(""); len(got) != 0 {
		t.Fatalf("pending list once accepted: %+v", got)
	}

	var ok symphony.SuccessResponse
	if status := c.callJSON(http.MethodPost, fmt.Sprintf("/pod/v1/connection/user/%d/remove", danaID), nil, &ok); status != http.StatusOK || ok.Message == "" {
		t.Fatalf("remove: %d %+v", status, ok)
	}
	if status, cn := c.connectionInfo(danaID); status != http.StatusNotFound {
		t.Fatalf("info once removed: %d %+v", status, cn)
	}
	if got := c.connectionList(fmt.Sprintf("?status=ALL&userIds=%d", danaID)); len(got) != 0 {
		t.Fatalf("list once removed: %+v", got)
	}
	if res := c.read(feed, ack); len(res.Events) != 0 {
		t.Fatalf("events of the removal: %+v", res.Events)
	}
	status, data, _ = c.call(http.MethodPost, fmt.Sprintf("/pod/v1/connection/user/%d/remove", danaID), nil)
	wantError(t, "remove again", status, data, http.StatusNotFound)
	// Dana's side is gone too: she can ask again, a first request.
	if err := srv.Apply(scenario.Action{Kind: scenario.RequestConnection, Actor: danaID, User: botID}); err != nil {
		t.Fatalf("dana asks again: %v", err)
	}
	if status, cn := c.connectionInfo(danaID); status != http.StatusOK || cn.Status != symphony.ConnectionPendingIncoming || cn.RequestCounter != 1 {
		t.Fatalf("a new request: %d %+v", status, cn)
	}
}

// TestConnectionInfoAndRemoveRefusals answers a user of the pod as
// implicitly connected, which cannot be removed, and refuses unknown and
// malformed users.
func TestConnectionInfoAndRemoveRefusals(t *testing.T) {
	c := newClient(t, start(t, simulator.Options{}))
	if status, cn := c.connectionInfo(aliceID); status != http.StatusOK || cn != (symphony.UserConnection{UserID: aliceID, Status: symphony.ConnectionAccepted}) {
		t.Fatalf("a colleague: %d %+v", status, cn)
	}
	for _, tc := range []struct {
		method, path string
		want         int
	}{
		{http.MethodGet, fmt.Sprintf("/pod/v1/connection/user/%d/info", danaID), http.StatusNotFound},
		{http.MethodGet, "/pod/v1/connection/user/1/info", http.StatusNotFound},
		{http.MethodGet, fmt.Sprintf("/pod/v1/connection/user/%d/info", botID), http.StatusNotFound},
		{http.MethodGet, "/pod/v1/connection/user/x/info", http.StatusBadRequest},
		{http.MethodPost, fmt.Sprintf("/pod/v1/connection/user/%d/remove", aliceID), http.StatusBadRequest},
		{http.MethodPost, fmt.Sprintf("/pod/v1/connection/user/%d/remove", danaID), http.StatusNotFound},
		{http.MethodPost, "/pod/v1/connection/user/1/remove", http.StatusNotFound},
		{http.MethodPost, "/pod/v1/connection/user/x/remove", http.StatusBadRequest},
	} {
		status, data, _ := c.call(tc.method, tc.path, nil)
		wantError(t, tc.method+" "+tc.path, status, data, tc.want)
	}
	if got := c.connectionList(fmt.Sprintf("?status=ACCEPTED&userIds=%d,%d,1", aliceID, danaID)); !slices.EqualFunc(got, []int64{aliceID},
		func(cn symphony.UserConnection, id int64) bool { return cn.UserID == id }) {
		t.Fatalf("accepted list: %+v", got)
	}
}
