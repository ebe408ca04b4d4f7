package symphony_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"testing"

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
	srv, c, ct := startEmptyPod(t)
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
	srv, c, _ := startEmptyPod(t)
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

// TestClientSendsFiles sends a message with a file and downloads it back:
// the same bytes.
func TestClientSendsFiles(t *testing.T) {
	srv, c, _ := startEmptyPod(t)
	ctx := context.Background()
	room := &scenario.Room{ID: "dXBsb2FkLXJvb20tMDAwMDAwMA", Name: "Uploads", Members: []int64{emptyAlice}}
	if err := srv.Apply(scenario.Action{Kind: scenario.CreateRoom, Actor: srv.AccountID(), Room: room}); err != nil {
		t.Fatal(err)
	}
	content := bytes.Repeat([]byte("a,b,c\n1,2,3\n\x00\xff"), 1000)
	m, err := c.SendMessageWithFiles(ctx, room.ID, "<messageML>report</messageML>", "", []symphony.AttachmentFile{{Name: "report.csv", Data: content}})
	if err != nil || len(m.Attachments) != 1 || m.Attachments[0].Name != "report.csv" || m.Attachments[0].Size != int64(len(content)) {
		t.Fatalf("send with a file: %+v, %v", m.Attachments, err)
	}
	var back bytes.Buffer
	if _, err := c.Attachment(ctx, room.ID, m.MessageID, m.Attachments[0].ID, &back, nil); err != nil || !bytes.Equal(back.Bytes(), content) {
		t.Errorf("the file back: %d bytes, %v", back.Len(), err)
	}
}

// TestClientRequestsAConnection asks the user of another pod to connect:
// the request is pending, outgoing.
func TestClientRequestsAConnection(t *testing.T) {
	_, c, _ := startEmptyPod(t)
	cn, err := c.RequestConnection(context.Background(), emptyDana)
	if err != nil || cn.UserID != emptyDana || cn.Status != symphony.ConnectionPendingOutgoing {
		t.Fatalf("request: %+v, %v", cn, err)
	}
	_, err = c.RequestConnection(context.Background(), emptyAlice)
	var apiErr *symphony.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != http.StatusBadRequest {
		t.Errorf("ask a user of the pod: %v, want a 400", err)
	}
}
