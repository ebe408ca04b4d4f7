package simulator_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/simulator/scenario"
	"github.com/tutti-chat/tutti/symphony"
)

// TestRateLimitPerSession spends a session's burst and checks the 429 that
// follows: Retry-After in whole seconds, the pod's error body, the answer
// still valid against the official documents; datafeed reads and logins
// are not counted, and another session has a bucket of its own.
func TestRateLimitPerSession(t *testing.T) {
	srv, v, c := startConformance(t, simulator.Options{RateLimit: 3, LongPoll: 20 * time.Millisecond})
	feed := c.createFeed() // one call of three
	for range 5 {
		c.read(feed, "") // not counted
	}
	for i := range 2 {
		if status, data, _ := c.call(http.MethodGet, "/pod/v2/sessioninfo", nil); status != http.StatusOK {
			t.Fatalf("call %d within the burst: %d %s", i+2, status, data)
		}
	}
	status, data, header := c.call(http.MethodGet, "/pod/v2/sessioninfo", nil)
	if status != http.StatusTooManyRequests {
		t.Fatalf("the fourth call: %d %s, want 429", status, data)
	}
	if n, err := strconv.Atoi(header.Get("Retry-After")); err != nil || n < 1 {
		t.Errorf("Retry-After %q, want whole seconds ≥ 1", header.Get("Retry-After"))
	}
	var body symphony.ErrorBody
	if err := json.Unmarshal(data, &body); err != nil || body.Code != http.StatusTooManyRequests || body.Message == "" {
		t.Errorf("429 body %s (%v), want {code: 429, message}", data, err)
	}
	c.read(feed, "") // still not counted

	other := conformanceClient(t, srv, v)
	if status, data, _ := other.call(http.MethodGet, "/pod/v2/sessioninfo", nil); status != http.StatusOK {
		t.Fatalf("another session: %d %s, want its own bucket", status, data)
	}
	v.report(t)
	if v.covered()["GET /pod/v2/sessioninfo 429"] == 0 {
		t.Error("the 429 answer was not validated")
	}
	if st := srv.State(); st.RateLimited != 1 || st.RateAllowed != 4 {
		t.Errorf("state counts %d allowed, %d limited; want 4, 1", st.RateAllowed, st.RateLimited)
	}
}

// TestRTTDelaysEveryAnswer checks that a pod far away answers no sooner
// than its round trip, a long poll included, and that the simulator's own
// administration is not delayed by it.
func TestRTTDelaysEveryAnswer(t *testing.T) {
	const rtt = 250 * time.Millisecond
	srv := start(t, simulator.Options{RTT: rtt, LongPoll: 100 * time.Millisecond})
	c := newClient(t, srv)
	began := time.Now()
	if status, _, _ := c.call(http.MethodGet, "/pod/v2/sessioninfo", nil); status != http.StatusOK {
		t.Fatalf("session info: %d", status)
	}
	if took := time.Since(began); took < rtt {
		t.Errorf("session info answered after %s, before the round trip of %s", took, rtt)
	}
	feed := c.createFeed()
	began = time.Now()
	c.read(feed, "")
	if took := time.Since(began); took < rtt+100*time.Millisecond {
		t.Errorf("an empty long poll answered after %s, before its wait plus the round trip", took)
	}
}

// TestFaultFiringsDoNotPileUp fires error5xx faster than calls use them:
// a firing sets the outage, so the calls that fail stay bounded.
func TestFaultFiringsDoNotPileUp(t *testing.T) {
	srv := start(t, simulator.Options{})
	for range 10 {
		if err := srv.InjectFault(simulator.FaultError5xx); err != nil {
			t.Fatal(err)
		}
	}
	c := newClient(t, srv)
	failed := 0
	for range 10 {
		if status, _, _ := c.call(http.MethodGet, "/pod/v2/sessioninfo", nil); status >= 500 {
			failed++
		}
	}
	if failed != 3 {
		t.Errorf("%d calls failed after ten firings, want the 3 of one", failed)
	}
}

// TestScaleScenario starts a small scale pod: every room the service
// account is in, each with history, all of them listed in pages of a
// thousand, and live messages arriving.
func TestScaleScenario(t *testing.T) {
	srv := start(t, simulator.Options{Scenario: scenario.Scale, Scale: scenario.ScaleOptions{Rooms: 1200, Users: 300, Rate: 200}})
	st := srv.State()
	if st.Rooms != 1200 || st.Users != 300 {
		t.Fatalf("%d rooms and %d users, want 1200 and 300", st.Rooms, st.Users)
	}
	acct := srv.AccountID()
	for _, s := range srv.Streams() {
		if !contains(s.Members, acct) || s.Messages < 3 {
			t.Fatalf("room %s: %d messages, members %v (account %d)", s.Name, s.Messages, len(s.Members), acct)
		}
	}
	c := newClient(t, srv)
	listed := 0
	for skip := 0; ; skip += symphony.MaxStreamsPerPage {
		var page []symphony.StreamAttributes
		status := c.callJSON(http.MethodPost, "/pod/v1/streams/list?limit=1000&skip="+strconv.Itoa(skip), []byte(`{}`), &page)
		if status == http.StatusNoContent {
			break
		}
		if status != http.StatusOK || len(page) > symphony.MaxStreamsPerPage {
			t.Fatalf("streams list at %d: %d, %d streams", skip, status, len(page))
		}
		listed += len(page)
	}
	if listed != 1200 {
		t.Errorf("listed %d streams, want 1200", listed)
	}
	// The live scenario plays as the pod starts: 200 messages a second.
	deadline := time.Now().Add(10 * time.Second)
	for srv.State().Events < 20 {
		if time.Now().After(deadline) {
			t.Fatal("no live traffic")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func contains(xs []int64, x int64) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
