package simulator

import (
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// FaultKind names an injected failure.
type FaultKind string

// The kinds of fault. Each one, when it fires:
const (
	// FaultExpireFeed kills every datafeed (v1 and v2) of the service
	// accounts: their next read answers 400.
	FaultExpireFeed FaultKind = "expire-feed"
	// FaultExpireSession invalidates every session and key-manager token:
	// calls answer 401 until a new login.
	FaultExpireSession FaultKind = "expire-session"
	// FaultError5xx answers the next few pod and agent calls 503, 500,
	// 503 with an error body.
	FaultError5xx FaultKind = "error5xx"
	// FaultRateLimit answers the next pod or agent call 429 with
	// Retry-After: 1.
	FaultRateLimit FaultKind = "ratelimit"
	// FaultLatency delays the next few pod and agent calls.
	FaultLatency FaultKind = "latency"
	// FaultDrop cuts the connection of the next datafeed read in the middle
	// of its answer.
	FaultDrop FaultKind = "drop"
	// FaultDuplicate delivers the last acknowledged datafeed v2 batch of a
	// service account once more, with the next batch.
	FaultDuplicate FaultKind = "duplicate"
	// FaultAll, in a schedule, fires each other kind in turn.
	FaultAll FaultKind = "all"
)

// How much of each armed fault one firing gives.
const (
	error5xxCalls = 3
	latencyCalls  = 5
	latencyDelay  = 500 * time.Millisecond
)

// FaultKinds returns every kind of fault, in the order FaultAll fires them.
func FaultKinds() []FaultKind {
	return []FaultKind{FaultExpireFeed, FaultExpireSession, FaultError5xx, FaultRateLimit,
		FaultLatency, FaultDrop, FaultDuplicate}
}

// validKind reports whether k is a kind of fault (FaultAll excluded).
func validKind(k FaultKind) bool { return slices.Contains(FaultKinds(), k) }

// FaultRule fires Kind every Every.
type FaultRule struct {
	Kind  FaultKind
	Every time.Duration
}

// Faults is a schedule of injected failures.
type Faults struct {
	Rules []FaultRule
}

// IsZero reports an empty schedule.
func (f Faults) IsZero() bool { return len(f.Rules) == 0 }

// String returns the schedule in the syntax of ParseFaults.
func (f Faults) String() string {
	parts := make([]string, len(f.Rules))
	for i, r := range f.Rules {
		parts[i] = string(r.Kind) + ":" + r.Every.String()
	}
	return strings.Join(parts, ",")
}

// ParseFaults parses a schedule: comma-separated kind:interval pairs, the
// interval a Go duration, e.g. "expire-feed:2m,ratelimit:30s" or "all:20s"
// (each kind in turn every 20 s). An empty spec is an empty schedule.
func ParseFaults(spec string) (Faults, error) {
	var out Faults
	for part := range strings.SplitSeq(spec, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		kind, interval, ok := strings.Cut(part, ":")
		if !ok {
			return Faults{}, fmt.Errorf("parse faults: %q: want kind:interval, e.g. expire-feed:1m", part)
		}
		k := FaultKind(strings.ToLower(strings.TrimSpace(kind)))
		if k != FaultAll && !validKind(k) {
			return Faults{}, fmt.Errorf("parse faults: unknown kind %q (known: %s, all)", kind, kindList())
		}
		d, err := time.ParseDuration(strings.TrimSpace(interval))
		if err != nil {
			return Faults{}, fmt.Errorf("parse faults: %q: %w", part, err)
		}
		if d <= 0 {
			return Faults{}, fmt.Errorf("parse faults: %q: the interval must be positive", part)
		}
		out.Rules = append(out.Rules, FaultRule{Kind: k, Every: d})
	}
	return out, nil
}

// kindList lists the fault kinds for error messages.
func kindList() string {
	names := make([]string, 0, 7)
	for _, k := range FaultKinds() {
		names = append(names, string(k))
	}
	return strings.Join(names, ", ")
}

// FaultRecord is one entry of the fault log: a fault that fired, or one
// that took effect on a call.
type FaultRecord struct {
	Kind   FaultKind `json:"kind"`
	At     time.Time `json:"at"`
	Phase  string    `json:"phase"`  // "fired" or "applied"
	Source string    `json:"source"` // "schedule", "admin", "api"; empty when applied
	Detail string    `json:"detail,omitempty"`
}

// PendingFaults counts the armed faults not yet applied.
type PendingFaults struct {
	Error5xx  int `json:"error5xx"`
	RateLimit int `json:"ratelimit"`
	Latency   int `json:"latency"`
	Drop      int `json:"drop"`
	Duplicate int `json:"duplicate"`
}

// faultState holds the armed faults and the log. It has its own lock,
// which is never held while taking Server.mu.
type faultState struct {
	mu        sync.Mutex
	err5xx    int
	err5xxSeq int
	rate      int
	latency   int
	drop      int
	dup       int
	records   []FaultRecord
	log       *slog.Logger
}

// maxFaultRecords bounds the fault log.
const maxFaultRecords = 1000

// record appends to the log; it needs f.mu.
func (f *faultState) record(r FaultRecord) {
	f.records = append(f.records, r)
	if len(f.records) > maxFaultRecords {
		f.records = slices.Delete(f.records, 0, len(f.records)-maxFaultRecords)
	}
	f.log.Info("simulator: fault", "kind", r.Kind, "phase", r.Phase, "detail", r.Detail)
}

// applied logs a fault taking effect; it needs f.mu.
func (f *faultState) applied(k FaultKind, detail string) {
	f.record(FaultRecord{Kind: k, At: time.Now(), Phase: "applied", Detail: detail})
}

// arm arms a fault that acts on later calls and logs it. A firing is a
// bounded outage: it sets how many calls the fault takes, never adds to
// what is still armed, so faults fired faster than a client calls (one
// that backs off, say) never pile up into an outage without end.
func (f *faultState) arm(k FaultKind, source string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var detail string
	switch k {
	case FaultError5xx:
		f.err5xx = error5xxCalls
		detail = fmt.Sprintf("the next %d pod/agent calls answer 5xx", f.err5xx)
	case FaultRateLimit:
		f.rate = 1
		detail = "the next pod/agent call answers 429"
	case FaultLatency:
		f.latency = latencyCalls
		detail = fmt.Sprintf("the next %d pod/agent calls wait %s", f.latency, latencyDelay)
	case FaultDrop:
		f.drop = 1
		detail = "the next datafeed read is cut"
	case FaultDuplicate:
		f.dup = 1
		detail = "the next datafeed v2 read of a service account repeats the last acknowledged batch"
	}
	f.record(FaultRecord{Kind: k, At: time.Now(), Phase: "fired", Source: source, Detail: detail})
	return detail
}

// fired logs a fault that acted at once.
func (f *faultState) fired(k FaultKind, source, detail string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record(FaultRecord{Kind: k, At: time.Now(), Phase: "fired", Source: source, Detail: detail})
}

// take5xx consumes an armed 5xx: the status to answer, or 0.
func (f *faultState) take5xx(r *http.Request) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err5xx == 0 {
		return 0
	}
	f.err5xx--
	f.err5xxSeq++
	status := http.StatusServiceUnavailable
	if f.err5xxSeq%2 == 0 {
		status = http.StatusInternalServerError
	}
	f.applied(FaultError5xx, fmt.Sprintf("%s %s answered %d", r.Method, r.URL.Path, status))
	return status
}

// take consumes one armed fault of kind from the counter n, logging what
// it did (detail is only worded when one was armed); it reports whether
// one was armed.
func (f *faultState) take(n *int, kind FaultKind, detail func() string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if *n == 0 {
		return false
	}
	*n--
	f.applied(kind, detail())
	return true
}

// takeRateLimit consumes an armed 429.
func (f *faultState) takeRateLimit(r *http.Request) bool {
	return f.take(&f.rate, FaultRateLimit, func() string { return r.Method + " " + r.URL.Path + " answered 429" })
}

// takeLatency consumes an armed delay: how long to wait, or 0.
func (f *faultState) takeLatency(r *http.Request) time.Duration {
	if f.take(&f.latency, FaultLatency, func() string {
		return fmt.Sprintf("%s %s delayed %s", r.Method, r.URL.Path, latencyDelay)
	}) {
		return latencyDelay
	}
	return 0
}

// takeDrop consumes an armed dropped connection.
func (f *faultState) takeDrop(r *http.Request) bool {
	return f.take(&f.drop, FaultDrop, func() string { return r.Method + " " + r.URL.Path + " cut mid-answer" })
}

// takeDuplicate consumes an armed duplicate delivery.
func (f *faultState) takeDuplicate() bool {
	return f.take(&f.dup, FaultDuplicate, func() string { return "the last acknowledged batch is delivered again" })
}

// snapshot returns the log and the armed faults.
func (f *faultState) snapshot() ([]FaultRecord, PendingFaults) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.records), PendingFaults{
		Error5xx: f.err5xx, RateLimit: f.rate, Latency: f.latency, Drop: f.drop, Duplicate: f.dup,
	}
}

// InjectFault fires one fault now (FaultAll is not allowed here).
func (s *Server) InjectFault(kind FaultKind) error {
	return s.fire(kind, "api")
}

// fire fires a fault from source.
func (s *Server) fire(kind FaultKind, source string) error {
	switch kind {
	case FaultExpireFeed:
		s.mu.Lock()
		n := 0
		for id, f := range s.st.feeds {
			if u := s.st.users[f.owner]; u != nil && u.key != nil {
				f.kill()
				delete(s.st.feeds, id)
				n++
			}
		}
		for id, f := range s.st.feedsV1 {
			if u := s.st.users[f.owner]; u != nil && u.key != nil {
				f.kill()
				delete(s.st.feedsV1, id)
				n++
			}
		}
		s.mu.Unlock()
		s.faults.fired(kind, source, fmt.Sprintf("%d datafeeds of service accounts expired", n))
	case FaultExpireSession:
		s.mu.Lock()
		n := s.st.expireSessions()
		s.mu.Unlock()
		s.faults.fired(kind, source, fmt.Sprintf("%d tokens invalidated", n))
	case FaultError5xx, FaultRateLimit, FaultLatency, FaultDrop, FaultDuplicate:
		s.faults.arm(kind, source)
	default:
		return fmt.Errorf("inject fault: unknown kind %q (known: %s)", kind, kindList())
	}
	return nil
}

// FaultLog returns the faults that fired and took effect, oldest first.
func (s *Server) FaultLog() []FaultRecord {
	recs, _ := s.faults.snapshot()
	return recs
}

// startFaultSchedule starts one goroutine per rule of Options.Faults.
func (s *Server) startFaultSchedule() {
	for _, rule := range s.opts.Faults.Rules {
		s.wg.Go(func() {
			t := time.NewTicker(rule.Every)
			defer t.Stop()
			kinds := []FaultKind{rule.Kind}
			if rule.Kind == FaultAll {
				kinds = FaultKinds()
			}
			for i := 0; ; i++ {
				select {
				case <-s.ctx.Done():
					return
				case <-t.C:
				}
				if err := s.fire(kinds[i%len(kinds)], "schedule"); err != nil {
					s.log.Error("simulator: fault schedule", "err", err)
				}
			}
		})
	}
}

// withFaults applies the armed latency, 5xx and 429 faults to pod and agent
// calls, but for the agent's health checks, which report them (health.go).
func (s *Server) withFaults(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if !strings.HasPrefix(p, "/pod/") && !strings.HasPrefix(p, "/agent/") || isHealthPath(p) {
			next.ServeHTTP(w, r)
			return
		}
		if d := s.faults.takeLatency(r); d > 0 {
			t := time.NewTimer(d)
			select {
			case <-t.C:
			case <-r.Context().Done():
				t.Stop()
				return
			}
		}
		if status := s.faults.take5xx(r); status != 0 {
			msg := msgInternal
			if status == http.StatusServiceUnavailable {
				msg = msgUnavailable
			}
			writeError(w, status, msg)
			return
		}
		if s.faults.takeRateLimit(r) {
			w.Header().Set("Retry-After", strconv.Itoa(1))
			writeError(w, http.StatusTooManyRequests, msgTooManyRequests)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// dropResponse starts a 200 answer, sends part of its body and cuts the
// connection, as a network failure in the middle of an answer would.
func dropResponse(w http.ResponseWriter, partial string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", "4096")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte(partial))
	_ = http.NewResponseController(w).Flush()
	panic(http.ErrAbortHandler)
}
