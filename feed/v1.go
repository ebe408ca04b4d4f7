package feed

import (
	"context"
	"errors"
	"time"

	"github.com/tutti-chat/tutti/symphony"
)

// runV1 runs the datafeed v1 loop: the kept feed id, or a new feed, then
// reads until the end. 200 [] and 204 are long polls that ended without
// events.
func (l *loop) runV1(ctx context.Context) error {
	id, created, asked := l.keptID(), false, l.clock.Now()
	if id == "" {
		var err error
		if id, asked, err = l.obtain(ctx, l.createV1); err != nil {
			return err
		}
		created = true
	}
	l.useFeed(id, created, asked)
	if err := l.report(ctx, Status{State: Opened}); err != nil {
		return err
	}
	for {
		began := l.clock.Now()
		events, err := l.api.ReadDatafeedV1(ctx, l.feedID)
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		if err == nil {
			if err := l.delivered(ctx, began, events); err != nil {
				return err
			}
			continue
		}
		err = wrap("datafeed v1 read", err)
		if !symphony.IsFeedGone(err) {
			if err := l.recover(ctx, err); err != nil {
				return err
			}
			continue
		}
		if err := l.replace(ctx, err, func(ctx context.Context) (string, time.Time, error) {
			return l.obtain(ctx, l.createV1)
		}); err != nil {
			return err
		}
	}
}

// createV1 creates a datafeed v1 and keeps its id in the id file.
func (l *loop) createV1(ctx context.Context) (string, error) {
	id, err := l.api.CreateDatafeedV1(ctx)
	if err != nil {
		return "", wrap("datafeed v1 create", err)
	}
	if id == "" {
		return "", errors.New("datafeed v1 create: the answer holds no feed id")
	}
	if l.opts.IDFilePath != "" {
		if err := writeFeedID(l.opts.IDFilePath, id, l.opts.AgentURL); err != nil {
			l.log.Warn("datafeed: the feed id is not kept; a restart will create another feed", "err", err)
		}
	}
	return id, nil
}

// keptID returns the v1 feed id of the id file, or "" when there is none
// to reuse.
func (l *loop) keptID() string {
	if l.opts.IDFilePath == "" {
		return ""
	}
	id, agent, err := readFeedID(l.opts.IDFilePath)
	switch {
	case err != nil:
		l.log.Warn("datafeed: a new feed replaces the kept one", "err", err)
		return ""
	case id != "" && !sameAgent(agent, l.opts.AgentURL):
		l.log.Info("datafeed: the kept feed id belongs to another agent", "agent", agent)
		return ""
	}
	return id
}
