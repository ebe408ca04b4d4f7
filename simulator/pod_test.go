package simulator_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/simulator/scenario"
	"github.com/tutti-chat/tutti/symphony"
)

func TestIMCreateIsIdempotent(t *testing.T) {
	srv := start(t, simulator.Options{})
	c := newClient(t, srv)
	feed := c.createFeed()
	im := c.createIM(aliceID)
	if again := c.createIM(aliceID, aliceID); again != im {
		t.Fatalf("second create %q, want %q", again, im)
	}
	mim := c.createIM(aliceID, bobID)
	if mim == im {
		t.Fatal("the MIM is the IM")
	}
	events, _ := c.drain(feed, 2)
	if events[0].Type != symphony.EventInstantMessageCreated || events[1].Payload.InstantMessageCreated.Stream.StreamType != symphony.StreamMIM {
		t.Fatalf("events %v %v", events[0].Type, events[1].Payload.InstantMessageCreated.Stream)
	}

	var info map[string]map[string]any
	if status := c.callJSON(http.MethodGet, "/pod/v1/im/"+im+"/info", nil, &info); status != http.StatusOK {
		t.Fatalf("IM info: %d", status)
	}
	if info["IMSystemInfo"]["id"] != im || info["IMSystemInfo"]["active"] != true || info["V1IMAttributes"] == nil {
		t.Fatalf("IM info %v", info)
	}

	for _, tc := range []struct {
		name   string
		body   any
		status int
	}{
		{"empty list", []int64{}, http.StatusBadRequest},
		{"only the caller", []int64{botID}, http.StatusBadRequest},
		{"unknown user", []int64{42}, http.StatusBadRequest},
		{"not a list", []byte(`{"ids":[1]}`), http.StatusBadRequest},
		{"malformed", []byte(`[1,`), http.StatusBadRequest},
	} {
		status, data, _ := c.call(http.MethodPost, "/pod/v1/im/create", tc.body)
		wantError(t, tc.name, status, data, tc.status)
	}
}

func TestStreamsAndRooms(t *testing.T) {
	srv := start(t, simulator.Options{})
	c := newClient(t, srv)
	im := c.createIM(aliceID)
	room := &scenario.Room{ID: "c3RyZWFtcy10ZXN0LXJvb20", Name: "Credit", Members: []int64{aliceID}, Keywords: map[string]string{"desk": "credit"}}
	if err := srv.Apply(scenario.Action{Kind: scenario.CreateRoom, Actor: botID, Room: room}); err != nil {
		t.Fatal(err)
	}
	private := &scenario.Room{ID: "cHJpdmF0ZS1yb29tLW9mLWJvYg", Name: "Bob's", Members: []int64{carolID}}
	if err := srv.Apply(scenario.Action{Kind: scenario.CreateRoom, Actor: bobID, Room: private}); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.Post(room.ID, aliceID, "<messageML>first</messageML>"); err != nil {
		t.Fatal(err)
	}

	var list []symphony.StreamAttributes
	if status := c.callJSON(http.MethodPost, "/pod/v1/streams/list", nil, &list); status != http.StatusOK || len(list) != 3 {
		t.Fatalf("streams: %d %+v", status, list)
	}
	// Sorted by creation: the wall, the IM, the room.
	if list[0].StreamType.Type != symphony.StreamPost || list[1].ID != im || list[2].ID != room.ID ||
		list[2].RoomAttributes == nil || list[2].RoomAttributes.Name != "Credit" ||
		list[1].StreamAttributes == nil || len(list[1].StreamAttributes.Members) != 2 {
		t.Fatalf("streams %+v", list)
	}
	c.callJSON(http.MethodPost, "/pod/v1/streams/list?skip=1&limit=1", symphony.StreamFilter{}, &list)
	if len(list) != 1 || list[0].ID != im {
		t.Fatalf("paged streams %+v", list)
	}
	c.callJSON(http.MethodPost, "/pod/v1/streams/list", symphony.StreamFilter{StreamTypes: []symphony.StreamType{{Type: "ROOM"}}}, &list)
	if len(list) != 1 || list[0].ID != room.ID {
		t.Fatalf("rooms %+v", list)
	}
	status, _, _ := c.call(http.MethodPost, "/pod/v1/streams/list?skip=10", nil)
	if status != http.StatusNoContent {
		t.Fatalf("no streams: %d", status)
	}
	status, data, _ := c.call(http.MethodPost, "/pod/v1/streams/list", []byte(`{"streamTypes":[{"type":"CHANNEL"}]}`))
	wantError(t, "unknown type", status, data, http.StatusBadRequest)

	// Deactivated rooms are listed only on request.
	if err := srv.Apply(scenario.Action{Kind: scenario.DeactivateRoom, Actor: botID, Stream: room.ID}); err != nil {
		t.Fatal(err)
	}
	c.callJSON(http.MethodPost, "/pod/v1/streams/list", symphony.StreamFilter{StreamTypes: []symphony.StreamType{{Type: "ROOM"}}}, &list)
	if len(list) != 0 {
		status, _, _ := c.call(http.MethodPost, "/pod/v1/streams/list", symphony.StreamFilter{StreamTypes: []symphony.StreamType{{Type: "ROOM"}}})
		if status != http.StatusNoContent {
			t.Fatalf("inactive room listed: %d", status)
		}
	}
	c.callJSON(http.MethodPost, "/pod/v1/streams/list", symphony.StreamFilter{IncludeInactiveStreams: true, StreamTypes: []symphony.StreamType{{Type: "ROOM"}}}, &list)
	if len(list) != 1 || list[0].Active {
		t.Fatalf("inactive rooms %+v", list)
	}
	if _, err := srv.Post(room.ID, aliceID, "<messageML>x</messageML>"); err == nil {
		t.Fatal("posted in a deactivated room")
	}
	if err := srv.Apply(scenario.Action{Kind: scenario.ReactivateRoom, Actor: botID, Stream: room.ID}); err != nil {
		t.Fatal(err)
	}

	var info symphony.V2StreamAttributes
	if status := c.callJSON(http.MethodGet, "/pod/v2/streams/"+room.ID+"/info", nil, &info); status != http.StatusOK ||
		info.LastMessageDate == 0 || info.Origin != "INTERNAL" || info.RoomAttributes.Name != "Credit" || !info.Active {
		t.Fatalf("stream info %d %+v", status, info)
	}
	var detail symphony.V3RoomDetail
	if status := c.callJSON(http.MethodGet, "/pod/v3/room/"+room.ID+"/info", nil, &detail); status != http.StatusOK ||
		detail.RoomAttributes.Name != "Credit" || len(detail.RoomAttributes.Keywords) != 1 ||
		detail.RoomSystemInfo.ID != room.ID || detail.RoomSystemInfo.CreatedByUserID != botID {
		t.Fatalf("room info %d %+v", status, detail)
	}
	var members []symphony.MemberInfo
	if status := c.callJSON(http.MethodGet, "/pod/v2/room/"+room.ID+"/membership/list", nil, &members); status != http.StatusOK || len(members) != 2 {
		t.Fatalf("members %d %+v", status, members)
	}
	for _, m := range members {
		if (m.ID == botID) != m.Owner || m.JoinDate == 0 {
			t.Fatalf("member %+v", m)
		}
	}

	for _, tc := range []struct {
		path   string
		status int
	}{
		{"/pod/v3/room/" + private.ID + "/info", http.StatusForbidden},
		{"/pod/v2/room/" + private.ID + "/membership/list", http.StatusForbidden},
		{"/pod/v2/streams/" + private.ID + "/info", http.StatusForbidden},
		{"/pod/v3/room/bm9zdWNocm9vbQ/info", http.StatusBadRequest},
		{"/pod/v2/streams/bm9zdWNocm9vbQ/info", http.StatusBadRequest},
		{"/pod/v3/room/" + im + "/info", http.StatusBadRequest},
		{"/pod/v1/im/" + room.ID + "/info", http.StatusBadRequest},
	} {
		status, data, _ := c.call(http.MethodGet, tc.path, nil)
		wantError(t, tc.path, status, data, tc.status)
	}
}

func TestUsers(t *testing.T) {
	srv := start(t, simulator.Options{})
	c := newClient(t, srv)
	var list symphony.V2UserList
	path := fmt.Sprintf("/pod/v3/users?uid=%d,%d,%d", aliceID, bobID, aliceID)
	if status := c.callJSON(http.MethodGet, path, nil, &list); status != http.StatusOK || len(list.Users) != 2 ||
		list.Users[0].ID != aliceID || list.Users[0].DisplayName != "Alice Martin" || list.Users[0].AccountType != "NORMAL" {
		t.Fatalf("by uid: %d %+v", status, list)
	}
	c.callJSON(http.MethodGet, "/pod/v3/users?email=BOB@tutti.example", nil, &list)
	if len(list.Users) != 1 || list.Users[0].ID != bobID {
		t.Fatalf("by email: %+v", list)
	}
	c.callJSON(http.MethodGet, "/pod/v3/users?username="+srv.Account()+"&local=true", nil, &list)
	if len(list.Users) != 1 || list.Users[0].AccountType != "SYSTEM" {
		t.Fatalf("by username: %+v", list)
	}
	c.callJSON(http.MethodGet, fmt.Sprintf("/pod/v3/users?uid=%d,abc", carolID), nil, &list)
	if len(list.Users) != 1 || len(list.Errors) != 1 || list.Errors[0].Error != "invalid.format" {
		t.Fatalf("with an invalid id: %+v", list)
	}
	// The external user is found by a directory search, not a local one.
	c.callJSON(http.MethodGet, fmt.Sprintf("/pod/v3/users?uid=%d", danaID), nil, &list)
	if len(list.Users) != 1 || list.Users[0].Company != "Partner Bank" {
		t.Fatalf("external: %+v", list)
	}
	if status, _, _ := c.call(http.MethodGet, fmt.Sprintf("/pod/v3/users?uid=%d&local=true", danaID), nil); status != http.StatusNoContent {
		t.Fatalf("external, local search: %d", status)
	}
	if status, _, _ := c.call(http.MethodGet, "/pod/v3/users?uid=1,2,3", nil); status != http.StatusNoContent {
		t.Fatalf("none found: %d", status)
	}

	ids := make([]string, 101)
	for i := range ids {
		ids[i] = fmt.Sprint(aliceID)
	}
	for _, q := range []string{"uid=" + strings.Join(ids, ","), "", fmt.Sprintf("uid=%d&email=a@b.c", aliceID)} {
		status, data, _ := c.call(http.MethodGet, "/pod/v3/users?"+q, nil)
		wantError(t, "users?"+q[:min(len(q), 20)], status, data, http.StatusBadRequest)
	}
	ids = ids[:100]
	if status, _, _ := c.call(http.MethodGet, "/pod/v3/users?uid="+strings.Join(ids, ","), nil); status != http.StatusOK {
		t.Fatalf("100 ids: %d", status)
	}
}

func TestConnections(t *testing.T) {
	srv := start(t, simulator.Options{})
	c := newClient(t, srv)
	var list []symphony.UserConnection
	if status := c.callJSON(http.MethodGet, "/pod/v1/connection/list", nil, &list); status != http.StatusOK || len(list) != 0 {
		t.Fatalf("no connections: %d %+v", status, list)
	}
	if err := srv.Apply(scenario.Action{Kind: scenario.RequestConnection, Actor: danaID, User: botID}); err != nil {
		t.Fatal(err)
	}
	c.callJSON(http.MethodGet, "/pod/v1/connection/list", nil, &list)
	if len(list) != 1 || list[0].UserID != danaID || list[0].Status != symphony.ConnectionPendingIncoming || list[0].RequestCounter != 1 {
		t.Fatalf("pending: %+v", list)
	}
	if err := srv.Apply(scenario.Action{Kind: scenario.AcceptConnection, Actor: botID, User: danaID}); err != nil {
		t.Fatal(err)
	}
	c.callJSON(http.MethodGet, "/pod/v1/connection/list", nil, &list)
	if len(list) != 0 {
		t.Fatalf("pending after acceptance: %+v", list)
	}
	c.callJSON(http.MethodGet, fmt.Sprintf("/pod/v1/connection/list?status=ACCEPTED&userIds=%d,%d", danaID, aliceID), nil, &list)
	if len(list) != 2 || list[0].Status != symphony.ConnectionAccepted || list[1].Status != symphony.ConnectionAccepted {
		t.Fatalf("accepted: %+v", list)
	}
	c.callJSON(http.MethodGet, "/pod/v1/connection/list?status=ALL", nil, &list)
	if len(list) != 1 || list[0].UserID != danaID {
		t.Fatalf("all: %+v", list)
	}
	status, data, _ := c.call(http.MethodGet, "/pod/v1/connection/list?status=FRIENDS", nil)
	wantError(t, "bad status", status, data, http.StatusBadRequest)
	status, data, _ = c.call(http.MethodGet, "/pod/v1/connection/list?userIds=x", nil)
	wantError(t, "bad ids", status, data, http.StatusBadRequest)
}
