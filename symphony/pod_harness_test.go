package symphony_test

import (
	"errors"
	"testing"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/simulator/simtest"
	"github.com/tutti-chat/tutti/symphony"
)

// startEmptyPod starts a simulator of the "empty" scenario for one test
// and returns it and a client of its service account, whose requests the
// countingTransport counts.
func startEmptyPod(t *testing.T) (*simulator.Server, *symphony.Client, *countingTransport) {
	t.Helper()
	srv := startPod(t, func(o *simulator.Options) { o.Scenario = "empty" })
	c, ct := newClient(t, srv)
	return srv, c, ct
}

// userID returns the id of a user of the simulator by username.
func userID(t *testing.T, srv *simulator.Server, username string) int64 {
	t.Helper()
	u, ok := srv.UserByUsername(username)
	if !ok {
		t.Fatalf("no user %q", username)
	}
	return u.ID
}

// accountClient gives username the pod's key, a new service account when
// the pod has no user of that name, and returns a client logged in as
// them.
func accountClient(t *testing.T, srv *simulator.Server, username string) *symphony.Client {
	t.Helper()
	if err := srv.AddAccount(username, &simtest.Key().PublicKey); err != nil {
		t.Fatal(err)
	}
	return simtest.Client(t, srv, func(o *symphony.Options) { o.Username = username })
}

// wantStatus fails t unless err is an *APIError of status.
func wantStatus(t *testing.T, what string, err error, status int) {
	t.Helper()
	var apiErr *symphony.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != status {
		t.Errorf("%s: %v, want a %d", what, err, status)
	}
}
