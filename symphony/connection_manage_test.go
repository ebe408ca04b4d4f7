package symphony_test

import (
	"context"
	"net/http"
	"strconv"
	"testing"

	"github.com/tutti-chat/tutti/simulator/scenario"
	"github.com/tutti-chat/tutti/symphony"
)

// TestClientConnectionInfoAndRemove reads a connection with a user of
// another pod once accepted, removes it, and finds it gone; a colleague's
// implicit connection cannot be removed.
func TestClientConnectionInfoAndRemove(t *testing.T) {
	srv, c, ct := startEmptyPod(t)
	ctx := context.Background()
	dana, alice := userID(t, srv, "dana"), userID(t, srv, "alice")
	if err := srv.Apply(scenario.Action{Kind: scenario.RequestConnection, Actor: dana, User: srv.AccountID()}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AcceptConnection(ctx, dana); err != nil {
		t.Fatal(err)
	}
	if cn, err := c.ConnectionInfo(ctx, dana); err != nil || cn.UserID != dana || cn.Status != symphony.ConnectionAccepted {
		t.Fatalf("info: %+v, %v", cn, err)
	}
	if err := c.RemoveConnection(ctx, dana); err != nil {
		t.Fatalf("remove: %v", err)
	}
	if ct.count(http.MethodPost+" /pod/v1/connection/user/"+strconv.FormatInt(dana, 10)+"/remove") != 1 {
		t.Errorf("RemoveConnection did not call POST /pod/v1/connection/user/{uid}/remove")
	}
	_, err := c.ConnectionInfo(ctx, dana)
	wantStatus(t, "info once removed", err, http.StatusNotFound)
	if cn, err := c.ConnectionInfo(ctx, alice); err != nil || cn.Status != symphony.ConnectionAccepted {
		t.Errorf("a colleague: %+v, %v", cn, err)
	}
	wantStatus(t, "remove a colleague", c.RemoveConnection(ctx, alice), http.StatusBadRequest)
}
