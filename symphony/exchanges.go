package symphony

import (
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

// list returns the calls recorded, oldest first.
func (l *exchangeLog) list() []Exchange {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]Exchange, 0, len(l.ring))
	out = append(out, l.ring[l.next:]...)
	return append(out, l.ring[:l.next]...)
}

// Exchanges returns the client's last HTTP calls, oldest first, with
// their status and duration.
func (c *Client) Exchanges() []Exchange { return c.exchanges.list() }
