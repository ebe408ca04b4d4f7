package history

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/tutti-chat/tutti/symphony"
)

// errSkipIgnored is returned when the agent answers the same full page
// again for a larger skip, which would make paging loop forever.
var errSkipIgnored = errors.New("the agent ignored the skip parameter")

// Latest fetches the newest n messages of a stream (PageSize when n ≤ 0).
// History pages only forward in time, so it searches windows backwards
// from now — since = now − FirstWindow, then windows twice as long, each
// ending where the previous began, as far back as MaxWindow — pages each
// forward with since + skip and keeps the last n. Reached is true when no
// older message exists.
func (p *Pager) Latest(ctx context.Context, streamID string, n int) Page {
	page := Page{StreamID: streamID, Gen: p.Generation(streamID)}
	now := p.now()
	msgs, reached, err := p.searchBack(ctx, streamID, backSearch{
		anchor: now, floor: max(now-p.opts.MaxWindow.Milliseconds(), 0), n: p.count(n), keep: -1,
	})
	page.Messages, page.Reached = msgs, reached
	if err != nil {
		page.Err = fmt.Errorf("history: latest messages of stream %s: %w", streamID, err)
	}
	return page
}

// Older fetches the n messages just before until (PageSize when n ≤ 0),
// the oldest timestamp a timeline holds, searching windows backwards from
// until to the beginning of the stream. It also returns every message at
// exactly until: those already loaded are dropped by the timeline's
// dedupe, and the others were missing; so a caller that pages back with
// until = Timeline.Oldest always makes progress. Reached is true when no
// older message exists.
func (p *Pager) Older(ctx context.Context, streamID string, until int64, n int) Page {
	page := Page{StreamID: streamID, Gen: p.Generation(streamID)}
	msgs, reached, err := p.searchBack(ctx, streamID, backSearch{
		anchor: until, until: until, n: p.count(n), keep: until,
	})
	page.Messages, page.Reached = msgs, reached
	if err != nil {
		page.Err = fmt.Errorf("history: messages of stream %s before %d: %w", streamID, until, err)
	}
	return page
}

// CatchUp fetches every message since a timeline's watermark: from since =
// wm.Timestamp, skipping the len(wm.IDs) messages of that millisecond
// already seen, then forward with since + skip until a page is short. A
// skip is right only when the messages it passes over are exactly wm.IDs —
// not when one of them was suppressed since (history no longer returns it)
// or another message of that millisecond was never seen. So when
// len(wm.IDs) + PageSize fits in one request, the first request reads those
// messages too (skip 0) and drops wm.IDs by id, exact in every case for the
// cost of reading them again; otherwise it sends the skip, and when the
// first page holds one of wm.IDs it starts again at skip 0 and drops them
// by id. Messages of wm.IDs are never returned.
//
// When more than maxN messages (maxN > 0) follow, it stops at the end of
// the page where it has maxN (never inside the watermark's millisecond),
// and Gap is the range still missing, from the last fetched timestamp to
// now; after an error too, with the messages fetched before it. Reached is true when it
// caught up. A zero watermark (nothing seen) fetches the newest maxN
// messages, as Latest does.
func (p *Pager) CatchUp(ctx context.Context, streamID string, wm Watermark, maxN int) Page {
	if wm.IsZero() {
		page := p.Latest(ctx, streamID, maxN)
		page.Reached = page.Err == nil
		return page
	}
	page := Page{StreamID: streamID, Gen: p.Generation(streamID)}
	now := p.now()
	msgs, c, done, err := p.forwardFrom(ctx, streamID, wm.Timestamp, wm.IDs, 0, maxN)
	page.Messages = msgs
	switch {
	case err != nil:
		page.Err = fmt.Errorf("history: catch up stream %s since %d: %w", streamID, wm.Timestamp, err)
		page.Gap = &Gap{From: c.since, To: max(now, c.since)}
	case done:
		page.Reached = true
	default:
		page.Gap = &Gap{From: c.since, To: max(now, c.since)}
	}
	return page
}

// Fill fetches the messages of a gap (g.From ≤ timestamp ≤ g.To), paging
// forward, for Timeline.FillGap. When more than maxN messages (maxN > 0)
// are in the gap it stops at the end of the page where it has maxN, never
// inside the millisecond g.From, so that each fill makes progress, and Gap
// is the narrower range still missing; after an error too. Reached is true when
// the whole gap was fetched.
func (p *Pager) Fill(ctx context.Context, streamID string, g Gap, maxN int) Page {
	if g.From > g.To {
		g.From, g.To = g.To, g.From
	}
	page := Page{StreamID: streamID, Gen: p.Generation(streamID)}
	msgs, c, done, err := p.forwardFrom(ctx, streamID, g.From, nil, g.To, maxN)
	page.Messages = msgs
	switch {
	case err != nil:
		page.Err = fmt.Errorf("history: fill the gap %d–%d of stream %s: %w", g.From, g.To, streamID, err)
		page.Gap = &Gap{From: c.since, To: g.To}
	case done:
		page.Reached = true
	default:
		page.Gap = &Gap{From: c.since, To: g.To}
	}
	return page
}

// count returns n, or the page size when n ≤ 0.
func (p *Pager) count(n int) int {
	if n <= 0 {
		return p.opts.PageSize
	}
	return n
}

// cursor is a position in a stream's history: since, and how many messages
// at since were already passed (the skip).
type cursor struct {
	since int64
	skip  int
}

// advance moves the cursor past a page ordered by (timestamp, id).
func (c *cursor) advance(page []symphony.V4Message) {
	for i := range page {
		ts := page[i].Timestamp
		if ts > c.since {
			c.since, c.skip = ts, 0
		}
		if ts == c.since {
			c.skip++
		}
	}
}

// sortMessages orders messages by (timestamp, canonical id): the agent
// does not promise an order.
func sortMessages(msgs []symphony.V4Message) {
	slices.SortStableFunc(msgs, func(a, b symphony.V4Message) int {
		return cmp.Or(cmp.Compare(a.Timestamp, b.Timestamp),
			strings.Compare(symphony.CanonicalID(a.MessageID), symphony.CanonicalID(b.MessageID)))
	})
}

// forward pages forward from c, up to until when it is > 0, and hands each
// page (ordered, cut at until) and the cursor after it to visit, until a
// page is short or passes until (done), or visit returns false. The first
// request has limit first, the next ones the page size.
func (p *Pager) forward(ctx context.Context, sid string, c cursor, until int64, first int,
	visit func(page []symphony.V4Message, c cursor) bool) (cursor, bool, error) {
	limit := first
	prevSince, prevFirst := int64(-1), ""
	for {
		if err := ctx.Err(); err != nil {
			return c, false, err
		}
		limit = min(max(limit, 1), symphony.MaxMessagesPerPage)
		page, err := p.f.StreamMessages(ctx, sid, symphony.MessageQuery{Since: c.since, Until: until, Skip: c.skip, Limit: limit})
		if err != nil {
			return c, false, err
		}
		sortMessages(page)
		full := len(page) >= limit
		if until > 0 {
			// An agent older than the until parameter ignores it.
			if i := slices.IndexFunc(page, func(m symphony.V4Message) bool { return m.Timestamp > until }); i >= 0 {
				page, full = page[:i], false
			}
		}
		if full && len(page) > 0 {
			id := symphony.CanonicalID(page[0].MessageID)
			if c.since == prevSince && id == prevFirst {
				return c, false, errSkipIgnored
			}
			prevSince, prevFirst = c.since, id
		}
		c.advance(page)
		more := visit(page, c)
		if !full {
			return c, true, nil
		}
		if !more {
			return c, false, nil
		}
		limit = p.opts.PageSize
	}
}

// forwardFrom fetches the messages from since (up to until when > 0),
// except those of known (ids at since already seen), stopping once it has
// maxN (maxN > 0) and has moved past since. It returns them
// ordered, the cursor after the last page and whether it reached the end.
func (p *Pager) forwardFrom(ctx context.Context, sid string, since int64, known []string, until int64,
	maxN int) ([]symphony.V4Message, cursor, bool, error) {
	seen := make(map[string]struct{}, len(known))
	for _, id := range known {
		seen[symphony.CanonicalID(id)] = struct{}{}
	}
	start, first := cursor{since: since}, p.opts.PageSize
	switch {
	case len(known) == 0:
	case len(known)+p.opts.PageSize <= symphony.MaxMessagesPerPage:
		// Read the messages the skip would pass over in the same request:
		// the ids of known drop them, which keeps the result exact even when
		// they are not the ones the skip assumes.
		first = len(known) + p.opts.PageSize
	default:
		start.skip = len(known)
	}
	var out []symphony.V4Message
	check, restart := start.skip > 0, false
	visit := func(page []symphony.V4Message, c cursor) bool {
		if check {
			// A page read with the skip must hold none of the skipped ids;
			// if it does, the skip passed over a message not seen.
			check = false
			if slices.ContainsFunc(page, func(m symphony.V4Message) bool { return has(seen, m.MessageID) }) {
				restart = true
				return false
			}
		}
		for _, m := range page {
			if !has(seen, m.MessageID) {
				out = append(out, m)
			}
		}
		return maxN <= 0 || len(out) < maxN || c.since == since
	}
	c, done, err := p.forward(ctx, sid, start, until, first, visit)
	if restart {
		c, done, err = p.forward(ctx, sid, cursor{since: since}, until, p.opts.PageSize, visit)
	}
	return out, c, done, err
}

// has reports whether a set of canonical ids holds a message id.
func has(set map[string]struct{}, id string) bool {
	if len(set) == 0 {
		return false
	}
	_, ok := set[symphony.CanonicalID(id)]
	return ok
}

// backSearch describes a search backwards in time.
type backSearch struct {
	anchor int64 // windows reach back from here
	until  int64 // the first window's until; 0 for none (Latest)
	floor  int64 // the search goes no further back
	n      int   // how many messages to find
	keep   int64 // messages at this timestamp are all kept, beyond n (-1: none)
}

// searchBack finds the newest s.n messages in windows reaching back from
// s.anchor, each window twice as long as the previous one. Between windows,
// one request (since = 0, limit 1) finds the oldest message before the
// window: when there is none, the search is over (reached); otherwise no
// window starts before it.
func (p *Pager) searchBack(ctx context.Context, sid string, s backSearch) ([]symphony.V4Message, bool, error) {
	var got []symphony.V4Message
	counted := 0
	until, window := s.until, p.opts.FirstWindow.Milliseconds()
	bottom, probed := s.floor, false
	for {
		since := max(s.anchor-window, bottom, 0)
		win, n, err := p.window(ctx, sid, since, until, s.n-counted, s.keep)
		got, counted = append(win, got...), counted+n
		switch {
		case err != nil:
			return got, false, err
		case counted >= s.n:
			return got, false, nil
		case since <= 0, probed && since <= bottom:
			// From the beginning, or from the oldest message.
			return got, true, nil
		}
		oldest, ok, err := p.oldestBefore(ctx, sid, since)
		switch {
		case err != nil:
			return got, false, err
		case !ok:
			return got, true, nil
		case since <= s.floor:
			return got, false, nil
		}
		if oldest > bottom {
			bottom, probed = oldest, true
		}
		until, window = since-1, window*2
	}
}

// window pages forward through [since, until] (until 0: no bound) and keeps
// the last need messages, plus every message at timestamp keep. It returns
// them ordered and how many of them count towards need.
func (p *Pager) window(ctx context.Context, sid string, since, until int64, need int, keep int64) ([]symphony.V4Message, int, error) {
	var got []symphony.V4Message
	counted := 0
	_, _, err := p.forward(ctx, sid, cursor{since: since}, until, p.opts.PageSize, func(page []symphony.V4Message, _ cursor) bool {
		for _, m := range page {
			got = append(got, m)
			if m.Timestamp != keep {
				counted++
			}
		}
		// Messages at keep are the newest (keep is the window's until), so
		// the oldest ones are those to drop.
		if excess := counted - need; excess > 0 {
			got = slices.Delete(got, 0, excess)
			counted = need
		}
		return true
	})
	return got, counted, err
}

// oldestBefore returns the timestamp of the oldest message before ts.
func (p *Pager) oldestBefore(ctx context.Context, sid string, ts int64) (int64, bool, error) {
	if ts <= 0 {
		return 0, false, nil
	}
	page, err := p.f.StreamMessages(ctx, sid, symphony.MessageQuery{Since: 0, Until: ts - 1, Limit: 1})
	if err != nil {
		return 0, false, err
	}
	// An agent that ignores until answers the oldest message of all.
	for _, m := range page {
		if m.Timestamp < ts {
			return m.Timestamp, true, nil
		}
	}
	return 0, false, nil
}
