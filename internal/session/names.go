package session

import (
	"context"

	"github.com/tutti-chat/tutti/names"
	"github.com/tutti-chat/tutti/symphony"
)

// LoadNames fills a new directory of names from the pod: the account, its
// streams (returned: the stream list starts from them) and the names of
// their members. What it could read is kept when a later call fails.
func LoadNames(ctx context.Context, c *symphony.Client) (*names.Directory, []symphony.StreamAttributes, error) {
	d := names.New()
	me, err := c.SessionInfo(ctx)
	if err != nil {
		return d, nil, err
	}
	d.SetMe(me.ID)
	d.LookedUp(me)
	streams, err := c.AllStreams(ctx, symphony.StreamFilter{IncludeInactiveStreams: true})
	if err != nil {
		return d, nil, err
	}
	d.LearnStreams(streams)
	users, err := c.UsersByID(ctx, d.Members(), false)
	d.LookedUp(users...)
	return d, streams, err
}
