// Package simtest starts the embedded Symphony pod simulator for the tests
// of other packages, as net/http/httptest does for servers: on 127.0.0.1,
// closed when the test ends, with one RSA key shared by the whole test
// binary (generating 2048-bit keys under the race detector is slow), and a
// client logged in as the service account.
package simtest

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/internal/testio"
	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/symphony"
)

// LongPoll is the datafeed long poll of test pods: short, so that quiet
// reads end quickly.
const LongPoll = 200 * time.Millisecond

// key makes the RSA key of every test pod of the binary, once.
var key = sync.OnceValue(func() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic("simtest: generate an RSA key: " + err.Error())
	}
	return k
})

// Key returns the RSA key shared by the test binary's pods.
func Key() *rsa.PrivateKey { return key() }

// Start starts a pod for t. Unset options get test values: the "quiet"
// scenario, LongPoll, and the shared key for the service account and the
// session tokens.
func Start(t testing.TB, opts simulator.Options) *simulator.Server {
	t.Helper()
	if opts.Scenario == "" {
		opts.Scenario = "quiet"
	}
	if opts.LongPoll == 0 {
		opts.LongPoll = LongPoll
	}
	if opts.PrivateKey == nil {
		opts.PrivateKey = Key()
	}
	if opts.SigningKey == nil {
		opts.SigningKey = Key()
	}
	srv, err := simulator.Start(context.Background(), "127.0.0.1:0", opts)
	if err != nil {
		t.Fatalf("start the simulator: %v", err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv
}

// Client returns a client of the pod's service account; tweak, when given,
// adjusts its options (HTTP clients, clock) first.
func Client(t testing.TB, srv *simulator.Server, tweak func(*symphony.Options)) *symphony.Client {
	t.Helper()
	k, err := symphony.ParsePrivateKey(srv.PrivateKeyPEM())
	if err != nil {
		t.Fatal(err)
	}
	opts := symphony.Options{PodURL: srv.URL(), Username: srv.Account(), PrivateKey: k, Version: "test"}
	if tweak != nil {
		tweak(&opts)
	}
	c, err := symphony.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Tokens logs the pod's service account in, as a browser or another tool
// would, and returns its session and key-manager tokens: what a client in
// session-token mode (symphony.Options.SessionToken) is given.
func Tokens(t testing.TB, srv *simulator.Server) (session, keyManager string) {
	t.Helper()
	k, err := symphony.ParsePrivateKey(srv.PrivateKeyPEM())
	if err != nil {
		t.Fatal(err)
	}
	var opts symphony.HTTPOptions
	if ca := srv.CACertPEM(); len(ca) > 0 {
		if opts.RootCAs, err = symphony.CertPool(ca); err != nil {
			t.Fatal(err)
		}
	}
	hc := symphony.NewHTTPClient(opts)
	login := func(path string) string {
		t.Helper()
		jwt, err := symphony.SignLoginJWT(srv.Account(), k, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		body, _ := json.Marshal(symphony.AuthenticateRequest{Token: jwt})
		resp, err := hc.Post(srv.URL()+path, "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatalf("log in at %s: %v", path, err)
		}
		defer resp.Body.Close()
		var tok symphony.Token
		if err := json.NewDecoder(resp.Body).Decode(&tok); err != nil || resp.StatusCode != http.StatusOK || tok.Token == "" {
			t.Fatalf("log in at %s: status %d, %v", path, resp.StatusCode, err)
		}
		return tok.Token
	}
	return login("/login/pubkey/authenticate"), login("/relay/pubkey/authenticate")
}

// Ledger collects a simulator's ledger (Options.Ledger) while the test
// reads it: safe for concurrent use.
type Ledger struct {
	buf testio.Buffer
}

// Write implements io.Writer for the simulator.
func (l *Ledger) Write(p []byte) (int, error) {
	return l.buf.Write(p)
}

// Events decodes the ledger written so far.
func (l *Ledger) Events(t testing.TB) []symphony.V4Event {
	t.Helper()
	evs, err := simulator.ReadLedger(bytes.NewReader(l.buf.Bytes()))
	if err != nil {
		t.Fatalf("read the ledger: %v", err)
	}
	return evs
}
