package feed

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/tutti-chat/tutti/symphony"
)

// Options configure Run.
type Options struct {
	// Version is the datafeed version: "v2" (the default) or "v1".
	Version string
	// Tag names this reader's datafeed v2: Run lists the feeds with ?tag=
	// and reuses the one whose id is the tag (the BDK's rule), or else a
	// listed fan-out feed; a new feed is created with the tag. Without a
	// tag Run reuses nothing and always creates a feed. It never reads a
	// feed it was not given the tag of: two readers of one feed share its
	// events between them, so every reader needs a tag of its own.
	Tag string
	// DeleteOnExit deletes the datafeed v2 in use when Run ends because
	// ctx ended: for a reader that will not come back to it.
	DeleteOnExit bool
	// IncludeInvisible is sent when a v2 feed is created.
	IncludeInvisible bool
	// UpdatePresence lets each v2 read set the user's presence to
	// AVAILABLE, as the agent does by default. It is false by default: a
	// monitor must not change the user's presence.
	UpdatePresence bool
	// IDFilePath is where a v1 feed id is kept, in the BDK's datafeed.id
	// format "<id>@<agent base URL>" (a directory means <dir>/datafeed.id);
	// "" keeps nothing.
	IDFilePath string
	// AgentURL is the agent base URL written after the @ in the id file. A
	// kept id written for another agent is not reused.
	AgentURL string
	// Retry is the back-off: InitialInterval, then × Multiplier up to
	// MaxInterval, for at most MaxAttempts attempts (0 or negative: no
	// limit). Unset fields take the BDK's datafeed defaults: 500 ms, ×2,
	// 300 s, no limit.
	Retry symphony.RetryConfig
	// RetryNow, when set, ends a back-off wait at once when it receives:
	// a person asked to reconnect now. The attempt counts as the next one.
	RetryNow <-chan struct{}
	// Clock is the time source; nil means real time.
	Clock Clock
	// Jitter returns a number in [0, 1) that places each back-off wait
	// between half its delay and the whole of it; nil means math/rand/v2.
	Jitter func() float64
	// Logger receives a line per change of state; nil discards.
	Logger *slog.Logger
}

// Clock is the time source, injectable for tests.
type Clock interface {
	Now() time.Time
	After(d time.Duration) <-chan time.Time
}

// realClock is the system's clock.
type realClock struct{}

// Now returns the current time.
func (realClock) Now() time.Time { return time.Now() }

// After returns a channel that receives the time once d has passed.
func (realClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// API is what the loop needs of *symphony.Client (so a test may wrap it).
// When the value also has a Login(context.Context) error method, Run calls
// it when a call is refused with 401.
type API interface {
	ListDatafeeds(ctx context.Context, tag string) ([]symphony.V5Datafeed, error)
	CreateDatafeed(ctx context.Context, body symphony.V5DatafeedCreateBody) (symphony.V5Datafeed, error)
	DeleteDatafeed(ctx context.Context, id string) error
	ReadDatafeed(ctx context.Context, id, ackID string, updatePresence bool) (symphony.V5EventList, error)
	CreateDatafeedV1(ctx context.Context) (string, error)
	ReadDatafeedV1(ctx context.Context, id string) ([]symphony.V4Event, error)
}

var _ API = (*symphony.Client)(nil)

// loginer is an API that can log in again on demand.
type loginer interface {
	Login(ctx context.Context) error
}

// Run runs the datafeed loop until ctx ends (it returns ctx.Err()) or the
// feed stops for good (it sends a Stopped status and returns the error). It
// sends on out and blocks while the consumer is slow: no read happens until
// the previous batch has been handed over. It never closes out.
func Run(ctx context.Context, api API, opts Options, out chan<- Update) error {
	if api == nil || out == nil {
		return errors.New("datafeed: Run needs an API and an out channel")
	}
	l := newLoop(api, opts, out)
	err := l.run(ctx)
	if cerr := ctx.Err(); cerr != nil {
		l.deleteOnExit()
		return cerr
	}
	_ = l.report(ctx, Status{State: Stopped, Err: err})
	return err
}

// loop is the state of one Run. Only Run's goroutine touches it.
type loop struct {
	api     API
	opts    Options
	backoff backoff
	clock   Clock
	jitter  func() float64
	log     *slog.Logger
	out     chan<- Update

	version  string
	feedID   string
	state    State // the last state reported; 0 before the first
	failures int   // consecutive failed calls since the last successful read

	// The current feed, to bound the gap when it dies.
	since     time.Time // when the loop asked for it (list or create)
	created   bool      // this run created it (rather than reusing it)
	read      bool      // a read of it succeeded
	lastRead  time.Time // when the last successful read began
	lastEvent time.Time // timestamp of the last event of the last non-empty batch
	lastEmpty bool      // the last successful read gave no event
}

// newLoop applies the defaults of opts.
func newLoop(api API, opts Options, out chan<- Update) *loop {
	l := &loop{
		api: api, opts: opts, backoff: newBackoff(opts.Retry),
		clock: opts.Clock, jitter: opts.Jitter, log: opts.Logger, out: out,
	}
	if l.clock == nil {
		l.clock = realClock{}
	}
	if l.jitter == nil {
		l.jitter = rand.Float64
	}
	if l.log == nil {
		l.log = slog.New(slog.DiscardHandler)
	}
	return l
}

// run picks the version and runs its loop; it returns why it ended.
func (l *loop) run(ctx context.Context) error {
	switch strings.ToLower(strings.TrimSpace(l.opts.Version)) {
	case "", "v2":
		l.version = "v2"
	case "v1":
		l.version = "v1"
	default:
		return fmt.Errorf("datafeed: unknown version %q: want \"v1\" or \"v2\"", l.opts.Version)
	}
	if err := l.report(ctx, Status{State: Connecting}); err != nil {
		return err
	}
	if l.version == "v2" {
		err := l.runV2(ctx)
		var no *noV2Error
		if !errors.As(err, &no) {
			return err
		}
		l.log.Warn("datafeed: the agent has no datafeed v2; falling back to v1", "err", no.err)
		l.version = "v1"
	}
	return l.runV1(ctx)
}

// send hands u to the consumer, waiting for it as long as ctx lasts.
func (l *loop) send(ctx context.Context, u Update) error {
	select {
	case l.out <- u:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// report records a change of state and sends it.
func (l *loop) report(ctx context.Context, s Status) error {
	return l.reportAt(ctx, l.clock.Now(), s)
}

// reportAt records a change of state that happened at at and sends it.
func (l *loop) reportAt(ctx context.Context, at time.Time, s Status) error {
	s.Version = l.version
	if s.FeedID == "" {
		s.FeedID = l.feedID
	}
	l.state = s.State
	l.logStatus(at, s)
	return l.send(ctx, Update{Status: &s, At: at})
}

// logStatus logs a change of state.
func (l *loop) logStatus(at time.Time, s Status) {
	attrs := []any{"state", s.State.String(), "version", s.Version, "feed", s.FeedID}
	switch s.State {
	case Reconnecting, Reauthenticating:
		l.log.Warn("datafeed: "+s.State.String(), append(attrs, "attempt", s.Attempt,
			"wait", s.NextTry.Sub(at).Round(time.Millisecond), "err", s.Err)...)
	case Recreated:
		l.log.Warn("datafeed: recreated", append(attrs, "gapFrom", s.GapFrom, "gapTo", s.GapTo, "err", s.Err)...)
	case Stopped:
		l.log.Error("datafeed: stopped", append(attrs, "err", s.Err)...)
	default:
		l.log.Info("datafeed: "+s.State.String(), attrs...)
	}
}

// useFeed makes id, asked for at since, the feed read from now on.
func (l *loop) useFeed(id string, created bool, since time.Time) {
	l.feedID, l.created, l.since = id, created, since
	l.read, l.lastRead, l.lastEvent, l.lastEmpty = false, time.Time{}, time.Time{}, false
}

// delivered records a successful read that began at began, reports Live
// when the feed was not, and hands the events over, if any.
func (l *loop) delivered(ctx context.Context, began time.Time, events []symphony.V4Event) error {
	at := l.clock.Now()
	l.failures = 0
	wasDrained := l.read && l.lastEmpty
	l.read, l.lastRead, l.lastEmpty = true, began, len(events) == 0
	if n := len(events); n > 0 {
		l.lastEvent = time.Time{}
		if ts := events[n-1].Timestamp; ts > 0 {
			l.lastEvent = time.UnixMilli(ts)
		}
	}
	if l.state != Live {
		if err := l.report(ctx, Status{State: Live}); err != nil {
			return err
		}
	}
	if len(events) == 0 {
		if wasDrained {
			return nil
		}
		return l.send(ctx, Update{Idle: true, At: at})
	}
	return l.send(ctx, Update{Events: events, At: at})
}

// gapFrom returns the earliest time at which the current feed may hold
// events that were never read (see the package comment).
func (l *loop) gapFrom() time.Time {
	if !l.read {
		return l.since
	}
	from := l.lastRead
	if !l.lastEmpty {
		// Events queued behind the last batch may be older than the read.
		if l.lastEvent.IsZero() {
			from = l.since
		} else if l.lastEvent.Before(from) {
			from = l.lastEvent
		}
	}
	if from.Before(l.since) {
		from = l.since
	}
	return from
}

// replace swaps the dead current feed for one made by create and reports
// the gap: from gapFrom to when the new feed exists.
func (l *loop) replace(ctx context.Context, cause error, create func(context.Context) (string, time.Time, error)) error {
	if l.created && !l.read {
		// A feed this run made died before its first read: back off rather
		// than recreate feeds in a tight loop.
		if err := l.backOff(ctx, cause, Reconnecting); err != nil {
			return err
		}
	}
	from := l.gapFrom()
	id, asked, err := create(ctx)
	if err != nil {
		return err
	}
	to := l.clock.Now()
	l.useFeed(id, true, asked)
	return l.reportAt(ctx, to, Status{State: Recreated, Err: cause, GapFrom: from, GapTo: to})
}

// obtain calls open until it gives a feed id, backing off between
// retryable failures. It returns the id and when the successful call began.
func (l *loop) obtain(ctx context.Context, open func(context.Context) (string, error)) (string, time.Time, error) {
	for {
		asked := l.clock.Now()
		id, err := open(ctx)
		if err == nil {
			return id, asked, nil
		}
		if cerr := ctx.Err(); cerr != nil {
			return "", time.Time{}, cerr
		}
		if err := l.recover(ctx, err); err != nil {
			return "", time.Time{}, err
		}
	}
}

// recover decides what a failed call leads to: another attempt after a
// back-off (nil), or the end of the loop (the error). A 401 with static
// session tokens ends it: no login can renew them.
func (l *loop) recover(ctx context.Context, err error) error {
	switch {
	case errors.Is(err, symphony.ErrTokenRejected):
		return err
	case symphony.IsUnauthorized(err):
		return l.backOff(ctx, err, Reauthenticating)
	case symphony.IsRetryable(err):
		return l.backOff(ctx, err, Reconnecting)
	default:
		return err
	}
}

// backOff counts a failure, reports it as state, logs in again when state
// is Reauthenticating, and waits before the next attempt. It returns an
// error when the attempts are used up or ctx ends.
func (l *loop) backOff(ctx context.Context, cause error, state State) error {
	l.failures++
	if l.backoff.exhausted(l.failures) {
		return &exhaustedError{attempts: l.failures, err: cause}
	}
	wait := l.backoff.delay(l.failures, l.jitter())
	if after, limited := symphony.IsRateLimited(cause); limited && after > wait {
		wait = after
	}
	now := l.clock.Now()
	if err := l.reportAt(ctx, now, Status{State: state, Attempt: l.failures, NextTry: now.Add(wait), Err: cause}); err != nil {
		return err
	}
	if lg, ok := l.api.(loginer); ok && state == Reauthenticating {
		if err := lg.Login(ctx); err != nil {
			if cerr := ctx.Err(); cerr != nil {
				return cerr
			}
			l.log.Warn("datafeed: log in again", "err", err)
		}
	}
	return l.sleep(ctx, wait)
}

// sleep waits d on the loop's clock, or until ctx ends.
func (l *loop) sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-l.clock.After(d):
		return nil
	case <-l.opts.RetryNow:
		l.log.Info("datafeed: retrying now, as asked")
		return nil
	}
}
