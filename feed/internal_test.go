package feed

import (
	"errors"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/symphony"
)

func TestBackoffDelay(t *testing.T) {
	ms := time.Millisecond
	b := newBackoff(symphony.RetryConfig{})
	if b.initial != 500*ms || b.multiplier != 2 || b.max != 300*time.Second || b.maxAttempts != 0 {
		t.Fatalf("defaults %+v, want the BDK's 500ms ×2 300s, no limit", b)
	}
	for _, tc := range []struct {
		n    int
		j    float64
		want time.Duration
	}{
		{1, 0, 250 * ms}, {1, 0.5, 375 * ms}, {1, 0.75, 437500 * time.Microsecond},
		{2, 0, 500 * ms}, {3, 0, time.Second}, {4, 0, 2 * time.Second},
		{10, 0, 128 * time.Second},
		{11, 0, 150 * time.Second}, {11, 0.5, 225 * time.Second}, // capped at 300s
		{5000, 0.5, 225 * time.Second}, // no overflow
		{0, 0, 250 * ms},               // treated as the first
		{1, -1, 250 * ms}, {1, math.NaN(), 250 * ms},
	} {
		if got := b.delay(tc.n, tc.j); got != tc.want {
			t.Errorf("delay(%d, %v) = %s, want %s", tc.n, tc.j, got, tc.want)
		}
	}
	for _, j := range []float64{math.Nextafter(1, 0), 1, 7} {
		if got := b.delay(11, j); got >= 300*time.Second || got < 299*time.Second {
			t.Errorf("delay(11, %v) = %s, want just under the 300s cap", j, got)
		}
	}
	c := newBackoff(symphony.RetryConfig{InitialInterval: time.Second, Multiplier: 0.5, MaxInterval: 10 * ms, MaxAttempts: 3})
	if c.multiplier != 2 || c.max != time.Second {
		t.Errorf("a multiplier below 1 or a cap below the start: %+v", c)
	}
	if c.exhausted(2) || !c.exhausted(3) || b.exhausted(1<<30) {
		t.Error("exhausted: MaxAttempts 3 stops at the third failure; 0 never stops")
	}
	if n := newBackoff(symphony.RetryConfig{MaxAttempts: -1}); n.exhausted(1 << 30) {
		t.Error("a negative MaxAttempts must not stop")
	}
}

func TestPickFeed(t *testing.T) {
	feeds := []symphony.V5Datafeed{
		{ID: "e766c498eece0d113f035270ad6c3c63_p_f8001", Type: "datahose"},
		{ID: "bad id_f"},
		{ID: "371f465fb97b5d1027d20a5e7085863a_f_f8001", Type: "fanout"},
		{ID: "2c2e8bb339c5da5711b55e32ba7c4687_f"},
	}
	if id, ok := pickFeed(feeds, ""); !ok || id != "371f465fb97b5d1027d20a5e7085863a_f_f8001" {
		t.Errorf("no tag: %q %v", id, ok)
	}
	tagged := []symphony.V5Datafeed{{ID: "0123_f", Type: "fanout"}, {ID: "my-tag", Type: "fanout"}}
	if id, ok := pickFeed(tagged, "my-tag"); !ok || id != "my-tag" {
		t.Errorf("tag: %q %v, want the feed whose id is the tag first", id, ok)
	}
	if id, ok := pickFeed(tagged[:1], "my-tag"); !ok || id != "0123_f" {
		t.Errorf("tag, lenient: %q %v", id, ok)
	}
	if _, ok := pickFeed([]symphony.V5Datafeed{{ID: "my-tag", Type: "datahose"}, {ID: "x_p_y"}}, "my-tag"); ok {
		t.Error("a datahose feed was picked")
	}
	if _, ok := pickFeed(nil, ""); ok {
		t.Error("picked from nothing")
	}
}

func TestFeedIDFile(t *testing.T) {
	dir := t.TempDir()
	if id, agent, err := readFeedID(dir); err != nil || id != "" || agent != "" {
		t.Fatalf("no file: %q %q %v", id, agent, err)
	}
	if err := writeFeedID(dir, "8e7c8672-220", "https://agent.example.com:443"); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "datafeed.id"))
	if err != nil || string(data) != "8e7c8672-220@https://agent.example.com:443" {
		t.Fatalf("file %q %v", data, err)
	}
	if id, agent, err := readFeedID(dir); err != nil || id != "8e7c8672-220" || agent != "https://agent.example.com:443" {
		t.Fatalf("read back: %q %q %v", id, agent, err)
	}
	// The BDK's own file, with a file path rather than a directory.
	file := filepath.Join(dir, "bdk.id")
	if err := os.WriteFile(file, []byte("8e7c8672-220@localhost:7443\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if id, agent, err := readFeedID(file); err != nil || id != "8e7c8672-220" || agent != "localhost:7443" {
		t.Fatalf("BDK file: %q %q %v", id, agent, err)
	}
	if err := writeFeedID(file, "new", ""); err != nil {
		t.Fatal(err)
	}
	if id, _, _ := readFeedID(file); id != "new" {
		t.Fatalf("rewritten id %q", id)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("temporary files left behind: %v", entries)
	}
	if err := writeFeedID(filepath.Join(dir, "missing", "datafeed.id"), "x", ""); err == nil {
		t.Error("writing into a missing directory succeeded")
	}
	if !sameAgent("https://a:443/", "https://A:443") || !sameAgent("", "x") || sameAgent("https://a", "https://b") {
		t.Error("sameAgent")
	}
}

func TestErrorsNameTheOperation(t *testing.T) {
	api := &symphony.APIError{Op: "read datafeed", Status: http.StatusForbidden, Message: "Too many feeds"}
	err := wrap("datafeed v2 read", api)
	if err.Error() != "datafeed v2 read: 403 Forbidden: Too many feeds" || !symphony.IsForbidden(err) {
		t.Errorf("%q", err)
	}
	net := &symphony.NetworkError{Op: "read datafeed", Err: errors.New("unexpected EOF")}
	if err := wrap("datafeed v1 read", net); err.Error() != "datafeed v1 read: unexpected EOF" || !symphony.IsNetwork(err) {
		t.Errorf("%q", err)
	}
	if err := wrap("x", errors.New("plain")); err.Error() != "x: plain" {
		t.Errorf("%q", err)
	}
	if wrap("x", nil) != nil {
		t.Error("wrap(nil) is not nil")
	}
	ex := &exhaustedError{attempts: 1, err: err}
	if ex.Error() != "datafeed v2 read: 403 Forbidden: Too many feeds (gave up after 1 attempt)" || !symphony.IsForbidden(ex) {
		t.Errorf("%q", ex)
	}
}

func TestStateString(t *testing.T) {
	want := []string{"connecting", "live", "reconnecting", "reauthenticating", "recreated", "stopped"}
	for i, w := range want {
		if got := State(i + 1).String(); got != w {
			t.Errorf("State(%d) = %q, want %q", i+1, got, w)
		}
	}
	if State(0).String() != "State(0)" || State(99).String() != "State(99)" {
		t.Error("unknown states")
	}
}
