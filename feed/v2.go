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
// list was asked for by tag); without one, the first fan-out feed (the loop
// never asks for that: it reuses only feeds of its own tag).
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
// answers the first list or create with 404. Only a feed listed under the
// loop's own tag is reused: without a tag, a feed is always created, so
// that another reader's feed is never taken.
func (l *loop) runV2(ctx context.Context) error {
	created := false
	id, asked, err := l.obtain(ctx, func(ctx context.Context) (string, error) {
		if l.opts.Tag != "" {
			feeds, err := l.api.ListDatafeeds(ctx, l.opts.Tag)
			if err != nil {
				return "", wrap("datafeed v2 list", err)
			}
			if id, ok := pickFeed(feeds, l.opts.Tag); ok {
				created = false
				return id, nil
			}
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
	if err := l.report(ctx, Status{State: Opened, OtherFeeds: l.otherFeeds(ctx)}); err != nil {
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

// otherFeeds counts the account's datafeeds v2 other than the one in use:
// the feeds of other readers (a bot, another tutti), which are left alone.
// It returns -1 when the list cannot be had.
func (l *loop) otherFeeds(ctx context.Context) int {
	feeds, err := l.api.ListDatafeeds(ctx, "")
	if err != nil {
		l.log.Debug("datafeed: list the account's feeds", "err", err)
		return -1
	}
	n := 0
	for _, f := range feeds {
		if f.ID != l.feedID {
			n++
		}
	}
	return n
}

// deleteOnExit deletes the feed in use, when Run was asked to, as Run
// ends: a feed nobody will read again would only count against the pod's
// limit of feeds per user until it expires.
func (l *loop) deleteOnExit() {
	if !l.opts.DeleteOnExit || l.version != "v2" || l.feedID == "" {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), deleteTimeout)
	defer cancel()
	if err := l.api.DeleteDatafeed(ctx, l.feedID); err != nil {
		l.log.Warn("datafeed: delete the feed at exit", "feed", l.feedID, "err", err)
		return
	}
	l.log.Info("datafeed: deleted at exit", "feed", l.feedID)
}

// deleteTimeout bounds the deletion of the feed at exit.
const deleteTimeout = 3 * time.Second

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
