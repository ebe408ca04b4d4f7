package symphony_test

import (
	"context"
	"net/http"
	"slices"
	"testing"
)

// TestClientFollow makes users follow a colleague, pages through the
// followers by cursor, lists whom one follows, and stops a follow.
func TestClientFollow(t *testing.T) {
	srv, c, _ := startEmptyPod(t)
	ctx := context.Background()
	alice, bob, carol := userID(t, srv, "alice"), userID(t, srv, "bob"), userID(t, srv, "carol")
	if err := c.FollowUser(ctx, bob, []int64{alice, carol}); err != nil {
		t.Fatalf("follow: %v", err)
	}
	first, err := c.Followers(ctx, bob, 1, "", "")
	if err != nil || first.Count != 2 || !slices.Equal(first.Followers, []int64{alice}) || first.Pagination == nil {
		t.Fatalf("first page: %+v, %v", first, err)
	}
	second, err := c.Followers(ctx, bob, 1, "", first.Pagination.Cursors.After)
	if err != nil || !slices.Equal(second.Followers, []int64{carol}) || second.Pagination.Next != "" {
		t.Fatalf("second page: %+v, %v", second, err)
	}
	if f, err := c.Following(ctx, alice, 0, "", ""); err != nil || !slices.Equal(f.Following, []int64{bob}) {
		t.Errorf("whom alice follows: %+v, %v", f, err)
	}
	if err := c.UnfollowUser(ctx, bob, []int64{alice}); err != nil {
		t.Fatalf("unfollow: %v", err)
	}
	if f, err := c.Followers(ctx, bob, 0, "", ""); err != nil || !slices.Equal(f.Followers, []int64{carol}) {
		t.Errorf("once alice stopped: %+v, %v", f, err)
	}
	wantStatus(t, "follow oneself", c.FollowUser(ctx, bob, []int64{bob}), http.StatusBadRequest)
}
