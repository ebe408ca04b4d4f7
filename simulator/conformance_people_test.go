package simulator_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/simulator/scenario"
	"github.com/tutti-chat/tutti/symphony"
)

// TestPeopleExchangesFollowTheOfficialDocuments validates what the room
// info, members and profile overlays ask the pod: a room's info and
// membership list, a user lookup and a user's presence, with their error
// answers, against the official OpenAPI documents.
func TestPeopleExchangesFollowTheOfficialDocuments(t *testing.T) {
	srv, v, c := startConformance(t, simulator.Options{LongPoll: 50 * time.Millisecond})
	room := &scenario.Room{ID: "cGVvcGxlLXJvb20taWQtMDAwMA", Name: "People", Description: "who is here",
		Members: []int64{aliceID}, Keywords: map[string]string{"desk": "rates"}}
	if err := srv.Apply(scenario.Action{Kind: scenario.CreateRoom, Actor: botID, Room: room}); err != nil {
		t.Fatal(err)
	}
	var detail symphony.V3RoomDetail
	c.callJSON(http.MethodGet, "/pod/v3/room/"+room.ID+"/info", nil, &detail)
	if detail.RoomAttributes == nil || detail.RoomAttributes.Name != "People" || detail.RoomAttributes.Description != "who is here" {
		t.Errorf("room info: %+v", detail.RoomAttributes)
	}
	var members []symphony.MemberInfo
	c.callJSON(http.MethodGet, "/pod/v2/room/"+room.ID+"/membership/list", nil, &members)
	if len(members) != 2 {
		t.Errorf("members: %+v", members)
	}
	var p symphony.V2Presence
	if status := c.callJSON(http.MethodGet, fmt.Sprintf("/pod/v3/user/%d/presence", aliceID), nil, &p); status != http.StatusOK {
		t.Fatalf("presence: %d", status)
	}
	if p.UserID != aliceID || p.Category == "" || p.Timestamp == 0 {
		t.Errorf("presence of alice: %+v", p)
	}
	var again symphony.V2Presence
	c.callJSON(http.MethodGet, fmt.Sprintf("/pod/v3/user/%d/presence?local=true", aliceID), nil, &again)
	if again.Category != p.Category {
		t.Errorf("presence changed between two calls: %+v then %+v", p, again)
	}
	var bot symphony.V2Presence
	c.callJSON(http.MethodGet, fmt.Sprintf("/pod/v3/user/%d/presence", botID), nil, &bot)
	if bot.Category != symphony.PresenceAvailable {
		t.Errorf("the service account's presence: %+v", bot)
	}
	status, data, _ := c.call(http.MethodGet, "/pod/v3/user/1/presence", nil)
	var e struct{ Code int }
	if status != http.StatusNotFound || json.Unmarshal(data, &e) != nil {
		t.Errorf("presence of nobody: %d %s", status, data)
	}
	// A malformed id breaks the document's path: it goes around the
	// validator.
	plain := c.unvalidated()
	if status, data, _ := plain.call(http.MethodGet, "/pod/v3/user/x/presence", nil); status != http.StatusBadRequest {
		t.Errorf("presence of a malformed id: %d %s", status, data)
	}
	v.report(t)
	wantCovered(t, v,
		"GET /pod/v3/room/{id}/info 200", "GET /pod/v2/room/{id}/membership/list 200",
		"GET /pod/v3/user/{uid}/presence 200", "GET /pod/v3/user/{uid}/presence 404",
	)
}
