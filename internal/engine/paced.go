package engine

import (
	"context"

	"github.com/tutti-chat/tutti/symphony"
)

// pacedAPI makes the catch-up's calls through the pacer: each one waits
// for its turn, and one answered 429 is made again once the pause is over,
// so a rate limit never surfaces as an error.
type pacedAPI struct {
	api API
	p   *pacer
}

// StreamMessages implements history.Fetcher.
func (a pacedAPI) StreamMessages(ctx context.Context, streamID string, q symphony.MessageQuery) ([]symphony.V4Message, error) {
	return paced(ctx, a.p, func() ([]symphony.V4Message, error) { return a.api.StreamMessages(ctx, streamID, q) })
}

// AllStreams lists every stream of the account, a page a call.
func (a pacedAPI) AllStreams(ctx context.Context, filter symphony.StreamFilter) ([]symphony.StreamAttributes, error) {
	return symphony.PageStreams(ctx, func(ctx context.Context, skip, limit int) ([]symphony.StreamAttributes, error) {
		return paced(ctx, a.p, func() ([]symphony.StreamAttributes, error) { return a.api.ListStreams(ctx, filter, skip, limit) })
	})
}

// paced makes call when the pacer lets it, again after each 429.
func paced[T any](ctx context.Context, p *pacer, call func() (T, error)) (T, error) {
	turn := p.turn()
	for {
		t, err := p.acquire(ctx, turn)
		if err != nil {
			var zero T
			return zero, err
		}
		v, err := call()
		after, limited := symphony.IsRateLimited(err)
		p.done(t, limited, after)
		if !limited {
			return v, err
		}
	}
}
