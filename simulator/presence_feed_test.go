package simulator_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/symphony"
)

// readPresenceFeed reads a presence feed and returns its presences by user.
func (c *client) readPresenceFeed(id string) map[int64]symphony.V2Presence {
	c.t.Helper()
	var out []symphony.V2Presence
	status, data, _ := c.call(http.MethodGet, "/pod/v1/presence/feed/"+id+"/read", nil)
	if status != http.StatusOK {
		c.t.Fatalf("read presence feed: %d %s", status, data)
	}
	if err := json.Unmarshal(data, &out); err != nil {
		c.t.Fatal(err)
	}
	got := map[int64]symphony.V2Presence{}
	for _, p := range out {
		got[p.UserID] = p
	}
	return got
}

// createPresenceFeed creates a presence feed and returns its id.
func (c *client) createPresenceFeed() string {
	c.t.Helper()
	var id symphony.StringID
	if status := c.callJSON(http.MethodPost, "/pod/v1/presence/feed/create", nil, &id); status != http.StatusOK || id.ID == "" {
		c.t.Fatalf("create presence feed: %d %+v", status, id)
	}
	return id.ID
}

// TestPresenceFeedReportsChanges reads a presence feed slot after slot:
// each read reports exactly the users whose category changed since the
// previous one, among the pod's users and the external user the caller
// registered interest in; a presence set is reported even when the
// category is the same.
func TestPresenceFeedReportsChanges(t *testing.T) {
	clk := newFakeClock()
	srv := start(t, simulator.Options{Clock: clk.Now, SessionTTL: 1000 * time.Hour})
	bot := newClientAt(t, srv, clk)
	feed := bot.createPresenceFeed()
	if got := bot.readPresenceFeed(feed); len(got) != 0 {
		t.Fatalf("first read, nothing changed: %v", got)
	}
	var set symphony.V2Presence
	bot.callJSON(http.MethodPost, "/pod/v3/user/presence", symphony.V2UserPresence{Category: "OFF_WORK", UserID: carolID}, &set)
	if got := bot.readPresenceFeed(feed); len(got) != 1 || got[carolID] != set {
		t.Fatalf("after carol's presence was set: %v, want %+v", got, set)
	}
	if got := bot.readPresenceFeed(feed); len(got) != 0 {
		t.Fatalf("read again: %v", got)
	}
	clk.Advance(time.Minute)
	bot.callJSON(http.MethodPost, "/pod/v3/user/presence", symphony.V2UserPresence{Category: "OFF_WORK", UserID: carolID}, &set)
	if got := bot.readPresenceFeed(feed); len(got) != 1 || got[carolID] != set {
		t.Fatalf("carol's presence set again, the same: %v, want %+v", got, set)
	}
	status, data, _ := bot.call(http.MethodPost, "/pod/v1/user/presence/register", []int64{danaID, aliceID})
	if status != http.StatusOK {
		t.Fatalf("register interest: %d %s", status, data)
	}
	watched := []int64{botID, aliceID, bobID, carolID, danaID}
	categories := func() map[int64]string {
		out := map[int64]string{}
		for _, id := range watched {
			out[id] = bot.presenceOf(id).Category
		}
		return out
	}
	before := categories()
	changes := 0
	for range 30 {
		clk.Advance(presenceSlot)
		after := categories()
		got := bot.readPresenceFeed(feed)
		for _, id := range watched {
			p, reported := got[id]
			if changed := after[id] != before[id]; changed != reported || reported && p.Category != after[id] {
				t.Fatalf("at %s, user %d went from %s to %s: feed %v", clk.Now(), id, before[id], after[id], got)
			}
		}
		changes += len(got)
		before = after
	}
	if changes == 0 {
		t.Fatal("no presence changed in 30 slots")
	}
	// Another user does not read this feed; deleted, it is gone.
	alice := loginPersonAt(t, srv, "alice", clk.Now())
	status, data, _ = alice.call(http.MethodGet, "/pod/v1/presence/feed/"+feed+"/read", nil)
	wantError(t, "another user's feed", status, data, http.StatusBadRequest)
	var deleted symphony.StringID
	if status := bot.callJSON(http.MethodPost, "/pod/v1/presence/feed/"+feed+"/delete", nil, &deleted); status != http.StatusOK || deleted.ID != feed {
		t.Fatalf("delete: %d %+v", status, deleted)
	}
	for _, call := range []struct{ method, path string }{
		{http.MethodGet, "/pod/v1/presence/feed/" + feed + "/read"},
		{http.MethodPost, "/pod/v1/presence/feed/" + feed + "/delete"},
	} {
		status, data, _ := bot.call(call.method, call.path, nil)
		wantError(t, fmt.Sprintf("%s %s after delete", call.method, call.path), status, data, http.StatusBadRequest)
	}
}

// TestPresenceInterestNeedsKnownUsers refuses an empty list and an unknown
// user.
func TestPresenceInterestNeedsKnownUsers(t *testing.T) {
	c := newClient(t, start(t, simulator.Options{}))
	for _, tc := range []struct {
		body any
		want int
	}{
		{[]int64{}, http.StatusBadRequest},
		{[]int64{danaID, 1}, http.StatusNotFound},
		{[]byte(`{"ids":[1]}`), http.StatusBadRequest},
	} {
		status, data, _ := c.call(http.MethodPost, "/pod/v1/user/presence/register", tc.body)
		wantError(t, fmt.Sprint(tc.body), status, data, tc.want)
	}
}
