package simulator_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/simulator/scenario"
	"github.com/tutti-chat/tutti/symphony"
)

// streamAttachmentJSON is an entry of a stream's attachment list.
type streamAttachmentJSON struct {
	MessageID     string `json:"messageId"`
	IngestionDate int64  `json:"ingestionDate"`
	UserID        int64  `json:"userId"`
	FileID        string `json:"fileId"`
	Name          string `json:"name"`
	Size          int64  `json:"size"`
	ContentType   string `json:"content-type"`
	Previews      []struct {
		FileID string `json:"fileId"`
		Width  int    `json:"width"`
	} `json:"previews"`
}

// sendFile posts a message with one attached file through the agent API
// and returns the message.
func (c *client) sendFile(sid, name string, content []byte) symphony.V4Message {
	c.t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	if err := w.WriteField("message", "<messageML>a file</messageML>"); err != nil {
		c.t.Fatal(err)
	}
	part, err := w.CreateFormFile("attachment", name)
	if err != nil {
		c.t.Fatal(err)
	}
	if _, err := part.Write(content); err != nil {
		c.t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		c.t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, c.base+"/agent/v4/stream/"+sid+"/message/create", &b)
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", w.FormDataContentType())
	status, data, _ := c.do(req)
	var m symphony.V4Message
	if status != http.StatusOK || json.Unmarshal(data, &m) != nil {
		c.t.Fatalf("send %s: status %d: %s", name, status, data)
	}
	return m
}

// listAttachments lists a stream's attachments with query and expects a
// 200 with a JSON array.
func (c *client) listAttachments(sid, query string) []streamAttachmentJSON {
	c.t.Helper()
	status, data, _ := c.call(http.MethodGet, "/pod/v1/streams/"+sid+"/attachments"+query, nil)
	var out []streamAttachmentJSON
	if status != http.StatusOK || json.Unmarshal(data, &out) != nil || out == nil {
		c.t.Fatalf("attachments of %s%s: status %d: %s", sid, query, status, data)
	}
	return out
}

func attachmentNames(items []streamAttachmentJSON) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Name
	}
	return out
}

// TestStreamAttachmentsListTheFilesOfTheStream: the list holds every file
// of the stream's messages, scenario files and uploads, with its message,
// author, date, size and content type; ordered by date either way, within
// since and to (both included), at most limit; without the files of a
// suppressed message.
func TestStreamAttachmentsListTheFilesOfTheStream(t *testing.T) {
	clock := &fakeClock{t: time.Now()} // logins check their JWT against it
	srv := start(t, simulator.Options{Clock: clock.Now})
	c := newClient(t, srv)
	room := &scenario.Room{ID: "YXR0YWNobWVudHMtcm9vbS0wMDAw", Name: "Files", Members: []int64{aliceID, bobID}}
	if err := srv.Apply(scenario.Action{Kind: scenario.CreateRoom, Actor: botID, Room: room}); err != nil {
		t.Fatal(err)
	}
	if got := c.listAttachments(room.ID, ""); len(got) != 0 {
		t.Fatalf("a room without files lists %+v", got)
	}

	t0 := clock.Now().Add(-time.Hour).Truncate(time.Millisecond)
	at := func(i int) time.Time { return t0.Add(time.Duration(i) * time.Minute) }
	for i, a := range []scenario.Action{
		{Kind: scenario.SendMessage, Actor: aliceID, Key: "a", MessageML: "<messageML>marks</messageML>",
			Attachments: []scenario.Attachment{{Name: "marks.xlsx", Size: 1000}, {Name: "notes.pdf", Size: 2000}}},
		{Kind: scenario.SendMessage, Actor: bobID, Key: "b", MessageML: "<messageML>no file</messageML>"},
		{Kind: scenario.SendMessage, Actor: bobID, Key: "c", MessageML: "<messageML>chart</messageML>",
			Attachments: []scenario.Attachment{{Name: "Chart.PNG", Size: 3000}}},
		{Kind: scenario.SendMessage, Actor: aliceID, Key: "d", MessageML: "<messageML>withdrawn</messageML>",
			Attachments: []scenario.Attachment{{Name: "wrong.csv", Size: 10}}},
		{Kind: scenario.SuppressMessage, Actor: aliceID, Target: "d"},
	} {
		a.Stream, a.Time = room.ID, at(i)
		if err := srv.Apply(a); err != nil {
			t.Fatal(err)
		}
	}
	content := []byte("the bot's notes\n")
	sent := c.sendFile(room.ID, "bot-notes.txt", content)

	all := c.listAttachments(room.ID, "")
	if want := []string{"marks.xlsx", "notes.pdf", "Chart.PNG", "bot-notes.txt"}; !slices.Equal(attachmentNames(all), want) {
		t.Fatalf("listed %v, want %v", attachmentNames(all), want)
	}
	first, chart, upload := all[0], all[2], all[3]
	if first.UserID != aliceID || first.IngestionDate != at(0).UnixMilli() || first.Size != 1000 ||
		first.ContentType != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" ||
		first.MessageID == "" || first.MessageID != all[1].MessageID || first.FileID == all[1].FileID {
		t.Errorf("first file: %+v (second %+v)", first, all[1])
	}
	if chart.UserID != bobID || chart.IngestionDate != at(2).UnixMilli() || chart.ContentType != "image/png" ||
		chart.Previews == nil {
		t.Errorf("chart: %+v", chart)
	}
	if upload.MessageID != sent.MessageID || upload.UserID != botID || upload.FileID != sent.Attachments[0].ID ||
		upload.Size != int64(len(content)) || upload.ContentType != "text/plain" || upload.IngestionDate != sent.Timestamp {
		t.Errorf("upload: %+v, sent %+v", upload, sent)
	}
	// Each listed file downloads from its message.
	status, data, _ := c.call(http.MethodGet, "/agent/v1/stream/"+room.ID+"/attachment?messageId="+upload.MessageID+
		"&fileId="+upload.FileID, nil)
	if status != http.StatusOK || len(data) == 0 {
		t.Errorf("download of the listed upload: %d", status)
	}

	desc := c.listAttachments(room.ID, "?sortDir=DESC")
	if want := []string{"bot-notes.txt", "Chart.PNG", "notes.pdf", "marks.xlsx"}; !slices.Equal(attachmentNames(desc), want) {
		t.Errorf("DESC: %v, want %v", attachmentNames(desc), want)
	}
	if got := c.listAttachments(room.ID, "?sortDir=desc&limit=1"); !slices.Equal(attachmentNames(got), []string{"bot-notes.txt"}) {
		t.Errorf("newest one: %v", attachmentNames(got))
	}
	if got := c.listAttachments(room.ID, "?limit=3"); !slices.Equal(attachmentNames(got), []string{"marks.xlsx", "notes.pdf", "Chart.PNG"}) {
		t.Errorf("oldest three: %v", attachmentNames(got))
	}
	window := fmt.Sprintf("?since=%d&to=%d", at(1).UnixMilli(), at(2).UnixMilli())
	if got := c.listAttachments(room.ID, window); !slices.Equal(attachmentNames(got), []string{"Chart.PNG"}) {
		t.Errorf("since %s: %v", window, attachmentNames(got))
	}
	since := fmt.Sprintf("?since=%d", at(2).UnixMilli())
	if got := c.listAttachments(room.ID, since); !slices.Equal(attachmentNames(got), []string{"Chart.PNG", "bot-notes.txt"}) {
		t.Errorf("%s: %v", since, attachmentNames(got))
	}
	to := fmt.Sprintf("?to=%d&sortDir=DESC", at(0).UnixMilli())
	if got := c.listAttachments(room.ID, to); !slices.Equal(attachmentNames(got), []string{"notes.pdf", "marks.xlsx"}) {
		t.Errorf("%s: %v", to, attachmentNames(got))
	}
	if got := c.listAttachments(room.ID, fmt.Sprintf("?since=%d", clock.Now().Add(time.Hour).UnixMilli())); len(got) != 0 {
		t.Errorf("files from the future: %v", attachmentNames(got))
	}
}

// TestStreamAttachmentsErrors: only a member lists a stream's files; an
// unknown stream and a query out of bounds are refused.
func TestStreamAttachmentsErrors(t *testing.T) {
	srv := start(t, simulator.Options{})
	c := newClient(t, srv)
	carol := loginUser(t, srv, "carol", nil)
	room := &scenario.Room{ID: "YXR0YWNobWVudHMtcHJpdmF0ZS0w", Name: "Private", Members: []int64{aliceID}}
	if err := srv.Apply(scenario.Action{Kind: scenario.CreateRoom, Actor: botID, Room: room}); err != nil {
		t.Fatal(err)
	}
	c.sendFile(room.ID, "secret.pdf", []byte("%PDF-1.7"))

	status, data, _ := carol.call(http.MethodGet, "/pod/v1/streams/"+room.ID+"/attachments", nil)
	wantError(t, "a non-member lists the files", status, data, http.StatusForbidden)
	status, data, _ = c.call(http.MethodGet, "/pod/v1/streams/bm8tc3VjaC1zdHJlYW0tMDAwMDAw/attachments", nil)
	wantError(t, "an unknown stream", status, data, http.StatusBadRequest)
	for _, q := range []string{"limit=0", "limit=101", "limit=-1", "limit=ten", "since=yesterday", "to=1.5", "sortDir=UP"} {
		status, data, _ := c.call(http.MethodGet, "/pod/v1/streams/"+room.ID+"/attachments?"+q, nil)
		wantError(t, q, status, data, http.StatusBadRequest)
	}
	if got := c.listAttachments(room.ID, "?limit=100&sortDir=ASC"); len(got) != 1 {
		t.Errorf("limit 100: %v", attachmentNames(got))
	}
	c.session = "expired"
	status, data, _ = c.call(http.MethodGet, "/pod/v1/streams/"+room.ID+"/attachments", nil)
	wantError(t, "an expired session", status, data, http.StatusUnauthorized)
}

// TestAllowedFileTypes: the pod lists the extensions it allows, each with
// its dot, sorted and once; a listed file's content type follows its
// extension.
func TestAllowedFileTypes(t *testing.T) {
	srv := start(t, simulator.Options{})
	c := newClient(t, srv)
	var types []string
	if status := c.callJSON(http.MethodGet, "/pod/v1/files/allowedTypes", nil, &types); status != http.StatusOK {
		t.Fatalf("allowed types: status %d", status)
	}
	for _, want := range []string{".txt", ".pdf", ".xlsx", ".png", ".bmp", ".doc", ".mp4"} {
		if !slices.Contains(types, want) {
			t.Errorf("%s not allowed: %v", want, types)
		}
	}
	if !slices.IsSorted(types) || len(slices.Compact(slices.Clone(types))) != len(types) {
		t.Errorf("not sorted once each: %v", types)
	}
	for _, ext := range types {
		if !strings.HasPrefix(ext, ".") || len(ext) < 2 || strings.ToLower(ext) != ext {
			t.Errorf("extension %q", ext)
		}
	}
	im := c.createIM(aliceID)
	c.sendFile(im, "run.exe", []byte("MZ"))
	if got := c.listAttachments(im, ""); len(got) != 1 || got[0].ContentType != "application/octet-stream" {
		t.Errorf("a file of an unlisted extension: %+v", got)
	}
	c.session = "expired"
	status, data, _ := c.call(http.MethodGet, "/pod/v1/files/allowedTypes", nil)
	wantError(t, "an expired session", status, data, http.StatusUnauthorized)
}
