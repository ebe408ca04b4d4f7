package engine

import (
	"context"
	"errors"
	"math"
	"sync"
	"testing"
	"time"
)

// fakeNow is a clock that moves only when told.
type fakeNow struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeNow) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeNow) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// call makes one call through the pacer at the clock's time, answered
// after took: limited answers 429 with Retry-After after.
func (c *fakeNow) call(t *testing.T, p *pacer, took time.Duration, limited bool, after time.Duration) {
	t.Helper()
	tk, err := p.acquire(context.Background(), p.turn())
	if err != nil {
		t.Fatal(err)
	}
	c.add(took)
	p.done(tk, limited, after)
}

// TestPacerLearnsTheLimit walks the pacer through a pod's rate limit:
// unpaced and growing until the first 429, a pause that holds every call,
// half the rate measured at the first 429, one change per cluster of 429s,
// and 95 % of the rate measured between pauses after that.
func TestPacerLearnsTheLimit(t *testing.T) {
	clock := &fakeNow{t: time.Unix(1_800_000_000, 0)}
	p := newPacer(clock.now, 32)
	for range 100 { // 100 answers in one second
		clock.call(t, p, 10*time.Millisecond, false, 0)
	}
	if p.rate != 0 {
		t.Fatalf("paced at %.1f/s before any 429", p.rate)
	}
	// A call in flight when the first 429 comes belongs to its cluster.
	early, err := p.acquire(context.Background(), p.turn())
	if err != nil {
		t.Fatal(err)
	}
	clock.call(t, p, 0, true, 2*time.Second)
	if math.Abs(p.rate-50) > 1 {
		t.Errorf("after the first 429 the pace is %.1f/s, want half of 100/s", p.rate)
	}
	p.done(early, true, time.Second)
	if math.Abs(p.rate-50) > 1 {
		t.Errorf("a 429 of the same cluster changed the pace to %.1f/s", p.rate)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	if _, err := p.acquire(ctx, p.turn()); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a call started during the pause (%v)", err)
	}

	// After the pause, 60 answers 25 ms apart: 60 in the 3.525 s since the
	// pause began, so the next 429 sets the pace to 95 % of 17.1/s.
	clock.add(2 * time.Second)
	for range 60 {
		clock.add(25 * time.Millisecond)
		clock.call(t, p, 0, false, 0)
	}
	clock.add(25 * time.Millisecond)
	clock.call(t, p, 0, true, time.Second)
	if want := 0.95 * 60 / 3.525; math.Abs(p.rate-want) > 0.5 {
		t.Errorf("after a second cluster the pace is %.1f/s, want %.1f/s: measured since the last pause began", p.rate, want)
	}
	if s := p.snapshot(); s.RateLimited != 3 || s.Requests != 163 {
		t.Errorf("counted %d calls and %d 429s, want 163 and 3", s.Requests, s.RateLimited)
	}
}

// TestPacerKeepsTurns: while the pacer holds calls, the earliest turn goes
// first.
func TestPacerKeepsTurns(t *testing.T) {
	clock := &fakeNow{t: time.Unix(1_800_000_000, 0)}
	p := newPacer(clock.now, 1)
	first, err := p.acquire(context.Background(), p.turn())
	if err != nil {
		t.Fatal(err)
	}
	early, late := p.turn(), p.turn()
	order := make(chan uint64, 2)
	var wg sync.WaitGroup
	for _, turn := range []uint64{late, early} {
		wg.Go(func() {
			tk, err := p.acquire(context.Background(), turn)
			if err != nil {
				t.Error(err)
				return
			}
			order <- turn
			p.done(tk, false, 0)
		})
		time.Sleep(20 * time.Millisecond) // the late turn waits first
	}
	p.done(first, false, 0)
	wg.Wait()
	if a, b := <-order, <-order; a != early || b != late {
		t.Errorf("turns went %d then %d, want %d then %d", a, b, early, late)
	}
}
