package ui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/internal/engine"
)

// maxBatch bounds the items one itemsMsg carries, so that one Update stays
// short even when a large back-fill is queued.
const maxBatch = 4096

// gather is how long listen gathers items after the first one, so that a
// burst becomes one update instead of many: at most ten frames a second
// change because of the feed. Each changed frame costs Bubble Tea's
// renderer about 3 ms at 200×60; one batch per 60 fps frame at 100
// events/s took 17 % of a core, one per 50 ms 12 %, one per 100 ms under
// 10 %, for at most 100 ms more before a message shows, which no reader of
// a chat can tell. Keys are not batched: they show in the next frame.
const gather = 100 * time.Millisecond

// listen returns the command that waits for the next engine item, then
// gathers what arrives within gather (at most maxBatch items) into one
// itemsMsg. Update re-arms it after each batch; there is never more than
// one. Items wait in the channel meanwhile, so a full channel blocks the
// engine and, through it, the datafeed.
func listen(ch <-chan engine.Item) tea.Cmd {
	if ch == nil {
		return nil
	}
	return func() tea.Msg {
		it, ok := <-ch
		if !ok {
			return itemsMsg{Closed: true}
		}
		batch := make([]engine.Item, 1, 64)
		batch[0] = it
		timer := time.NewTimer(gather)
		defer timer.Stop()
		for len(batch) < maxBatch {
			select {
			case it, ok := <-ch:
				if !ok {
					return itemsMsg{Items: batch, Closed: true}
				}
				batch = append(batch, it)
			case <-timer.C:
				return itemsMsg{Items: batch}
			}
		}
		return itemsMsg{Items: batch}
	}
}

// fetchLatest returns the command that fetches the newest page of a stream
// for the request (stream, gen).
func fetchLatest(ctx context.Context, p *history.Pager, stream string, gen uint64) tea.Cmd {
	return func() tea.Msg {
		return pageMsg{Stream: stream, Gen: gen, Page: p.Latest(ctx, stream, 0)}
	}
}

// fetchOlder returns the command that fetches the page of a stream just
// before until, for the request (stream, gen).
func fetchOlder(ctx context.Context, p *history.Pager, stream string, gen uint64, until int64) tea.Cmd {
	return func() tea.Msg {
		return pageMsg{Stream: stream, Gen: gen, Older: true, Page: p.Older(ctx, stream, until, 0)}
	}
}

// fetchGap returns the command that fetches the messages of gap g of a
// stream, at most maxN of them, for the request (stream, gen).
func fetchGap(ctx context.Context, p *history.Pager, stream string, gen uint64, g history.Gap, maxN int) tea.Cmd {
	return func() tea.Msg {
		return pageMsg{Stream: stream, Gen: gen, Fill: &g, Page: p.Fill(ctx, stream, g, maxN)}
	}
}

// tick returns the command that sends the next tickMsg in a second.
func tick() tea.Cmd {
	return tea.Tick(time.Second, func(t time.Time) tea.Msg { return tickMsg(t) })
}
