package symphony_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/tutti-chat/tutti/symphony"
)

// TestClientSetPresence sets the caller's presence and a colleague's, reads
// them back, pages through every user's presence and registers interest in
// a user of another pod.
func TestClientSetPresence(t *testing.T) {
	srv, c, ct := startEmptyPod(t)
	ctx := context.Background()
	set, err := c.SetPresence(ctx, symphony.PresenceBusy, false)
	if err != nil || set.Category != symphony.PresenceBusy || set.UserID != srv.AccountID() {
		t.Fatalf("set presence: %+v, %v", set, err)
	}
	if own, err := c.OwnPresence(ctx); err != nil || own != set {
		t.Errorf("own presence: %+v, %v, want %+v", own, err, set)
	}
	alice, bob, dana := userID(t, srv, "alice"), userID(t, srv, "bob"), userID(t, srv, "dana")
	other, err := c.SetUserPresence(ctx, alice, symphony.PresenceInAMeeting, true)
	if err != nil || other.UserID != alice {
		t.Fatalf("set alice's presence: %+v, %v", other, err)
	}
	if p, err := c.Presence(ctx, alice); err != nil || p != other {
		t.Errorf("alice's presence: %+v, %v, want %+v", p, err, other)
	}
	if ct.count(http.MethodPost+" /pod/v3/user/presence") != 1 || ct.count(http.MethodPost+" /pod/v2/user/presence") != 1 {
		t.Errorf("the presence sets did not call the pod's endpoints")
	}
	page, err := c.AllPresence(ctx, 0, 2)
	if err != nil || len(page) != 2 || page[0].UserID != srv.AccountID() || page[0].Category != symphony.PresenceBusy {
		t.Fatalf("first page: %+v, %v", page, err)
	}
	if rest, err := c.AllPresence(ctx, page[1].UserID+1, 0); err != nil || len(rest) != 2 || rest[0].UserID != bob {
		t.Errorf("the rest: %+v, %v", rest, err)
	}
	if _, err := c.AllPresence(ctx, 0, symphony.MaxPresencePage+1); err == nil {
		t.Errorf("a limit over the maximum was sent")
	}
	if err := c.RegisterPresenceInterest(ctx, []int64{dana}); err != nil {
		t.Errorf("register interest: %v", err)
	}
	wantStatus(t, "register interest in nobody", c.RegisterPresenceInterest(ctx, []int64{1}), http.StatusNotFound)
	_, err = accountClient(t, srv, "carol").SetUserPresence(ctx, bob, symphony.PresenceAway, false)
	wantStatus(t, "a person sets bob's presence", err, http.StatusForbidden)
}

// TestClientPresenceFeed creates a presence feed, reads a change, deletes
// it, and gets an error reading it once deleted.
func TestClientPresenceFeed(t *testing.T) {
	srv, c, _ := startEmptyPod(t)
	ctx := context.Background()
	feed, err := c.CreatePresenceFeed(ctx)
	if err != nil || feed == "" {
		t.Fatalf("create: %q, %v", feed, err)
	}
	if got, err := c.ReadPresenceFeed(ctx, feed); err != nil || got == nil || len(got) != 0 {
		t.Fatalf("first read: %+v, %v", got, err)
	}
	carol := userID(t, srv, "carol")
	set, err := c.SetUserPresence(ctx, carol, symphony.PresenceOutOfOffice, false)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := c.ReadPresenceFeed(ctx, feed); err != nil || len(got) != 1 || got[0] != set {
		t.Fatalf("read after a set: %+v, %v, want %+v", got, err, set)
	}
	if err := c.DeletePresenceFeed(ctx, feed); err != nil {
		t.Fatalf("delete: %v", err)
	}
	_, err = c.ReadPresenceFeed(ctx, feed)
	wantStatus(t, "read a deleted feed", err, http.StatusBadRequest)
}
