package engine

import (
	"context"
	"time"

	"github.com/tutti-chat/tutti/symphony"
)

// Back-off of catch-up calls: they are retried until they succeed, since a
// stream not caught up would lose messages for good.
const (
	retryInitial = 50 * time.Millisecond
	retryMax     = 2 * time.Second
)

// retry calls op until it succeeds, returns an error that is not worth
// retrying, or ctx ends. Rate limits are honoured.
func retry(ctx context.Context, op func() error) error {
	wait := retryInitial
	for {
		err := op()
		if err == nil || !symphony.IsRetryable(err) {
			return err
		}
		d := wait
		if after, limited := symphony.IsRateLimited(err); limited && after > d {
			d = after
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(d):
		}
		wait = min(wait*2, retryMax)
	}
}
