package simulator_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/symphony"
)

func TestMessageCreate(t *testing.T) {
	srv := start(t, simulator.Options{})
	c := newClient(t, srv)
	feed := c.createFeed()
	im := c.createIM(aliceID)
	_, ack := c.drain(feed, 1)

	status, data := c.send(im, `<messageML>Hello <mention uid="349026222342001"/>, see <hash tag="rates"/></messageML>`, "")
	if status != http.StatusOK {
		t.Fatalf("create: %d %s", status, data)
	}
	var m symphony.V4Message
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	raw, err := base64.RawURLEncoding.DecodeString(m.MessageID)
	if err != nil || len(raw) != 24 {
		t.Fatalf("message id %q", m.MessageID)
	}
	if !strings.HasPrefix(m.Message, `<div data-format="PresentationML" data-version="2.0"`) ||
		!strings.Contains(m.Message, "@Alice Martin") {
		t.Fatalf("PresentationML %s", m.Message)
	}
	ents := m.Entities()
	var mention struct {
		Type string `json:"type"`
		ID   []struct {
			Value any `json:"value"`
		} `json:"id"`
	}
	types := map[string]bool{}
	for _, raw := range ents {
		if json.Unmarshal(raw, &mention) == nil && len(mention.ID) == 1 {
			types[mention.Type] = true
		}
	}
	if !types["com.symphony.user.mention"] || !types["org.symphonyoss.taxonomy"] || !strings.Contains(m.Message, "#rates") {
		t.Fatalf("mention and hashtag missing: %s / %s", m.Message, m.Data)
	}
	if m.User.UserID != botID || m.Stream.StreamID != im || m.OriginalFormat != symphony.FormatMessageMLv2 || m.Timestamp == 0 {
		t.Fatalf("message %+v", m)
	}

	// In history, and in the sender's own datafeed.
	var hist []symphony.V4Message
	c.callJSON(http.MethodGet, "/agent/v4/stream/"+im+"/message?since=0", nil, &hist)
	if len(hist) != 1 || hist[0].MessageID != m.MessageID || hist[0].Message != m.Message {
		t.Fatalf("history %+v", hist)
	}
	res := c.read(feed, ack)
	if len(res.Events) != 1 || res.Events[0].Type != symphony.EventMessageSent ||
		res.Events[0].MessageID != m.MessageID || res.Events[0].Initiator.User.UserID != botID {
		t.Fatalf("datafeed %+v", res.Events)
	}

	// PresentationML passes through.
	pml := `<div data-format="PresentationML" data-version="2.0"><p>already converted</p></div>`
	if status, data := c.send(im, pml, ""); status != http.StatusOK || !strings.Contains(string(data), "already converted") {
		t.Fatalf("PresentationML: %d %s", status, data)
	}

	// Invalid MessageML.
	status, data = c.send(im, "<messageML><unknown-tag/></messageML", "")
	wantError(t, "invalid MessageML", status, data, http.StatusBadRequest)
	status, data = c.send(im, "plain text", "")
	wantError(t, "not MessageML", status, data, http.StatusBadRequest)

	// Not multipart.
	status, data, _ = c.call(http.MethodPost, "/agent/v4/stream/"+im+"/message/create", map[string]string{"message": "<messageML>x</messageML>"})
	wantError(t, "JSON body", status, data, http.StatusUnsupportedMediaType)
	// No message part.
	ct, body := multipartMessage(t, map[string]string{"data": "{}"})
	req, _ := http.NewRequest(http.MethodPost, c.base+"/agent/v4/stream/"+im+"/message/create", bytes.NewReader(body))
	req.Header.Set("Content-Type", ct)
	status, data, _ = c.do(req)
	wantError(t, "no message part", status, data, http.StatusBadRequest)
	// Too large.
	status, data = c.send(im, "<messageML>"+strings.Repeat("a", 1_600_000)+"</messageML>", "")
	wantError(t, "too large", status, data, http.StatusRequestEntityTooLarge)
	// Unknown stream, and a stream of others.
	status, data = c.send("bm9zdWNoc3RyZWFt", "<messageML>x</messageML>", "")
	wantError(t, "unknown stream", status, data, http.StatusBadRequest)
	status, data = c.send(wallOf(t, srv, aliceID), "<messageML>x</messageML>", "")
	wantError(t, "others' stream", status, data, http.StatusForbidden)
}

func TestMessageUpdateAndAttachment(t *testing.T) {
	srv := start(t, simulator.Options{})
	c := newClient(t, srv)
	im := c.createIM(bobID)

	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	_ = w.WriteField("message", "<messageML>report attached</messageML>")
	fw, _ := w.CreateFormFile("attachment", "report.csv")
	_, _ = fw.Write([]byte("a,b\n1,2\n"))
	_ = w.Close()
	req, _ := http.NewRequest(http.MethodPost, c.base+"/agent/v4/stream/"+im+"/message/create", &b)
	req.Header.Set("Content-Type", w.FormDataContentType())
	status, data, _ := c.do(req)
	var m symphony.V4Message
	if status != http.StatusOK || json.Unmarshal(data, &m) != nil || len(m.Attachments) != 1 || m.Attachments[0].Size != 8 {
		t.Fatalf("create with attachment: %d %s", status, data)
	}
	status, data, _ = c.call(http.MethodGet, "/agent/v1/stream/"+im+"/attachment?fileId="+m.Attachments[0].ID+"&messageId="+m.MessageID, nil)
	if got, _ := base64.StdEncoding.DecodeString(string(data)); status != http.StatusOK || string(got) != "a,b\n1,2\n" {
		t.Fatalf("attachment: %d %q", status, data)
	}

	ct, body := multipartMessage(t, map[string]string{"message": "<messageML>report attached (v2)</messageML>"})
	req, _ = http.NewRequest(http.MethodPost, c.base+"/agent/v4/stream/"+im+"/message/"+m.MessageID+"/update", bytes.NewReader(body))
	req.Header.Set("Content-Type", ct)
	status, data, _ = c.do(req)
	var upd symphony.V4Message
	if status != http.StatusOK || json.Unmarshal(data, &upd) != nil {
		t.Fatalf("update: %d %s", status, data)
	}
	if upd.Replacing != m.MessageID || upd.InitialMessageID != m.MessageID || upd.InitialTimestamp != m.Timestamp ||
		upd.Silent == nil || !bool(*upd.Silent) {
		t.Fatalf("update %+v", upd)
	}
	if old, _ := srv.Message(m.MessageID); old.ReplacedBy != upd.MessageID {
		t.Fatalf("replacedBy %q", old.ReplacedBy)
	}
	// Only the author may update.
	bobMsg, err := srv.Post(im, bobID, "<messageML>bob's</messageML>")
	if err != nil {
		t.Fatal(err)
	}
	req, _ = http.NewRequest(http.MethodPost, c.base+"/agent/v4/stream/"+im+"/message/"+bobMsg.MessageID+"/update", bytes.NewReader(body))
	req.Header.Set("Content-Type", ct)
	status, data, _ = c.do(req)
	wantError(t, "update another's message", status, data, http.StatusForbidden)
}
