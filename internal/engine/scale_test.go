package engine_test

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/feed"
	"github.com/tutti-chat/tutti/internal/engine"
	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/simulator/scenario"
	"github.com/tutti-chat/tutti/simulator/simtest"
	"github.com/tutti-chat/tutti/symphony"
)

// startScale starts a scale pod of rooms rooms, far and rate-limited,
// writing its ledger.
func startScale(t *testing.T, rooms int, rate float64, rtt time.Duration, limit float64) (*simulator.Server, *simtest.Ledger) {
	t.Helper()
	ledger := &simtest.Ledger{}
	srv := simtest.Start(t, simulator.Options{
		Scenario: scenario.Scale, Seed: 3, Scale: scenario.ScaleOptions{Rooms: rooms, Users: 2 * rooms, Rate: rate},
		RTT: rtt, RateLimit: limit, Ledger: ledger,
	})
	return srv, ledger
}

// waitItems waits until the items handed on satisfy done.
func waitItems(t *testing.T, col *collector, what string, done func([]engine.Item) bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !done(col.snapshot()) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// finished counts the catch-ups that ended.
func finished(items []engine.Item) int {
	n := 0
	for _, it := range items {
		if it.Progress != nil && it.Progress.Finished {
			n++
		}
	}
	return n
}

// TestConcurrentCatchUpKeepsStreamOrder catches up hundreds of rooms, far
// and rate-limited, while their live traffic arrives and the feed dies in
// the middle: every message once, in its stream's order, and the catch-up
// ends with every stream.
func TestConcurrentCatchUpKeepsStreamOrder(t *testing.T) {
	srv, ledger := startScale(t, 300, 300, 10*time.Millisecond, 120)
	col := &collector{}
	r := runEngineWith(t, simtest.Client(t, srv, nil), engine.Options{Since: time.Hour}, col)
	time.Sleep(time.Second)
	if err := srv.InjectFault(simulator.FaultExpireFeed); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1500 * time.Millisecond)
	srv.StopLive()
	waitLedger(t, ledger, col)
	waitItems(t, col, "the end of the catch-up", func(items []engine.Item) bool { return finished(items) > 0 })
	r.stop(t)

	var recreated, recovered, total int
	for _, it := range col.snapshot() {
		switch {
		case it.Status != nil && it.Status.State == feed.Recreated:
			recreated++
		case it.Recovered:
			recovered++
		case it.Progress != nil && it.Progress.Finished:
			total = max(total, it.Progress.Total)
		}
	}
	if recreated == 0 || recovered == 0 {
		t.Errorf("%d recreated feeds, %d recovered messages: the test did not test", recreated, recovered)
	}
	if total < 300 {
		t.Errorf("the catch-up ended with %d streams, want all 300", total)
	}
}

// TestPriorityStreamsFirst names five streams that would otherwise come
// last: their catch-up comes before most of the others'.
func TestPriorityStreamsFirst(t *testing.T) {
	srv, _ := startScale(t, 400, 1, 5*time.Millisecond, 100)
	var ids []string
	for _, s := range srv.Streams() {
		ids = append(ids, s.ID)
	}
	slices.Sort(ids)
	wanted := ids[len(ids)-5:] // by id, the last: with no watermark, the engine's own order
	col := &collector{}
	// History since five days ago: every room has some, so each stream's
	// catch-up shows as its first recovered message.
	r := runEngineWith(t, simtest.Client(t, srv, nil), engine.Options{Since: 6 * 24 * time.Hour, Priority: wanted}, col)
	waitItems(t, col, "the end of the catch-up", func(items []engine.Item) bool { return finished(items) > 0 })
	r.stop(t)

	var order []string
	seen := map[string]bool{}
	for _, it := range col.snapshot() {
		if it.Recovered && !seen[it.StreamID] {
			seen[it.StreamID] = true
			order = append(order, it.StreamID)
		}
	}
	for _, id := range wanted {
		if i := slices.Index(order, id); i < 0 || i >= 2*engine.DefaultCatchUpConcurrency {
			t.Errorf("prioritised stream %s caught up at place %d of %d", id, i, len(order))
		}
	}
}

// historyRecorder records the since of every history call.
type historyRecorder struct {
	*symphony.Client
	mu    sync.Mutex
	since []int64
}

// StreamMessages implements history.Fetcher.
func (h *historyRecorder) StreamMessages(ctx context.Context, sid string, q symphony.MessageQuery) ([]symphony.V4Message, error) {
	h.mu.Lock()
	h.since = append(h.since, q.Since)
	h.mu.Unlock()
	return h.Client.StreamMessages(ctx, sid, q)
}

func (h *historyRecorder) calls() []int64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.since)
}

// TestRecreatedFeedCatchesUpTheLostWindow kills the feed after the start's
// catch-up: the next catch-up asks history only for the window the dead
// feed may have lost, not for the two hours of the start.
func TestRecreatedFeedCatchesUpTheLostWindow(t *testing.T) {
	srv, _ := startScale(t, 200, 20, 0, -1)
	api := &historyRecorder{Client: simtest.Client(t, srv, nil)}
	col := &collector{}
	e := engine.New(api, engine.Options{Since: 2 * time.Hour, Logger: testLogger(t)})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.Run(ctx, col.add) }()
	defer func() {
		cancel()
		<-done
	}()
	waitItems(t, col, "the start's catch-up", func(items []engine.Item) bool { return finished(items) == 1 })
	start := api.calls()
	if len(start) < 200 {
		t.Fatalf("%d history calls at start for 200 rooms", len(start))
	}
	mark := len(start)
	if err := srv.InjectFault(simulator.FaultExpireFeed); err != nil {
		t.Fatal(err)
	}
	waitItems(t, col, "the catch-up after the recreated feed", func(items []engine.Item) bool { return finished(items) == 2 })
	var gapFrom time.Time
	for _, it := range col.snapshot() {
		if it.Status != nil && it.Status.State == feed.Recreated {
			gapFrom = it.Status.GapFrom
		}
	}
	if gapFrom.IsZero() {
		t.Fatal("no recreated feed")
	}
	after := api.calls()[mark:]
	floor := gapFrom.Add(-time.Minute).UnixMilli()
	for _, since := range after {
		if since < floor {
			t.Fatalf("a history call since %s, before the lost window (%s less a minute)",
				time.UnixMilli(since).Format(time.TimeOnly), gapFrom.Format(time.TimeOnly))
		}
	}
	if len(after) < 200 || len(after) > 2*200 {
		t.Errorf("%d history calls after the recreated feed for 200 rooms", len(after))
	}
}

// TestCatchUpAdaptsToTheRateLimit catches up a pod whose limit is well
// under what the engine could ask: it slows to the limit without a storm
// of 429s, and every stream is caught up.
func TestCatchUpAdaptsToTheRateLimit(t *testing.T) {
	srv, _ := startScale(t, 400, 5, 20*time.Millisecond, 60)
	col := &collector{}
	e := engine.New(simtest.Client(t, srv, nil), engine.Options{Logger: testLogger(t)})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.Run(ctx, col.add) }()
	waitItems(t, col, "the end of the catch-up", func(items []engine.Item) bool { return finished(items) > 0 })
	cancel()
	<-done
	stats := e.PaceStats()
	limited := srv.State().RateLimited
	if stats.RateLimited != limited {
		t.Errorf("the engine counted %d 429s, the pod answered %d", stats.RateLimited, limited)
	}
	if limited == 0 || limited*10 > stats.Requests {
		t.Errorf("%d of %d calls answered 429: want some (the limit was met) and under 10 %%", limited, stats.Requests)
	}
	if stats.Rate <= 0 || stats.Rate > 2*60 {
		t.Errorf("the pace ended at %.1f calls a second for a limit of 60", stats.Rate)
	}
}

// refusingLister is a pod whose streams list is refused.
type refusingLister struct{ *symphony.Client }

// ListStreams implements engine.API.
func (refusingLister) ListStreams(context.Context, symphony.StreamFilter, int, int) ([]symphony.StreamAttributes, error) {
	return nil, &symphony.APIError{Op: "list streams", Status: 403, Message: "Forbidden"}
}

// TestUnlistedStreamsAreAWarning: when the streams cannot be listed, the
// catch-up cannot reach streams it never saw, and says so.
func TestUnlistedStreamsAreAWarning(t *testing.T) {
	srv, _ := startScale(t, 20, 1, 0, -1)
	col := &collector{}
	e := engine.New(refusingLister{simtest.Client(t, srv, nil)}, engine.Options{Logger: testLogger(t)})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.Run(ctx, col.add) }()
	defer func() {
		cancel()
		<-done
	}()
	waitItems(t, col, "a warning", func(items []engine.Item) bool {
		return slices.ContainsFunc(items, func(it engine.Item) bool {
			return it.Gap == nil && strings.Contains(it.Warning, "the streams could not be listed")
		})
	})
}
