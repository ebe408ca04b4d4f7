package simulator_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/internal/record"
	"github.com/tutti-chat/tutti/internal/testio"
	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/simulator/simtest"
	"github.com/tutti-chat/tutti/symphony"
)

// recorded is what recordSession did on the source pod.
type recorded struct {
	rec    *record.Recording
	im     string
	before symphony.V4Message   // sent before the recording started
	live   []symphony.V4Message // sent during the recording, in order
}

// recordSession records a short session of the "empty" scenario's
// account: an IM with Alice that holds one message from before the
// recording, then three messages 100 ms apart, read from a datafeed.
func recordSession(t *testing.T) recorded {
	t.Helper()
	ctx := context.Background()
	src := start(t, simulator.Options{})
	setup := simtest.Client(t, src, nil)
	im, err := setup.CreateIM(ctx, []int64{aliceID})
	if err != nil {
		t.Fatal(err)
	}
	var r recorded
	r.im = im
	if r.before, err = src.Post(im, aliceID, "<messageML>before</messageML>"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(5 * time.Millisecond)

	var out testio.Buffer
	w, err := record.NewWriter(&out, record.WriterOptions{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	c := simtest.Client(t, src, nil)
	c.WrapTransports(w.Transport)
	streams, err := c.AllStreams(ctx, symphony.StreamFilter{IncludeInactiveStreams: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.SessionInfo(ctx); err != nil {
		t.Fatal(err)
	}
	var members []int64
	for _, s := range streams {
		if s.StreamAttributes != nil {
			members = append(members, s.StreamAttributes.Members...)
		}
	}
	if _, err := c.UsersByID(ctx, members, false); err != nil {
		t.Fatal(err)
	}
	if _, err := c.StreamMessages(ctx, im, symphony.MessageQuery{Since: 1}); err != nil {
		t.Fatal(err)
	}
	feed, err := c.CreateDatafeed(ctx, symphony.V5DatafeedCreateBody{})
	if err != nil {
		t.Fatal(err)
	}
	ack := ""
	for i := range 3 {
		time.Sleep(100 * time.Millisecond)
		m, err := src.Post(im, aliceID, "<messageML>live "+string(rune('a'+i))+"</messageML>")
		if err != nil {
			t.Fatal(err)
		}
		r.live = append(r.live, m)
		batch, err := c.ReadDatafeed(ctx, feed.ID, ack, false)
		if err != nil || len(batch.Events) != 1 {
			t.Fatalf("read %d: %d events, %v", i, len(batch.Events), err)
		}
		ack = batch.AckID
	}
	if r.rec, err = record.Read(bytes.NewReader(out.Bytes())); err != nil {
		t.Fatal(err)
	}
	return r
}

// readMessages reads a datafeed until n messages came, or fails.
func readMessages(t *testing.T, c *symphony.Client, feed string, n int) []symphony.V4Message {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var out []symphony.V4Message
	ack := ""
	for len(out) < n {
		batch, err := c.ReadDatafeed(ctx, feed, ack, false)
		if err != nil {
			t.Fatalf("after %d messages: %v", len(out), err)
		}
		for _, ev := range batch.Events {
			if m := ev.Message(); m != nil {
				out = append(out, *m)
			}
		}
		ack = batch.AckID
	}
	return out
}

// texts returns the messages' texts without their markup.
func texts(ms []symphony.V4Message) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		s := m.Message
		for strings.Contains(s, "<") {
			a, rest, _ := strings.Cut(s, "<")
			_, b, _ := strings.Cut(rest, ">")
			s = a + b
		}
		out[i] = s
	}
	return out
}

func TestReplayServesTheRecording(t *testing.T) {
	r := recordSession(t)
	ctx := context.Background()
	srv := start(t, simulator.Options{Replay: r.rec, Speed: 0.5})
	c := simtest.Client(t, srv, nil)

	me, err := c.SessionInfo(ctx)
	if err != nil || me.ID != botID || me.Username != "tutti-bot" || srv.Account() != "tutti-bot" {
		t.Fatalf("session = %+v, %v (account %q)", me, err, srv.Account())
	}
	streams, err := c.AllStreams(ctx, symphony.StreamFilter{IncludeInactiveStreams: true})
	if err != nil || len(streams) == 0 {
		t.Fatalf("streams: %d, %v", len(streams), err)
	}
	found := false
	for _, s := range streams {
		found = found || symphony.CanonicalID(s.ID) == r.im
	}
	if !found {
		t.Errorf("the IM is not in the replayed streams list %+v", streams)
	}
	users, err := c.UsersByID(ctx, []int64{aliceID, 42}, false)
	if err != nil || len(users) != 1 || users[0].DisplayName != "Alice Martin" {
		t.Errorf("users = %+v, %v", users, err)
	}
	// History has what it had when the recording started: the live
	// messages come later.
	page, err := c.StreamMessages(ctx, r.im, symphony.MessageQuery{Since: 1})
	if err != nil || len(page) != 1 || page[0].MessageID != r.before.MessageID {
		t.Fatalf("history at the start = %v, %v; want the message sent before", texts(page), err)
	}
	if info, err := c.StreamInfo(ctx, r.im); err != nil || symphony.CanonicalID(info.ID) != r.im {
		t.Errorf("stream info = %+v, %v", info, err)
	}

	feed, err := c.CreateDatafeed(ctx, symphony.V5DatafeedCreateBody{})
	if err != nil {
		t.Fatal(err)
	}
	got := readMessages(t, c, feed.ID, 3)
	if strings.Join(texts(got), ",") != "live a,live b,live c" {
		t.Fatalf("datafeed messages = %q", texts(got))
	}
	for i, m := range got {
		if m.MessageID != r.live[i].MessageID {
			t.Errorf("message %d: id %s, recorded %s", i, m.MessageID, r.live[i].MessageID)
		}
	}
	// Half speed: the recorded gaps between messages are twice as long.
	for i := 1; i < 3; i++ {
		was, is := r.live[i].Timestamp-r.live[i-1].Timestamp, got[i].Timestamp-got[i-1].Timestamp
		if d := is - 2*was; d < -2 || d > 2 {
			t.Errorf("gap %d: %d ms, recorded %d ms at half speed", i, is, was)
		}
	}
	if got[0].Timestamp < r.live[0].Timestamp || got[0].Timestamp > time.Now().UnixMilli() {
		t.Errorf("a replayed message has its recorded time %d, not the replay's", got[0].Timestamp)
	}

	select {
	case <-srv.ReplayDone():
	case <-time.After(10 * time.Second):
		t.Fatal("the replay did not end")
	}
	page, err = c.StreamMessages(ctx, r.im, symphony.MessageQuery{Since: 1})
	if err != nil || strings.Join(texts(page), ",") != "before,live a,live b,live c" {
		t.Errorf("history at the end = %q, %v", texts(page), err)
	}
	if m, ok, err := c.Message(ctx, got[1].MessageID); err != nil || !ok || m.Timestamp != got[1].Timestamp {
		t.Errorf("message %s = %+v, %v, %v", got[1].MessageID, m, ok, err)
	}
	if _, err := c.SendMessage(ctx, r.im, "<messageML>hi</messageML>", ""); !symphony.IsForbidden(err) {
		t.Errorf("sending to a replay: %v, want a 403", err)
	}
	if st := srv.State(); st.Scenario != "replay" {
		t.Errorf("state scenario = %q", st.Scenario)
	}
}

func TestReplayLoopRenamesTheLiveMessages(t *testing.T) {
	r := recordSession(t)
	ctx := context.Background()
	srv := start(t, simulator.Options{Replay: r.rec, Speed: 4, ReplayLoop: true})
	c := simtest.Client(t, srv, nil)
	feed, err := c.CreateDatafeed(ctx, symphony.V5DatafeedCreateBody{})
	if err != nil {
		t.Fatal(err)
	}
	got := readMessages(t, c, feed.ID, 6)
	if strings.Join(texts(got), ",") != "live a,live b,live c,live a,live b,live c" {
		t.Fatalf("two passes = %q", texts(got))
	}
	ids := map[string]bool{}
	for i, m := range got {
		if ids[m.MessageID] {
			t.Errorf("message %d: id %s seen on the first pass", i, m.MessageID)
		}
		ids[m.MessageID] = true
		if i > 0 && m.Timestamp < got[i-1].Timestamp {
			t.Errorf("message %d goes back in time", i)
		}
	}
	page, err := c.StreamMessages(ctx, r.im, symphony.MessageQuery{Since: 1})
	if err != nil || !strings.HasPrefix(strings.Join(texts(page), ","), "before,live a,live b,live c,live a") {
		t.Errorf("history after two passes = %q, %v", texts(page), err)
	}
	if m, ok, err := c.Message(ctx, got[4].MessageID); err != nil || !ok || texts([]symphony.V4Message{m})[0] != "live b" {
		t.Errorf("a renamed message: %+v, %v, %v", m, ok, err)
	}
	select {
	case <-srv.ReplayDone():
		t.Error("a looping replay ended")
	default:
	}
}

func TestReplayNeedsASessionUser(t *testing.T) {
	rec := &record.Recording{Header: record.Header{Kind: record.KindHeader, Format: 1, Start: time.Now()}}
	if _, err := simulator.Start(context.Background(), "127.0.0.1:0", simulator.Options{Replay: rec, PrivateKey: simtest.Key(), SigningKey: simtest.Key()}); err == nil {
		t.Error("a recording without a session user was replayed")
	}
}
