package engine

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/tutti-chat/tutti/feed"
	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/state"
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
	AllStreams(ctx context.Context, filter symphony.StreamFilter) ([]symphony.StreamAttributes, error)
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
	// QuickStop makes a stopped Run return at once, without draining the
	// feed and catching up a last time: for consumers that stop looking,
	// such as a UI that quits.
	QuickStop bool
}

// Item is one thing the engine hands on: an event, or a status of the feed.
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
	// capped by Options.CatchUpLimit did not hand on; Event is empty.
	Gap *history.Gap
}

// Engine follows one account of one pod.
type Engine struct {
	api         API
	opts        Options
	now         func() time.Time
	log         *slog.Logger
	pager       *history.Pager
	seen        *seen
	start       time.Time
	horizon     time.Time // see startHorizon
	reconnected bool      // the feed reconnected since it was last live
}

// New returns an Engine; it contacts nothing until Run.
func New(api API, opts Options) *Engine {
	e := &Engine{api: api, opts: opts, now: opts.Clock, log: opts.Logger}
	if e.now == nil {
		e.now = time.Now
	}
	if e.log == nil {
		e.log = slog.New(slog.DiscardHandler)
	}
	if e.opts.Pager.Clock == nil {
		e.opts.Pager.Clock = e.now
	}
	e.pager = history.NewPager(api, e.opts.Pager)
	e.seen = newSeen()
	return e
}

// Run follows the pod until ctx ends or the feed stops for good, calling
// emit for every item; an error from emit stops Run with that error. The
// watermarks are saved as Run goes and when it returns.
func (e *Engine) Run(ctx context.Context, emit func(Item) error) error {
	e.start = e.now()
	if err := e.loadWatermarks(); err != nil {
		e.log.Warn("engine: " + err.Error())
	}
	e.horizon = e.startHorizon()
	defer e.saveWatermarks()

	// The feed outlives ctx by the drain of a stopped Run.
	feedCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	defer cancel()
	updates := make(chan feed.Update)
	feedDone := make(chan error, 1)
	go func() { feedDone <- feed.Run(feedCtx, e.api, e.opts.Feed, updates) }()

	feedExists, idle := false, false
	// stop ends Run when ctx is done: the feed is drained, history caught
	// up once more, and the feed loop stopped.
	stop := func() error {
		if e.opts.QuickStop {
			return e.finish(cancel, feedDone, ctx.Err())
		}
		if feedExists && !idle {
			e.drain(updates, feedDone, emit)
		}
		cancel()
		e.finalCatchUp(emit)
		return e.finish(cancel, feedDone, ctx.Err())
	}

	// Hand on history at once; once the feed exists (its first read), catch
	// up again to cover what happened before it was created.
	if err := e.catchUp(ctx, emit); err != nil {
		if ctx.Err() != nil {
			return stop()
		}
		return e.finish(cancel, feedDone, err)
	}
	lastSave := e.now()
	for {
		select {
		case <-ctx.Done():
			return stop()
		case err := <-feedDone:
			if err == nil {
				err = errors.New("datafeed loop ended")
			}
			return err
		case u := <-updates:
			idle = u.Idle
			if err := e.handle(ctx, u, &feedExists, emit); err != nil {
				if ctx.Err() != nil {
					return stop()
				}
				return e.finish(cancel, feedDone, err)
			}
		}
		if e.seen.dirty && e.now().Sub(lastSave) > 2*time.Second {
			e.saveWatermarks()
			lastSave = e.now()
		}
	}
}

// drainTimeout bounds how long a stopped Run keeps reading the feed.
const drainTimeout = 10 * time.Second

// drain hands on, when Run is stopped, the events the feed still holds,
// until it runs dry or drainTimeout passes: history has most of them, but
// not the messages suppressed since.
func (e *Engine) drain(updates <-chan feed.Update, feedDone <-chan error, emit func(Item) error) {
	timeout := time.After(drainTimeout)
	for {
		select {
		case <-timeout:
			return
		case <-feedDone:
			return
		case u := <-updates:
			if u.Idle || u.Status != nil && u.Status.State != feed.Live {
				return
			}
			if e.emitLive(u.Events, emit) != nil {
				return
			}
		}
	}
}

// finalCatchUpTimeout bounds the last catch-up when Run is stopped.
const finalCatchUpTimeout = 10 * time.Second

// finalCatchUp hands on, when Run is stopped, what history has that the
// feed has not delivered yet, so that a consumer stopping at a deadline has
// every message sent before it.
func (e *Engine) finalCatchUp(emit func(Item) error) {
	ctx, cancel := context.WithTimeout(context.Background(), finalCatchUpTimeout)
	defer cancel()
	if err := e.catchUp(ctx, emit); err != nil {
		e.log.Warn("engine: final catch-up", "err", err)
	}
}

// finish stops the feed loop and waits for it.
func (e *Engine) finish(cancel context.CancelFunc, feedDone <-chan error, err error) error {
	cancel()
	<-feedDone
	return err
}

// handle applies one update of the feed.
func (e *Engine) handle(ctx context.Context, u feed.Update, feedExists *bool, emit func(Item) error) error {
	if s := u.Status; s != nil {
		if err := emit(Item{Status: s}); err != nil {
			return err
		}
		first := !*feedExists
		switch s.State {
		case feed.Recreated:
			// The old feed's undelivered events are gone.
			*feedExists = true
			return e.catchUp(ctx, emit)
		case feed.Reconnecting:
			e.reconnected = true
		case feed.Live:
			*feedExists = true
			// At start-up, catch up on the time before the feed existed.
			// After a reconnect, a v1 feed may have lost the batch of a
			// dropped answer (a v2 feed delivers it again).
			lossy := e.reconnected && s.Version == "v1"
			e.reconnected = false
			if first || lossy {
				return e.catchUp(ctx, emit)
			}
		}
		return nil
	}
	if !*feedExists {
		*feedExists = true
		if err := e.catchUp(ctx, emit); err != nil {
			return err
		}
	}
	return e.emitLive(u.Events, emit)
}

// emitLive hands on the events of a batch that are new.
func (e *Engine) emitLive(events []symphony.V4Event, emit func(Item) error) error {
	for i := range events {
		if item, fresh := e.seen.live(&events[i]); fresh {
			if err := emit(item); err != nil {
				return err
			}
		}
	}
	return nil
}

// catchUp hands on, for every stream of the account, the messages history
// has since its watermark, or since the start-up horizon for streams
// without one.
func (e *Engine) catchUp(ctx context.Context, emit func(Item) error) error {
	var streams []symphony.StreamAttributes
	err := retry(ctx, func() (err error) {
		streams, err = e.api.AllStreams(ctx, symphony.StreamFilter{})
		return err
	})
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		e.log.Warn("engine: list streams for the catch-up", "err", err)
	}
	ids := e.seen.streamIDs()
	for _, s := range streams {
		ids = append(ids, symphony.CanonicalID(s.ID))
	}
	done := map[string]bool{}
	for _, id := range ids {
		if done[id] {
			continue
		}
		done[id] = true
		wm, ok := e.seen.watermark(id)
		if !ok {
			wm = history.Watermark{Timestamp: e.horizon.UnixMilli()}
		}
		if err := e.catchUpStream(ctx, id, wm, emit); err != nil {
			return err
		}
	}
	return nil
}

// startHorizon is how far back a stream without a watermark is caught
// up: nothing of it was handed on, so everything after the engine's horizon
// is new. That horizon is the earliest of start-up minus Since, and (after
// a restart) the previous run's last activity minus a margin for clock
// skew; with neither, the start itself.
func (e *Engine) startHorizon() time.Time {
	const skewMargin = time.Minute
	h := e.start
	if e.opts.Since > 0 {
		h = e.start.Add(-e.opts.Since)
	}
	if last := e.seen.lastAlive; !last.IsZero() && last.Add(-skewMargin).Before(h) {
		h = last.Add(-skewMargin)
	}
	return h
}

// catchUpStream hands on the messages of one stream since wm.
func (e *Engine) catchUpStream(ctx context.Context, streamID string, wm history.Watermark, emit func(Item) error) error {
	gen, ok := e.pager.Begin(streamID)
	if !ok {
		return nil
	}
	limit := e.opts.CatchUpLimit
	if limit <= 0 {
		limit = maxCatchUp
	}
	var page history.Page
	_ = retry(ctx, func() error {
		page = e.pager.CatchUp(ctx, streamID, wm, limit)
		return page.Err
	})
	e.pager.End(streamID, gen)
	if page.Err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		e.log.Warn("engine: catch up", "stream", streamID, "err", page.Err)
		return nil
	}
	for i := range page.Messages {
		item, fresh := e.seen.recovered(streamID, &page.Messages[i])
		if !fresh {
			continue
		}
		if err := emit(item); err != nil {
			return err
		}
	}
	if page.Gap != nil {
		e.seen.gap(streamID, page.Gap.To)
		return emit(Item{StreamID: streamID, Gap: page.Gap})
	}
	return nil
}

// maxCatchUp bounds one stream's catch-up.
const maxCatchUp = 1 << 20

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

func (e *Engine) saveWatermarks() {
	if e.opts.State == nil {
		return
	}
	streams, last := e.seen.snapshot()
	if err := e.opts.State.Save(watermarkFile, persisted{LastAlive: last, Streams: streams}); err != nil {
		e.log.Warn("engine: " + err.Error())
		return
	}
	e.seen.dirty = false
}
