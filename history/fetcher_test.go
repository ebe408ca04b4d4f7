package history

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/tutti-chat/tutti/symphony"
)

// fakeFetcher serves a stream's history as the agent does: messages with
// since ≤ timestamp (≤ until), ordered by (timestamp, id), after skip, at
// most limit. It can misbehave like old or broken agents.
type fakeFetcher struct {
	t           testing.TB
	mu          sync.Mutex
	msgs        []symphony.V4Message // ordered
	ignoreUntil bool                 // an agent older than the until parameter
	ignoreSkip  bool
	shuffle     *rand.Rand // answer pages in random order
	failAt      int        // the failAt-th call fails (from 1; 0: never)
	calls       []symphony.MessageQuery
}

// newFake returns a fake serving msgs.
func newFake(t testing.TB, msgs ...symphony.V4Message) *fakeFetcher {
	f := &fakeFetcher{t: t, msgs: slices.Clone(msgs)}
	sortMessages(f.msgs)
	return f
}

var errFake = errors.New("fake agent down")

func (f *fakeFetcher) StreamMessages(ctx context.Context, sid string, q symphony.MessageQuery) ([]symphony.V4Message, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, q)
	if q.Limit > symphony.MaxMessagesPerPage || q.Limit < 0 || q.Skip < 0 {
		f.t.Errorf("bad query %+v", q)
	}
	if f.failAt > 0 && len(f.calls) == f.failAt {
		return nil, errFake
	}
	limit := q.Limit
	if limit == 0 {
		limit = 50
	}
	skip := q.Skip
	if f.ignoreSkip {
		skip = 0
	}
	var out []symphony.V4Message
	for _, m := range f.msgs {
		if m.Timestamp < q.Since || (q.Until > 0 && !f.ignoreUntil && m.Timestamp > q.Until) {
			continue
		}
		if skip > 0 {
			skip--
			continue
		}
		if len(out) == limit {
			break
		}
		out = append(out, m)
	}
	if f.shuffle != nil {
		f.shuffle.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	}
	return out, nil
}

// queries returns the number of calls so far.
func (f *fakeFetcher) queries() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.calls)
}

// ids returns the ids of messages.
func ids(msgs []symphony.V4Message) []string {
	out := make([]string, len(msgs))
	for i, m := range msgs {
		out[i] = m.MessageID
	}
	return out
}

// series returns count messages named prefix0, prefix1… at timestamps ts(i).
func series(prefix string, count int, ts func(i int) int64) []symphony.V4Message {
	out := make([]symphony.V4Message, count)
	for i := range out {
		out[i] = msg(fmt.Sprintf("%s%03d", prefix, i), ts(i), prefix)
	}
	return out
}
