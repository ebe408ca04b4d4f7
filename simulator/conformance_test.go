package simulator_test

import (
	"bytes"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/simulator/scenario"
	"github.com/tutti-chat/tutti/symphony"
)

// TestExchangesFollowTheOfficialDocuments drives every endpoint, answers
// of success and of error, through a transport that validates requests and
// responses against Symphony's OpenAPI documents.
func TestExchangesFollowTheOfficialDocuments(t *testing.T) {
	srv, v, c := startConformance(t, simulator.Options{LongPoll: 50 * time.Millisecond, V1Capacity: 1})

	room := &scenario.Room{ID: "Y29uZm9ybWFuY2Utcm9vbS1pZC0w", Name: "Conformance", Members: []int64{aliceID},
		Keywords: map[string]string{"k": "v"}}
	if err := srv.Apply(scenario.Action{Kind: scenario.CreateRoom, Actor: botID, Room: room}); err != nil {
		t.Fatal(err)
	}
	feed := c.createFeed()
	var df symphony.Datafeed
	c.callJSON(http.MethodPost, "/agent/v4/datafeed/create", nil, &df)
	im := c.createIM(aliceID)
	// The validator cannot decode the multipart bodies of message create
	// (the document gives their schema no type): those requests go around
	// it, their answers are checked below by hand.
	plain := c.unvalidated()
	if status, data := plain.send(im, `<messageML>Hi <mention uid="349026222342001"/></messageML>`, ""); status != http.StatusOK {
		t.Fatalf("send: %d %s", status, data)
	}
	m, err := srv.Post(room.ID, aliceID, "<messageML>in the room</messageML>")
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Apply(scenario.Action{Kind: scenario.RequestConnection, Actor: danaID, User: botID}); err != nil {
		t.Fatal(err)
	}
	for _, a := range []scenario.Action{
		{Kind: scenario.SendMessage, Actor: aliceID, Stream: room.ID, Key: "k1", MessageML: "<messageML>one</messageML>",
			Attachments: []scenario.Attachment{{Name: "a.png", Size: 10}}},
		{Kind: scenario.EditMessage, Actor: aliceID, Target: "k1", MessageML: "<messageML>one, edited</messageML>"},
		{Kind: scenario.SuppressMessage, Actor: botID, Target: "k1"},
		{Kind: scenario.SystemEvent, Actor: aliceID, Stream: room.ID, Subtype: "x", Source: "federation"},
	} {
		if err := srv.Apply(a); err != nil {
			t.Fatal(err)
		}
	}

	calls := []struct {
		method, path string
		body         any
	}{
		{http.MethodGet, "/pod/v2/sessioninfo", nil},
		{http.MethodPost, "/pod/v1/streams/list?skip=0&limit=10", symphony.StreamFilter{}},
		{http.MethodPost, "/pod/v1/streams/list?skip=50", symphony.StreamFilter{}},
		{http.MethodGet, "/pod/v2/streams/" + im + "/info", nil},
		{http.MethodGet, "/pod/v2/streams/" + room.ID + "/info", nil},
		{http.MethodGet, "/pod/v2/streams/bm9uZQ/info", nil},
		{http.MethodGet, "/pod/v3/room/" + room.ID + "/info", nil},
		{http.MethodGet, "/pod/v3/room/" + wallOf(t, srv, aliceID) + "/info", nil},
		{http.MethodGet, "/pod/v2/room/" + room.ID + "/membership/list", nil},
		{http.MethodGet, "/pod/v1/im/" + im + "/info", nil},
		{http.MethodPost, "/pod/v1/im/create", []int64{}},
		{http.MethodGet, fmt.Sprintf("/pod/v3/users?uid=%d,%d,x", aliceID, danaID), nil},
		{http.MethodGet, "/pod/v3/users?uid=1", nil},
		{http.MethodGet, fmt.Sprintf("/pod/v2/user?uid=%d", aliceID), nil},
		{http.MethodGet, "/pod/v2/user?username=" + srv.Account() + "&local=true", nil},
		{http.MethodGet, "/pod/v2/user?uid=1", nil},
		{http.MethodGet, "/pod/v3/users", nil},
		{http.MethodGet, "/pod/v1/connection/list", nil},
		{http.MethodGet, fmt.Sprintf("/pod/v1/connection/list?status=ALL&userIds=%d", aliceID), nil},
		{http.MethodGet, "/agent/v1/info", nil},
		{http.MethodGet, "/agent/v5/datafeeds", nil},
		{http.MethodGet, "/agent/v5/datafeeds?tag=x", nil},
		{http.MethodPost, "/agent/v5/datafeeds/" + feed + "/read", symphony.AckID{}},
		{http.MethodPost, "/agent/v5/datafeeds/" + feed + "/read", symphony.AckID{AckID: "stale"}},
		{http.MethodGet, "/agent/v4/datafeed/" + df.ID + "/read", nil},
		{http.MethodGet, "/agent/v4/datafeed/" + df.ID + "/read", nil},
		{http.MethodGet, "/agent/v4/stream/" + room.ID + "/message?since=0&limit=10", nil},
		{http.MethodGet, "/agent/v4/stream/" + room.ID + "/message?since=0&limit=501", nil},
		{http.MethodGet, fmt.Sprintf("/agent/v4/stream/%s/message?since=%d", room.ID, time.Now().Add(time.Hour).UnixMilli()), nil},
		{http.MethodGet, "/agent/v1/message/" + m.MessageID, nil},
		{http.MethodGet, "/agent/v1/message/bm9uZQ", nil},
	}
	for _, call := range calls {
		c.call(call.method, call.path, call.body)
	}
	// The document gives the 204 of a datafeed deletion a JSON body, which
	// a 204 cannot have: deletions go around the validator.
	plain.call(http.MethodDelete, "/agent/v5/datafeeds/"+feed, nil)
	c.call(http.MethodDelete, "/agent/v5/datafeeds/"+feed, nil) // 400
	// A tagged feed, a feed with every event type the room produced, and
	// the v1 feed over capacity.
	var tagged symphony.V5Datafeed
	c.callJSON(http.MethodPost, "/agent/v5/datafeeds", symphony.V5DatafeedCreateBody{Tag: "tag", IncludeInvisible: true}, &tagged)
	status, data := plain.send(im, "<messageML>bad", "")
	wantError(t, "invalid MessageML", status, data, http.StatusBadRequest)
	ct, body := multipartMessage(t, map[string]string{"message": "<messageML>v2</messageML>"})
	req, _ := http.NewRequest(http.MethodPost, c.base+"/agent/v4/stream/"+room.ID+"/message/"+m.MessageID+"/update", bytes.NewReader(body))
	req.Header.Set("Content-Type", ct)
	plain.do(req)
	c.call(http.MethodGet, "/agent/v4/datafeed/"+df.ID+"/read", nil)
	c.session = "expired"
	c.call(http.MethodGet, "/pod/v2/sessioninfo", nil)
	c.call(http.MethodGet, "/agent/v5/datafeeds", nil)

	v.report(t)
	wantCovered(t, v,
		"POST /login/pubkey/authenticate 200", "POST /relay/pubkey/authenticate 200",
		"GET /pod/v2/sessioninfo 200", "POST /pod/v1/streams/list 200", "POST /pod/v1/streams/list 204",
		"GET /agent/v5/datafeeds 200", "POST /agent/v5/datafeeds 201", "POST /agent/v5/datafeeds/{datafeedId}/read 200",
		"POST /agent/v5/datafeeds/{datafeedId}/read 400", "GET /agent/v4/stream/{sid}/message 200",
		"GET /pod/v3/users 200", "GET /pod/v3/users 204", "GET /pod/v2/sessioninfo 401",
		"GET /pod/v2/user 200", "GET /pod/v2/user 204",
	)
}
