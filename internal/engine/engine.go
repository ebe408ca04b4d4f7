package engine

import (
	"cmp"
	"context"
	"errors"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/tutti-chat/tutti/feed"
	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/internal/state"
	"github.com/tutti-chat/tutti/symphony"
)

// DedupeWindow is how long message ids are remembered per stream.
const DedupeWindow = 15 * time.Minute

// watermarkFile is the state file of the watermarks.
const watermarkFile = "watermarks.json"

// API is what the engine needs of the pod: *symphony.Client.
type API interface {
	feed.API
	history.Fetcher
	ListStreams(ctx context.Context, filter symphony.StreamFilter, skip, limit int) ([]symphony.StreamAttributes, error)
}

// Options configure an Engine.
type Options struct {
	Feed  feed.Options
	Pager history.PagerOptions
	// State keeps the watermarks between runs; nil keeps them in memory.
	State *state.Dir
	// Since is how much history of every stream to hand on at start, for
	// streams without a watermark; 0 hands on only what happens from now.
	Since time.Duration
	// Clock gives the time; nil means time.Now.
	Clock func() time.Time
	// Logger receives warnings (corrupt state, a failed catch-up); nil
	// discards them.
	Logger *slog.Logger
	// CatchUpLimit is about the most messages one catch-up hands on per
	// stream (it stops at the end of the history page that reaches it);
	// past it the rest of the range is handed on as a gap item (Item.Gap)
	// to be filled on demand. 0 means no limit: every message is handed on.
	CatchUpLimit int
	// CatchUpConcurrency bounds the history calls in flight at once
	// (default DefaultCatchUpConcurrency); within it the pace adapts to
	// the pod's rate limit.
	CatchUpConcurrency int
	// Priority names the streams to catch up first, most urgent first;
	// Engine.Prioritize changes it while Run runs.
	Priority []string
	// DrainTimeout bounds how long a stopped Run reads the feed for what
	// it still holds (default 10 s); past it, history is asked instead.
	DrainTimeout time.Duration
	// QuickStop makes a stopped Run return at once, without draining the
	// feed and catching up a last time: for consumers that stop looking,
	// such as a UI that quits.
	QuickStop bool
}

// DefaultCatchUpConcurrency is the default of Options.CatchUpConcurrency.
const DefaultCatchUpConcurrency = 32

// Item is one thing the engine hands on: an event, a status of the feed,
// a gap, or the progress of a catch-up.
type Item struct {
	// StreamID is the canonical id of the event's stream; "" for events
	// outside streams (connections) and for statuses.
	StreamID string
	// Event is the event as received, or for a message recovered from
	// history a MESSAGESENT event built around it.
	Event symphony.V4Event
	// Recovered marks a message found in history rather than the feed.
	Recovered bool
	// Status, when set, is a change of the feed's state and Event is empty.
	Status *feed.Status
	// Gap, when set, is a range of the stream whose messages a catch-up
	// did not hand on (capped by Options.CatchUpLimit, or failed); Event
	// is empty.
	Gap *history.Gap
	// Progress, when set, is how far a catch-up has got (handed on at
	// its start, about once a second, and at its end); Event is empty.
	Progress *Progress
	// Warning, when set, is a problem that may have lost or may repeat
	// messages: alone, one without a range to name (a corrupt or
	// unwritable watermark file); with Gap, why the gap's messages were not
	// fetched (a catch-up that failed, or was cut short at the stop),
	// where a Gap alone is one a capped catch-up left to fill on demand.
	// Event is empty.
	Warning string
}

// Engine follows one account of one pod.
type Engine struct {
	api     API
	paced   pacedAPI
	opts    Options
	now     func() time.Time
	log     *slog.Logger
	pace    *pacer
	pager   *history.Pager
	seen    *seen
	cu      *catchUp
	journal *state.Journal // the messages handed on since the last save; nil without state
	start   time.Time
	horizon time.Time // see startHorizon

	prioMu   sync.Mutex
	priority []string      // set by Prioritize
	prioSet  chan struct{} // signals a new priority to Run

	// Run's feed bookkeeping.
	opened      bool      // the feed exists: catch-ups may begin
	reconnected bool      // the feed reconnected since it was last live
	lastLive    time.Time // when the feed last delivered while live
	feedState   feed.State
}

// New returns an Engine; it contacts nothing until Run.
func New(api API, opts Options) *Engine {
	e := &Engine{api: api, opts: opts, now: opts.Clock, log: opts.Logger, prioSet: make(chan struct{}, 1)}
	if e.now == nil {
		e.now = time.Now
	}
	if e.log == nil {
		e.log = slog.New(slog.DiscardHandler)
	}
	if e.opts.Pager.Clock == nil {
		e.opts.Pager.Clock = e.now
	}
	if e.opts.CatchUpConcurrency <= 0 {
		e.opts.CatchUpConcurrency = DefaultCatchUpConcurrency
	}
	e.pace = newPacer(e.now, e.opts.CatchUpConcurrency)
	e.paced = pacedAPI{api: api, p: e.pace}
	e.pager = history.NewPager(e.paced, e.opts.Pager)
	e.seen = newSeen()
	e.cu = newCatchUp()
	e.priority = opts.Priority
	return e
}

// Prioritize names the streams to catch up first, most urgent first,
// replacing the previous list: the UI names the streams on screen, then
// those it knows were active last. Safe to call from any goroutine.
func (e *Engine) Prioritize(streamIDs ...string) {
	e.prioMu.Lock()
	e.priority = slices.Clone(streamIDs)
	e.prioMu.Unlock()
	select {
	case e.prioSet <- struct{}{}:
	default:
	}
}

// PaceStats returns the counts of the catch-up's history calls so far.
// Safe to call from any goroutine.
func (e *Engine) PaceStats() PaceStats { return e.pace.snapshot() }

// Timings of Run.
const (
	saveEvery     = 2 * time.Second        // watermarks are saved this often when changed
	progressEvery = time.Second            // a catch-up's progress is handed on this often
	drainTimeout  = 10 * time.Second       // the default of Options.DrainTimeout
	drainQuiet    = 2 * time.Second        // a live feed silent this long holds nothing more
	finalStall    = 10 * time.Second       // a stopped Run's last catch-up ends when no stream was caught up for this long
	tick          = 250 * time.Millisecond // how often Run looks at the clock
)

// Run follows the pod until ctx ends or the feed stops for good, calling
// emit for every item; an error from emit stops Run with that error. The
// watermarks are saved as Run goes and when it returns.
//
// The feed is found or created first and read at once; once it exists
// (feed.Opened), every stream is caught up from history beside it, the
// streams named by Prioritize first and a stream whose live event waits
// next. A stream's live events wait for its own catch-up only.
func (e *Engine) Run(ctx context.Context, emit func(Item) error) error {
	e.start = e.now()
	e.horizon = e.startHorizon()
	if err := e.loadWatermarks(); err != nil {
		e.log.Warn("engine: " + err.Error())
		if werr := emit(Item{Warning: "the watermarks could not be read (" + err.Error() + "): messages from the end of the last run to " +
			e.horizon.Format(time.RFC3339) + " may be missing"}); werr != nil {
			return werr
		}
	}
	journal := e.openJournal()
	e.journal = journal
	emit = journaled(journal, emit, func(err error) { e.log.Warn("engine: " + err.Error()) })
	e.horizon = e.startHorizon()
	defer func() {
		_ = e.saveWatermarks()
		if journal != nil {
			journal.Close()
		}
	}()
	e.prioMu.Lock()
	e.prioritize(e.priority)
	e.prioMu.Unlock()

	// The feed and the workers outlive ctx by the drain of a stopped Run.
	feedCtx, stopFeed := context.WithCancel(context.WithoutCancel(ctx))
	defer stopFeed()
	workCtx, stopWork := context.WithCancel(context.WithoutCancel(ctx))
	defer stopWork()
	updates := make(chan feed.Update)
	feedDone := make(chan error, 1)
	go func() { feedDone <- feed.Run(feedCtx, e.api, e.opts.Feed, updates) }()
	feedEnded := false
	defer func() {
		stopFeed()
		if !feedEnded {
			<-feedDone
		}
	}()

	jobs := make(chan job)
	results := make(chan result, e.opts.CatchUpConcurrency)
	var workers sync.WaitGroup
	for range e.opts.CatchUpConcurrency {
		workers.Go(func() { e.work(workCtx, jobs, results) })
	}
	defer func() {
		close(jobs)
		stopWork()
		workers.Wait()
	}()

	r := &runState{phase: running}
	ticker := time.NewTicker(tick)
	defer ticker.Stop()
	lastSave, lastProgress := e.now(), e.now()
	for {
		var out chan<- job
		next, ok := e.next()
		if ok && r.phase != stopped {
			out = jobs
		}
		done := ctx.Done()
		if r.phase != running {
			done = nil
		}
		var err error
		select {
		case <-done:
			if e.opts.QuickStop {
				return ctx.Err()
			}
			r.phase, r.drainEnd = draining, e.now().Add(cmp.Or(e.opts.DrainTimeout, drainTimeout))
			r.quietSince, r.stopAt = e.now(), e.now()
		case out <- next:
			e.taken(next)
		case res := <-results:
			err = e.complete(res, emit)
		case ferr := <-feedDoneOrNil(feedDone, feedEnded):
			feedEnded = true
			if r.phase == running {
				if ferr == nil {
					ferr = errors.New("datafeed loop ended")
				}
				return ferr
			}
			err = e.endDrain(r, false, stopFeed)
		case u := <-updates:
			r.quietSince = e.now()
			err = e.update(u, emit)
			if err == nil && r.phase == draining {
				switch {
				case u.Idle, r.pastStop(u.Events):
					err = e.endDrain(r, true, stopFeed)
				case u.Status != nil && u.Status.State != feed.Live:
					err = e.endDrain(r, false, stopFeed)
				}
			}
		case <-e.prioSet:
			e.prioMu.Lock()
			e.prioritize(e.priority)
			e.prioMu.Unlock()
		case <-ticker.C:
		}
		if err != nil {
			return err
		}
		now := e.now()
		if r.phase == draining && (now.After(r.drainEnd) || now.Sub(r.quietSince) >= drainQuiet && e.feedState == feed.Live) {
			quiet := !now.After(r.drainEnd)
			if err := e.endDrain(r, quiet, stopFeed); err != nil {
				return err
			}
		}
		if r.phase == finishing && (!e.cu.active || now.Sub(later(r.finalFrom, e.cu.lastDone)) > finalStall) {
			return e.finish(r, ctx, emit)
		}
		if e.cu.active && now.Sub(lastProgress) >= progressEvery {
			lastProgress = now
			if err := e.report(emit); err != nil {
				return err
			}
		}
		if e.seen.dirty && now.Sub(lastSave) > saveEvery {
			lastSave = now
			if err := e.saveWatermarks(); err != nil && !r.saveFailed {
				// Said once: the next run may repeat or miss what this one
				// handed on since the last save.
				r.saveFailed = true
				if err := emit(Item{Warning: "the watermarks could not be saved (" + err.Error() +
					"): a restart may miss or repeat messages handed on since"}); err != nil {
					return err
				}
			}
		}
	}
}

// feedDoneOrNil is the feed's end channel, or nil once it was received.
func feedDoneOrNil(ch chan error, ended bool) <-chan error {
	if ended {
		return nil
	}
	return ch
}

// The phases of Run.
type phase int

const (
	running   phase = iota
	draining        // ctx ended: the feed is read until it holds nothing more
	finishing       // the feed is stopped: the last catch-up ends
	stopped
)

// runState is Run's progress through its phases.
type runState struct {
	phase      phase
	drainEnd   time.Time // the drain stops then at the latest
	quietSince time.Time // the last update of the feed
	stopAt     time.Time // when ctx ended
	finalFrom  time.Time // when the last catch-up began
	saveFailed bool      // saving the watermarks failed: said once
}

// pastStopMargin is how much later than the stop an event must be stamped
// to show that the feed delivered everything up to the stop, for the
// clocks of the pod and this machine to differ a little.
const pastStopMargin = time.Second

// pastStop reports whether a batch read while draining holds an event
// stamped well after the stop: the feed delivers in order, so it has
// delivered everything sent before the stop.
func (r *runState) pastStop(events []symphony.V4Event) bool {
	limit := r.stopAt.Add(pastStopMargin).UnixMilli()
	for i := range events {
		if events[i].Timestamp >= limit {
			return true
		}
	}
	return false
}

// endDrain stops reading the feed. When the feed was live and delivered
// all it held (complete: it ran dry, fell quiet or went past the stop),
// everything up to the stop has been handed on or waits in a catch-up;
// otherwise (the feed failing, or the drain cut short) every stream is
// caught up once more from history, from a little before the feed last
// delivered.
func (e *Engine) endDrain(r *runState, complete bool, stopFeed context.CancelFunc) error {
	if r.phase != draining {
		return nil
	}
	stopFeed()
	r.phase, r.finalFrom = finishing, e.now()
	if !complete || e.feedState != feed.Live {
		from := int64(0)
		if !e.lastLive.IsZero() {
			from = e.lastLive.Add(-skewMargin).UnixMilli()
		}
		e.begin(from)
	}
	return nil
}

// finish ends a stopped Run. The catch-up may not have ended: then each
// stream it did not reach is handed on as a gap (see releaseHeld).
func (e *Engine) finish(r *runState, ctx context.Context, emit func(Item) error) error {
	r.phase = stopped
	n, err := e.releaseHeld(emit)
	if n > 0 {
		e.log.Warn("engine: the last catch-up was cut short: no stream was caught up for "+finalStall.String(), "streams", n)
	}
	if err != nil {
		return err
	}
	return ctx.Err()
}

// update applies one update of the feed.
func (e *Engine) update(u feed.Update, emit func(Item) error) error {
	if s := u.Status; s != nil {
		e.feedState = s.State
		if err := emit(Item{Status: s}); err != nil {
			return err
		}
		switch s.State {
		case feed.Opened:
			if !e.opened {
				e.opened = true
				e.begin(0)
			}
		case feed.Recreated:
			// The old feed's undelivered events are gone: catch up on the
			// window it may have lost.
			from := s.GapFrom.Add(-skewMargin).UnixMilli()
			if !e.opened {
				from = 0
			}
			e.opened = true
			e.begin(from)
		case feed.Reconnecting:
			e.reconnected = true
		case feed.Live:
			// After a reconnect a v1 feed may have lost the batch of a
			// dropped answer (a v2 feed delivers it again): the events
			// queued since the last update.
			if e.reconnected && s.Version == "v1" {
				e.begin(e.lastLive.Add(-skewMargin).UnixMilli())
			}
			e.reconnected = false
			e.lastLive = u.At
		}
		return nil
	}
	if !e.opened {
		e.opened = true
		e.begin(0)
	}
	if !e.reconnected {
		e.lastLive = u.At
	}
	return e.live(u.Events, emit)
}

// startHorizon is how far back a stream without a watermark is caught
// up: nothing of it was handed on, so everything after the engine's horizon
// is new. That horizon is the earliest of start-up minus Since, and (after
// a restart) the previous run's last activity minus a margin for clock
// skew; with neither, the start itself.
func (e *Engine) startHorizon() time.Time {
	h := e.start
	if e.opts.Since > 0 {
		h = e.start.Add(-e.opts.Since)
	}
	if last := e.seen.lastAlive; !last.IsZero() && last.Add(-skewMargin).Before(h) {
		h = last.Add(-skewMargin)
	}
	return h
}

// persisted is the content of the watermark file.
type persisted struct {
	// LastAlive is when the engine last handed something on.
	LastAlive time.Time                    `json:"lastAlive"`
	Streams   map[string]history.Watermark `json:"streams"`
}

func (e *Engine) loadWatermarks() error {
	if e.opts.State == nil {
		return nil
	}
	var p persisted
	if err := e.opts.State.Load(watermarkFile, &p); err != nil {
		return err
	}
	e.seen.restore(p.Streams, p.LastAlive)
	return nil
}

// saveWatermarks saves the watermarks and returns why it could not.
func (e *Engine) saveWatermarks() error {
	if e.opts.State == nil {
		return nil
	}
	streams, last := e.seen.snapshot()
	if err := e.opts.State.Save(watermarkFile, persisted{LastAlive: last, Streams: streams}); err != nil {
		e.log.Warn("engine: " + err.Error())
		return err
	}
	e.seen.dirty = false
	if e.journal != nil {
		// The watermarks now hold what the journal said.
		if err := e.journal.Reset(); err != nil {
			e.log.Warn("engine: " + err.Error())
		}
	}
	return nil
}
