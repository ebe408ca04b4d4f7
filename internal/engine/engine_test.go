package engine_test

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/internal/engine"
	"github.com/tutti-chat/tutti/internal/state"
	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/simulator/scenario"
	"github.com/tutti-chat/tutti/simulator/simtest"
	"github.com/tutti-chat/tutti/symphony"
)

// pod is a busy simulator whose live traffic the test plays itself, so
// that it can stop it and wait for the engine to catch up.
type pod struct {
	srv    *simulator.Server
	ledger *simtest.Ledger
	gen    *scenario.Generator
}

func startPod(t *testing.T, feedTTL time.Duration) *pod {
	t.Helper()
	p := &pod{ledger: &simtest.Ledger{}}
	p.srv = simtest.Start(t, simulator.Options{
		Scenario: "busy", Seed: 7, NoLive: true, FeedTTL: feedTTL, LongPoll: 300 * time.Millisecond, Ledger: p.ledger,
	})
	var err error
	if p.gen, err = scenario.New("busy", 7); err != nil {
		t.Fatal(err)
	}
	p.gen.History(time.Now()) // the live actions follow the history's state
	return p
}

// play applies live actions of the busy scenario for d, as fast as the
// scenario says (about 300 a second), and injects one of faults every
// faultEvery actions, in turn. Faults come with the traffic, not with the
// clock, so a slow machine sees as many faults per message as a fast one.
func (p *pod) play(t *testing.T, d time.Duration, faultEvery int, faults ...simulator.FaultKind) {
	t.Helper()
	end := time.Now().Add(d)
	var owed time.Duration
	for n := 1; time.Now().Before(end); n++ {
		if len(faults) > 0 && n%faultEvery == 0 {
			if err := p.srv.InjectFault(faults[(n/faultEvery)%len(faults)]); err != nil {
				t.Fatal(err)
			}
		}
		a, after, ok := p.gen.Next()
		if !ok {
			return
		}
		if owed += after; owed > 20*time.Millisecond {
			time.Sleep(owed)
			owed = 0
		}
		if err := p.srv.Apply(a); err != nil {
			t.Fatalf("apply %v: %v", a.Kind, err)
		}
	}
}

func (p *pod) client(t *testing.T) *symphony.Client { return simtest.Client(t, p.srv, nil) }

// collector gathers what an engine hands on.
type collector struct {
	mu    sync.Mutex
	items []engine.Item
}

func (c *collector) add(it engine.Item) error {
	c.mu.Lock()
	c.items = append(c.items, it)
	c.mu.Unlock()
	return nil
}

func (c *collector) snapshot() []engine.Item {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]engine.Item(nil), c.items...)
}

// testLogger logs the engine's warnings into the test's output.
func testLogger(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))
}

// running is an engine running in the background.
type running struct {
	cancel context.CancelFunc
	done   chan error
}

func runEngine(t *testing.T, c *symphony.Client, dir *state.Dir, col *collector) *running {
	t.Helper()
	return runEngineWith(t, c, engine.Options{State: dir}, col)
}

// runEngineWith runs an engine with opts, its logger and quick retries
// set by the test.
func runEngineWith(t *testing.T, c *symphony.Client, opts engine.Options, col *collector) *running {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	opts.Logger = testLogger(t)
	opts.Feed.Retry = symphony.RetryConfig{MaxAttempts: -1, InitialInterval: 20 * time.Millisecond, Multiplier: 2, MaxInterval: 200 * time.Millisecond}
	e := engine.New(c, opts)
	r := &running{cancel: cancel, done: make(chan error, 1)}
	go func() { r.done <- e.Run(ctx, col.add) }()
	return r
}

func (r *running) stop(t *testing.T) {
	t.Helper()
	r.cancel()
	select {
	case err := <-r.done:
		if err != nil && !errors.Is(err, context.Canceled) {
			t.Fatalf("engine: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the engine did not stop")
	}
}

// messageID returns the canonical id of the message an event carries.
func messageID(ev *symphony.V4Event) (string, bool) {
	m := ev.Message()
	if m == nil {
		return "", false
	}
	return symphony.CanonicalID(m.MessageID), true
}

// expectation is what the ledger says must be handed on.
type expectation struct {
	all        map[string]bool
	suppressed map[string]bool // messages suppressed: lost if sent and suppressed within a gap
}

func expect(ledger []symphony.V4Event) expectation {
	x := expectation{all: map[string]bool{}, suppressed: map[string]bool{}}
	for i := range ledger {
		ev := &ledger[i]
		if p := ev.Payload; p != nil && p.MessageSuppressed != nil {
			x.suppressed[symphony.CanonicalID(p.MessageSuppressed.MessageID)] = true
		}
		id, ok := messageID(ev)
		if !ok {
			continue
		}
		x.all[id] = true
	}
	return x
}

// missing returns the ledger's messages not handed on (suppressed ones
// excepted), failing on any handed on twice or out of its stream's order.
func (x expectation) check(t *testing.T, items []engine.Item, final bool) (missing int) {
	t.Helper()
	got := map[string]int{}
	for i := range items {
		id, ok := messageID(&items[i].Event)
		if !ok {
			continue
		}
		got[id]++
		if got[id] == 2 && final {
			t.Errorf("message %s handed on twice (stream %s)", id, items[i].StreamID)
		}
	}
	for id := range x.all {
		if got[id] == 0 && !x.suppressed[id] {
			missing++
		}
	}
	if !final {
		return missing
	}
	// Within a stream, messages are handed on in time order. Messages of
	// one millisecond have no order the API can tell: history returns them
	// by id, the feed in the order they were sent.
	last := map[string]int64{}
	for i := range items {
		m := items[i].Event.Message()
		if m == nil || !x.all[symphony.CanonicalID(m.MessageID)] {
			continue
		}
		st := items[i].StreamID
		// A message suppressed before a catch-up passed it is not in
		// history; the feed still delivers it, after newer ones.
		if m.Timestamp < last[st] && !x.suppressed[symphony.CanonicalID(m.MessageID)] {
			t.Errorf("stream %s: message %s at %d (recovered %v) handed on after one at %d", st, m.MessageID, m.Timestamp, items[i].Recovered, last[st])
			shown := 0
			for j := i; j >= 0 && shown < 6; j-- {
				it := items[j]
				if it.Status != nil {
					t.Logf("  %d status %v", j, it.Status.State)
				} else if mm := it.Event.Message(); mm != nil && it.StreamID == st {
					t.Logf("  %d %s %d recovered=%v type=%s", j, mm.MessageID, mm.Timestamp, it.Recovered, it.Event.Type)
					shown++
				}
			}
		}
		last[st] = max(last[st], m.Timestamp)
	}
	return missing
}

// waitComplete waits until every ledger message has been handed on.
func waitComplete(t *testing.T, p *pod, col *collector) {
	t.Helper()
	waitLedger(t, p.ledger, col)
}

// waitLedger waits until every message of ledger has been handed on.
func waitLedger(t *testing.T, ledger *simtest.Ledger, col *collector) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		x := expect(ledger.Events(t))
		missing := x.check(t, col.snapshot(), false)
		if missing == 0 {
			x.check(t, col.snapshot(), true)
			return
		}
		if time.Now().After(deadline) {
			x.check(t, col.snapshot(), true)
			t.Fatalf("%d of %d ledger messages never handed on", missing, len(x.all))
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// TestEveryMessageOnceUnderFaults plays the busy scenario with every kind of
// fault injected again and again and a short feed lifetime: every message
// the pod delivered must be handed on once, in its stream's order.
func TestEveryMessageOnceUnderFaults(t *testing.T) { everyMessageOnceUnderFaults(t, "v2") }

// TestEveryMessageOnceUnderFaultsOnV1 is the same on datafeed v1, which has
// no acknowledgement: a batch lost with a dropped answer is recovered from
// history.
func TestEveryMessageOnceUnderFaultsOnV1(t *testing.T) { everyMessageOnceUnderFaults(t, "v1") }

func everyMessageOnceUnderFaults(t *testing.T, version string) {
	p := startPod(t, 2*time.Second)
	col := &collector{}
	opts := engine.Options{}
	opts.Feed.Version = version
	r := runEngineWith(t, p.client(t), opts, col)
	p.play(t, 6*time.Second, 150, simulator.FaultKinds()...)
	waitComplete(t, p, col)
	r.stop(t)

	x := expect(p.ledger.Events(t))
	if len(x.all) < 500 {
		t.Errorf("only %d messages in the ledger; the scenario did not run", len(x.all))
	}
	var recovered, statuses int
	for _, it := range col.snapshot() {
		if it.Recovered {
			recovered++
		}
		if it.Status != nil {
			statuses++
		}
	}
	if recovered == 0 || statuses == 0 {
		t.Errorf("%d recovered messages and %d statuses: the faults did not bite", recovered, statuses)
	}
	t.Logf("%d messages in the ledger, %d recovered from history, %d statuses", len(x.all), recovered, statuses)
}

// TestRestartLosesNothing stops the engine in the middle of the traffic and
// starts a new one on the same state directory.
func TestRestartLosesNothing(t *testing.T) {
	p := startPod(t, 0)
	faults := []simulator.FaultKind{simulator.FaultExpireFeed, simulator.FaultDrop, simulator.FaultDuplicate}
	root := t.TempDir()
	col := &collector{}

	dir, err := state.Open(root, "pod", "bot")
	if err != nil {
		t.Fatal(err)
	}
	first := runEngine(t, p.client(t), dir, col)
	p.play(t, 2*time.Second, 120, faults...)
	first.stop(t)
	dir.Close()

	p.play(t, 1500*time.Millisecond, 120, faults...) // while nobody watches

	dir, err = state.Open(root, "pod", "bot")
	if err != nil {
		t.Fatal(err)
	}
	defer dir.Close()
	second := runEngine(t, p.client(t), dir, col)
	p.play(t, 2*time.Second, 120, faults...)
	waitComplete(t, p, col)
	second.stop(t)
}
