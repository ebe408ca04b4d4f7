package simulator_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/symphony"
)

// ptr returns a pointer to v.
func ptr[T any](v T) *T { return &v }

// update calls room update and returns the status and the body.
func (c *client) update(room string, up any) (int, []byte) {
	c.t.Helper()
	status, data, _ := c.call(http.MethodPost, "/pod/v3/room/"+room+"/update", up)
	return status, data
}

// setActive calls room setActive and returns the status and the body.
func (c *client) setActive(room, active string) (int, []byte) {
	c.t.Helper()
	status, data, _ := c.call(http.MethodPost, "/pod/v1/room/"+room+"/setActive?active="+active, nil)
	return status, data
}

// TestRoomUpdateReachesEveryMember: an owner changes what the update sets,
// the rest stays; every member gets ROOMUPDATED with the room's current
// properties, and room info says the same as the answer.
func TestRoomUpdateReachesEveryMember(t *testing.T) {
	srv := start(t, simulator.Options{})
	bot := newClient(t, srv)
	alice := loginUser(t, srv, "alice", nil)
	room := bot.createRoom(symphony.V3RoomAttributes{Name: "Before", Description: "old",
		Keywords: []symphony.RoomTag{{Key: "desk", Value: "rates"}}, MembersCanInvite: true}).RoomSystemInfo.ID
	bot.mustMembership(room, "add", aliceID)
	botFeed, aliceFeed := bot.follow(), alice.follow()

	status, data := bot.update(room, symphony.RoomUpdate{Name: ptr("After"), CopyProtected: ptr(true),
		Keywords: &[]symphony.RoomTag{{Key: "desk", Value: "FX"}}})
	var detail symphony.V3RoomDetail
	if status != http.StatusOK || json.Unmarshal(data, &detail) != nil {
		t.Fatalf("update: %d %s", status, data)
	}
	a := detail.RoomAttributes
	if a.Name != "After" || a.Description != "old" || !a.CopyProtected || !a.MembersCanInvite ||
		!slices.Equal(a.Keywords, []symphony.RoomTag{{Key: "desk", Value: "FX"}}) {
		t.Errorf("attributes after the update: %+v", a)
	}
	var info symphony.V3RoomDetail
	bot.callJSON(http.MethodGet, "/pod/v3/room/"+room+"/info", nil, &info)
	if info.RoomAttributes.Name != "After" || !info.RoomAttributes.CopyProtected {
		t.Errorf("room info after the update: %+v", info.RoomAttributes)
	}
	for who, f := range map[string]*feedReader{"the owner": botFeed, "a member": aliceFeed} {
		evs := f.next(1)
		ru := evs[0].Payload.RoomUpdated
		if evs[0].Type != symphony.EventRoomUpdated || ru == nil || ru.Stream.StreamID != room || ru.Stream.RoomName != "After" ||
			ru.NewRoomProperties == nil || ru.NewRoomProperties.Name != "After" || ru.NewRoomProperties.Description != "old" ||
			ru.NewRoomProperties.CopyProtected == nil || !*ru.NewRoomProperties.CopyProtected {
			t.Errorf("%s: %+v", who, evs[0])
		}
	}
}

// TestRoomUpdateRefusals: the pod's refusals of an update, none of which
// changes the room or emits anything; a pinned message is one of the
// room's.
func TestRoomUpdateRefusals(t *testing.T) {
	srv := start(t, simulator.Options{})
	bot := newClient(t, srv)
	alice := loginUser(t, srv, "alice", nil)
	room := bot.createRoom(symphony.V3RoomAttributes{Name: "Guarded", CopyProtected: true}).RoomSystemInfo.ID
	public := bot.createRoom(symphony.V3RoomAttributes{Name: "Open to all", Public: true, Discoverable: true,
		MembersCanInvite: true, ViewHistory: true}).RoomSystemInfo.ID
	external := bot.createRoom(symphony.V3RoomAttributes{Name: "Partners", CrossPod: true}).RoomSystemInfo.ID
	other := bot.createRoom(symphony.V3RoomAttributes{Name: "Elsewhere"}).RoomSystemInfo.ID
	bot.mustMembership(room, "add", aliceID)
	status, data := bot.send(other, "<messageML>elsewhere</messageML>", "")
	var foreign symphony.V4Message
	if status != http.StatusOK || json.Unmarshal(data, &foreign) != nil {
		t.Fatalf("send: %d %s", status, data)
	}
	feed := bot.follow()

	for _, tc := range []struct {
		what   string
		c      *client
		room   string
		body   any
		status int
	}{
		{"a member who is no owner", alice, room, symphony.RoomUpdate{Name: ptr("Mine")}, http.StatusForbidden},
		{"nothing changed", bot, room, symphony.RoomUpdate{Name: ptr("Guarded"), CopyProtected: ptr(true)}, http.StatusBadRequest},
		{"an empty body", bot, room, symphony.RoomUpdate{}, http.StatusBadRequest},
		{"making it public", bot, room, symphony.RoomUpdate{Public: ptr(true)}, http.StatusBadRequest},
		{"making it read-only", bot, room, symphony.RoomUpdate{ReadOnly: ptr(true)}, http.StatusBadRequest},
		{"making it cross-pod", bot, room, symphony.RoomUpdate{CrossPod: ptr(true)}, http.StatusBadRequest},
		{"removing copy protection", bot, room, symphony.RoomUpdate{CopyProtected: ptr(false)}, http.StatusBadRequest},
		{"another room's name", bot, room, symphony.RoomUpdate{Name: ptr("elsewhere")}, http.StatusBadRequest},
		{"a blank name", bot, room, symphony.RoomUpdate{Name: ptr(" ")}, http.StatusBadRequest},
		{"a public room hidden from search", bot, public, symphony.RoomUpdate{Discoverable: ptr(false)}, http.StatusBadRequest},
		{"a public room closed to invitations", bot, public, symphony.RoomUpdate{MembersCanInvite: ptr(false)}, http.StatusBadRequest},
		{"a cross-pod room open to search", bot, external, symphony.RoomUpdate{Discoverable: ptr(true)}, http.StatusBadRequest},
		{"pinning another room's message", bot, room, symphony.RoomUpdate{PinnedMessageID: ptr(foreign.MessageID)}, http.StatusBadRequest},
		{"an unknown room", bot, "bm9uZQ", symphony.RoomUpdate{Name: ptr("x")}, http.StatusBadRequest},
		{"no body", bot, room, nil, http.StatusBadRequest},
	} {
		status, data := tc.c.update(tc.room, tc.body)
		wantError(t, tc.what, status, data, tc.status)
	}
	feed.none()

	status, data = bot.send(room, "<messageML>pin me</messageML>", "")
	var m symphony.V4Message
	if status != http.StatusOK || json.Unmarshal(data, &m) != nil {
		t.Fatalf("send: %d %s", status, data)
	}
	feed.next(1)
	var detail symphony.V3RoomDetail
	status, data = bot.update(room, symphony.RoomUpdate{PinnedMessageID: ptr(m.MessageID)})
	if status != http.StatusOK || json.Unmarshal(data, &detail) != nil || detail.RoomAttributes.PinnedMessageID != m.MessageID {
		t.Fatalf("pin: %d %s", status, data)
	}
	feed.next(1)
	status, data = bot.update(room, symphony.RoomUpdate{PinnedMessageID: ptr("")})
	var unpinned symphony.V3RoomDetail
	if status != http.StatusOK || json.Unmarshal(data, &unpinned) != nil || unpinned.RoomAttributes.PinnedMessageID != "" {
		t.Fatalf("unpin: %d %s", status, data)
	}
	feed.next(1)
}

// TestRoomSetActive: an owner deactivates a room, whose members hear of
// it; the room then takes no message and no member, leaves the streams
// list unless inactive streams are asked for, and comes back when
// reactivated. Asking for the state the room is in changes nothing.
func TestRoomSetActive(t *testing.T) {
	srv := start(t, simulator.Options{})
	bot := newClient(t, srv)
	alice := loginUser(t, srv, "alice", nil)
	room := bot.createRoom(symphony.V3RoomAttributes{Name: "Seasonal", CopyProtected: true}).RoomSystemInfo.ID
	bot.mustMembership(room, "add", aliceID)
	botFeed, aliceFeed := bot.follow(), alice.follow()

	for _, tc := range []struct {
		what, active string
		c            *client
		status       int
	}{
		{"a member who is no owner", "false", alice, http.StatusForbidden},
		{"no active parameter", "", bot, http.StatusBadRequest},
		{"a malformed active parameter", "maybe", bot, http.StatusBadRequest},
	} {
		status, data := tc.c.setActive(room, tc.active)
		wantError(t, tc.what, status, data, tc.status)
	}
	botFeed.none()

	status, data := bot.setActive(room, "false")
	var detail symphony.RoomDetail
	if status != http.StatusOK || json.Unmarshal(data, &detail) != nil {
		t.Fatalf("deactivate: %d %s", status, data)
	}
	if detail.RoomSystemInfo.Active || detail.RoomAttributes.Name != "Seasonal" || !detail.ImmutableRoomAttributes.CopyProtected {
		t.Errorf("answer: %s", data)
	}
	for who, f := range map[string]*feedReader{"the owner": botFeed, "a member": aliceFeed} {
		evs := f.next(1)
		if evs[0].Type != symphony.EventRoomDeactivated || evs[0].Payload.RoomDeactivated.Stream.StreamID != room {
			t.Errorf("%s: %+v", who, evs[0])
		}
	}
	var info symphony.V3RoomDetail
	bot.callJSON(http.MethodGet, "/pod/v3/room/"+room+"/info", nil, &info)
	if info.RoomSystemInfo.Active {
		t.Errorf("room info says active")
	}
	status, data = alice.send(room, "<messageML>anyone?</messageML>", "")
	wantError(t, "a message to a deactivated room", status, data, http.StatusBadRequest)
	status, data = bot.membership(room, "add", bobID)
	wantError(t, "a member added to a deactivated room", status, data, http.StatusBadRequest)
	if slices.Contains(alice.streamIDs(), room) {
		t.Errorf("the deactivated room is listed among active streams")
	}
	var all []symphony.StreamAttributes
	alice.callJSON(http.MethodPost, "/pod/v1/streams/list", symphony.StreamFilter{IncludeInactiveStreams: true}, &all)
	if !slices.ContainsFunc(all, func(st symphony.StreamAttributes) bool { return st.ID == room && !st.Active }) {
		t.Errorf("the deactivated room is not listed among inactive streams: %+v", all)
	}
	if status, data := bot.setActive(room, "false"); status != http.StatusOK {
		t.Fatalf("deactivate again: %d %s", status, data)
	}
	botFeed.none()

	if status, data := bot.setActive(room, "true"); status != http.StatusOK {
		t.Fatalf("reactivate: %d %s", status, data)
	}
	for who, f := range map[string]*feedReader{"the owner": botFeed, "a member": aliceFeed} {
		evs := f.next(1)
		if evs[0].Type != symphony.EventRoomReactivated || evs[0].Payload.RoomReactivated.Stream.StreamID != room {
			t.Errorf("%s: %+v", who, evs[0])
		}
	}
	if status, data := alice.send(room, "<messageML>back</messageML>", ""); status != http.StatusOK {
		t.Errorf("a message to the reactivated room: %d %s", status, data)
	}
}
