package symphony_test

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"testing"

	"github.com/tutti-chat/tutti/symphony"
)

// TestClientPresence reads the presence of the account's own user and of
// a colleague, and reports a user the pod does not know as an API error.
func TestClientPresence(t *testing.T) {
	srv := startPod(t, nil)
	c, ct := newClient(t, srv)
	ctx := context.Background()
	p, err := c.Presence(ctx, srv.AccountID())
	if err != nil || p.UserID != srv.AccountID() || p.Category != symphony.PresenceAvailable {
		t.Fatalf("own presence: %+v, %v", p, err)
	}
	if ct.count(http.MethodGet+" /pod/v3/user/"+strconv.FormatInt(srv.AccountID(), 10)+"/presence") != 1 {
		t.Errorf("presence did not call GET /pod/v3/user/{uid}/presence")
	}
	_, err = c.Presence(ctx, 1)
	var apiErr *symphony.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != http.StatusNotFound {
		t.Errorf("presence of nobody: %v, want a 404", err)
	}
}
