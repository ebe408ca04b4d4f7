package simulator_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/internal/testio"
	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/symphony"
)

// logCapture keeps the warnings and errors a server logs.
type logCapture struct {
	mu    sync.Mutex
	lines []string
}

func (l *logCapture) Enabled(_ context.Context, level slog.Level) bool {
	return level >= slog.LevelDebug
}
func (l *logCapture) Handle(_ context.Context, r slog.Record) error {
	var b strings.Builder
	b.WriteString(r.Message)
	r.Attrs(func(a slog.Attr) bool { fmt.Fprintf(&b, " %s=%v", a.Key, a.Value); return true })
	l.mu.Lock()
	l.lines = append(l.lines, r.Level.String()+" "+b.String())
	l.mu.Unlock()
	return nil
}
func (l *logCapture) WithAttrs([]slog.Attr) slog.Handler { return l }
func (l *logCapture) WithGroup(string) slog.Handler      { return l }

func (l *logCapture) skipped() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for _, line := range l.lines {
		if strings.Contains(line, "skipped") {
			out = append(out, line)
		}
	}
	return out
}

func TestScenarios(t *testing.T) {
	for _, name := range []string{"demo", "quiet", "busy"} {
		t.Run(name, func(t *testing.T) {
			logs := &logCapture{}
			srv := start(t, simulator.Options{Scenario: name, Seed: 7, Speed: 20, Logger: slog.New(logs)})
			st := srv.State()
			if st.Users < 5 || st.Rooms == 0 || st.Messages == 0 {
				t.Fatalf("state %+v", st)
			}
			c := newClient(t, srv)
			var streams []symphony.StreamAttributes
			if status := c.callJSON(http.MethodPost, "/pod/v1/streams/list?limit=1000", symphony.StreamFilter{}, &streams); status != http.StatusOK || len(streams) == 0 {
				t.Fatalf("the service account has no stream: %d", status)
			}
			// Some stream of the account has history.
			found := false
			for _, s := range streams {
				status, _, _ := c.call(http.MethodGet, "/agent/v4/stream/"+s.ID+"/message?since=0&limit=1", nil)
				if status == http.StatusOK {
					found = true
					break
				}
			}
			if !found {
				t.Fatal("no history in any stream of the service account")
			}
			if name != "quiet" {
				feed := c.createFeed()
				deadline := time.Now().Add(10 * time.Second)
				n := 0
				ack := ""
				for n == 0 && time.Now().Before(deadline) {
					res := c.read(feed, ack)
					n, ack = len(res.Events), res.AckID
				}
				if n == 0 {
					t.Fatal("no live event reached the service account")
				}
			}
			if st := srv.State(); st.Skipped > 0 {
				t.Errorf("%d scenario actions were refused, e.g. %v", st.Skipped, first(logs.skipped(), 5))
			}
		})
	}
}

func first(s []string, n int) []string { return s[:min(n, len(s))] }

// TestBusyFeedMatchesLedger reads the service account's feed while the busy
// scenario plays and checks that what arrived is exactly the ledger's
// beginning: nothing lost, nothing repeated, nothing reordered.
func TestBusyFeedMatchesLedger(t *testing.T) {
	var ledger testio.Buffer
	srv := start(t, simulator.Options{Scenario: "busy", Seed: 3, Ledger: &ledger, LongPoll: 100 * time.Millisecond})
	c := newClient(t, srv)
	feed := c.createFeed()
	var got []symphony.V4Event
	ack := ""
	for end := time.Now().Add(1500 * time.Millisecond); time.Now().Before(end); {
		res := c.read(feed, ack)
		got = append(got, res.Events...)
		ack = res.AckID
	}
	recorded, err := simulator.ReadLedger(bytes.NewReader(ledger.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 || len(recorded) < len(got) {
		t.Fatalf("%d events read, %d in the ledger", len(got), len(recorded))
	}
	for i := range got {
		if got[i].ID != recorded[i].ID || got[i].Type != recorded[i].Type || got[i].MessageID != recorded[i].MessageID {
			t.Fatalf("event %d: read %s %s, ledger %s %s", i, got[i].Type, got[i].ID, recorded[i].Type, recorded[i].ID)
		}
	}
	t.Logf("%d events in 1.5 s", len(got))
}
