package simulator_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/symphony"
)

// fanoutFeed is the id pattern BDKs reuse a datafeed v2 by.
var fanoutFeed = regexp.MustCompile(`^[^\s_]+_f(_[^\s_]+)?$`)

func TestDatafeedV2AckAndRedelivery(t *testing.T) {
	srv := start(t, simulator.Options{})
	c := newClient(t, srv)
	feed := c.createFeed()
	if !fanoutFeed.MatchString(feed) || !regexp.MustCompile(`^[0-9a-f]{32}_f$`).MatchString(feed) {
		t.Fatalf("feed id %q", feed)
	}
	im := c.createIM(aliceID)
	for _, text := range []string{"one", "two", "three"} {
		if _, err := srv.Post(im, aliceID, "<messageML>"+text+"</messageML>"); err != nil {
			t.Fatal(err)
		}
	}

	first := c.read(feed, "")
	// INSTANTMESSAGECREATED then three MESSAGESENT.
	if len(first.Events) != 4 || first.AckID == "" {
		t.Fatalf("first read: %d events, ackId %q", len(first.Events), first.AckID)
	}
	if first.Events[0].Type != symphony.EventInstantMessageCreated || first.Events[3].Type != symphony.EventMessageSent {
		t.Fatalf("types %s … %s", first.Events[0].Type, first.Events[3].Type)
	}

	// Not acknowledged: delivered again.
	again := c.read(feed, "")
	if len(again.Events) != 4 || again.Events[0].ID != first.Events[0].ID || again.AckID == first.AckID {
		t.Fatalf("redelivery: %d events, ack %q (first %q)", len(again.Events), again.AckID, first.AckID)
	}
	// Acknowledged: nothing left; the long poll ends with an empty batch.
	began := time.Now()
	empty := c.read(feed, again.AckID)
	if len(empty.Events) != 0 || empty.AckID == "" {
		t.Fatalf("after ack: %+v", empty)
	}
	if d := time.Since(began); d < 150*time.Millisecond || d > 2*time.Second {
		t.Fatalf("long poll took %s, want about 200ms", d)
	}
	raw := string(mustRead(t, c, feed, empty.AckID))
	if raw == "" || !regexp.MustCompile(`"events":\[\]`).MatchString(raw) {
		t.Fatalf("empty batch body %s, want events: []", raw)
	}

	// A retry with an ackId already used delivers the batch in flight again.
	if _, err := srv.Post(im, aliceID, "<messageML>four</messageML>"); err != nil {
		t.Fatal(err)
	}
	b1 := c.read(feed, "")
	b2 := c.read(feed, empty.AckID) // the answer b1 was "lost"
	if len(b1.Events) != 1 || len(b2.Events) != 1 || b1.Events[0].ID != b2.Events[0].ID {
		t.Fatalf("retry with an older ackId: %d / %d events", len(b1.Events), len(b2.Events))
	}

	// An unknown ackId is refused.
	status, data, _ := c.call(http.MethodPost, "/agent/v5/datafeeds/"+feed+"/read", symphony.AckID{AckID: "not-an-ack"})
	wantError(t, "unknown ackId", status, data, http.StatusBadRequest)
	// So is a malformed body and an unknown feed.
	status, data, _ = c.call(http.MethodPost, "/agent/v5/datafeeds/"+feed+"/read", []byte(`{"ackId":`))
	wantError(t, "malformed body", status, data, http.StatusBadRequest)
	status, data, _ = c.call(http.MethodPost, "/agent/v5/datafeeds/0123_f/read", symphony.AckID{})
	wantError(t, "unknown feed", status, data, http.StatusBadRequest)
}

// mustRead reads a feed and returns the raw body.
func mustRead(t *testing.T, c *client, feed, ack string) []byte {
	t.Helper()
	status, data, _ := c.call(http.MethodPost, "/agent/v5/datafeeds/"+feed+"/read", symphony.AckID{AckID: ack})
	if status != http.StatusOK {
		t.Fatalf("read: %d %s", status, data)
	}
	return data
}

func TestDatafeedV2ListTagDelete(t *testing.T) {
	srv := start(t, simulator.Options{})
	c := newClient(t, srv)
	var list []symphony.V5Datafeed
	if status := c.callJSON(http.MethodGet, "/agent/v5/datafeeds", nil, &list); status != http.StatusOK || len(list) != 0 {
		t.Fatalf("empty list: %d %v", status, list)
	}
	plain := c.createFeed()
	var tagged, again symphony.V5Datafeed
	c.callJSON(http.MethodPost, "/agent/v5/datafeeds", symphony.V5DatafeedCreateBody{Tag: srv.Account()}, &tagged)
	c.callJSON(http.MethodPost, "/agent/v5/datafeeds", symphony.V5DatafeedCreateBody{Tag: srv.Account()}, &again)
	if tagged.ID == "" || tagged.ID != again.ID || !fanoutFeed.MatchString(tagged.ID) || tagged.Type != "fanout" {
		t.Fatalf("tagged feeds %+v / %+v", tagged, again)
	}
	c.callJSON(http.MethodGet, "/agent/v5/datafeeds?tag="+srv.Account(), nil, &list)
	if len(list) != 1 || list[0].ID != tagged.ID {
		t.Fatalf("list by tag: %+v", list)
	}
	c.callJSON(http.MethodGet, "/agent/v5/datafeeds", nil, &list)
	if len(list) != 2 || list[0].ID != plain {
		t.Fatalf("list: %+v", list)
	}
	status, data, _ := c.call(http.MethodPost, "/agent/v5/datafeeds", symphony.V5DatafeedCreateBody{Tag: string(make([]byte, 101))})
	wantError(t, "tag too long", status, data, http.StatusBadRequest)

	if status, _, _ := c.call(http.MethodDelete, "/agent/v5/datafeeds/"+plain, nil); status != http.StatusNoContent {
		t.Fatalf("delete: %d", status)
	}
	status, data, _ = c.call(http.MethodDelete, "/agent/v5/datafeeds/"+plain, nil)
	wantError(t, "delete again", status, data, http.StatusBadRequest)
	status, data, _ = c.call(http.MethodPost, "/agent/v5/datafeeds/"+plain+"/read", symphony.AckID{})
	wantError(t, "read a deleted feed", status, data, http.StatusBadRequest)
	status, data, _ = c.call(http.MethodPut, "/agent/v5/datafeeds", nil)
	wantError(t, "PUT", status, data, http.StatusMethodNotAllowed)
}

func TestDatafeedV2LongPollWakes(t *testing.T) {
	srv := start(t, simulator.Options{LongPoll: 5 * time.Second})
	c := newClient(t, srv)
	feed := c.createFeed()
	im := c.createIM(bobID)
	_, ack := c.drain(feed, 1) // INSTANTMESSAGECREATED

	go func() {
		time.Sleep(100 * time.Millisecond)
		if _, err := srv.Post(im, bobID, "<messageML>wake up</messageML>"); err != nil {
			t.Error(err)
		}
	}()
	began := time.Now()
	res := c.read(feed, ack)
	if len(res.Events) != 1 || time.Since(began) > 3*time.Second {
		t.Fatalf("long poll: %d events after %s", len(res.Events), time.Since(began))
	}
	if m := res.Events[0].Message(); m == nil || m.User.UserID != bobID {
		t.Fatalf("event %+v", res.Events[0])
	}
}

func TestDatafeedV2Expiry(t *testing.T) {
	srv := start(t, simulator.Options{FeedTTL: 600 * time.Millisecond, LongPoll: 100 * time.Millisecond})
	c := newClient(t, srv)
	busy, idle := c.createFeed(), c.createFeed()
	// A feed read in time lives on; one left unread dies.
	for range 8 {
		c.read(busy, "")
	}
	status, data, _ := c.call(http.MethodPost, "/agent/v5/datafeeds/"+idle+"/read", symphony.AckID{})
	body := wantError(t, "expired feed", status, data, http.StatusBadRequest)
	if body.Code != 400 {
		t.Fatalf("body %+v", body)
	}
	var list []symphony.V5Datafeed
	c.callJSON(http.MethodGet, "/agent/v5/datafeeds", nil, &list)
	if len(list) != 1 || list[0].ID != busy {
		t.Fatalf("list after expiry: %+v", list)
	}
}

func TestDatafeedV2TooManyFeeds(t *testing.T) {
	srv := start(t, simulator.Options{MaxFeedsPerUser: 2, LongPoll: 50 * time.Millisecond})
	c := newClient(t, srv)
	feeds := []string{c.createFeed(), c.createFeed(), c.createFeed()}
	c.read(feeds[0], "")
	c.read(feeds[1], "")
	status, data, _ := c.call(http.MethodPost, "/agent/v5/datafeeds/"+feeds[2]+"/read", symphony.AckID{})
	wantError(t, "third feed", status, data, http.StatusForbidden)
	// Deleting one makes room.
	c.call(http.MethodDelete, "/agent/v5/datafeeds/"+feeds[0], nil)
	c.read(feeds[2], "")
}

func TestDatafeedV2ConcurrentReaders(t *testing.T) {
	srv := start(t, simulator.Options{LongPoll: 300 * time.Millisecond})
	c := newClient(t, srv)
	feed := c.createFeed()
	im := c.createIM(aliceID)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() { c.read(feed, "") })
	}
	for range 5 {
		if _, err := srv.Post(im, aliceID, "<messageML>x</messageML>"); err != nil {
			t.Error(err)
		}
	}
	wg.Wait()
}

func TestDatafeedV1(t *testing.T) {
	srv := start(t, simulator.Options{V1Capacity: 3, LongPoll: 100 * time.Millisecond})
	c := newClient(t, srv)
	var df symphony.Datafeed
	status, data, h := c.call(http.MethodPost, "/agent/v4/datafeed/create", nil)
	if status != http.StatusOK || json.Unmarshal(data, &df) != nil || df.ID == "" {
		t.Fatalf("create: %d %s", status, data)
	}
	if h.Get("X-Warning") == "" {
		t.Fatal("no X-Warning on a datafeed v1 call")
	}
	path := "/agent/v4/datafeed/" + df.ID + "/read"

	// Timeouts answer 204 and 200 [] in turn.
	seen := map[string]bool{}
	for range 2 {
		status, data, h := c.call(http.MethodGet, path, nil)
		switch {
		case status == http.StatusNoContent && len(data) == 0:
			seen["204"] = true
		case status == http.StatusOK && string(data) == "[]\n":
			seen["200"] = true
		default:
			t.Fatalf("timeout answer %d %q", status, data)
		}
		if h.Get("X-Warning") == "" {
			t.Fatal("no X-Warning")
		}
	}
	if !seen["204"] || !seen["200"] {
		t.Fatalf("timeouts %v, want both 204 and 200 []", seen)
	}

	im := c.createIM(carolID)
	if _, err := srv.Post(im, carolID, "<messageML>hi</messageML>"); err != nil {
		t.Fatal(err)
	}
	var events []symphony.V4Event
	if status := c.callJSON(http.MethodGet, path, nil, &events); status != http.StatusOK || len(events) != 2 {
		t.Fatalf("read: %d, %d events", status, len(events))
	}
	if events[1].Type != symphony.EventMessageSent || events[1].Message().Stream.StreamID != im {
		t.Fatalf("event %+v", events[1])
	}

	// Past its capacity of unread events, the feed expires.
	for range 4 {
		if _, err := srv.Post(im, carolID, "<messageML>flood</messageML>"); err != nil {
			t.Fatal(err)
		}
	}
	status, data, h = c.call(http.MethodGet, path, nil)
	body := wantError(t, "over capacity", status, data, http.StatusBadRequest)
	if body.Message != "Could not find a datafeed with the provided id" || h.Get("X-Warning") == "" {
		t.Fatalf("over capacity: %+v, X-Warning %q", body, h.Get("X-Warning"))
	}
	status, data, _ = c.call(http.MethodGet, "/agent/v4/datafeed/nope/read", nil)
	wantError(t, "unknown v1 feed", status, data, http.StatusBadRequest)
}

func TestDatafeedV1Limit(t *testing.T) {
	srv := start(t, simulator.Options{MaxFeedsPerUser: 1})
	c := newClient(t, srv)
	if status, _, _ := c.call(http.MethodPost, "/agent/v4/datafeed/create", nil); status != http.StatusOK {
		t.Fatalf("create: %d", status)
	}
	status, data, _ := c.call(http.MethodPost, "/agent/v4/datafeed/create", nil)
	wantError(t, "second v1 feed", status, data, http.StatusServiceUnavailable)
}
