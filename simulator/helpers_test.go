package simulator_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/symphony"
)

// Keys are slow to generate under the race detector: every test shares two.
var (
	keysOnce           sync.Once
	accountKey, altKey *rsa.PrivateKey
)

func testKeys(t *testing.T) (*rsa.PrivateKey, *rsa.PrivateKey) {
	t.Helper()
	keysOnce.Do(func() {
		var err error
		if accountKey, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
			panic(err)
		}
		if altKey, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
			panic(err)
		}
	})
	return accountKey, altKey
}

// The users of the "empty" scenario.
const (
	botID   int64 = 349026222342000
	aliceID int64 = 349026222342001
	bobID   int64 = 349026222342002
	carolID int64 = 349026222342003
)

// fakeClock is a settable clock.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// start starts a simulator of the "empty" scenario with short timeouts;
// opts fields that are set win.
func start(t *testing.T, opts simulator.Options) *simulator.Server {
	t.Helper()
	key, _ := testKeys(t)
	if opts.Scenario == "" {
		opts.Scenario = "empty"
	}
	if opts.LongPoll == 0 {
		opts.LongPoll = 200 * time.Millisecond
	}
	opts.PrivateKey, opts.SigningKey = key, key
	srv, err := simulator.Start(context.Background(), "127.0.0.1:0", opts)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv
}

// client is a bare HTTP client of the simulator.
type client struct {
	t        *testing.T
	base     string
	hc       *http.Client
	session  string
	km       string
	username string
	key      *rsa.PrivateKey
}

// newClient returns a client of the service account, logged in.
func newClient(t *testing.T, srv *simulator.Server) *client {
	t.Helper()
	key, _ := testKeys(t)
	c := &client{t: t, base: srv.URL(), hc: &http.Client{Timeout: 10 * time.Second}, username: srv.Account(), key: key}
	c.login()
	return c
}

// loginUser gives username (a user of the pod) the alternative key and
// returns a logged-in client of theirs, its exchanges validated by v when
// v is set.
func loginUser(t *testing.T, srv *simulator.Server, username string, v http.RoundTripper) *client {
	t.Helper()
	_, alt := testKeys(t)
	if err := srv.AddAccount(username, &alt.PublicKey); err != nil {
		t.Fatal(err)
	}
	hc := &http.Client{Timeout: 10 * time.Second}
	if v != nil {
		hc.Transport = v
	}
	c := &client{t: t, base: srv.URL(), hc: hc, username: username, key: alt}
	c.login()
	return c
}

// signJWT signs a login JWT for username with key, expiring at exp.
func signJWT(t *testing.T, username string, key *rsa.PrivateKey, exp time.Time) string {
	t.Helper()
	claims := jwt.MapClaims{"sub": username}
	if !exp.IsZero() {
		claims["exp"] = exp.Unix()
	}
	tok, err := jwt.NewWithClaims(jwt.SigningMethodRS512, claims).SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// login logs in to the pod and the key manager.
func (c *client) login() {
	c.t.Helper()
	for _, path := range []string{"/login/pubkey/authenticate", "/relay/pubkey/authenticate"} {
		var tok symphony.Token
		status := c.callJSON(http.MethodPost, path, symphony.AuthenticateRequest{
			Token: signJWT(c.t, c.username, c.key, time.Now().Add(4*time.Minute)),
		}, &tok)
		if status != http.StatusOK {
			c.t.Fatalf("login %s: status %d", path, status)
		}
		if strings.HasPrefix(path, "/login") {
			c.session = tok.Token
		} else {
			c.km = tok.Token
		}
	}
}

// call sends a request: body is nil, []byte (sent as is, JSON) or a value
// encoded as JSON.
func (c *client) call(method, path string, body any) (int, []byte, http.Header) {
	c.t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		r = bytes.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			c.t.Fatal(err)
		}
		r = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, c.base+path, r)
	if err != nil {
		c.t.Fatal(err)
	}
	if r != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return c.do(req)
}

// do sends req with the client's tokens.
func (c *client) do(req *http.Request) (int, []byte, http.Header) {
	c.t.Helper()
	if c.session != "" {
		req.Header.Set("sessionToken", c.session)
	}
	if c.km != "" {
		req.Header.Set("keyManagerToken", c.km)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatalf("%s %s: read: %v", req.Method, req.URL.Path, err)
	}
	return resp.StatusCode, data, resp.Header
}

// callJSON sends a request and decodes a 2xx answer into out.
func (c *client) callJSON(method, path string, body, out any) int {
	c.t.Helper()
	status, data, _ := c.call(method, path, body)
	if status >= 200 && status < 300 && out != nil && len(data) > 0 {
		if err := json.Unmarshal(data, out); err != nil {
			c.t.Fatalf("%s %s: decode %s: %v", method, path, data, err)
		}
	}
	return status
}

// wantError checks an error answer: its status and its {code, message} body.
func wantError(t *testing.T, what string, status int, data []byte, want int) symphony.ErrorBody {
	t.Helper()
	if status != want {
		t.Fatalf("%s: status %d, want %d (body %s)", what, status, want, data)
	}
	var body symphony.ErrorBody
	if err := json.Unmarshal(data, &body); err != nil {
		t.Fatalf("%s: error body %q: %v", what, data, err)
	}
	if body.Code != want || body.Message == "" {
		t.Fatalf("%s: error body %s, want code %d and a message", what, data, want)
	}
	return body
}

// createFeed creates a datafeed v2 and returns its id.
func (c *client) createFeed() string {
	c.t.Helper()
	var f symphony.V5Datafeed
	if status := c.callJSON(http.MethodPost, "/agent/v5/datafeeds", nil, &f); status != http.StatusCreated {
		c.t.Fatalf("create feed: status %d", status)
	}
	return f.ID
}

// read reads a datafeed v2 with ackID and expects a 200.
func (c *client) read(feed, ackID string) symphony.V5EventList {
	c.t.Helper()
	var out symphony.V5EventList
	status, data, _ := c.call(http.MethodPost, "/agent/v5/datafeeds/"+feed+"/read", symphony.AckID{AckID: ackID})
	if status != http.StatusOK {
		c.t.Fatalf("read feed: status %d: %s", status, data)
	}
	if err := json.Unmarshal(data, &out); err != nil {
		c.t.Fatal(err)
	}
	return out
}

// drain reads a feed until n events arrived, acknowledging every batch.
func (c *client) drain(feed string, n int) ([]symphony.V4Event, string) {
	c.t.Helper()
	var out []symphony.V4Event
	ack := ""
	deadline := time.Now().Add(10 * time.Second)
	for len(out) < n && time.Now().Before(deadline) {
		res := c.read(feed, ack)
		out = append(out, res.Events...)
		ack = res.AckID
	}
	if len(out) != n {
		c.t.Fatalf("drain: %d events, want %d", len(out), n)
	}
	return out, ack
}

// multipartMessage builds the body of a message create.
func multipartMessage(t *testing.T, fields map[string]string) (string, []byte) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for k, v := range fields {
		if err := w.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return w.FormDataContentType(), b.Bytes()
}

// send posts a message through the agent API and returns the answer.
func (c *client) send(sid, messageML, data string) (int, []byte) {
	c.t.Helper()
	fields := map[string]string{"message": messageML}
	if data != "" {
		fields["data"] = data
	}
	ct, body := multipartMessage(c.t, fields)
	req, err := http.NewRequest(http.MethodPost, c.base+"/agent/v4/stream/"+sid+"/message/create", bytes.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", ct)
	status, out, _ := c.do(req)
	return status, out
}

// createIM creates the IM of the client's user and others.
func (c *client) createIM(others ...int64) string {
	c.t.Helper()
	var out symphony.StreamID
	if status := c.callJSON(http.MethodPost, "/pod/v1/im/create", others, &out); status != http.StatusOK {
		c.t.Fatalf("create IM: status %d", status)
	}
	return out.ID
}
