package engine

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"time"

	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/symphony"
)

// The catch-up runs beside the feed. Run's goroutine owns the state below
// and decides; a pool of workers makes the history calls, through the
// pacer, and sends back what they found. A stream in a catch-up is
// pending: its live events wait (held) until its own catch-up is handed
// on, merged with them in time order, and only its own. A live event of a
// pending stream moves it to the front of the queue.

// streamState is a stream's place in the catch-up.
type streamState struct {
	queued  bool  // waiting for a worker
	urgent  bool  // in the urgent queue: a live event waits for it
	running bool  // a worker is fetching it
	again   bool  // a new catch-up began while it ran: fetch it once more
	from    int64 // the earliest start a catch-up needs (ms); 0: its watermark
	fetched int   // the catch-up (catchUp.round) its last fetch began in
	held    []symphony.V4Event
}

// pending reports whether the stream's live events wait.
func (st *streamState) pending() bool { return st.queued || st.running }

// job is a worker's task: the streams list (list) or one stream's
// history since wm.
type job struct {
	list   bool
	stream string
	wm     history.Watermark
}

// result is what a worker found.
type result struct {
	job
	page   history.Page
	listed []string // canonical ids
	err    error    // the list's error
}

// Progress is how far the current catch-up has got: after the feed
// exists at start-up, after a recreated feed, and on stop.
type Progress struct {
	Done, Total int       // streams not waiting for a catch-up, and streams known
	Started     time.Time // when this catch-up began
	Elapsed     time.Duration
	Finished    bool      // every stream is caught up
	Pace        PaceStats // the history calls made since Run began
}

// catchUp is the state of the catch-ups, owned by Run's goroutine.
type catchUp struct {
	streams map[string]*streamState
	urgent  []string // streams a live event waits for, first come first
	rest    []string // the other queued streams, in priority order once sorted
	sorted  bool     // rest is in priority order

	listQueued, listRunning, listAgain bool
	// listed: a streams list came back since the last catch-up began.
	listed bool
	// listFrom is the start the streams the list adds need.
	listFrom int64

	priority map[string]int // explicit priorities: rank, lower first

	round    int       // counts the catch-ups begun
	waiting  int       // streams pending: queued or running
	lastDone time.Time // when a stream's catch-up last ended
	active   bool
	progress Progress
	reported Progress // the last progress handed on
}

func newCatchUp() *catchUp {
	return &catchUp{streams: map[string]*streamState{}, priority: map[string]int{}}
}

// state returns a stream's state, creating it.
func (c *catchUp) state(id string) *streamState {
	st := c.streams[id]
	if st == nil {
		st = &streamState{}
		c.streams[id] = st
	}
	return st
}

// minFrom combines the starts two catch-ups need: 0 (the watermark) is the
// earliest.
func minFrom(a, b int64) int64 {
	if a == 0 || b == 0 {
		return 0
	}
	return min(a, b)
}

// skewMargin is how far before the time a feed may have lost events a
// catch-up starts, for the clocks of the pod and this machine to differ.
const skewMargin = time.Minute

// begin starts a catch-up of every stream known (seen in this run or kept
// in the watermarks) and of every stream the streams list gives, from their
// watermarks, or from from (ms) when it is later: the start of the window
// a dead feed may have lost.
func (e *Engine) begin(from int64) {
	c := e.cu
	c.round++
	if !c.active {
		c.active = true
		c.progress = Progress{Started: e.now()}
		c.listFrom = from
	} else {
		c.listFrom = minFrom(c.listFrom, from)
	}
	if c.listRunning {
		c.listAgain = true
	} else {
		c.listQueued = true
	}
	c.listed = false
	for _, id := range e.seen.streamIDs() {
		e.require(id, from)
	}
	for id := range c.streams {
		e.require(id, from)
	}
}

// require puts a stream in the catch-up.
func (e *Engine) require(id string, from int64) {
	c := e.cu
	st := c.state(id)
	switch {
	case st.running:
		if !st.again {
			st.again, st.from = true, from
		} else {
			st.from = minFrom(st.from, from)
		}
	case st.queued:
		st.from = minFrom(st.from, from)
	default:
		st.queued, st.from = true, from
		c.rest = append(c.rest, id)
		c.sorted = false
		c.waiting++
	}
}

// bump moves a queued stream to the front: a live event waits for it.
func (e *Engine) bump(id string) {
	st := e.cu.streams[id]
	if st != nil && st.queued && !st.urgent {
		st.urgent = true
		e.cu.urgent = append(e.cu.urgent, id)
	}
}

// prioritize sets the streams to catch up first, in order.
func (e *Engine) prioritize(ids []string) {
	c := e.cu
	clear(c.priority)
	for i, id := range ids {
		id = symphony.CanonicalID(id)
		if _, ok := c.priority[id]; !ok {
			c.priority[id] = i
		}
	}
	c.sorted = false
}

// sortRest orders the queue: streams named by the consumer first, in its
// order; then by the newest message handed on, most recent first (what
// was busy before is likely busy now); then by id.
func (e *Engine) sortRest() {
	c := e.cu
	rank := func(id string) int {
		if r, ok := c.priority[id]; ok {
			return r
		}
		return len(c.priority)
	}
	c.rest = slices.DeleteFunc(c.rest, func(id string) bool { return !c.streams[id].queued })
	slices.SortStableFunc(c.rest, func(a, b string) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)),
			cmp.Compare(e.seen.recency(b), e.seen.recency(a)),
			cmp.Compare(a, b))
	})
	c.sorted = true
}

// next returns the next job to hand to a worker, without taking it.
func (e *Engine) next() (job, bool) {
	c := e.cu
	if c.listQueued {
		return job{list: true}, true
	}
	for len(c.urgent) > 0 {
		if id := c.urgent[0]; c.streams[id].queued {
			return e.jobFor(id), true
		}
		c.urgent = c.urgent[1:]
	}
	if !c.sorted {
		e.sortRest()
	}
	for len(c.rest) > 0 {
		if id := c.rest[0]; c.streams[id].queued {
			return e.jobFor(id), true
		}
		c.rest = c.rest[1:]
	}
	return job{}, false
}

// jobFor builds a stream's job: since its watermark (or the start-up
// horizon when it has none), or since the window it needs when later.
func (e *Engine) jobFor(id string) job {
	wm, ok := e.seen.watermark(id)
	if !ok {
		wm = history.Watermark{Timestamp: e.horizon.UnixMilli()}
	}
	if from := e.cu.streams[id].from; from > wm.Timestamp {
		wm = history.Watermark{Timestamp: from}
	}
	return job{stream: id, wm: wm}
}

// taken records that the job next returned went to a worker.
func (e *Engine) taken(j job) {
	c := e.cu
	if j.list {
		c.listQueued, c.listRunning = false, true
		return
	}
	st := c.streams[j.stream]
	st.queued, st.urgent, st.running = false, false, true
	st.fetched = c.round
	if len(c.urgent) > 0 && c.urgent[0] == j.stream {
		c.urgent = c.urgent[1:]
	} else if len(c.rest) > 0 && c.rest[0] == j.stream {
		c.rest = c.rest[1:]
	}
}

// work runs jobs until jobs is closed or ctx ends.
func (e *Engine) work(ctx context.Context, jobs <-chan job, results chan<- result) {
	for j := range jobs {
		r := result{job: j}
		if j.list {
			r.listed, r.err = e.listStreams(ctx)
		} else {
			r.page = e.fetch(ctx, j)
		}
		select {
		case results <- r:
		case <-ctx.Done():
			return
		}
	}
}

// listStreams lists the account's streams, retrying what may pass.
func (e *Engine) listStreams(ctx context.Context) ([]string, error) {
	var streams []symphony.StreamAttributes
	err := retry(ctx, func() (err error) {
		streams, err = e.paced.AllStreams(ctx, symphony.StreamFilter{})
		return err
	})
	ids := make([]string, 0, len(streams))
	for _, s := range streams {
		ids = append(ids, symphony.CanonicalID(s.ID))
	}
	return ids, err
}

// fetch catches a stream up, retrying what may pass.
func (e *Engine) fetch(ctx context.Context, j job) history.Page {
	limit := e.opts.CatchUpLimit
	if limit <= 0 {
		limit = maxCatchUp
	}
	var page history.Page
	_ = retry(ctx, func() error {
		page = e.pager.CatchUp(ctx, j.stream, j.wm, limit)
		return page.Err
	})
	return page
}

// maxCatchUp bounds one stream's catch-up.
const maxCatchUp = 1 << 20

// complete takes a worker's result: it hands on what the stream's history
// had, merged in time order with the live events that waited for it.
func (e *Engine) complete(r result, emit func(Item) error) error {
	c := e.cu
	if r.list {
		c.listRunning = false
		if c.listAgain {
			c.listAgain, c.listQueued = false, true
		}
		if r.err != nil && !errors.Is(r.err, context.Canceled) {
			// Streams neither listed nor known from before are not caught
			// up: say so, since what they had is not handed on.
			e.log.Warn("engine: list the streams for the catch-up", "err", r.err)
			if err := emit(Item{Warning: "the streams could not be listed (" + r.err.Error() +
				"): streams not seen before may miss what came before their first event"}); err != nil {
				return err
			}
		}
		c.listed = true
		for _, id := range r.listed {
			// A stream fetched since this catch-up began needs no more.
			if st := c.streams[id]; st == nil || !st.pending() && st.fetched != c.round {
				e.require(id, c.listFrom)
			}
		}
		return e.settle(emit)
	}
	st := c.streams[r.stream]
	st.running = false
	if st.again {
		// A feed died while it ran: what it found may end before the
		// loss. Fetch again from the same watermark.
		st.again, st.queued = false, true
		st.urgent = len(st.held) > 0
		if st.urgent {
			c.urgent = append(c.urgent, r.stream)
		} else {
			c.rest = append(c.rest, r.stream)
			c.sorted = false
		}
		return nil
	}
	held := st.held
	st.held, st.from = nil, 0
	c.waiting--
	c.lastDone = e.now()
	if err := e.handOn(r.stream, r.page, held, emit); err != nil {
		return err
	}
	return e.settle(emit)
}

// handOn hands on a stream's catch-up and its held live events in time
// order, then the gap the catch-up left, if any.
func (e *Engine) handOn(id string, page history.Page, held []symphony.V4Event, emit func(Item) error) error {
	msgs := page.Messages
	i, j := 0, 0
	for i < len(msgs) || j < len(held) {
		var item Item
		var fresh bool
		if j >= len(held) || i < len(msgs) && msgs[i].Timestamp <= held[j].Timestamp {
			item, fresh = e.seen.recovered(id, &msgs[i])
			i++
		} else {
			item, fresh = e.seen.live(&held[j])
			j++
		}
		if fresh {
			if err := emit(item); err != nil {
				return err
			}
		}
	}
	warning := ""
	if err := page.Err; err != nil {
		if symphony.IsForbidden(err) || symphony.IsNotFound(err) || symphony.IsFeedGone(err) {
			// No longer a member, or no such stream: nothing to hand on.
			e.log.Info("engine: catch up", "stream", id, "err", err)
			return nil
		}
		e.log.Warn("engine: catch up", "stream", id, "err", err)
		warning = "the catch-up from history failed: " + err.Error()
	}
	if page.Gap != nil {
		e.seen.gap(id, page.Gap.To)
		return emit(Item{StreamID: id, Gap: page.Gap, Warning: warning})
	}
	return nil
}

// settle ends the catch-up when nothing is left to fetch, and reports it.
func (e *Engine) settle(emit func(Item) error) error {
	c := e.cu
	if !c.active || c.listQueued || c.listRunning || !c.listed {
		return nil
	}
	if c.waiting > 0 {
		return nil
	}
	c.active = false
	c.progress.Finished = true
	return e.report(emit)
}

// report hands on the progress when it changed since last reported.
func (e *Engine) report(emit func(Item) error) error {
	c := e.cu
	c.progress.Total = len(c.streams)
	c.progress.Done = len(c.streams) - c.waiting
	p := c.progress
	if p.Done == c.reported.Done && p.Total == c.reported.Total && p.Finished == c.reported.Finished &&
		p.Started.Equal(c.reported.Started) {
		return nil
	}
	p.Elapsed = e.now().Sub(p.Started)
	p.Pace = e.pace.snapshot()
	c.reported = p
	return emit(Item{Progress: &p})
}

// live hands on a batch of the feed: events of streams in a catch-up wait
// for it; a stream never seen before is caught up first.
func (e *Engine) live(events []symphony.V4Event, emit func(Item) error) error {
	c := e.cu
	for i := range events {
		ev := &events[i]
		var id string
		if s := ev.Stream(); s != nil {
			id = symphony.CanonicalID(s.StreamID)
		}
		if id != "" {
			st := c.streams[id]
			if st == nil {
				// A stream the catch-up did not know: its history may hold
				// what came before this event.
				e.require(id, 0)
				st = c.streams[id]
			}
			if st.pending() {
				st.held = append(st.held, *ev)
				e.bump(id)
				continue
			}
		}
		if item, fresh := e.seen.live(ev); fresh {
			if err := emit(item); err != nil {
				return err
			}
		}
	}
	return nil
}

// releaseHeld hands on, when Run stops before the catch-up ended, for each
// stream it did not reach, the range it did not fetch as a gap. Without a
// state directory the live events that waited are handed on too (better
// late than lost); with one they are not, so that the stream's watermark
// stays before the gap and the next run catches it up. It returns how many
// streams it did not reach.
func (e *Engine) releaseHeld(emit func(Item) error) (int, error) {
	var ids []string
	for id, st := range e.cu.streams {
		if st.pending() {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	now := e.now().UnixMilli()
	for _, id := range ids {
		st := e.cu.streams[id]
		gap := history.Gap{From: e.jobFor(id).wm.Timestamp, To: now}
		held := st.held
		st.held, st.queued, st.running = nil, false, false
		if e.opts.State != nil {
			held = nil
		}
		for i := range held {
			if item, fresh := e.seen.live(&held[i]); fresh {
				if err := emit(item); err != nil {
					return len(ids), err
				}
			}
		}
		if err := emit(Item{StreamID: id, Gap: &gap, Warning: "the catch-up from history was cut short at the stop"}); err != nil {
			return len(ids), err
		}
	}
	return len(ids), nil
}
