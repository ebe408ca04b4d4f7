package engine

import (
	"context"
	"slices"
	"sync"
	"time"
)

// pacer spreads the catch-up's calls so that they fill the pod's rate
// limit without exceeding it. Symphony publishes no limit (each pod's
// administrator sets its own) and answers a call beyond it 429 with a
// Retry-After, so the pacer learns the limit from the 429s:
//
//   - Until the first 429 it does not pace at all: a pod without a limit is
//     read as fast as the concurrency allows. The concurrency starts at
//     pacerStartConc and grows while answers come back
//     fast (within twice the fastest seen, plus a margin), by one per
//     round of answers, up to maxConc.
//   - A 429 pauses every call until its Retry-After, halves the
//     concurrency, and sets a pace: at the first 429, half the rate the
//     calls succeeded at since the start (which a pod's initial burst
//     inflates); at each later one, 95 % of the rate measured since the
//     previous pause began (the pause refills what the burst after it
//     spends, so that measure is the pod's rate).
//   - Between 429s the pace grows by 5 % a second, to find the limit
//     again if the pod raised it or the estimate was low.
//
// The 429s that answer calls sent before the pause are one cluster: only
// the first of a cluster changes the pace. A pacer is safe for concurrent
// use.
type pacer struct {
	now     func() time.Time
	maxConc int

	mu       sync.Mutex
	changed  chan struct{} // closed and replaced whenever a wait may end
	conc     int           // calls allowed in flight
	turns    uint64        // the last turn given
	waiting  []uint64      // the turns waiting in acquire
	grown    float64       // towards the next increase of conc
	inFlight int
	rate     float64   // calls a second; 0 before the first 429
	next     time.Time // when paced: the earliest start of the next call
	pause    time.Time // no call starts before
	fastest  time.Duration

	// Since the last pause began: the successes, and when it began.
	okCount int
	okFrom  time.Time
	limited bool      // a 429 was seen
	cluster time.Time // calls sent before this belong to the last 429 cluster

	stats PaceStats
}

// PaceStats count the catch-up's calls.
type PaceStats struct {
	Requests     int     // calls made
	RateLimited  int     // of them answered 429
	PeakInFlight int     // the most calls in flight at once
	Rate         float64 // the pace, calls a second; 0 while unpaced
}

// Constants of the pacer.
const (
	pacerStartConc = 4
	pacerMinConc   = 2
	pacerMinRate   = 1
	pacerGrowth    = 0.05                  // of the rate, a second
	pacerFastSlack = 20 * time.Millisecond // an answer within 2×fastest+slack is fast
)

// newPacer returns a pacer allowing at most maxConc calls in flight.
func newPacer(now func() time.Time, maxConc int) *pacer {
	maxConc = max(maxConc, 1)
	return &pacer{
		now: now, maxConc: maxConc, conc: min(pacerStartConc, maxConc),
		changed: make(chan struct{}), okFrom: now(),
	}
}

// ticket is one call let through by acquire, to hand back to done.
type ticket struct {
	start time.Time
}

// turn returns a place in line for a call: calls start in the order of
// their turns, so that a call made again after a 429 keeps its place and
// the catch-up's priorities hold.
func (p *pacer) turn() uint64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.turns++
	return p.turns
}

// acquire waits until the call of turn may start: no pause, a free place
// in flight, its turn in the pace, and no earlier turn waiting. It fails
// only when ctx ends.
func (p *pacer) acquire(ctx context.Context, turn uint64) (ticket, error) {
	p.mu.Lock()
	p.waiting = append(p.waiting, turn)
	p.mu.Unlock()
	defer func() {
		p.mu.Lock()
		if i := slices.Index(p.waiting, turn); i >= 0 {
			p.waiting = slices.Delete(p.waiting, i, i+1)
			p.wake()
		}
		p.mu.Unlock()
	}()
	for {
		p.mu.Lock()
		now := p.now()
		var wait time.Duration
		switch {
		case slices.Min(p.waiting) != turn:
			wait = -1 // until an earlier turn goes
		case now.Before(p.pause):
			wait = p.pause.Sub(now)
		case p.inFlight >= p.conc:
			wait = -1 // until a call ends
		case p.rate > 0 && now.Before(p.next):
			wait = p.next.Sub(now)
		default:
			p.waiting = slices.DeleteFunc(p.waiting, func(t uint64) bool { return t == turn })
			p.wake() // the next turn may go
			p.inFlight++
			p.stats.Requests++
			p.stats.PeakInFlight = max(p.stats.PeakInFlight, p.inFlight)
			if p.rate > 0 {
				p.next = later(p.next, now).Add(time.Duration(float64(time.Second) / p.rate))
			}
			p.mu.Unlock()
			return ticket{start: now}, nil
		}
		changed := p.changed
		p.mu.Unlock()
		if err := waitFor(ctx, changed, wait); err != nil {
			return ticket{}, err
		}
	}
}

// waitFor waits until changed is closed or d passes (d < 0: no timeout),
// or ctx ends.
func waitFor(ctx context.Context, changed <-chan struct{}, d time.Duration) error {
	var timer <-chan time.Time
	if d >= 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		timer = t.C
	}
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-changed:
	case <-timer:
	}
	return nil
}

// later returns the later of a and b.
func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// wake lets every waiter look again; p.mu is held.
func (p *pacer) wake() {
	close(p.changed)
	p.changed = make(chan struct{})
}

// done hands a call back: ok when it was answered (whatever the answer
// but 429), or limited with the Retry-After of its 429.
func (p *pacer) done(t ticket, limited bool, retryAfter time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	defer p.wake()
	p.inFlight--
	now := p.now()
	if limited {
		p.stats.RateLimited++
		p.onLimited(t, now, retryAfter)
		return
	}
	p.okCount++
	took := now.Sub(t.start)
	if p.fastest == 0 || took < p.fastest {
		p.fastest = took
	}
	if p.conc < p.maxConc && p.inFlight+1 >= p.conc && took <= 2*p.fastest+pacerFastSlack {
		// One more in flight per round of answers: additive, so that a
		// pod's limit is met by a few more calls than it allows, not by
		// twice as many.
		if p.grown += 1 / float64(p.conc); p.grown >= 1 {
			p.conc++
			p.grown = 0
		}
	}
	if p.rate > 0 {
		p.rate += pacerGrowth // per success: pacerGrowth × rate a second
	}
}

// onLimited reacts to a 429; p.mu is held.
func (p *pacer) onLimited(t ticket, now time.Time, retryAfter time.Duration) {
	retryAfter = max(retryAfter, time.Second)
	p.pause = later(p.pause, now.Add(retryAfter))
	if !t.start.After(p.cluster) {
		return // sent before the last pause: that 429 was counted
	}
	measured := float64(p.okCount) / max(now.Sub(p.okFrom).Seconds(), 0.001)
	rate := 0.95 * measured
	if !p.limited {
		rate = 0.5 * measured
	}
	if p.rate > 0 {
		rate = min(rate, p.rate)
	}
	p.rate = max(rate, pacerMinRate)
	p.limited = true
	p.conc = max(pacerMinConc, p.conc/2)
	p.cluster = now
	p.okCount, p.okFrom = 0, now
	p.next = p.pause
}

// snapshot returns the counts so far.
func (p *pacer) snapshot() PaceStats {
	p.mu.Lock()
	defer p.mu.Unlock()
	s := p.stats
	s.Rate = p.rate
	return s
}
