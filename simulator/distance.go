package simulator

import (
	"context"
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// isSymphonyPath reports whether a path is one of the pod's, the agent's
// or the key manager's, as opposed to the simulator's own administration.
func isSymphonyPath(p string) bool {
	for _, prefix := range []string{"/pod/", "/agent/", "/login/", "/relay/"} {
		if strings.HasPrefix(p, prefix) {
			return true
		}
	}
	return false
}

// withDistance delays every Symphony call by Options.RTT: half before it is
// handled, the other half before the first byte of its answer.
func (s *Server) withDistance(next http.Handler) http.Handler {
	rtt := s.opts.RTT
	if rtt <= 0 {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !isSymphonyPath(r.URL.Path) {
			next.ServeHTTP(w, r)
			return
		}
		if !sleepCtx(r.Context(), rtt/2) {
			return
		}
		next.ServeHTTP(&delayedWriter{ResponseWriter: w, ctx: r.Context(), delay: rtt - rtt/2}, r)
	})
}

// sleepCtx waits d, or until ctx ends; it reports whether d passed.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// delayedWriter waits delay before the first byte of the answer leaves.
type delayedWriter struct {
	http.ResponseWriter
	ctx    context.Context
	delay  time.Duration
	waited bool
}

// wait sleeps the delay once.
func (w *delayedWriter) wait() {
	if !w.waited {
		w.waited = true
		sleepCtx(w.ctx, w.delay)
	}
}

// WriteHeader implements http.ResponseWriter.
func (w *delayedWriter) WriteHeader(code int) {
	w.wait()
	w.ResponseWriter.WriteHeader(code)
}

// Write implements http.ResponseWriter.
func (w *delayedWriter) Write(b []byte) (int, error) {
	w.wait()
	return w.ResponseWriter.Write(b)
}

// Flush implements http.Flusher.
func (w *delayedWriter) Flush() {
	w.wait()
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *delayedWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// isDatafeedRead reports whether a call reads a datafeed (v1 or v2): the
// rate limit does not count those.
func isDatafeedRead(r *http.Request) bool {
	p := r.URL.Path
	return r.Method == http.MethodPost && strings.HasPrefix(p, "/agent/v5/datafeeds/") && strings.HasSuffix(p, "/read") ||
		r.Method == http.MethodGet && strings.HasPrefix(p, "/agent/v4/datafeed/") && strings.HasSuffix(p, "/read")
}

// rateLimiter is a token bucket per session: rate tokens a second, a
// burst of rate. Its methods are safe for concurrent use.
type rateLimiter struct {
	rate float64

	mu      sync.Mutex
	buckets map[string]*bucket
	allowed int
	limited int
}

// bucket is one session's tokens as of last.
type bucket struct {
	tokens float64
	last   time.Time
}

// maxBuckets is the number of buckets past which idle, full ones are
// dropped.
const maxBuckets = 4096

// take spends a token of key's bucket at now; when there is none it
// returns false and how long until there is one.
func (l *rateLimiter) take(key string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.buckets == nil {
		l.buckets = map[string]*bucket{}
	}
	b := l.buckets[key]
	if b == nil {
		if len(l.buckets) >= maxBuckets {
			l.prune(now)
		}
		b = &bucket{tokens: l.rate, last: now}
		l.buckets[key] = b
	}
	b.tokens = min(l.rate, b.tokens+now.Sub(b.last).Seconds()*l.rate)
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		l.allowed++
		return true, 0
	}
	l.limited++
	return false, time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
}

// prune drops the buckets that have refilled: they are as good as new.
func (l *rateLimiter) prune(now time.Time) {
	for k, b := range l.buckets {
		if b.tokens+now.Sub(b.last).Seconds()*l.rate >= l.rate {
			delete(l.buckets, k)
		}
	}
}

// counts returns the calls allowed and refused so far.
func (l *rateLimiter) counts() (allowed, limited int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.allowed, l.limited
}

// withRateLimit answers 429 with Retry-After to the pod and agent calls of
// a session beyond Options.RateLimit, datafeed reads excepted; logins are
// not counted.
func (s *Server) withRateLimit(next http.Handler) http.Handler {
	if s.limiter == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tok, p := r.Header.Get("sessionToken"), r.URL.Path
		if tok == "" || !strings.HasPrefix(p, "/pod/") && !strings.HasPrefix(p, "/agent/") || isDatafeedRead(r) {
			next.ServeHTTP(w, r)
			return
		}
		ok, wait := s.limiter.take(tok, time.Now())
		if ok {
			next.ServeHTTP(w, r)
			return
		}
		// Retry-After is in whole seconds, rounded up, as pods send it.
		secs := max(1, int(math.Ceil(wait.Seconds())))
		w.Header().Set("Retry-After", strconv.Itoa(secs))
		writeError(w, http.StatusTooManyRequests, msgTooManyRequests)
	})
}
