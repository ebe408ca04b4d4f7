package symphony_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/simulator/scenario"
	"github.com/tutti-chat/tutti/symphony"
)

// The users of the simulator's "empty" scenario.
const (
	emptyAlice int64 = 349026222342001
	emptyDana  int64 = 349026222342004 // of another pod
)

// TestClientAttachment downloads a file of a message as it arrives: the
// bytes the simulator holds, with progress up to the whole size; an
// unknown file is an API error.
func TestClientAttachment(t *testing.T) {
	srv := startPod(t, func(o *simulator.Options) { o.Scenario = "empty" })
	c, ct := newClient(t, srv)
	ctx := context.Background()
	room := &scenario.Room{ID: "YXR0YWNobWVudC1yb29tLTAwMA", Name: "Files", Members: []int64{emptyAlice}}
	if err := srv.Apply(scenario.Action{Kind: scenario.CreateRoom, Actor: srv.AccountID(), Room: room}); err != nil {
		t.Fatal(err)
	}
	const size = 400_000
	if err := srv.Apply(scenario.Action{Kind: scenario.SendMessage, Actor: emptyAlice, Stream: room.ID,
		MessageML: "<messageML>deck</messageML>", Attachments: []scenario.Attachment{{Name: "deck.pdf", Size: size}}}); err != nil {
		t.Fatal(err)
	}
	msgs, err := c.StreamMessages(ctx, room.ID, symphony.MessageQuery{})
	if err != nil || len(msgs) == 0 || len(msgs[len(msgs)-1].Attachments) != 1 {
		t.Fatalf("history: %+v, %v", msgs, err)
	}
	m := msgs[len(msgs)-1]
	var buf bytes.Buffer
	var seen []int64
	n, err := c.Attachment(ctx, room.ID, m.MessageID, m.Attachments[0].ID, &buf, func(w int64) { seen = append(seen, w) })
	if err != nil || n != size || buf.Len() != size {
		t.Fatalf("download: %d bytes (%d written), %v", n, buf.Len(), err)
	}
	want, _ := srv.AttachmentContent(m.MessageID, m.Attachments[0].ID)
	if !bytes.Equal(buf.Bytes(), want) {
		t.Error("the download is not the simulator's file")
	}
	if len(seen) < 2 || seen[len(seen)-1] != size {
		t.Errorf("progress %v, want several calls ending at %d", seen, size)
	}
	if ct.count(http.MethodGet+" /agent/v1/stream/"+room.ID+"/attachment") != 1 {
		t.Errorf("the download did not call GET /agent/v1/stream/{sid}/attachment once")
	}
	_, err = c.Attachment(ctx, room.ID, m.MessageID, "none", &bytes.Buffer{}, nil)
	var apiErr *symphony.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != http.StatusBadRequest {
		t.Errorf("an unknown file: %v, want a 400", err)
	}
}

// TestClientAnswersConnections accepts one pending request and refuses to
// reject it afterwards: the pod says it is no longer pending.
func TestClientAnswersConnections(t *testing.T) {
	srv := startPod(t, func(o *simulator.Options) { o.Scenario = "empty" })
	c, _ := newClient(t, srv)
	ctx := context.Background()
	if err := srv.Apply(scenario.Action{Kind: scenario.RequestConnection, Actor: emptyDana, User: srv.AccountID()}); err != nil {
		t.Fatal(err)
	}
	cn, err := c.AcceptConnection(ctx, emptyDana)
	if err != nil || cn.UserID != emptyDana || cn.Status != symphony.ConnectionAccepted {
		t.Fatalf("accept: %+v, %v", cn, err)
	}
	_, err = c.RejectConnection(ctx, emptyDana)
	var apiErr *symphony.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != http.StatusBadRequest {
		t.Errorf("reject an accepted connection: %v, want a 400", err)
	}
}
