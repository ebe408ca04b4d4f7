package symphony_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/simulator/simtest"
	"github.com/tutti-chat/tutti/symphony"
)

// startPod starts a quiet simulator on 127.0.0.1 for one test.
func startPod(t *testing.T, tweak func(*simulator.Options)) *simulator.Server {
	t.Helper()
	var opts simulator.Options
	if tweak != nil {
		tweak(&opts)
	}
	return simtest.Start(t, opts)
}

// countingTransport counts requests by "METHOD path".
type countingTransport struct {
	mu     sync.Mutex
	counts map[string]int
	next   http.RoundTripper
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.mu.Lock()
	if c.counts == nil {
		c.counts = map[string]int{}
	}
	c.counts[r.Method+" "+r.URL.Path]++
	c.mu.Unlock()
	return c.next.RoundTrip(r)
}

func (c *countingTransport) count(key string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.counts[key]
}

// newClient returns a client of srv's service account whose requests go
// through a counting transport.
func newClient(t *testing.T, srv *simulator.Server) (*symphony.Client, *countingTransport) {
	t.Helper()
	ct := &countingTransport{next: symphony.NewHTTPClient(symphony.HTTPOptions{}).Transport}
	hc := &http.Client{Transport: ct}
	return simtest.Client(t, srv, func(o *symphony.Options) { o.PodHTTP, o.AgentHTTP, o.KeyManagerHTTP = hc, hc, hc }), ct
}

func TestClientLogsInOnFirstCall(t *testing.T) {
	srv := startPod(t, nil)
	c, ct := newClient(t, srv)
	me, err := c.SessionInfo(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if me.Username != srv.Account() || me.ID != srv.AccountID() {
		t.Errorf("session info = %s/%d, want %s/%d", me.Username, me.ID, srv.Account(), srv.AccountID())
	}
	if _, err := c.SessionInfo(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := ct.count("POST /login/pubkey/authenticate"); n != 1 {
		t.Errorf("%d pod logins for two calls, want 1", n)
	}
	if n := ct.count("POST /relay/pubkey/authenticate"); n != 1 {
		t.Errorf("%d key manager logins, want 1", n)
	}
}

func TestClientReloginOnceForConcurrentCallers(t *testing.T) {
	srv := startPod(t, nil)
	c, ct := newClient(t, srv)
	ctx := context.Background()
	if err := c.Login(ctx); err != nil {
		t.Fatal(err)
	}
	if err := srv.InjectFault(simulator.FaultExpireSession); err != nil {
		t.Fatal(err)
	}
	const callers = 24
	var wg sync.WaitGroup
	var failed atomic.Int32
	for i := range callers {
		wg.Go(func() {
			var err error
			if i%2 == 0 {
				_, err = c.SessionInfo(ctx)
			} else {
				_, err = c.ListDatafeeds(ctx, "")
			}
			if err != nil {
				failed.Add(1)
				t.Errorf("call %d after session expiry: %v", i, err)
			}
		})
	}
	wg.Wait()
	if n := ct.count("POST /login/pubkey/authenticate"); n != 2 {
		t.Errorf("%d pod logins for %d concurrent callers after one expiry, want 2 (the first and one re-login)", n, callers)
	}
}

func TestClientDatafeedSurvivesRelogin(t *testing.T) {
	srv := startPod(t, nil)
	c, _ := newClient(t, srv)
	ctx := context.Background()
	feed, err := c.CreateDatafeed(ctx, symphony.V5DatafeedCreateBody{})
	if err != nil {
		t.Fatal(err)
	}
	first, err := c.ReadDatafeed(ctx, feed.ID, "", false)
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.InjectFault(simulator.FaultExpireSession); err != nil {
		t.Fatal(err)
	}
	im := createIMWithSomeone(t, c)
	if _, err := c.SendMessage(ctx, im, "<messageML>after re-login</messageML>", ""); err != nil {
		t.Fatal(err)
	}
	got, err := c.ReadDatafeed(ctx, feed.ID, first.AckID, false)
	if err != nil {
		t.Fatalf("read the same feed after re-login: %v", err)
	}
	if !containsText(got.Events, "after re-login") {
		t.Errorf("the message sent after re-login is not in the feed: %+v", got.Events)
	}
}

func TestClientBadKeyIsUnauthorized(t *testing.T) {
	srv := startPod(t, nil)
	other, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	c, err := symphony.New(symphony.Options{PodURL: srv.URL(), Username: srv.Account(), PrivateKey: other})
	if err != nil {
		t.Fatal(err)
	}
	err = c.Login(context.Background())
	if !symphony.IsUnauthorized(err) {
		t.Fatalf("login with the wrong key: %v, want a 401", err)
	}
	var apiErr *symphony.APIError
	if !errors.As(err, &apiErr) || apiErr.Message == "" || !strings.Contains(err.Error(), "log in to the pod") {
		t.Errorf("error lacks the operation or the pod's message: %v", err)
	}
}

func TestClientSessionTokenMode(t *testing.T) {
	srv := startPod(t, nil)
	logged, _ := newClient(t, srv)
	if err := logged.Login(context.Background()); err != nil {
		t.Fatal(err)
	}
	c, err := symphony.New(symphony.Options{PodURL: srv.URL(), SessionToken: "not-a-token", KeyManagerToken: "x"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.SessionInfo(context.Background())
	if !symphony.IsUnauthorized(err) || !errors.Is(err, symphony.ErrTokenRejected) {
		t.Fatalf("a bad static token: %v, want a 401 as ErrTokenRejected", err)
	}
	if msg := err.Error(); !strings.HasPrefix(msg, "get session info: the session token in SYMPHONY_SESSION_TOKEN was refused (401)") ||
		strings.Contains(msg, "not-a-token") {
		t.Errorf("error %q, want the operation and the clear message, no token", msg)
	}

	session, km := simtest.Tokens(t, srv)
	c, err = symphony.New(symphony.Options{PodURL: srv.URL(), SessionToken: session, KeyManagerToken: km})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Login(context.Background()); err != nil {
		t.Fatalf("Login in token mode: %v, want nothing done", err)
	}
	if me, err := c.SessionInfo(context.Background()); err != nil || me.Username != srv.Account() {
		t.Fatalf("session info with a good token: %+v, %v", me, err)
	}
}

func TestClientHistoryPaging(t *testing.T) {
	srv := startPod(t, nil)
	c, _ := newClient(t, srv)
	ctx := context.Background()
	im := createIMWithSomeone(t, c)
	start := time.Now().Add(-time.Second).UnixMilli()
	var sent []string
	for i := range 7 {
		m, err := c.SendMessage(ctx, im, fmt.Sprintf("<messageML>message %d</messageML>", i), "")
		if err != nil {
			t.Fatal(err)
		}
		sent = append(sent, m.MessageID)
	}
	// Page forward with since + skip, three at a time.
	var seen []string
	since, skip := start, 0
	for range 10 {
		page, err := c.StreamMessages(ctx, im, symphony.MessageQuery{Since: since, Skip: skip, Limit: 3})
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		for _, m := range page {
			seen = append(seen, m.MessageID)
			if m.Timestamp == since {
				skip++
			} else {
				since, skip = m.Timestamp, 1
			}
		}
	}
	// Messages of one millisecond come in id order, not sending order.
	slices.Sort(seen)
	if want := slices.Sorted(slices.Values(sent)); !slices.Equal(seen, want) {
		t.Errorf("paged history = %v, want each of %v once", seen, sent)
	}
	none, err := c.StreamMessages(ctx, im, symphony.MessageQuery{Since: time.Now().Add(time.Hour).UnixMilli()})
	if err != nil || len(none) != 0 {
		t.Errorf("history after the last message = %d messages, %v; want none", len(none), err)
	}
	if _, err := c.StreamMessages(ctx, im, symphony.MessageQuery{Since: start, Limit: 501}); err == nil {
		t.Error("limit 501 accepted")
	}
	got, found, err := c.Message(ctx, sent[2])
	if err != nil || !found || got.MessageID != sent[2] || !strings.Contains(got.Message, "message 2") {
		t.Errorf("Message(%s) = %+v, %v, %v", sent[2], got, found, err)
	}
}

func TestClientErrorsCarryThePodsAnswer(t *testing.T) {
	srv := startPod(t, nil)
	c, _ := newClient(t, srv)
	ctx := context.Background()
	_, err := c.RoomInfo(ctx, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
	if err == nil {
		t.Fatal("room info of an unknown room succeeded")
	}
	var apiErr *symphony.APIError
	if !errors.As(err, &apiErr) || apiErr.Status < 400 || apiErr.Message == "" {
		t.Errorf("unknown room: %v, want an APIError with the pod's message", err)
	}
	if err := srv.InjectFault(simulator.FaultRateLimit); err != nil {
		t.Fatal(err)
	}
	_, err = c.SessionInfo(ctx)
	if d, ok := symphony.IsRateLimited(err); !ok || d != time.Second {
		t.Errorf("rate limited call: %v, want a 429 with Retry-After 1s", err)
	}
	if !symphony.IsRetryable(err) {
		t.Error("a 429 is not retryable")
	}
}

func TestClientDatafeedV1(t *testing.T) {
	srv := startPod(t, nil)
	c, _ := newClient(t, srv)
	ctx := context.Background()
	id, err := c.CreateDatafeedV1(ctx)
	if err != nil || id == "" {
		t.Fatalf("create v1 feed: %q, %v", id, err)
	}
	// Two quiet reads: the simulator answers 204 and 200 [] in turn; both
	// mean no events.
	for range 2 {
		evs, err := c.ReadDatafeedV1(ctx, id)
		if err != nil || len(evs) != 0 {
			t.Fatalf("quiet v1 read = %d events, %v", len(evs), err)
		}
	}
	im := createIMWithSomeone(t, c)
	if _, err := c.SendMessage(ctx, im, "<messageML>v1 hello</messageML>", ""); err != nil {
		t.Fatal(err)
	}
	evs, err := c.ReadDatafeedV1(ctx, id)
	if err != nil || !containsText(evs, "v1 hello") {
		t.Fatalf("v1 read after a message = %+v, %v", evs, err)
	}
	_, err = c.ReadDatafeedV1(ctx, "no-such-feed")
	if !symphony.IsFeedGone(err) {
		t.Errorf("read of an unknown v1 feed: %v, want 400", err)
	}
}

func TestClientUsersInBatches(t *testing.T) {
	srv := startPod(t, nil)
	c, ct := newClient(t, srv)
	ctx := context.Background()
	ids := []int64{srv.AccountID()}
	for i := range 150 {
		ids = append(ids, int64(9_000_000_000_000+i)) // unknown to the pod
	}
	users, err := c.UsersByID(ctx, ids, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(users) != 1 || users[0].ID != srv.AccountID() {
		t.Errorf("users = %+v, want only the account", users)
	}
	if n := ct.count("GET /pod/v3/users"); n != 2 {
		t.Errorf("%d user calls for 151 ids, want 2", n)
	}
}

func TestClientFromConfigOverTLS(t *testing.T) {
	srv := startPod(t, func(o *simulator.Options) { o.TLS = true })
	dir := t.TempDir()
	keyPath := filepath.Join(dir, "key.pem")
	caPath := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(keyPath, srv.PrivateKeyPEM(), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(caPath, srv.CACertPEM(), 0o600); err != nil {
		t.Fatal(err)
	}
	host, port, _ := strings.Cut(strings.TrimPrefix(srv.URL(), "https://"), ":")
	yaml := fmt.Sprintf("scheme: https\nhost: %s\nport: %s\nbot:\n  username: %s\n  privateKey:\n    path: %s\nssl:\n  trustStore:\n    path: %s\n",
		host, port, srv.Account(), keyPath, caPath)
	cfg, err := symphony.ParseConfig("config.yaml", []byte(yaml), nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := symphony.NewFromConfig(cfg, "test", nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.SessionInfo(context.Background()); err != nil {
		t.Fatalf("session info over TLS with the simulator's CA: %v", err)
	}

	// Without the trust store the certificate is refused: verification is
	// never switched off.
	cfg.TrustStore = symphony.Secret{}
	untrusting, err := symphony.NewFromConfig(cfg, "test", nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = untrusting.SessionInfo(context.Background())
	if err == nil || !symphony.IsNetwork(err) {
		t.Errorf("without the CA: %v, want a certificate failure", err)
	}
}

// TestClientFromConfigWithTokens uses the servers and trust store of a
// configuration without a bot section, with tokens from a login elsewhere.
func TestClientFromConfigWithTokens(t *testing.T) {
	srv := startPod(t, func(o *simulator.Options) { o.TLS = true })
	caPath := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(caPath, srv.CACertPEM(), 0o600); err != nil {
		t.Fatal(err)
	}
	host, port, _ := strings.Cut(strings.TrimPrefix(srv.URL(), "https://"), ":")
	yaml := fmt.Sprintf("host: %s\nport: %s\nssl:\n  trustStore:\n    path: %s\n", host, port, caPath)
	cfg, err := symphony.ParseConfig("config.yaml", []byte(yaml), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := symphony.NewFromConfig(cfg, "test", nil); err == nil {
		t.Fatal("NewFromConfig accepted a configuration without a bot")
	}
	if _, err := symphony.NewFromConfigWithTokens(cfg, "", "", "test", nil); err == nil {
		t.Fatal("NewFromConfigWithTokens accepted an empty session token")
	}
	session, km := simtest.Tokens(t, srv)
	c, err := symphony.NewFromConfigWithTokens(cfg, session, km, "test", nil)
	if err != nil {
		t.Fatal(err)
	}
	if me, err := c.SessionInfo(context.Background()); err != nil || me.Username != srv.Account() {
		t.Fatalf("session info with the tokens: %+v, %v", me, err)
	}
	if _, err := c.ListDatafeeds(context.Background(), ""); err != nil {
		t.Fatalf("an agent call with the tokens: %v", err)
	}
}

// createIMWithSomeone returns an IM between the account and the first
// member of its first room who is not the account itself.
func createIMWithSomeone(t *testing.T, c *symphony.Client) string {
	t.Helper()
	ctx := context.Background()
	me, err := c.SessionInfo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rooms, err := c.ListStreams(ctx, symphony.StreamFilter{StreamTypes: []symphony.StreamType{{Type: symphony.StreamRoom}}}, 0, 10)
	if err != nil || len(rooms) == 0 {
		t.Fatalf("rooms of the account: %d, %v", len(rooms), err)
	}
	members, err := c.RoomMembers(ctx, rooms[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range members {
		if m.ID != me.ID {
			id, err := c.CreateIM(ctx, []int64{m.ID})
			if err != nil {
				t.Fatal(err)
			}
			return id
		}
	}
	t.Fatal("the account's first room has no other member")
	return ""
}

func containsText(events []symphony.V4Event, text string) bool {
	for _, e := range events {
		if m := e.Message(); m != nil && strings.Contains(m.Message, text) {
			return true
		}
	}
	return false
}

// TestClientWrapTransports checks that every call, pod, agent and key
// manager, goes through the wrapper and then the transport below it, and
// that a client shared by the three servers is wrapped once.
func TestClientWrapTransports(t *testing.T) {
	srv := startPod(t, nil)
	c, inner := newClient(t, srv)
	var wraps int
	outer := &countingTransport{}
	c.WrapTransports(func(rt http.RoundTripper) http.RoundTripper {
		wraps++
		outer.next = rt
		return outer
	})
	ctx := context.Background()
	if _, err := c.SessionInfo(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ListDatafeeds(ctx, ""); err != nil {
		t.Fatal(err)
	}
	if wraps != 1 {
		t.Errorf("a client shared by three servers was wrapped %d times", wraps)
	}
	for _, k := range []string{"POST /login/pubkey/authenticate", "POST /relay/pubkey/authenticate",
		"GET /pod/v2/sessioninfo", "GET /agent/v5/datafeeds"} {
		if outer.count(k) != 1 || inner.count(k) != 1 {
			t.Errorf("%s: %d calls through the wrapper, %d below it; want 1 and 1", k, outer.count(k), inner.count(k))
		}
	}
}
