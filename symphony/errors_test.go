package symphony

import (
	"context"
	"errors"
	"fmt"
	"net"
	"testing"
	"time"
)

func TestErrorClassification(t *testing.T) {
	wrap := func(e error) error { return fmt.Errorf("outer: %w", e) }
	feedGone := wrap(&APIError{Op: "read datafeed", Status: 400, Message: "Could not find a datafeed"})
	limited := wrap(&APIError{Op: "x", Status: 429, RetryAfter: 3 * time.Second})
	network := wrap(&NetworkError{Op: "x", Err: &net.OpError{Op: "dial", Err: errors.New("refused")}})
	tests := []struct {
		name                                         string
		err                                          error
		gone, unauth, forbidden, notFound, srv, netw bool
		retry                                        bool
	}{
		{"400", feedGone, true, false, false, false, false, false, false},
		{"401", &APIError{Status: 401}, false, true, false, false, false, false, false},
		{"403", &APIError{Status: 403}, false, false, true, false, false, false, false},
		{"404", &APIError{Status: 404}, false, false, false, true, false, false, false},
		{"503", wrap(&APIError{Status: 503}), false, false, false, false, true, false, true},
		{"429", limited, false, false, false, false, false, false, true},
		{"network", network, false, false, false, false, false, true, true},
		{"cancelled", wrap(context.Canceled), false, false, false, false, false, false, false},
		{"nil", nil, false, false, false, false, false, false, false},
	}
	for _, tc := range tests {
		got := []bool{IsFeedGone(tc.err), IsUnauthorized(tc.err), IsForbidden(tc.err), IsNotFound(tc.err), IsServerError(tc.err), IsNetwork(tc.err), IsRetryable(tc.err)}
		want := []bool{tc.gone, tc.unauth, tc.forbidden, tc.notFound, tc.srv, tc.netw, tc.retry}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: gone/unauth/forbidden/notfound/server/network/retry = %v, want %v", tc.name, got, want)
		}
	}
	if d, ok := IsRateLimited(limited); !ok || d != 3*time.Second {
		t.Errorf("IsRateLimited = %v, %v; want 3s, true", d, ok)
	}
	if got := feedGone.Error(); got != "outer: read datafeed: 400 Bad Request: Could not find a datafeed" {
		t.Errorf("message = %q", got)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := map[string]time.Duration{
		"":                              0,
		"7":                             7 * time.Second,
		"-1":                            0,
		"soon":                          0,
		"Fri, 02 Jan 2026 03:04:15 GMT": 10 * time.Second,
		"Fri, 02 Jan 2026 03:04:00 GMT": 0,
	}
	for in, want := range tests {
		if got := parseRetryAfter(in, now); got != want {
			t.Errorf("parseRetryAfter(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestCleanRemoteText(t *testing.T) {
	in := "bad\x1b]52;c;aGk=\x07 \r\nthing\u202e" + string(rune(0x9b)) + "31m"
	got := cleanRemoteText(in, 100)
	for _, r := range got {
		if r < 0x20 || (r >= 0x7f && r < 0xa0) || r == '\u202e' || r == 0x1b {
			t.Fatalf("control %U left in %q", r, got)
		}
	}
	if got := cleanRemoteText("abcdef", 3); got != "abc…" {
		t.Errorf("cut = %q", got)
	}
}
