package simulator_test

import (
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/symphony"
)

// createRoom creates a room through the API and returns it.
func (c *client) createRoom(attrs symphony.V3RoomAttributes) symphony.V3RoomDetail {
	c.t.Helper()
	var out symphony.V3RoomDetail
	status, data, _ := c.call(http.MethodPost, "/pod/v3/room/create", attrs)
	if status != http.StatusOK {
		c.t.Fatalf("create room %q: %d %s", attrs.Name, status, data)
	}
	if err := json.Unmarshal(data, &out); err != nil {
		c.t.Fatal(err)
	}
	if out.RoomSystemInfo == nil || out.RoomSystemInfo.ID == "" {
		c.t.Fatalf("create room %q: no id in %s", attrs.Name, data)
	}
	return out
}

// streamIDs lists the ids of the client's active streams.
func (c *client) streamIDs() []string {
	c.t.Helper()
	var out []symphony.StreamAttributes
	if status := c.callJSON(http.MethodPost, "/pod/v1/streams/list?limit=1000", symphony.StreamFilter{}, &out); status != http.StatusOK && status != http.StatusNoContent {
		c.t.Fatalf("list streams: %d", status)
	}
	ids := make([]string, len(out))
	for i, st := range out {
		ids[i] = st.ID
	}
	return ids
}

// TestRoomCreateMakesTheCallerOwner: the created room is the caller's, who
// owns it alone, sees it in their streams and gets ROOMCREATED with its
// properties; room info says the same as the answer.
func TestRoomCreateMakesTheCallerOwner(t *testing.T) {
	clock := &fakeClock{t: time.Now().Truncate(time.Second)}
	srv := start(t, simulator.Options{Clock: clock.Now})
	c := newClient(t, srv)
	feed := c.createFeed()

	detail := c.createRoom(symphony.V3RoomAttributes{
		Name: "  Rates desk ", Description: "Rates talk", Keywords: []symphony.RoomTag{{Key: "region", Value: "EMEA"}},
		MembersCanInvite: true, ViewHistory: true, CopyProtected: true,
	})
	id := detail.RoomSystemInfo.ID
	a := detail.RoomAttributes
	if a == nil || a.Name != "Rates desk" || a.Description != "Rates talk" || !a.MembersCanInvite || !a.ViewHistory ||
		!a.CopyProtected || a.Public || a.Discoverable || a.ReadOnly || a.CrossPod ||
		!slices.Equal(a.Keywords, []symphony.RoomTag{{Key: "region", Value: "EMEA"}}) {
		t.Errorf("attributes: %+v", a)
	}
	if si := detail.RoomSystemInfo; !si.Active || si.CreatedByUserID != botID || si.CreationDate != clock.Now().UnixMilli() {
		t.Errorf("system info: %+v", si)
	}
	var info symphony.V3RoomDetail
	c.callJSON(http.MethodGet, "/pod/v3/room/"+id+"/info", nil, &info)
	if !reflect.DeepEqual(info, detail) {
		t.Errorf("room info %+v differs from the creation's answer %+v", info, detail)
	}
	var members []symphony.MemberInfo
	c.callJSON(http.MethodGet, "/pod/v2/room/"+id+"/membership/list", nil, &members)
	if len(members) != 1 || members[0].ID != botID || !members[0].Owner {
		t.Errorf("members: %+v", members)
	}
	if !slices.Contains(c.streamIDs(), id) {
		t.Errorf("the room is not in the creator's streams")
	}
	evs, _ := c.drain(feed, 1)
	ev := evs[0]
	if ev.Type != symphony.EventRoomCreated || ev.Initiator == nil || ev.Initiator.User.UserID != botID {
		t.Fatalf("event: %+v", ev)
	}
	rc := ev.Payload.RoomCreated
	if rc == nil || rc.Stream.StreamID != id || rc.Stream.RoomName != "Rates desk" || rc.RoomProperties == nil ||
		rc.RoomProperties.Name != "Rates desk" || rc.RoomProperties.CreatorUser == nil ||
		rc.RoomProperties.CreatorUser.UserID != botID || len(rc.RoomProperties.Keywords) != 1 {
		t.Errorf("ROOMCREATED payload: %+v", rc)
	}
}

// TestRoomCreateRefusals: the pod's 400s for a room without a name, with
// a name too long or another room's (case and spaces aside), with
// keywords lacking a value, or with attributes its kind forbids. Nothing
// is created and no event is emitted.
func TestRoomCreateRefusals(t *testing.T) {
	srv := start(t, simulator.Options{})
	c := newClient(t, srv)
	c.createRoom(symphony.V3RoomAttributes{Name: "room1"})
	feed := c.createFeed()
	for _, tc := range []struct {
		what string
		body any
	}{
		{"no name", symphony.V3RoomAttributes{Description: "nameless"}},
		{"a blank name", symphony.V3RoomAttributes{Name: "   "}},
		{"a name of 50 characters", symphony.V3RoomAttributes{Name: strings.Repeat("x", 50)}},
		{"another room's name", symphony.V3RoomAttributes{Name: "R O O M 1"}},
		{"a keyword without value", symphony.V3RoomAttributes{Name: "k", Keywords: []symphony.RoomTag{{Key: "region"}}}},
		{"a public room hidden from search", symphony.V3RoomAttributes{Name: "p", Public: true, MembersCanInvite: true, ViewHistory: true}},
		{"a public cross-pod room", symphony.V3RoomAttributes{Name: "x", Public: true, CrossPod: true, Discoverable: true, MembersCanInvite: true, ViewHistory: true}},
		{"a read-only cross-pod room", symphony.V3RoomAttributes{Name: "y", CrossPod: true, ReadOnly: true}},
		{"a pinned message that is not in the room", symphony.V3RoomAttributes{Name: "z", PinnedMessageID: "bm9uZQ"}},
		{"malformed JSON", []byte(`{"name":`)},
		{"no body", nil},
	} {
		status, data, _ := c.call(http.MethodPost, "/pod/v3/room/create", tc.body)
		wantError(t, tc.what, status, data, http.StatusBadRequest)
	}
	if countRooms(srv) != 1 || roomsNamed(srv, "room1") != 1 {
		t.Errorf("rooms after refusals: %d", countRooms(srv))
	}
	if res := c.read(feed, ""); len(res.Events) != 0 {
		t.Errorf("refused creations emitted %d events", len(res.Events))
	}
	// A name under the limit is taken.
	c.createRoom(symphony.V3RoomAttributes{Name: strings.Repeat("x", 49)})
}

// countRooms counts the pod's rooms.
func countRooms(srv *simulator.Server) int {
	n := 0
	for _, st := range srv.Streams() {
		if st.Type == symphony.StreamRoom {
			n++
		}
	}
	return n
}

// roomsNamed counts the pod's rooms with that name.
func roomsNamed(srv *simulator.Server, name string) int {
	n := 0
	for _, st := range srv.Streams() {
		if st.Type == symphony.StreamRoom && st.Name == name {
			n++
		}
	}
	return n
}
