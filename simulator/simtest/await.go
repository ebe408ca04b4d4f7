package simtest

import (
	"context"
	"testing"

	"github.com/tutti-chat/tutti/symphony"
)

// maxAwaitReads bounds the datafeed reads AwaitEvent makes.
const maxAwaitReads = 20

// AwaitEvent reads the datafeed v2 feedID of c, acknowledging each batch,
// until an event of type typ comes, and returns it; after maxAwaitReads
// reads without one, or a failed read, the test fails naming whose feed
// (who) and what was awaited.
func AwaitEvent(t testing.TB, ctx context.Context, c *symphony.Client, feedID, typ, who string) symphony.V4Event {
	t.Helper()
	ack := ""
	for range maxAwaitReads {
		list, err := c.ReadDatafeed(ctx, feedID, ack, false)
		if err != nil {
			t.Fatalf("read %s datafeed: %v", who, err)
		}
		ack = list.AckID
		for _, ev := range list.Events {
			if ev.Type == typ {
				return ev
			}
		}
	}
	t.Fatalf("%s datafeed never delivered %s in %d reads", who, typ, maxAwaitReads)
	return symphony.V4Event{}
}
