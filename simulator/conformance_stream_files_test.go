package simulator_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/simulator/scenario"
)

// TestStreamFileExchangesFollowTheOfficialDocuments validates a stream's
// attachment list and the pod's allowed file types, answers of success
// and of error, against the official documents.
func TestStreamFileExchangesFollowTheOfficialDocuments(t *testing.T) {
	clock := &fakeClock{t: time.Now()} // logins check their JWT against it
	srv, v, c := startConformance(t, simulator.Options{Clock: clock.Now})
	carol := loginUser(t, srv, "carol", v)
	room := &scenario.Room{ID: "c3RyZWFtLWZpbGVzLXJvb20tMDAw", Name: "Stream files", Members: []int64{aliceID}}
	if err := srv.Apply(scenario.Action{Kind: scenario.CreateRoom, Actor: botID, Room: room}); err != nil {
		t.Fatal(err)
	}
	path := "/pod/v1/streams/" + room.ID + "/attachments"
	if got := c.listAttachments(room.ID, ""); len(got) != 0 {
		t.Errorf("no file yet, listed %v", attachmentNames(got))
	}
	if err := srv.Apply(scenario.Action{Kind: scenario.SendMessage, Actor: aliceID, Stream: room.ID, Key: "f",
		MessageML:   "<messageML>EOD</messageML>",
		Attachments: []scenario.Attachment{{Name: "risk.xlsx", Size: 4096}, {Name: "pnl.pdf", Size: 512}}}); err != nil {
		t.Fatal(err)
	}
	// The validator cannot decode a multipart body with a file part: the
	// upload goes around it.
	plain := c.unvalidated()
	plain.sendFile(room.ID, "reply.txt", []byte("noted\n"))
	if got := c.listAttachments(room.ID, fmt.Sprintf("?since=0&to=%d&limit=2&sortDir=DESC", clock.Now().UnixMilli())); len(got) != 2 {
		t.Errorf("the newest two: %v", attachmentNames(got))
	}
	c.call(http.MethodGet, path+"?limit=101", nil)
	c.call(http.MethodGet, path+"?sortDir=SIDEWAYS", nil)
	c.call(http.MethodGet, "/pod/v1/streams/bm8tc3VjaC1yb29tLTAwMDAwMDAw/attachments", nil)
	carol.call(http.MethodGet, path, nil)

	var types []string
	c.callJSON(http.MethodGet, "/pod/v1/files/allowedTypes", nil, &types)
	if len(types) == 0 {
		t.Error("no allowed type")
	}
	c.session = "expired"
	c.call(http.MethodGet, path, nil)
	c.call(http.MethodGet, "/pod/v1/files/allowedTypes", nil)

	v.report(t)
	wantCovered(t, v,
		"GET /pod/v1/streams/{sid}/attachments 200", "GET /pod/v1/streams/{sid}/attachments 400",
		"GET /pod/v1/streams/{sid}/attachments 401", "GET /pod/v1/streams/{sid}/attachments 403",
		"GET /pod/v1/files/allowedTypes 200", "GET /pod/v1/files/allowedTypes 401",
	)
}
