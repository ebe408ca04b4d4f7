package simulator_test

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/simulator/scenario"
	"github.com/tutti-chat/tutti/symphony"
)

// TestFilesAndConnectionsFollowTheOfficialDocuments validates an attachment
// download and the answers to connection requests, with their error
// answers, against the official OpenAPI documents; a scenario's file is
// served whole, the same bytes on every request.
func TestFilesAndConnectionsFollowTheOfficialDocuments(t *testing.T) {
	srv, v, c := startConformance(t, simulator.Options{LongPoll: 50 * time.Millisecond})
	room := &scenario.Room{ID: "ZmlsZXMtcm9vbS1pZC0wMDAwMA", Name: "Files", Members: []int64{aliceID}}
	if err := srv.Apply(scenario.Action{Kind: scenario.CreateRoom, Actor: botID, Room: room}); err != nil {
		t.Fatal(err)
	}
	const size = 300_000
	if err := srv.Apply(scenario.Action{Kind: scenario.SendMessage, Actor: aliceID, Stream: room.ID, Key: "f",
		MessageML: "<messageML>risk attached</messageML>", Attachments: []scenario.Attachment{{Name: "risk.xlsx", Size: size}}}); err != nil {
		t.Fatal(err)
	}
	var msgs []symphony.V4Message
	c.callJSON(http.MethodGet, "/agent/v4/stream/"+room.ID+"/message?since=0", nil, &msgs)
	var m symphony.V4Message
	for _, x := range msgs {
		if len(x.Attachments) == 1 {
			m = x
		}
	}
	if m.MessageID == "" {
		t.Fatalf("no message with the attachment in %+v", msgs)
	}
	file := m.Attachments[0].ID
	path := "/agent/v1/stream/" + room.ID + "/attachment?messageId=" + m.MessageID + "&fileId=" + file
	status, body, _ := c.call(http.MethodGet, path, nil)
	got, err := base64.StdEncoding.DecodeString(string(body))
	if status != http.StatusOK || err != nil || len(got) != size {
		t.Fatalf("download: status %d, %d bytes, %v", status, len(got), err)
	}
	held, found := srv.AttachmentContent(m.MessageID, file)
	if !found || !bytes.Equal(got, held) {
		t.Errorf("the download is not what the simulator holds (%d bytes, found %v)", len(held), found)
	}
	if _, again, _ := c.call(http.MethodGet, path, nil); !bytes.Equal(again, body) {
		t.Error("a second download differs from the first")
	}
	if bytes.Count(got, got[:16]) > 1 || strings.Contains(string(got), "simulated attachment content") {
		t.Error("the content repeats: not made-up bytes of the file id")
	}
	// The document gives this endpoint's errors an octet-stream body of the
	// Error object, which no body can be: the 400 goes around the
	// validator, and is the JSON error of every other endpoint.
	plain := c.unvalidated()
	status, data, _ := plain.call(http.MethodGet, "/agent/v1/stream/"+room.ID+"/attachment?messageId="+m.MessageID+"&fileId=none", nil)
	wantError(t, "an unknown file", status, data, http.StatusBadRequest)

	// dana, of another pod, asks the account; alice (same pod) cannot be
	// answered; an answered request cannot be answered again.
	feed := c.createFeed()
	if err := srv.Apply(scenario.Action{Kind: scenario.RequestConnection, Actor: danaID, User: botID}); err != nil {
		t.Fatal(err)
	}
	_, ack := c.drain(feed, 1)
	var cn symphony.UserConnection
	if status := c.callJSON(http.MethodPost, "/pod/v1/connection/accept", symphony.UserConnectionRequest{UserID: danaID}, &cn); status != http.StatusOK ||
		cn.UserID != danaID || cn.Status != symphony.ConnectionAccepted {
		t.Fatalf("accept: %d %+v", status, cn)
	}
	var evs []symphony.V4Event
	for deadline := time.Now().Add(10 * time.Second); len(evs) == 0 && time.Now().Before(deadline); {
		res := c.read(feed, ack)
		evs, ack = res.Events, res.AckID
	}
	if len(evs) != 1 || evs[0].Type != symphony.EventConnectionAccepted || evs[0].Payload.ConnectionAccepted.FromUser.UserID != danaID {
		t.Errorf("after accept: %+v", evs[0])
	}
	status, data, _ = c.call(http.MethodPost, "/pod/v1/connection/accept", symphony.UserConnectionRequest{UserID: danaID})
	wantError(t, "accept again", status, data, http.StatusBadRequest)
	status, data, _ = c.call(http.MethodPost, "/pod/v1/connection/reject", symphony.UserConnectionRequest{UserID: aliceID})
	wantError(t, "reject a user of the pod", status, data, http.StatusBadRequest)
	status, data, _ = c.call(http.MethodPost, "/pod/v1/connection/reject", symphony.UserConnectionRequest{UserID: 1})
	wantError(t, "reject nobody", status, data, http.StatusNotFound)

	// The account asks again once connected (refused), then alice (of
	// the pod) and nobody; a new request reaches the other side's feed.
	status, data, _ = c.call(http.MethodPost, "/pod/v1/connection/create", symphony.UserConnectionRequest{UserID: danaID})
	wantError(t, "ask a connected user", status, data, http.StatusBadRequest)
	status, data, _ = c.call(http.MethodPost, "/pod/v1/connection/create", symphony.UserConnectionRequest{UserID: 1})
	wantError(t, "ask nobody", status, data, http.StatusNotFound)

	v.report(t)
	wantCovered(t, v,
		"GET /agent/v1/stream/{sid}/attachment 200",
		"POST /pod/v1/connection/accept 200", "POST /pod/v1/connection/accept 400",
		"POST /pod/v1/connection/reject 400", "POST /pod/v1/connection/reject 404",
		"POST /pod/v1/connection/create 400", "POST /pod/v1/connection/create 404",
	)
}

// TestConnectionRejectAndItsRequester rejects a pending request: the pod
// lists it as rejected, the requester gets no event, and the rejected
// request cannot be accepted; the requester cannot answer their own.
func TestConnectionRejectAndItsRequester(t *testing.T) {
	srv := start(t, simulator.Options{})
	c := newClient(t, srv)
	if err := srv.Apply(scenario.Action{Kind: scenario.RequestConnection, Actor: danaID, User: botID}); err != nil {
		t.Fatal(err)
	}
	var cn symphony.UserConnection
	if status := c.callJSON(http.MethodPost, "/pod/v1/connection/reject", symphony.UserConnectionRequest{UserID: danaID}, &cn); status != http.StatusOK ||
		cn.Status != symphony.ConnectionRejected {
		t.Fatalf("reject: %d %+v", status, cn)
	}
	var list []symphony.UserConnection
	c.callJSON(http.MethodGet, fmt.Sprintf("/pod/v1/connection/list?status=ALL&userIds=%d", danaID), nil, &list)
	if len(list) != 1 || list[0].Status != symphony.ConnectionRejected {
		t.Errorf("list after reject: %+v", list)
	}
	status, data, _ := c.call(http.MethodPost, "/pod/v1/connection/accept", symphony.UserConnectionRequest{UserID: danaID})
	wantError(t, "accept a rejected request", status, data, http.StatusBadRequest)

	// The account asks dana again; only dana can answer that.
	if err := srv.Apply(scenario.Action{Kind: scenario.RequestConnection, Actor: botID, User: danaID}); err != nil {
		t.Fatal(err)
	}
	status, data, _ = c.call(http.MethodPost, "/pod/v1/connection/accept", symphony.UserConnectionRequest{UserID: danaID})
	wantError(t, "accept one's own request", status, data, http.StatusBadRequest)
}

// TestConnectionCreate asks a user of another pod to connect: the pod
// lists the request as outgoing, both feeds get CONNECTIONREQUESTED, and
// the other side can accept it.
func TestConnectionCreate(t *testing.T) {
	srv := start(t, simulator.Options{})
	c := newClient(t, srv)
	feed := c.createFeed()
	var cn symphony.UserConnection
	if status := c.callJSON(http.MethodPost, "/pod/v1/connection/create", symphony.UserConnectionRequest{UserID: danaID}, &cn); status != http.StatusOK ||
		cn.UserID != danaID || cn.Status != symphony.ConnectionPendingOutgoing || cn.RequestCounter != 1 {
		t.Fatalf("create: %d %+v", status, cn)
	}
	evs, _ := c.drain(feed, 1)
	if evs[0].Type != symphony.EventConnectionRequested || evs[0].Payload.ConnectionRequested.ToUser.UserID != danaID {
		t.Errorf("the account's feed: %+v", evs[0])
	}
	status, data, _ := c.call(http.MethodPost, "/pod/v1/connection/create", symphony.UserConnectionRequest{UserID: aliceID})
	wantError(t, "ask a user of the pod", status, data, http.StatusBadRequest)
	if err := srv.Apply(scenario.Action{Kind: scenario.AcceptConnection, Actor: danaID, User: botID}); err != nil {
		t.Errorf("dana cannot accept the request: %v", err)
	}
}
