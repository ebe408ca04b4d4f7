package history

import (
	"context"
	"sync"
	"time"

	"github.com/tutti-chat/tutti/symphony"
)

// Fetcher fetches a page of a stream's history; *symphony.Client satisfies
// it.
type Fetcher interface {
	StreamMessages(ctx context.Context, streamID string, q symphony.MessageQuery) ([]symphony.V4Message, error)
}

// PagerOptions configure a Pager.
type PagerOptions struct {
	// PageSize is the limit of each request (default 100, at most 500).
	PageSize int
	// Clock gives the current time (default time.Now).
	Clock func() time.Time
	// FirstWindow is the first time window Latest and Older search; each
	// next one is twice as long (default 24h).
	FirstWindow time.Duration
	// MaxWindow is how far back from now Latest searches (default a year).
	MaxWindow time.Duration
}

// Defaults of PagerOptions.
const (
	DefaultPageSize    = 100
	DefaultFirstWindow = 24 * time.Hour
	DefaultMaxWindow   = 365 * 24 * time.Hour
)

// withDefaults returns o with every zero field set to its default.
func (o PagerOptions) withDefaults() PagerOptions {
	if o.PageSize <= 0 {
		o.PageSize = DefaultPageSize
	}
	o.PageSize = min(o.PageSize, symphony.MaxMessagesPerPage)
	if o.Clock == nil {
		o.Clock = time.Now
	}
	if o.FirstWindow < time.Millisecond {
		o.FirstWindow = DefaultFirstWindow
	}
	if o.MaxWindow <= 0 {
		o.MaxWindow = DefaultMaxWindow
	}
	o.MaxWindow = max(o.MaxWindow, o.FirstWindow)
	return o
}

// Pager fetches pages of streams' history through a Fetcher. It is safe for
// concurrent use (when its Fetcher is, as *symphony.Client is). Its fetching methods block, start no goroutine, and stamp
// each Page with the stream's generation when they started; Begin, End and
// Invalidate let the caller keep one request in flight per stream and drop
// stale results.
type Pager struct {
	f    Fetcher
	opts PagerOptions

	mu      sync.Mutex
	flights map[string]*flight // by canonical stream id
}

// flight is the request state of one stream.
type flight struct {
	gen  uint64 // current generation, from 1
	busy bool   // a request of generation gen is in flight
}

// NewPager returns a Pager that fetches through f.
func NewPager(f Fetcher, opts PagerOptions) *Pager {
	return &Pager{f: f, opts: opts.withDefaults(), flights: map[string]*flight{}}
}

// Page is the result of a fetch.
type Page struct {
	StreamID string
	Gen      uint64 // the stream's generation when the fetch started
	// Messages are ordered by (timestamp, id).
	Messages []symphony.V4Message
	// Reached: for Latest and Older, no older message exists; for CatchUp
	// and Fill, everything up to the end was fetched.
	Reached bool
	// Gap is, for CatchUp and Fill, what is still missing when the fetch
	// was capped or failed part way.
	Gap *Gap
	// Err is why the fetch failed; Messages then holds what was fetched
	// before the failure.
	Err error
}

// flightOf returns the state of a stream; p.mu is held.
func (p *Pager) flightOf(streamID string) *flight {
	id := symphony.CanonicalID(streamID)
	f := p.flights[id]
	if f == nil {
		f = &flight{gen: 1}
		p.flights[id] = f
	}
	return f
}

// Begin marks a request for a stream in flight and returns its generation;
// ok is false when one is already in flight for that stream.
func (p *Pager) Begin(streamID string) (gen uint64, ok bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	f := p.flightOf(streamID)
	if f.busy {
		return 0, false
	}
	f.busy = true
	return f.gen, true
}

// End clears the in-flight mark of the request (streamID, gen) and reports
// whether gen is still the stream's generation; when it is not, the result
// is stale and the caller drops it.
func (p *Pager) End(streamID string, gen uint64) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	f := p.flightOf(streamID)
	if gen != f.gen {
		return false
	}
	f.busy = false
	return true
}

// Invalidate starts a new generation of a stream (it was closed or reset):
// the request in flight, if any, becomes stale and a new one may begin.
func (p *Pager) Invalidate(streamID string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	f := p.flightOf(streamID)
	f.gen++
	f.busy = false
}

// Generation returns the current generation of a stream.
func (p *Pager) Generation(streamID string) uint64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.flightOf(streamID).gen
}

// InFlight reports whether a request is in flight for a stream.
func (p *Pager) InFlight(streamID string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.flightOf(streamID).busy
}

// now returns the current time in ms.
func (p *Pager) now() int64 { return p.opts.Clock().UnixMilli() }
