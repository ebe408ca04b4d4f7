package ui

import (
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"syscall"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tutti-chat/tutti/feed"
	"github.com/tutti-chat/tutti/internal/engine"
	"github.com/tutti-chat/tutti/symphony"
)

// TestReconnectNow: R, or the switcher's reconnect command, cuts short the
// datafeed's wait to reconnect; with no wait it says so and asks nothing.
func TestReconnectNow(t *testing.T) {
	m := newTestModel(t, 120, 30)
	asked := 0
	m.deps.ReconnectNow = func() { asked++ }
	update(m, batch(engine.Item{Status: &feed.Status{State: feed.Live, Version: "v2"}}))
	press(m, "R")
	if asked != 0 || !strings.Contains(screen(m), "there is no wait to cut short") {
		t.Fatalf("R while live: asked %d times:\n%s", asked, screen(m))
	}
	update(m, batch(engine.Item{Status: &feed.Status{State: feed.Reconnecting, Attempt: 7,
		NextTry: time.Now().Add(30 * time.Second), Err: errors.New("x509: certificate signed by unknown authority")}}))
	press(m, "R")
	if asked != 1 || !strings.Contains(screen(m), "reconnecting the datafeed now") {
		t.Fatalf("R while reconnecting: asked %d times:\n%s", asked, screen(m))
	}
	update(m, ctrlK)
	typeText(m, "reconnect")
	if len(m.sw.results) == 0 || m.sw.results[0] != cmdPrefix+"reconnect" {
		t.Fatalf("the switcher offers %v for reconnect", m.sw.results)
	}
	update(m, tea.KeyPressMsg{Code: tea.KeyEnter})
	if asked != 2 {
		t.Errorf("the switcher's reconnect command asked %d times in all, want 2", asked)
	}
}

// TestReconnectShowsItsCause: while the datafeed waits to reconnect, the
// status bar says why in a few words, not only the attempt.
func TestReconnectShowsItsCause(t *testing.T) {
	cases := []struct {
		err  error
		want string
	}{
		{fmt.Errorf("datafeed v2 read: %w", &url.Error{Op: "Post", URL: "https://pod", Err: x509.UnknownAuthorityError{}}), "certificate not trusted"},
		{fmt.Errorf("datafeed v2 read: %w", &url.Error{Op: "Post", URL: "https://pod", Err: x509.CertificateInvalidError{Reason: x509.Expired}}), "certificate expired"},
		{fmt.Errorf("datafeed v2 read: %w", &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}), "connection refused"},
		{fmt.Errorf("datafeed v2 read: %w", &net.DNSError{Name: "pod.example.com", Err: "no such host"}), "host not found"},
		{&symphony.APIError{Op: "datafeed v2 read", Status: 503}, "HTTP 503"},
	}
	for _, c := range cases {
		m := newTestModel(t, 200, 20)
		update(m, batch(engine.Item{Status: &feed.Status{State: feed.Reconnecting, Attempt: 7, NextTry: m.now().Add(30 * time.Second), Err: c.err}}))
		if want := "(attempt 7): " + c.want; !strings.Contains(screen(m), want) {
			t.Errorf("%v: the status bar lacks %q:\n%s", c.err, want, screen(m))
		}
	}
}
