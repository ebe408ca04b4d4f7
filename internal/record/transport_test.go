package record_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/internal/record"
	"github.com/tutti-chat/tutti/internal/testio"
	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/simulator/simtest"
	"github.com/tutti-chat/tutti/symphony"
)

// secretSpy sits under the recorder and collects every secret the client
// and the pod exchange: the tokens and trace ids of the request headers,
// the login JWTs and the tokens of the login answers.
type secretSpy struct {
	next    http.RoundTripper
	mu      sync.Mutex
	secrets map[string]bool
}

func (s *secretSpy) add(v string) {
	if v == "" {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.secrets == nil {
		s.secrets = map[string]bool{}
	}
	s.secrets[v] = true
}

func (s *secretSpy) RoundTrip(req *http.Request) (*http.Response, error) {
	for _, h := range []string{"sessionToken", "keyManagerToken", "X-Trace-Id", "Authorization", "Cookie"} {
		s.add(req.Header.Get(h))
	}
	login := strings.HasSuffix(req.URL.Path, "/pubkey/authenticate")
	if login && req.GetBody != nil {
		if b, err := req.GetBody(); err == nil {
			var body symphony.AuthenticateRequest
			_ = json.NewDecoder(b).Decode(&body)
			s.add(body.Token)
		}
	}
	resp, err := s.next.RoundTrip(req)
	if err != nil || !login {
		return resp, err
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(data))
	var tok symphony.Token
	_ = json.Unmarshal(data, &tok)
	s.add(tok.Token)
	return resp, nil
}

// recordingClient returns a client of srv whose answers w records, with a
// spy under the recorder.
func recordingClient(t *testing.T, srv *simulator.Server, w *record.Writer) (*symphony.Client, *secretSpy) {
	t.Helper()
	spy := &secretSpy{}
	c := simtest.Client(t, srv, nil)
	c.WrapTransports(func(rt http.RoundTripper) http.RoundTripper {
		spy.next = rt
		return w.Transport(spy)
	})
	return c, spy
}

// exercise makes every recorded call, and a few that are not, and returns
// the room it used and the ackId of the datafeed read.
func exercise(t *testing.T, srv *simulator.Server, c *symphony.Client) (room string, ack string) {
	t.Helper()
	ctx := context.Background()
	me, err := c.SessionInfo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	streams, err := c.AllStreams(ctx, symphony.StreamFilter{IncludeInactiveStreams: true})
	if err != nil {
		t.Fatal(err)
	}
	var members []int64
	for _, s := range streams {
		if room == "" && s.StreamType.Type == symphony.StreamRoom {
			room = symphony.CanonicalID(s.ID)
		}
		if s.StreamAttributes != nil {
			members = append(members, s.StreamAttributes.Members...)
		}
	}
	if room == "" || len(members) == 0 {
		t.Fatalf("the pod has no room or no IM member (%d streams)", len(streams))
	}
	if _, err := c.UsersByID(ctx, members[:min(len(members), 5)], false); err != nil {
		t.Fatal(err)
	}
	if _, err := c.StreamInfo(ctx, room); err != nil {
		t.Fatal(err)
	}
	if _, err := c.RoomInfo(ctx, room); err != nil {
		t.Fatal(err)
	}
	if _, err := c.RoomMembers(ctx, room); err != nil {
		t.Fatal(err)
	}
	if _, err := c.StreamMessages(ctx, room, symphony.MessageQuery{Since: 1, Skip: 2, Limit: 7}); err != nil {
		t.Fatal(err)
	}
	feed, err := c.CreateDatafeed(ctx, symphony.V5DatafeedCreateBody{})
	if err != nil {
		t.Fatal(err)
	}
	v1, err := c.CreateDatafeedV1(ctx)
	if err != nil {
		t.Fatal(err)
	}
	author := members[0]
	if author == me.ID && len(members) > 1 {
		author = members[1]
	}
	if _, err := srv.Post(room, author, "<messageML>Hello <mention uid=\""+itoa(me.ID)+"\"/></messageML>"); err != nil {
		t.Fatal(err)
	}
	batch, err := c.ReadDatafeed(ctx, feed.ID, "", false)
	if err != nil || len(batch.Events) == 0 {
		t.Fatalf("datafeed v2 read: %d events, %v", len(batch.Events), err)
	}
	if evs, err := c.ReadDatafeedV1(ctx, v1); err != nil || len(evs) == 0 {
		t.Fatalf("datafeed v1 read: %d events, %v", len(evs), err)
	}
	if _, err := c.SendMessage(ctx, room, "<messageML>not recorded as an answer</messageML>", ""); err != nil {
		t.Fatal(err)
	}
	return room, batch.AckID
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }

func TestTransportRecordsTheAnswersAndNoSecret(t *testing.T) {
	srv := simtest.Start(t, simulator.Options{})
	var out testio.Buffer
	w, err := record.NewWriter(&out, record.WriterOptions{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	c, spy := recordingClient(t, srv, w)
	room, ack := exercise(t, srv, c)

	data := out.Bytes()
	rec, err := record.Read(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if rec.Header.Format != record.FormatVersion || rec.Header.Tutti != "test" || rec.Header.Start.IsZero() {
		t.Errorf("header = %+v", rec.Header)
	}
	kinds := map[record.Kind]int{}
	feeds := map[string]bool{}
	for _, e := range rec.Entries {
		kinds[e.Kind]++
		if e.At.Before(rec.Header.Start) {
			t.Errorf("%s entry at %s, before the start %s", e.Kind, e.At, rec.Header.Start)
		}
		switch e.Kind {
		case record.KindHistory:
			if e.Stream != room || e.Query == nil || e.Query.Since != 1 || e.Query.Skip != 2 || e.Query.Limit != 7 {
				t.Errorf("history entry: stream %s query %+v", e.Stream, e.Query)
			}
		case record.KindStreams:
			if e.Query == nil || e.Query.Filter == nil || !e.Query.Filter.IncludeInactiveStreams || e.Query.Limit != symphony.MaxStreamsPerPage {
				t.Errorf("streams entry query %+v", e.Query)
			}
		case record.KindDatafeed:
			feeds[e.Feed] = true
			evs, err := e.Events()
			if err != nil || len(evs) == 0 {
				t.Errorf("datafeed entry: %d events, %v", len(evs), err)
			}
		case record.KindSession:
			if u, err := e.User(); err != nil || u.Username != srv.Account() {
				t.Errorf("session entry: %+v, %v", u, err)
			}
		}
	}
	for _, k := range []record.Kind{record.KindSession, record.KindStreams, record.KindUsers, record.KindStreamInfo,
		record.KindRoomInfo, record.KindRoomMembers, record.KindHistory, record.KindDatafeed} {
		if kinds[k] == 0 {
			t.Errorf("no %s entry in the recording", k)
		}
	}
	if !feeds["v1"] || !feeds["v2"] {
		t.Errorf("datafeed versions recorded: %v", feeds)
	}
	if kinds[record.KindDatafeed] != 2 {
		t.Errorf("%d datafeed entries, want 2 (one read of each version)", kinds[record.KindDatafeed])
	}

	spy.mu.Lock()
	defer spy.mu.Unlock()
	if len(spy.secrets) < 4 {
		t.Fatalf("the spy saw %d secrets; the test sees nothing", len(spy.secrets))
	}
	for s := range spy.secrets {
		if bytes.Contains(data, []byte(s)) {
			t.Errorf("the recording holds a secret of the exchange: %.20s…", s)
		}
	}
	for _, s := range []string{ack, "ackId", "sessionToken", "keyManagerToken", "PRIVATE KEY", "not recorded as an answer"} {
		if bytes.Contains(data, []byte(s)) {
			t.Errorf("the recording holds %q", s)
		}
	}
}

func TestTransportDoesNotRecordFailuresOrEmptyReads(t *testing.T) {
	srv := simtest.Start(t, simulator.Options{})
	var out testio.Buffer
	w, err := record.NewWriter(&out, record.WriterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	c, _ := recordingClient(t, srv, w)
	ctx := context.Background()
	if _, err := c.StreamMessages(ctx, "nope", symphony.MessageQuery{}); err == nil {
		t.Fatal("history of an unknown stream answered")
	}
	feed, err := c.CreateDatafeed(ctx, symphony.V5DatafeedCreateBody{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if b, err := c.ReadDatafeed(ctx, feed.ID, "", false); err != nil || len(b.Events) != 0 {
		t.Fatalf("a quiet read: %d events, %v", len(b.Events), err)
	}
	rec, err := record.Read(bytes.NewReader(out.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Entries) != 0 {
		t.Errorf("recorded %d entries, the first %s; want none", len(rec.Entries), rec.Entries[0].Kind)
	}
}
