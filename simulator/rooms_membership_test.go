package simulator_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"testing"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/simulator/scenario"
	"github.com/tutti-chat/tutti/symphony"
)

// membership calls a room membership endpoint and returns the status and
// the body.
func (c *client) membership(roomID, verb string, user int64) (int, []byte) {
	c.t.Helper()
	status, data, _ := c.call(http.MethodPost, "/pod/v1/room/"+roomID+"/membership/"+verb, symphony.UserID{ID: user})
	return status, data
}

// mustMembership calls a room membership endpoint, expects a 200 and
// returns its message.
func (c *client) mustMembership(roomID, verb string, user int64) string {
	c.t.Helper()
	status, data := c.membership(roomID, verb, user)
	var out symphony.SuccessResponse
	if status != http.StatusOK || json.Unmarshal(data, &out) != nil || out.Format != "TEXT" || out.Message == "" {
		c.t.Fatalf("%s %d in %s: %d %s", verb, user, roomID, status, data)
	}
	return out.Message
}

// feedReader reads a datafeed v2 of one client, acknowledging each batch.
type feedReader struct {
	c         *client
	feed, ack string
}

// follow creates a datafeed of the client's user.
func (c *client) follow() *feedReader { return &feedReader{c: c, feed: c.createFeed()} }

// next reads until n events arrived, and fails on more.
func (f *feedReader) next(n int) []symphony.V4Event {
	f.c.t.Helper()
	var out []symphony.V4Event
	for i := 0; len(out) < n && i < 20; i++ {
		res := f.c.read(f.feed, f.ack)
		out = append(out, res.Events...)
		f.ack = res.AckID
	}
	if len(out) != n {
		f.c.t.Fatalf("%s's feed: %d events, want %d: %+v", f.c.username, len(out), n, out)
	}
	return out
}

// none checks that no event is waiting: a read ends empty at the long
// poll's end.
func (f *feedReader) none() {
	f.c.t.Helper()
	res := f.c.read(f.feed, f.ack)
	f.ack = res.AckID
	if len(res.Events) != 0 {
		f.c.t.Fatalf("%s's feed: unexpected events %+v", f.c.username, res.Events)
	}
}

// wantAffected checks that evs is exactly one event of type typ, initiated
// by initiator, about affected in room.
func wantAffected(t *testing.T, who string, evs []symphony.V4Event, typ, room string, initiator, affected int64) {
	t.Helper()
	if len(evs) != 1 || evs[0].Type != typ || evs[0].Initiator == nil || evs[0].Initiator.User.UserID != initiator {
		t.Fatalf("%s: events %+v, want one %s by %d", who, evs, typ, initiator)
	}
	var stream *symphony.V4Stream
	var user *symphony.V4User
	p := evs[0].Payload
	switch typ {
	case symphony.EventUserJoinedRoom:
		stream, user = p.UserJoinedRoom.Stream, p.UserJoinedRoom.AffectedUser
	case symphony.EventUserLeftRoom:
		stream, user = p.UserLeftRoom.Stream, p.UserLeftRoom.AffectedUser
	case symphony.EventRoomMemberPromotedToOwner:
		stream, user = p.RoomMemberPromotedToOwner.Stream, p.RoomMemberPromotedToOwner.AffectedUser
	case symphony.EventRoomMemberDemotedFromOwner:
		stream, user = p.RoomMemberDemotedFromOwner.Stream, p.RoomMemberDemotedFromOwner.AffectedUser
	}
	if stream == nil || stream.StreamID != room || stream.StreamType != symphony.StreamRoom || stream.RoomName == "" ||
		user == nil || user.UserID != affected || user.DisplayName == "" {
		t.Errorf("%s: %s payload %+v", who, typ, p)
	}
}

// TestAddMemberReachesEveryMember: an owner adds a user, who gets
// USERJOINEDROOM like every member, then finds the room in their streams,
// its history (sent before they joined) readable and themselves in its
// members; a second addition reaches the three.
func TestAddMemberReachesEveryMember(t *testing.T) {
	srv := start(t, simulator.Options{})
	bot := newClient(t, srv)
	alice := loginUser(t, srv, "alice", nil)
	bob := loginUser(t, srv, "bob", nil)
	botFeed, aliceFeed, bobFeed := bot.follow(), alice.follow(), bob.follow()
	room := bot.createRoom(symphony.V3RoomAttributes{Name: "Desk", ViewHistory: true}).RoomSystemInfo.ID
	botFeed.next(1) // ROOMCREATED
	if status, data := bot.send(room, "<messageML>before alice</messageML>", ""); status != http.StatusOK {
		t.Fatalf("send: %d %s", status, data)
	}
	botFeed.next(1) // MESSAGESENT

	if msg := bot.mustMembership(room, "add", aliceID); msg != "Member added" {
		t.Errorf("answer: %q", msg)
	}
	wantAffected(t, "the owner", botFeed.next(1), symphony.EventUserJoinedRoom, room, botID, aliceID)
	wantAffected(t, "the added user", aliceFeed.next(1), symphony.EventUserJoinedRoom, room, botID, aliceID)
	if !slices.Contains(alice.streamIDs(), room) {
		t.Errorf("the room is not in the added user's streams")
	}
	var history []symphony.V4Message
	if status := alice.callJSON(http.MethodGet, "/agent/v4/stream/"+room+"/message?since=0", nil, &history); status != http.StatusOK || len(history) != 1 {
		t.Errorf("the added user's history: %d, %d messages", status, len(history))
	}
	var members []symphony.MemberInfo
	alice.callJSON(http.MethodGet, "/pod/v2/room/"+room+"/membership/list", nil, &members)
	if len(members) != 2 || members[1].ID != aliceID || members[1].Owner {
		t.Errorf("members: %+v", members)
	}

	bot.mustMembership(room, "add", bobID)
	for who, f := range map[string]*feedReader{"the owner": botFeed, "the first member": aliceFeed, "the second member": bobFeed} {
		wantAffected(t, who, f.next(1), symphony.EventUserJoinedRoom, room, botID, bobID)
	}
}

// TestAddMemberPermissions: who may add whom, as the pod decides. Refused
// calls change nothing and emit nothing; adding a member already there
// succeeds without an event.
func TestAddMemberPermissions(t *testing.T) {
	srv := start(t, simulator.Options{})
	bot := newClient(t, srv)
	alice := loginUser(t, srv, "alice", nil)
	carol := loginUser(t, srv, "carol", nil)
	closed := bot.createRoom(symphony.V3RoomAttributes{Name: "Closed"}).RoomSystemInfo.ID
	open := bot.createRoom(symphony.V3RoomAttributes{Name: "Open", MembersCanInvite: true}).RoomSystemInfo.ID
	public := bot.createRoom(symphony.V3RoomAttributes{Name: "Town hall", Public: true, Discoverable: true,
		MembersCanInvite: true, ViewHistory: true}).RoomSystemInfo.ID
	bot.mustMembership(closed, "add", aliceID)
	bot.mustMembership(open, "add", aliceID)
	im := bot.createIM(aliceID)
	feed := bot.follow()

	for _, tc := range []struct {
		what   string
		c      *client
		room   string
		user   int64
		status int
	}{
		{"a member of a room where only owners invite", alice, closed, bobID, http.StatusForbidden},
		{"a stranger to a private room", carol, closed, carolID, http.StatusForbidden},
		{"a stranger adding someone else to a public room", carol, public, bobID, http.StatusForbidden},
		{"an unknown user", bot, closed, 1, http.StatusBadRequest},
		{"no user", bot, closed, 0, http.StatusBadRequest},
		{"a user of another pod to an internal room", bot, closed, danaID, http.StatusBadRequest},
		{"an unknown room", bot, "bm9uZQ", bobID, http.StatusBadRequest},
		{"an IM", bot, im, bobID, http.StatusBadRequest},
	} {
		status, data := tc.c.membership(tc.room, "add", tc.user)
		wantError(t, tc.what, status, data, tc.status)
	}
	feed.none()

	alice.mustMembership(open, "add", bobID)     // members invite
	carol.mustMembership(public, "add", carolID) // anyone joins a public room
	evs := feed.next(2)
	wantAffected(t, "invited by a member", evs[:1], symphony.EventUserJoinedRoom, open, aliceID, bobID)
	wantAffected(t, "joined by themselves", evs[1:], symphony.EventUserJoinedRoom, public, carolID, carolID)

	if msg := bot.mustMembership(closed, "add", aliceID); msg == "Member added" {
		t.Errorf("adding a member already there: %q", msg)
	}
	feed.none()
	if err := srv.Apply(scenario.Action{Kind: scenario.DeactivateRoom, Actor: botID, Stream: closed}); err != nil {
		t.Fatal(err)
	}
	feed.next(1) // ROOMDEACTIVATED
	status, data := bot.membership(closed, "add", bobID)
	wantError(t, "a deactivated room", status, data, http.StatusBadRequest)
	feed.none()
	for _, st := range srv.Streams() {
		if st.ID == closed && (len(st.Members) != 2 || slices.Contains(st.Members, bobID)) {
			t.Errorf("members of the closed room: %v", st.Members)
		}
	}
}

// TestAddMemberOfAnotherPod: a user of another pod goes into a cross-pod
// room once connected with the caller.
func TestAddMemberOfAnotherPod(t *testing.T) {
	srv := start(t, simulator.Options{})
	bot := newClient(t, srv)
	room := bot.createRoom(symphony.V3RoomAttributes{Name: "With partners", CrossPod: true}).RoomSystemInfo.ID
	status, data := bot.membership(room, "add", danaID)
	wantError(t, "not connected", status, data, http.StatusBadRequest)
	for _, a := range []scenario.Action{
		{Kind: scenario.RequestConnection, Actor: danaID, User: botID},
		{Kind: scenario.AcceptConnection, Actor: botID, User: danaID},
	} {
		if err := srv.Apply(a); err != nil {
			t.Fatal(err)
		}
	}
	bot.mustMembership(room, "add", danaID)
	var members []symphony.MemberInfo
	bot.callJSON(http.MethodGet, fmt.Sprintf("/pod/v2/room/%s/membership/list", room), nil, &members)
	if len(members) != 2 || members[1].ID != danaID {
		t.Errorf("members: %+v", members)
	}
}

// TestRemoveMemberReachesTheRemoved: an owner removes a member, who gets
// USERLEFTROOM with the others and loses the room; anyone may leave; the
// pod lets the last owner go.
func TestRemoveMemberReachesTheRemoved(t *testing.T) {
	srv := start(t, simulator.Options{})
	bot := newClient(t, srv)
	alice := loginUser(t, srv, "alice", nil)
	bob := loginUser(t, srv, "bob", nil)
	room := bot.createRoom(symphony.V3RoomAttributes{Name: "Leavers"}).RoomSystemInfo.ID
	bot.mustMembership(room, "add", aliceID)
	bot.mustMembership(room, "add", bobID)
	botFeed, aliceFeed, bobFeed := bot.follow(), alice.follow(), bob.follow()

	for _, tc := range []struct {
		what   string
		c      *client
		user   int64
		status int
	}{
		{"a member removing another", alice, bobID, http.StatusForbidden},
		{"a non-member", bot, carolID, http.StatusBadRequest},
		{"an unknown user", bot, 1, http.StatusBadRequest},
	} {
		status, data := tc.c.membership(room, "remove", tc.user)
		wantError(t, tc.what, status, data, tc.status)
	}
	botFeed.none()

	if msg := bot.mustMembership(room, "remove", aliceID); msg != "Member removed" {
		t.Errorf("answer: %q", msg)
	}
	for who, f := range map[string]*feedReader{"the owner": botFeed, "the removed member": aliceFeed, "another member": bobFeed} {
		wantAffected(t, who, f.next(1), symphony.EventUserLeftRoom, room, botID, aliceID)
	}
	if slices.Contains(alice.streamIDs(), room) {
		t.Errorf("the removed member still lists the room")
	}
	if status, _, _ := alice.call(http.MethodGet, "/agent/v4/stream/"+room+"/message?since=0", nil); status != http.StatusForbidden {
		t.Errorf("the removed member's history: %d", status)
	}

	bob.mustMembership(room, "remove", bobID) // leaving
	for who, f := range map[string]*feedReader{"the owner": botFeed, "the leaver": bobFeed} {
		wantAffected(t, who, f.next(1), symphony.EventUserLeftRoom, room, bobID, bobID)
	}
	aliceFeed.none()

	bot.mustMembership(room, "remove", botID) // the last owner, the last member
	wantAffected(t, "the last owner", botFeed.next(1), symphony.EventUserLeftRoom, room, botID, botID)
	for _, st := range srv.Streams() {
		if st.ID == room && (len(st.Members) != 0 || len(st.Owners) != 0) {
			t.Errorf("the room keeps members %v, owners %v", st.Members, st.Owners)
		}
	}
}

// TestPromoteAndDemoteOwners: only owners change who owns a room; every
// member hears of it; a promoted member may manage the room; the last
// owner cannot be demoted; a room deactivated still takes a promotion.
func TestPromoteAndDemoteOwners(t *testing.T) {
	srv := start(t, simulator.Options{})
	bot := newClient(t, srv)
	alice := loginUser(t, srv, "alice", nil)
	room := bot.createRoom(symphony.V3RoomAttributes{Name: "Owners"}).RoomSystemInfo.ID
	bot.mustMembership(room, "add", aliceID)
	bot.mustMembership(room, "add", bobID)
	botFeed, aliceFeed := bot.follow(), alice.follow()

	for _, tc := range []struct {
		what, verb string
		c          *client
		user       int64
		status     int
	}{
		{"a member promoting", "promoteOwner", alice, aliceID, http.StatusForbidden},
		{"a member demoting", "demoteOwner", alice, botID, http.StatusForbidden},
		{"promoting a non-member", "promoteOwner", bot, carolID, http.StatusBadRequest},
		{"promoting an unknown user", "promoteOwner", bot, 1, http.StatusBadRequest},
		{"demoting the last owner", "demoteOwner", bot, botID, http.StatusBadRequest},
	} {
		status, data := tc.c.membership(room, tc.verb, tc.user)
		wantError(t, tc.what, status, data, tc.status)
	}
	botFeed.none()

	if msg := bot.mustMembership(room, "promoteOwner", aliceID); msg != "Member promoted to owner" {
		t.Errorf("answer: %q", msg)
	}
	wantAffected(t, "the owner", botFeed.next(1), symphony.EventRoomMemberPromotedToOwner, room, botID, aliceID)
	wantAffected(t, "the promoted", aliceFeed.next(1), symphony.EventRoomMemberPromotedToOwner, room, botID, aliceID)
	bot.mustMembership(room, "promoteOwner", aliceID) // an owner already: no event
	alice.mustMembership(room, "add", carolID)        // an owner invites
	botFeed.next(1)
	aliceFeed.next(1)

	if msg := alice.mustMembership(room, "demoteOwner", botID); msg != "Owner demoted" {
		t.Errorf("answer: %q", msg)
	}
	wantAffected(t, "the demoted", botFeed.next(1), symphony.EventRoomMemberDemotedFromOwner, room, aliceID, botID)
	wantAffected(t, "the demoting", aliceFeed.next(1), symphony.EventRoomMemberDemotedFromOwner, room, aliceID, botID)
	status, data := bot.membership(room, "promoteOwner", botID)
	wantError(t, "a former owner promoting themselves", status, data, http.StatusForbidden)
	var members []symphony.MemberInfo
	bot.callJSON(http.MethodGet, "/pod/v2/room/"+room+"/membership/list", nil, &members)
	for _, m := range members {
		if m.Owner != (m.ID == aliceID) {
			t.Errorf("members after the changes: %+v", members)
		}
	}

	if err := srv.Apply(scenario.Action{Kind: scenario.DeactivateRoom, Actor: aliceID, Stream: room}); err != nil {
		t.Fatal(err)
	}
	aliceFeed.next(1)
	alice.mustMembership(room, "promoteOwner", bobID)
	evs := aliceFeed.next(1)
	wantAffected(t, "promoted in a deactivated room", evs, symphony.EventRoomMemberPromotedToOwner, room, aliceID, bobID)
}
