package feed

import (
	"math"
	"time"

	"github.com/tutti-chat/tutti/symphony"
)

// The BDK's datafeed retry defaults [J-cfg BdkRetryConfig, datafeed.retry].
const (
	defaultInitialInterval = 500 * time.Millisecond
	defaultMultiplier      = 2
	defaultMaxInterval     = 300 * time.Second
)

// backoff is a capped exponential back-off with equal jitter.
type backoff struct {
	initial, max time.Duration
	multiplier   float64
	maxAttempts  int // ≤ 0: no limit
}

// newBackoff fills the unset fields of rc with the BDK's datafeed defaults:
// 500 ms, ×2, 300 s, no attempt limit (MaxAttempts 0 or negative).
func newBackoff(rc symphony.RetryConfig) backoff {
	b := backoff{initial: rc.InitialInterval, max: rc.MaxInterval, multiplier: rc.Multiplier, maxAttempts: rc.MaxAttempts}
	if b.initial <= 0 {
		b.initial = defaultInitialInterval
	}
	if b.multiplier < 1 || math.IsNaN(b.multiplier) || math.IsInf(b.multiplier, 0) {
		b.multiplier = defaultMultiplier
	}
	if b.max <= 0 {
		b.max = defaultMaxInterval
	}
	if b.max < b.initial {
		b.max = b.initial
	}
	return b
}

// exhausted reports whether failures consecutive failures use up the
// attempts: with MaxAttempts N the N-th failure stops the loop.
func (b backoff) exhausted(failures int) bool {
	return b.maxAttempts > 0 && failures >= b.maxAttempts
}

// base returns the delay before retry n (1-based) without jitter: initial ×
// multiplier^(n-1), capped at max.
func (b backoff) base(n int) time.Duration {
	if n < 1 {
		n = 1
	}
	d := float64(b.initial) * math.Pow(b.multiplier, float64(n-1))
	if math.IsInf(d, 0) || math.IsNaN(d) || d > float64(b.max) {
		return b.max
	}
	return time.Duration(d)
}

// delay returns the wait before retry n (1-based) for a jitter value j in
// [0, 1), with equal jitter: half of base(n) always, plus j times the other
// half. The wait never exceeds max, and never falls below half the base, so
// that an unlucky draw cannot turn the back-off into a busy loop.
func (b backoff) delay(n int, j float64) time.Duration {
	if !(j >= 0) { // also NaN
		j = 0
	}
	if j >= 1 {
		j = math.Nextafter(1, 0)
	}
	d := b.base(n)
	half := d / 2
	return half + time.Duration(float64(d-half)*j)
}
