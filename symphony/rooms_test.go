package symphony_test

import (
	"context"
	"net/http"
	"slices"
	"testing"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/simulator/simtest"
	"github.com/tutti-chat/tutti/symphony"
)

// secondAccount registers another service account of srv and returns its
// id and a client logged in as it.
func secondAccount(t *testing.T, srv *simulator.Server, username string) (int64, *symphony.Client) {
	t.Helper()
	if err := srv.AddAccount(username, &simtest.Key().PublicKey); err != nil {
		t.Fatal(err)
	}
	u, ok := srv.UserByUsername(username)
	if !ok {
		t.Fatalf("no user %q", username)
	}
	return u.ID, simtest.Client(t, srv, func(o *symphony.Options) { o.Username = username })
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
