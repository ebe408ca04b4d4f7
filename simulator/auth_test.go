package simulator_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/symphony"
)

func TestLogin(t *testing.T) {
	srv := start(t, simulator.Options{})
	key, other := testKeys(t)
	c := &client{t: t, base: srv.URL(), hc: http.DefaultClient}
	now := time.Now()
	tests := []struct {
		name   string
		token  string
		status int
	}{
		{"good", signJWT(t, srv.Account(), key, now.Add(4*time.Minute)), http.StatusOK},
		{"username case-insensitive", signJWT(t, strings.ToUpper(srv.Account()), key, now.Add(time.Minute)), http.StatusOK},
		{"bad signature", signJWT(t, srv.Account(), other, now.Add(4*time.Minute)), http.StatusUnauthorized},
		{"expired", signJWT(t, srv.Account(), key, now.Add(-time.Minute)), http.StatusUnauthorized},
		{"exp too far ahead", signJWT(t, srv.Account(), key, now.Add(10*time.Minute)), http.StatusUnauthorized},
		{"no exp", signJWT(t, srv.Account(), key, time.Time{}), http.StatusUnauthorized},
		{"unknown user", signJWT(t, "nobody", key, now.Add(time.Minute)), http.StatusUnauthorized},
		{"user without key", signJWT(t, "alice", key, now.Add(time.Minute)), http.StatusUnauthorized},
		{"not a JWT", "hello", http.StatusUnauthorized},
		{"empty", "", http.StatusUnauthorized},
	}
	hs256, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{
		"sub": srv.Account(), "exp": now.Add(time.Minute).Unix(),
	}).SignedString([]byte("secret"))
	tests = append(tests, struct {
		name   string
		token  string
		status int
	}{"HS256", hs256, http.StatusUnauthorized})

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, path := range []string{"/login/pubkey/authenticate", "/relay/pubkey/authenticate"} {
				status, data, _ := c.call(http.MethodPost, path, symphony.AuthenticateRequest{Token: tt.token})
				if tt.status != http.StatusOK {
					wantError(t, path, status, data, tt.status)
					continue
				}
				var tok symphony.Token
				if status != http.StatusOK || json.Unmarshal(data, &tok) != nil {
					t.Fatalf("%s: status %d, body %s", path, status, data)
				}
				wantName := "sessionToken"
				if strings.HasPrefix(path, "/relay") {
					wantName = "keyManagerToken"
				}
				if tok.Name != wantName || tok.Token == "" {
					t.Fatalf("%s: token %+v", path, tok)
				}
			}
		})
	}

	t.Run("session token is a JWT", func(t *testing.T) {
		cl := newClient(t, srv)
		claims := jwt.MapClaims{}
		if _, _, err := jwt.NewParser().ParseUnverified(cl.session, claims); err != nil {
			t.Fatalf("session token: %v", err)
		}
		if claims["sub"] != srv.Account() || claims["userId"] == nil || claims["exp"] == nil {
			t.Fatalf("claims %v", claims)
		}
		if strings.Trim(cl.km, "0123456789abcdef") != "" {
			t.Fatalf("key manager token %q is not hex", cl.km)
		}
	})
	t.Run("malformed body", func(t *testing.T) {
		status, data, _ := c.call(http.MethodPost, "/login/pubkey/authenticate", []byte(`{"token":`))
		wantError(t, "malformed", status, data, http.StatusBadRequest)
	})
	t.Run("wrong method", func(t *testing.T) {
		status, data, h := c.call(http.MethodGet, "/login/pubkey/authenticate", nil)
		wantError(t, "GET login", status, data, http.StatusMethodNotAllowed)
		if h.Get("Allow") != "POST" {
			t.Fatalf("Allow %q", h.Get("Allow"))
		}
	})
}

func TestUnauthenticatedCalls(t *testing.T) {
	srv := start(t, simulator.Options{})
	good := newClient(t, srv)
	calls := []struct{ method, path string }{
		{http.MethodGet, "/pod/v2/sessioninfo"},
		{http.MethodPost, "/pod/v1/streams/list"},
		{http.MethodGet, "/pod/v3/users?uid=1"},
		{http.MethodGet, "/agent/v5/datafeeds"},
		{http.MethodPost, "/agent/v4/datafeed/create"},
		{http.MethodGet, "/agent/v4/stream/abc/message?since=0"},
	}
	for _, tc := range []struct {
		name        string
		session, km string
	}{
		{"no token", "", ""},
		{"unknown token", "eyJhbGciOiJSUzUxMiJ9.e30.c2ln", ""},
		{"bad key manager token", good.session, "0100dead"},
		{"key manager token as session token", good.km, good.km},
	} {
		c := &client{t: t, base: srv.URL(), hc: http.DefaultClient, session: tc.session, km: tc.km}
		for _, call := range calls {
			if tc.name == "bad key manager token" && strings.HasPrefix(call.path, "/pod") {
				continue // the pod ignores the key manager token
			}
			status, data, _ := c.call(call.method, call.path, nil)
			body := wantError(t, tc.name+" "+call.path, status, data, http.StatusUnauthorized)
			if tc.name == "no token" && body.Message != "Invalid session" {
				t.Fatalf("message %q", body.Message)
			}
		}
	}
	// Without simplified key delivery the agent needs the key manager
	// token too; the pod does not.
	noKM := &client{t: t, base: srv.URL(), hc: http.DefaultClient, session: good.session}
	status, data, _ := noKM.call(http.MethodGet, "/agent/v5/datafeeds", nil)
	wantError(t, "agent call without key manager token", status, data, http.StatusUnauthorized)
	if status, data, _ := noKM.call(http.MethodGet, "/pod/v2/sessioninfo", nil); status != http.StatusOK {
		t.Fatalf("pod call without key manager token: %d %s", status, data)
	}
}

func TestSessionExpiryKeepsDatafeeds(t *testing.T) {
	clock := newFakeClock()
	srv := start(t, simulator.Options{Clock: clock.Now, SessionTTL: time.Hour, FeedTTL: 24 * time.Hour})
	c := newClientAt(t, srv, clock)
	feed := c.createFeed()
	var info symphony.UserV2
	if status := c.callJSON(http.MethodGet, "/pod/v2/sessioninfo", nil, &info); status != http.StatusOK || info.ID != botID || info.Username != srv.Account() {
		t.Fatalf("sessioninfo: %d %+v", status, info)
	}

	clock.Advance(61 * time.Minute)
	status, data, _ := c.call(http.MethodGet, "/pod/v2/sessioninfo", nil)
	wantError(t, "expired session", status, data, http.StatusUnauthorized)
	status, data, _ = c.call(http.MethodPost, "/agent/v5/datafeeds/"+feed+"/read", symphony.AckID{})
	wantError(t, "read with an expired session", status, data, http.StatusUnauthorized)

	c.loginAt(clock.Now())
	if _, err := srv.Post(c.im(t, aliceID), aliceID, "<messageML>after re-login</messageML>"); err != nil {
		t.Fatal(err)
	}
	got := c.read(feed, "")
	if len(got.Events) == 0 {
		t.Fatal("the datafeed lost its events over the re-login")
	}
}

// newClientAt returns a logged-in client whose JWTs follow clock.
func newClientAt(t *testing.T, srv *simulator.Server, clock *fakeClock) *client {
	t.Helper()
	key, _ := testKeys(t)
	c := &client{t: t, base: srv.URL(), hc: &http.Client{Timeout: 10 * time.Second}, username: srv.Account(), key: key}
	c.loginAt(clock.Now())
	return c
}

// loginAt logs in with JWTs that expire 4 minutes after now.
func (c *client) loginAt(now time.Time) {
	c.t.Helper()
	for _, path := range []string{"/login/pubkey/authenticate", "/relay/pubkey/authenticate"} {
		var tok symphony.Token
		if status := c.callJSON(http.MethodPost, path, symphony.AuthenticateRequest{
			Token: signJWT(c.t, c.username, c.key, now.Add(4*time.Minute)),
		}, &tok); status != http.StatusOK {
			c.t.Fatalf("login %s: %d", path, status)
		}
		if strings.HasPrefix(path, "/login") {
			c.session = tok.Token
		} else {
			c.km = tok.Token
		}
	}
}

// im returns the IM of the client's user and other.
func (c *client) im(t *testing.T, other int64) string {
	t.Helper()
	return c.createIM(other)
}

func TestAddAccount(t *testing.T) {
	srv := start(t, simulator.Options{})
	_, other := testKeys(t)
	if err := srv.AddAccount("second-bot", &other.PublicKey); err != nil {
		t.Fatal(err)
	}
	u, ok := srv.UserByUsername("second-bot")
	if !ok || u.AccountType != "SYSTEM" {
		t.Fatalf("second-bot: %+v %v", u, ok)
	}
	c := &client{t: t, base: srv.URL(), hc: http.DefaultClient, username: "second-bot", key: other}
	c.login()
	var info symphony.UserV2
	if status := c.callJSON(http.MethodGet, "/pod/v2/sessioninfo", nil, &info); status != http.StatusOK || info.ID != u.ID {
		t.Fatalf("sessioninfo of the second account: %d %+v", status, info)
	}
	// An existing person can be given a key too.
	if err := srv.AddAccount("alice", &other.PublicKey); err != nil {
		t.Fatal(err)
	}
	alice := &client{t: t, base: srv.URL(), hc: http.DefaultClient, username: "alice", key: other}
	alice.login()
	if err := srv.AddAccount("", &other.PublicKey); err == nil {
		t.Fatal("AddAccount with no username succeeded")
	}
}
