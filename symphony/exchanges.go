package symphony

import (
	"slices"
	"sync"
	"time"
)

// maxExchanges is how many of its last HTTP calls a Client remembers.
const maxExchanges = 200

// Exchange is one HTTP call of a Client: what a user inspecting the
// connection wants to see. It never holds a header, a token or a body.
type Exchange struct {
	At       time.Time // when the request was sent
	Op       string    // what the call did, e.g. "read datafeed"
	Method   string
	Path     string // without the query
	Status   int    // 0 when no answer came
	Duration time.Duration
	Err      string // the network error, when no answer came
}

// exchangeLog is a ring of the last maxExchanges calls.
type exchangeLog struct {
	mu   sync.Mutex
	ring []Exchange
	next int
}

// add records one call.
func (l *exchangeLog) add(e Exchange) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.ring) < maxExchanges {
		l.ring = append(l.ring, e)
		return
	}
	l.ring[l.next] = e
	l.next = (l.next + 1) % maxExchanges
}

// list returns the calls recorded, in the order they were sent. A call is
// recorded when it ends, so a long poll sent first comes in after the
// calls sent while it waited; calls sent at the same instant stay in the
// order they ended.
func (l *exchangeLog) list() []Exchange {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]Exchange, 0, len(l.ring))
	out = append(out, l.ring[l.next:]...)
	out = append(out, l.ring[:l.next]...)
	slices.SortStableFunc(out, func(a, b Exchange) int { return a.At.Compare(b.At) })
	return out
}

// Exchanges returns the client's last HTTP calls in the order they were
// sent, with their status and duration.
func (c *Client) Exchanges() []Exchange { return c.exchanges.list() }
