package feed_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/feed"
	"github.com/tutti-chat/tutti/symphony"
)

// readAll reads a datafeed v2 as another reader of the account (a bot)
// does, acknowledging every batch, until every message of want arrived.
func readAll(t *testing.T, c *symphony.Client, id string, want []string) {
	t.Helper()
	got := map[string]bool{}
	ack := ""
	deadline := time.Now().Add(patience)
	for time.Now().Before(deadline) {
		res, err := c.ReadDatafeed(context.Background(), id, ack, false)
		if err != nil {
			t.Fatalf("the bot's read: %v", err)
		}
		ack = res.AckID
		for _, ev := range res.Events {
			got[messageID(ev)] = true
		}
		if !slices.ContainsFunc(want, func(id string) bool { return !got[id] }) {
			return
		}
	}
	t.Fatalf("the bot's feed lacks messages: got %d of %d", len(got), len(want))
}

// TestSharedAccountEveryReaderGetsEverything runs two tutti readers beside
// a bot on one account: each has a feed of its own, the bot's feeds are
// never read, every reader receives every message, and the readers say
// how many other feeds the account has.
func TestSharedAccountEveryReaderGetsEverything(t *testing.T) {
	srv := startPod(t, nil)
	c := newClient(t, srv)
	ctx := context.Background()
	botPlain, err := c.CreateDatafeed(ctx, symphony.V5DatafeedCreateBody{})
	if err != nil {
		t.Fatal(err)
	}
	botTagged, err := c.CreateDatafeed(ctx, symphony.V5DatafeedCreateBody{Tag: "my-bot"})
	if err != nil {
		t.Fatal(err)
	}
	one := start(t, c, feed.Options{Tag: "tutti-one"})
	two := start(t, c, feed.Options{Tag: "tutti-two"})
	opened1, _ := one.status(feed.Opened)
	opened2, _ := two.status(feed.Opened)
	for _, o := range []feed.Status{opened1, opened2} {
		if o.FeedID == botPlain.ID || o.FeedID == botTagged.ID {
			t.Fatalf("a tutti reader took the bot's feed %s", o.FeedID)
		}
	}
	if opened1.FeedID == opened2.FeedID {
		t.Fatal("two tutti readers share one feed")
	}
	if opened1.OtherFeeds != 2 || opened2.OtherFeeds != 3 {
		t.Errorf("other feeds: %d and %d, want 2 (the bot's) and 3 (the bot's and the first reader's)", opened1.OtherFeeds, opened2.OtherFeeds)
	}
	one.status(feed.Live)
	two.status(feed.Live)
	im := newChat(t, srv, c)
	var want []string
	for _, text := range []string{"one", "two", "three", "four", "five"} {
		id, _ := im.post(text)
		want = append(want, id)
	}
	one.messages(want...)
	two.messages(want...)
	readAll(t, c, botPlain.ID, want)
	readAll(t, c, botTagged.ID, want)
}

// TestDeleteOnExit: a reader that will not come back deletes its feed when
// it stops; one that will keeps it, and finds it again.
func TestDeleteOnExit(t *testing.T) {
	srv := startPod(t, nil)
	c := newClient(t, srv)
	ctx := context.Background()
	ids := func() []string {
		feeds, err := c.ListDatafeeds(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, f := range feeds {
			out = append(out, f.ID)
		}
		return out
	}
	r := start(t, c, feed.Options{Tag: "tutti-gone", DeleteOnExit: true})
	gone, _ := r.status(feed.Live)
	r.stop()
	if slices.Contains(ids(), gone.FeedID) {
		t.Errorf("the feed %s outlived its reader, which asked for it to be deleted", gone.FeedID)
	}
	r = start(t, c, feed.Options{Tag: "tutti-kept"})
	kept, _ := r.status(feed.Live)
	r.stop()
	if !slices.Contains(ids(), kept.FeedID) {
		t.Fatalf("the feed %s was deleted though its reader will come back", kept.FeedID)
	}
	r = start(t, c, feed.Options{Tag: "tutti-kept"})
	if again, _ := r.status(feed.Live); again.FeedID != kept.FeedID {
		t.Errorf("the reader came back to %s, want its kept feed %s", again.FeedID, kept.FeedID)
	}
}
