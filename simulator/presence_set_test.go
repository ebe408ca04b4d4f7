package simulator_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/symphony"
)

// presenceSlot is how long the simulator keeps a person's simulated
// presence.
const presenceSlot = 20 * time.Minute

// loginPersonAt gives username, a person of the pod, a key and logs them in at
// now, the pod's time.
func loginPersonAt(t *testing.T, srv *simulator.Server, username string, now time.Time) *client {
	t.Helper()
	_, alt := testKeys(t)
	if err := srv.AddAccount(username, &alt.PublicKey); err != nil {
		t.Fatal(err)
	}
	c := &client{t: t, base: srv.URL(), hc: &http.Client{Timeout: 10 * time.Second}, username: username, key: alt}
	c.loginAt(now)
	return c
}

// presenceOf reads the presence of id through GET /pod/v3/user/{uid}/presence.
func (c *client) presenceOf(id int64) symphony.V2Presence {
	c.t.Helper()
	var p symphony.V2Presence
	if status := c.callJSON(http.MethodGet, fmt.Sprintf("/pod/v3/user/%d/presence", id), nil, &p); status != http.StatusOK {
		c.t.Fatalf("presence of %d: status %d", id, status)
	}
	return p
}

// setPresence sets the caller's presence and returns the answer.
func (c *client) setPresence(category string, soft bool) symphony.V2Presence {
	c.t.Helper()
	var p symphony.V2Presence
	status, data, _ := c.call(http.MethodPost, fmt.Sprintf("/pod/v2/user/presence?soft=%t", soft), symphony.V2PresenceStatus{Category: category})
	if status != http.StatusOK {
		c.t.Fatalf("set presence %s: %d %s", category, status, data)
	}
	if err := json.Unmarshal(data, &p); err != nil {
		c.t.Fatal(err)
	}
	return p
}

// TestSetPresenceWinsUntilChanged sets the caller's presence: every read
// answers it, slot after slot, until it is set again.
func TestSetPresenceWinsUntilChanged(t *testing.T) {
	clk := newFakeClock()
	srv := start(t, simulator.Options{Clock: clk.Now, SessionTTL: 1000 * time.Hour})
	alice := loginPersonAt(t, srv, "alice", clk.Now())
	got := alice.setPresence("busy", false)
	if got.Category != symphony.PresenceBusy || got.UserID != aliceID || got.Timestamp != clk.Now().UnixMilli() {
		t.Fatalf("set: %+v", got)
	}
	bot := newClientAt(t, srv, clk)
	for range 12 {
		if p := bot.presenceOf(aliceID); p != got {
			t.Fatalf("at %s: %+v, want %+v", clk.Now(), p, got)
		}
		var own symphony.V2Presence
		alice.callJSON(http.MethodGet, "/pod/v2/user/presence", nil, &own)
		if own != got {
			t.Fatalf("own presence at %s: %+v, want %+v", clk.Now(), own, got)
		}
		clk.Advance(presenceSlot)
	}
	again := alice.setPresence(symphony.PresenceOnThePhone, false)
	if p := bot.presenceOf(aliceID); p.Category != symphony.PresenceOnThePhone || p != again {
		t.Fatalf("set again: %+v, answered %+v", p, again)
	}
	status, data, _ := alice.call(http.MethodPost, "/pod/v2/user/presence", symphony.V2PresenceStatus{Category: "SLEEPING"})
	wantError(t, "unknown category", status, data, http.StatusBadRequest)
	status, data, _ = alice.call(http.MethodPost, "/pod/v2/user/presence", symphony.V2PresenceStatus{Category: symphony.PresenceUndefined})
	wantError(t, "UNDEFINED", status, data, http.StatusBadRequest)
	if p := bot.presenceOf(aliceID); p != again {
		t.Fatalf("a refused set changed the presence: %+v", p)
	}
}

// TestSoftPresenceWaitsForTheUser sets a soft presence while the user is
// OFFLINE: it stays OFFLINE until the user comes online, then wins, but
// shows AWAY while the user is idle.
func TestSoftPresenceWaitsForTheUser(t *testing.T) {
	clk := newFakeClock()
	srv := start(t, simulator.Options{Clock: clk.Now, SessionTTL: 1000 * time.Hour})
	bot := newClientAt(t, srv, clk)
	// The simulated presence of alice, slot after slot, before anything is
	// set: an OFFLINE slot followed by online ones, among them an idle one.
	var sims []string
	for range 400 {
		sims = append(sims, bot.presenceOf(aliceID).Category)
		clk.Advance(presenceSlot)
	}
	clk.Advance(-400 * presenceSlot)
	off := slices.Index(sims, symphony.PresenceOffline)
	if off < 0 || off+1 == len(sims) {
		t.Fatalf("no OFFLINE slot with one after it in %v", sims)
	}
	online := off + slices.IndexFunc(sims[off:], func(c string) bool { return c != symphony.PresenceOffline })
	idle := online + slices.Index(sims[online:], symphony.PresenceAway)
	if online < off || idle < online {
		t.Fatalf("no online then idle slot after slot %d in %v", off, sims)
	}
	clk.Advance(time.Duration(off) * presenceSlot)
	alice := loginPersonAt(t, srv, "alice", clk.Now())
	if got := alice.setPresence(symphony.PresenceAvailable, true); got.Category != symphony.PresenceOffline {
		t.Fatalf("soft set while OFFLINE: %+v, want OFFLINE", got)
	}
	for i := off; i < len(sims); i++ {
		want := symphony.PresenceAvailable
		switch {
		case i < online:
			want = symphony.PresenceOffline
		case sims[i] == symphony.PresenceAway:
			want = symphony.PresenceAway
		}
		if p := bot.presenceOf(aliceID); p.Category != want {
			t.Fatalf("slot %d (simulated %s): %+v, want %s", i, sims[i], p, want)
		}
		clk.Advance(presenceSlot)
	}
	// A hard set wins over the idle state too.
	clk.Advance(time.Duration(idle-len(sims)) * presenceSlot)
	if got := alice.setPresence(symphony.PresenceAvailable, false); got.Category != symphony.PresenceAvailable {
		t.Fatalf("hard set while idle: %+v", got)
	}
}

// TestSetUserPresenceNeedsTheProvisioningRole lets the service account,
// which holds USER_PROVISIONING, set a colleague's presence, and refuses a
// person without it as the pod does.
func TestSetUserPresenceNeedsTheProvisioningRole(t *testing.T) {
	srv := start(t, simulator.Options{})
	bot := newClient(t, srv)
	var me symphony.UserV2
	bot.callJSON(http.MethodGet, "/pod/v2/sessioninfo", nil, &me)
	if !slices.Contains(me.Roles, "USER_PROVISIONING") {
		t.Fatalf("the service account's roles: %v", me.Roles)
	}
	var got symphony.V2Presence
	status := bot.callJSON(http.MethodPost, "/pod/v3/user/presence", symphony.V2UserPresence{Category: "IN_A_MEETING", UserID: bobID}, &got)
	if status != http.StatusOK || got.Category != symphony.PresenceInAMeeting || got.UserID != bobID {
		t.Fatalf("set bob's presence: %d %+v", status, got)
	}
	if p := bot.presenceOf(bobID); p != got {
		t.Fatalf("bob's presence: %+v, want %+v", p, got)
	}
	for _, tc := range []struct {
		what string
		body symphony.V2UserPresence
		want int
	}{
		{"nobody", symphony.V2UserPresence{Category: "BUSY", UserID: 1}, http.StatusNotFound},
		{"a user of another pod", symphony.V2UserPresence{Category: "BUSY", UserID: danaID}, http.StatusBadRequest},
		{"no user", symphony.V2UserPresence{Category: "BUSY"}, http.StatusBadRequest},
		{"no category", symphony.V2UserPresence{UserID: bobID}, http.StatusBadRequest},
	} {
		status, data, _ := bot.call(http.MethodPost, "/pod/v3/user/presence", tc.body)
		wantError(t, tc.what, status, data, tc.want)
	}
	alice := loginPersonAt(t, srv, "alice", time.Now())
	status, data, _ := alice.call(http.MethodPost, "/pod/v3/user/presence", symphony.V2UserPresence{Category: "AWAY", UserID: bobID})
	wantError(t, "set by a person", status, data, http.StatusForbidden)
	if p := bot.presenceOf(bobID); p != got {
		t.Fatalf("a refused set changed bob's presence: %+v", p)
	}
}

// TestAllPresencePages lists the pod's users' presence by id from
// lastUserId on, at most limit, without users of other pods.
func TestAllPresencePages(t *testing.T) {
	srv := start(t, simulator.Options{})
	c := newClient(t, srv)
	ids := func(path string) []int64 {
		t.Helper()
		var out []symphony.V2Presence
		if status := c.callJSON(http.MethodGet, path, nil, &out); status != http.StatusOK {
			t.Fatalf("%s: %d", path, status)
		}
		var got []int64
		for _, p := range out {
			if p.Category == "" || p.Timestamp == 0 {
				t.Errorf("%s: %+v", path, p)
			}
			got = append(got, p.UserID)
		}
		return got
	}
	if got := ids("/pod/v2/users/presence"); !slices.Equal(got, []int64{botID, aliceID, bobID, carolID}) {
		t.Errorf("all: %v", got)
	}
	if got := ids("/pod/v2/users/presence?limit=2"); !slices.Equal(got, []int64{botID, aliceID}) {
		t.Errorf("first page: %v", got)
	}
	if got := ids(fmt.Sprintf("/pod/v2/users/presence?lastUserId=%d&limit=2", bobID)); !slices.Equal(got, []int64{bobID, carolID}) {
		t.Errorf("from bob: %v", got)
	}
	if got := ids(fmt.Sprintf("/pod/v2/users/presence?lastUserId=%d", carolID+1)); len(got) != 0 {
		t.Errorf("past the last: %v", got)
	}
	for _, q := range []string{"limit=0", "limit=5001", "limit=x", "lastUserId=x"} {
		status, data, _ := c.call(http.MethodGet, "/pod/v2/users/presence?"+q, nil)
		wantError(t, q, status, data, http.StatusBadRequest)
	}
}
