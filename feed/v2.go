package feed

import (
	"context"
	"errors"
	"regexp"
	"time"

	"github.com/tutti-chat/tutti/symphony"
)

// fanoutFeed is the id of a fan-out datafeed v2, the kind a client may
// reuse; datahose feeds (…_p_…) must not be [J-df DatafeedLoopV2].
var fanoutFeed = regexp.MustCompile(`^[^\s_]+_f(_[^\s_]+)?$`)

// noV2Error says the agent has no datafeed v2 (404 on list or create).
type noV2Error struct{ err error }

// Error implements error.
func (e *noV2Error) Error() string { return e.err.Error() }

// Unwrap returns the 404.
func (e *noV2Error) Unwrap() error { return e.err }

// pickFeed returns the listed feed to reuse: with a tag, the fan-out feed
// whose id is the tag (the BDK's rule) or else any listed fan-out feed (the
// list was asked for by tag); without one, the first fan-out feed.
func pickFeed(feeds []symphony.V5Datafeed, tag string) (string, bool) {
	fanout := func(f symphony.V5Datafeed) bool { return f.Type == "" || f.Type == "fanout" }
	if tag != "" {
		for _, f := range feeds {
			if f.ID == tag && fanout(f) {
				return f.ID, true
			}
		}
	}
	for _, f := range feeds {
		if fanout(f) && fanoutFeed.MatchString(f.ID) {
			return f.ID, true
		}
	}
	return "", false
}

// runV2 runs the datafeed v2 loop. It returns a *noV2Error when the agent
// answers the first list or create with 404.
func (l *loop) runV2(ctx context.Context) error {
	created := false
	id, asked, err := l.obtain(ctx, func(ctx context.Context) (string, error) {
		feeds, err := l.api.ListDatafeeds(ctx, l.opts.Tag)
		if err != nil {
			return "", wrap("datafeed v2 list", err)
		}
		if id, ok := pickFeed(feeds, l.opts.Tag); ok {
			created = false
			return id, nil
		}
		created = true
		return l.createV2(ctx)
	})
	if err != nil {
		if symphony.IsNotFound(err) {
			return &noV2Error{err: err}
		}
		return err
	}
	l.useFeed(id, created, asked)
	if err := l.report(ctx, Status{State: Opened}); err != nil {
		return err
	}
	ack := ""
	for {
		began := l.clock.Now()
		res, err := l.api.ReadDatafeed(ctx, l.feedID, ack, l.opts.UpdatePresence)
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		if err == nil {
			// Acknowledge the batch (send its ackId) only once handed over.
			if err := l.delivered(ctx, began, res.Events); err != nil {
				return err
			}
			ack = res.AckID
			continue
		}
		err = wrap("datafeed v2 read", err)
		if !symphony.IsFeedGone(err) {
			if err := l.recover(ctx, err); err != nil {
				return err
			}
			continue
		}
		if err := l.replace(ctx, err, l.recreateV2); err != nil {
			return err
		}
		ack = ""
	}
}

// createV2 creates a datafeed v2 with the configured tag.
func (l *loop) createV2(ctx context.Context) (string, error) {
	f, err := l.api.CreateDatafeed(ctx, symphony.V5DatafeedCreateBody{Tag: l.opts.Tag, IncludeInvisible: l.opts.IncludeInvisible})
	if err != nil {
		return "", wrap("datafeed v2 create", err)
	}
	if f.ID == "" {
		return "", errors.New("datafeed v2 create: the answer holds no feed id")
	}
	return f.ID, nil
}

// recreateV2 deletes the current feed, whatever the agent answers, and
// creates another.
func (l *loop) recreateV2(ctx context.Context) (string, time.Time, error) {
	if err := l.api.DeleteDatafeed(ctx, l.feedID); err != nil && ctx.Err() == nil {
		l.log.Debug("datafeed: delete the dead feed", "feed", l.feedID, "err", err)
	}
	return l.obtain(ctx, l.createV2)
}
