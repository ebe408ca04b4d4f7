package symphony_test

import (
	"context"
	"net/http"
	"slices"
	"testing"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/symphony"
)

// secondAccount registers another service account of srv and returns its
// id and a client logged in as it.
func secondAccount(t *testing.T, srv *simulator.Server, username string) (int64, *symphony.Client) {
	t.Helper()
	c := accountClient(t, srv, username)
	return userID(t, srv, username), c
}

// roomIDs lists the ids of the rooms among a client's streams.
func roomIDs(t *testing.T, c *symphony.Client) []string {
	t.Helper()
	streams, err := c.AllStreams(context.Background(), symphony.StreamFilter{StreamTypes: []symphony.StreamType{{Type: symphony.StreamRoom}}})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, st := range streams {
		ids = append(ids, st.ID)
	}
	return ids
}

func TestClientCreateRoomAndAddMember(t *testing.T) {
	ctx := context.Background()
	srv := startPod(t, nil)
	c, _ := newClient(t, srv)
	otherID, other := secondAccount(t, srv, "room-guest")

	room, err := c.CreateRoom(ctx, symphony.V3RoomAttributes{Name: "Client room", Description: "made by the client", ViewHistory: true})
	if err != nil {
		t.Fatal(err)
	}
	id := room.RoomSystemInfo.ID
	if room.RoomAttributes.Name != "Client room" || id != symphony.CanonicalID(id) || !room.RoomSystemInfo.Active {
		t.Fatalf("created: %+v %+v", room.RoomAttributes, room.RoomSystemInfo)
	}
	if _, err := c.CreateRoom(ctx, symphony.V3RoomAttributes{Name: "client ROOM"}); symphony.StatusOf(err) != http.StatusBadRequest {
		t.Errorf("a second room of the same name: %v", err)
	}

	if err := c.AddRoomMember(ctx, id, otherID); err != nil {
		t.Fatal(err)
	}
	if err := c.AddRoomMember(ctx, id, otherID); err != nil {
		t.Errorf("adding a member again: %v", err)
	}
	if !slices.Contains(roomIDs(t, other), id) {
		t.Errorf("the added account does not list the room")
	}
	members, err := other.RoomMembers(ctx, id)
	if err != nil || len(members) != 2 {
		t.Errorf("members: %+v, %v", members, err)
	}
	if err := other.AddRoomMember(ctx, id, 1); !symphony.IsForbidden(err) {
		t.Errorf("a member adding someone to a room where only owners invite: %v", err)
	}
	if err := c.AddRoomMember(ctx, id, 1); symphony.StatusOf(err) != http.StatusBadRequest {
		t.Errorf("adding an unknown user: %v", err)
	}
}

func TestClientRoomLifecycle(t *testing.T) {
	ctx := context.Background()
	srv := startPod(t, nil)
	c, _ := newClient(t, srv)
	otherID, other := secondAccount(t, srv, "room-partner")
	room, err := c.CreateRoom(ctx, symphony.V3RoomAttributes{Name: "Lifecycle room", Description: "for #lifecycle",
		Keywords: []symphony.RoomTag{{Key: "stage", Value: "draft"}}})
	if err != nil {
		t.Fatal(err)
	}
	id := room.RoomSystemInfo.ID

	name := "Lifecycle room, final"
	updated, err := c.UpdateRoom(ctx, id, symphony.RoomUpdate{Name: &name, Keywords: &[]symphony.RoomTag{{Key: "stage", Value: "final"}}})
	if err != nil {
		t.Fatal(err)
	}
	if updated.RoomAttributes.Name != name || updated.RoomAttributes.Description != "for #lifecycle" || updated.RoomSystemInfo.ID != id {
		t.Errorf("updated: %+v", updated.RoomAttributes)
	}
	if _, err := c.UpdateRoom(ctx, id, symphony.RoomUpdate{Name: &name}); symphony.StatusOf(err) != http.StatusBadRequest {
		t.Errorf("an update changing nothing: %v", err)
	}

	res, err := c.SearchRooms(ctx, symphony.V2RoomSearchCriteria{Query: "final", Labels: []string{"stage"}}, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if res.Count != 1 || len(res.Rooms) != 1 || res.Rooms[0].RoomSystemInfo.ID != id || res.Limit != 10 {
		t.Errorf("search: %+v", res)
	}
	if _, err := c.SearchRooms(ctx, symphony.V2RoomSearchCriteria{}, 0, 500); err == nil {
		t.Errorf("a search page over the maximum was sent")
	}

	if err := c.AddRoomMember(ctx, id, otherID); err != nil {
		t.Fatal(err)
	}
	if err := c.PromoteRoomOwner(ctx, id, otherID); err != nil {
		t.Fatal(err)
	}
	if err := other.DemoteRoomOwner(ctx, id, otherID); err != nil {
		t.Fatal(err)
	}
	if err := other.PromoteRoomOwner(ctx, id, otherID); !symphony.IsForbidden(err) {
		t.Errorf("a demoted owner promoting themselves: %v", err)
	}
	members, err := c.RoomMembers(ctx, id)
	if err != nil || len(members) != 2 || !members[0].Owner || members[1].Owner {
		t.Errorf("members: %+v, %v", members, err)
	}

	detail, err := c.SetRoomActive(ctx, id, false)
	if err != nil {
		t.Fatal(err)
	}
	if detail.RoomSystemInfo.Active || detail.RoomSystemInfo.ID != id || detail.RoomAttributes.Name != name {
		t.Errorf("deactivated: %+v %+v", detail.RoomSystemInfo, detail.RoomAttributes)
	}
	if err := c.RemoveRoomMember(ctx, id, otherID); symphony.StatusOf(err) != http.StatusBadRequest {
		t.Errorf("removing a member of a deactivated room: %v", err)
	}
	if _, err := c.SetRoomActive(ctx, id, true); err != nil {
		t.Fatal(err)
	}
	if err := other.RemoveRoomMember(ctx, id, otherID); err != nil {
		t.Errorf("leaving: %v", err)
	}
	if slices.Contains(roomIDs(t, other), id) {
		t.Errorf("the room is still listed after leaving")
	}
}
