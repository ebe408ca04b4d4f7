package feed_test

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/feed"
	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/simulator/simtest"
)

// gap is a reported interval of possible loss.
type gap struct{ from, to time.Time }

// String returns the gap as clock times.
func (g gap) String() string {
	return "[" + g.from.Format("15:04:05.000") + ", " + g.to.Format("15:04:05.000") + "]"
}

// covers reports whether an event stamped ts (milliseconds, truncated)
// lies in the gap.
func (g gap) covers(ts int64) bool {
	return ts >= g.from.Truncate(time.Millisecond).UnixMilli() && ts <= g.to.UnixMilli()
}

// pendingFaults returns how many armed faults the simulator has not yet
// applied.
func pendingFaults(t *testing.T, srv *simulator.Server) int {
	t.Helper()
	resp, err := http.Get(srv.URL() + "/simulator/faults")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct{ Pending simulator.PendingFaults }
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	p := body.Pending
	return p.Error5xx + p.RateLimit + p.Latency + p.Drop + p.Duplicate
}

// TestBusyWithFaultsLosesNothingOutsideGaps runs the loop against the busy
// scenario while every kind of fault fires in turn every 300 ms, lets it
// recover, then stops the consumer for longer than the feed's TTL. Every
// message of the ledger must arrive, except those stamped within a reported
// gap; duplicates are allowed; after dedupe the messages arrive in the
// ledger's order.
func TestBusyWithFaultsLosesNothingOutsideGaps(t *testing.T) {
	if testing.Short() {
		t.Skip("seconds of a busy pod")
	}
	var ledger simtest.Ledger
	srv := startPod(t, func(o *simulator.Options) {
		o.Scenario = "busy"
		o.Speed = 1
		o.FeedTTL = 2 * time.Second
		o.Ledger = &ledger
	})
	r := start(t, newClient(t, srv), feed.Options{Retry: fastRetry()})
	r.status(feed.Live)

	var (
		first    = map[string]int{} // message id → rank of its first arrival
		order    []string           // message ids by first arrival
		received int
		gaps     []gap
		states   = map[feed.State]int{}
		batches  int
		state    feed.State
		liveAt   time.Time // when the last Live status came
		flowing  bool      // batches arrived since the last Live
	)
	// steady reports batches flowing for half a second since the last Live.
	steady := func() bool { return flowing && time.Since(liveAt) > 500*time.Millisecond }
	take := func(u feed.Update) {
		checkUpdate(t, u)
		if s := u.Status; s != nil {
			states[s.State]++
			state, flowing = s.State, false
			switch s.State {
			case feed.Live:
				liveAt = time.Now()
			case feed.Recreated:
				gaps = append(gaps, gap{s.GapFrom, s.GapTo})
			case feed.Stopped:
				t.Fatalf("the feed stopped: %v", s.Err)
			}
			return
		}
		batches++
		flowing = state == feed.Live
		for _, ev := range u.Events {
			id := messageID(ev)
			if id == "" {
				continue
			}
			received++
			if _, ok := first[id]; !ok {
				first[id] = len(order)
				order = append(order, id)
			}
		}
	}
	// drain takes updates until done returns true.
	drain := func(what string, done func() bool) {
		t.Helper()
		deadline := time.After(patience)
		for !done() {
			select {
			case u := <-r.out:
				take(u)
			case <-deadline:
				t.Fatalf("%s: not within %s; states %v", what, patience, states)
			}
		}
	}

	// 1. Each kind of fault in turn every 300 ms, two rounds (the schedule
	// all:300ms, fired from the test so that it can stop).
	tick := time.NewTicker(300 * time.Millisecond)
	kinds := simulator.FaultKinds()
	for i := 0; i < 2*len(kinds); {
		select {
		case u := <-r.out:
			take(u)
		case <-tick.C:
			if err := srv.InjectFault(kinds[i%len(kinds)]); err != nil {
				t.Fatal(err)
			}
			i++
		}
	}
	tick.Stop()

	// 2. Recovery: the armed faults are used up and batches flow again.
	check := time.Now()
	drain("recovery", func() bool {
		if time.Since(check) < 100*time.Millisecond {
			return false
		}
		check = time.Now()
		return pendingFaults(t, srv) == 0 && steady()
	})

	// 3. A slow consumer. A first pause, shorter than the feed's TTL, lets
	// a backlog of several batches build up; the consumer takes one update
	// and Run reads the next full batch; a second pause, longer than the
	// TTL, lets the feed expire under Run with events queued behind that
	// batch, older than the read itself: the gap must cover them.
	time.Sleep(time.Second)
	select {
	case u := <-r.out:
		take(u)
	case <-time.After(patience):
		t.Fatal("no update after the first pause")
	}
	time.Sleep(2500 * time.Millisecond)
	recreated := states[feed.Recreated]
	drain("recreation after the pause", func() bool { return states[feed.Recreated] > recreated && steady() })

	// 4. Everything in the ledger by now arrives or lies in a gap.
	want := ledger.Events(t)
	missing := map[string]int64{}
	for _, ev := range want {
		if id := messageID(ev); id != "" {
			if _, ok := first[id]; !ok {
				missing[id] = ev.Timestamp
			}
		}
	}
	settle := func() bool {
		for id, ts := range missing {
			_, arrived := first[id]
			for _, g := range gaps {
				arrived = arrived || g.covers(ts)
			}
			if arrived {
				delete(missing, id)
			}
		}
		return len(missing) == 0
	}
	deadline := time.After(patience)
	for !settle() {
		select {
		case u := <-r.out:
			take(u)
		case <-deadline:
			for id, ts := range missing {
				t.Fatalf("%d of the ledger's messages neither arrived nor lie in a reported gap %v; one: %s at %s",
					len(missing), gaps, id, time.UnixMilli(ts).Format(time.RFC3339Nano))
			}
		}
	}

	// After dedupe, messages arrived in the order the pod generated them.
	pos := map[string]int{}
	total, lost := 0, 0
	for i, ev := range want {
		if id := messageID(ev); id != "" {
			pos[id] = i
			total++
			if _, ok := first[id]; !ok {
				lost++
			}
		}
	}
	last := -1
	for _, id := range order {
		p, ok := pos[id]
		if !ok {
			continue // generated after the ledger was read
		}
		if p < last {
			t.Fatalf("message %s arrived after a later one", id)
		}
		last = p
	}
	if states[feed.Recreated] < 2 || states[feed.Reconnecting] == 0 {
		t.Errorf("the faults caused too little recovery: %v", states)
	}
	t.Logf("%d messages in the ledger: %d arrived (%d more as duplicates, %d batches), %d lost within %d reported gaps; states %v",
		total, total-lost, received-len(order), batches, lost, len(gaps), states)
}
