package simulator_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"io"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/symphony"
)

func TestBadInput(t *testing.T) {
	srv := start(t, simulator.Options{})
	c := newClient(t, srv)
	for _, tc := range []struct {
		name, method, path string
		body               any
		status             int
	}{
		{"unknown path", http.MethodGet, "/pod/v9/nothing", nil, http.StatusNotFound},
		{"root", http.MethodGet, "/", nil, http.StatusNotFound},
		{"wrong method", http.MethodDelete, "/pod/v2/sessioninfo", nil, http.StatusMethodNotAllowed},
		{"wrong method on history", http.MethodPost, "/agent/v4/stream/x/message", nil, http.StatusMethodNotAllowed},
		{"malformed filter", http.MethodPost, "/pod/v1/streams/list", []byte(`{"streamTypes":`), http.StatusBadRequest},
		{"filter of the wrong type", http.MethodPost, "/pod/v1/streams/list", []byte(`{"streamTypes":"ROOM"}`), http.StatusBadRequest},
		{"malformed feed body", http.MethodPost, "/agent/v5/datafeeds", []byte(`[`), http.StatusBadRequest},
		{"oversized body", http.MethodPost, "/pod/v1/im/create", []byte("[" + strings.Repeat("1,", 600_000) + "1]"), http.StatusRequestEntityTooLarge},
		{"bad skip", http.MethodPost, "/pod/v1/streams/list?skip=x", nil, http.StatusBadRequest},
		{"negative limit", http.MethodPost, "/pod/v1/streams/list?limit=-1", nil, http.StatusBadRequest},
		{"bad v1 limit", http.MethodGet, "/agent/v4/datafeed/x/read?limit=many", nil, http.StatusBadRequest},
	} {
		status, data, _ := c.call(tc.method, tc.path, tc.body)
		wantError(t, tc.name, status, data, tc.status)
	}
	var info map[string]any
	if status := c.callJSON(http.MethodGet, "/agent/v1/info", nil, &info); status != http.StatusOK || info["version"] == "" {
		t.Fatalf("agent info: %d %v", status, info)
	}
}

// serverGoroutines counts the goroutines running the simulator's code.
func serverGoroutines() int {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	n := 0
	for g := range strings.SplitSeq(string(buf), "\n\n") {
		if strings.Contains(g, "tutti/simulator.(*Server)") && !strings.Contains(g, "simulator_test.") {
			n++
		}
	}
	return n
}

func TestCloseEndsEverything(t *testing.T) {
	key, _ := testKeys(t)
	faults, _ := simulator.ParseFaults("latency:1h")
	ctx, cancel := context.WithCancel(context.Background())
	srv, err := simulator.Start(ctx, "", simulator.Options{
		Scenario: "empty", PrivateKey: key, SigningKey: key, LongPoll: time.Minute, Faults: faults,
	})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(srv.URL(), "http://127.0.0.1:") {
		t.Fatalf("URL %s", srv.URL())
	}
	c := newClient(t, srv)
	feed := c.createFeed()
	var df symphony.Datafeed
	c.callJSON(http.MethodPost, "/agent/v4/datafeed/create", nil, &df)
	done := make(chan int, 2)
	go func() {
		status, _, _ := c.call(http.MethodPost, "/agent/v5/datafeeds/"+feed+"/read", symphony.AckID{})
		done <- status
	}()
	go func() {
		req, _ := http.NewRequest(http.MethodGet, c.base+"/agent/v4/datafeed/"+df.ID+"/read", nil)
		req.Header.Set("sessionToken", c.session)
		resp, err := c.hc.Do(req)
		if err == nil {
			resp.Body.Close()
			done <- resp.StatusCode
		} else {
			done <- 0
		}
	}()
	time.Sleep(200 * time.Millisecond) // both reads are waiting
	if serverGoroutines() == 0 {
		t.Fatal("no goroutine of the server found: the leak check is blind")
	}
	began := time.Now()
	cancel() // the context ends the server, as Close does
	for range 2 {
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatal("a long poll outlived the server")
		}
	}
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(began); d > 3*time.Second {
		t.Fatalf("closing took %s", d)
	}
	if err := srv.Close(); err != nil {
		t.Fatal("second Close:", err)
	}
	deadline := time.Now().Add(2 * time.Second)
	for serverGoroutines() > 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := serverGoroutines(); n > 0 {
		t.Fatalf("%d goroutines of the server still run after Close", n)
	}
	if _, err := http.Get(srv.URL() + "/agent/v1/info"); err == nil {
		t.Fatal("the server still answers after Close")
	}
}

func TestTLS(t *testing.T) {
	srv := start(t, simulator.Options{TLS: true})
	if !strings.HasPrefix(srv.URL(), "https://127.0.0.1:") {
		t.Fatalf("URL %s", srv.URL())
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(srv.CACertPEM()) {
		t.Fatal("no CA certificate")
	}
	key, _ := testKeys(t)
	c := &client{t: t, base: srv.URL(), username: srv.Account(), key: key,
		hc: &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}}
	c.login()
	var info symphony.UserV2
	if status := c.callJSON(http.MethodGet, "/pod/v2/sessioninfo", nil, &info); status != http.StatusOK || info.ID != botID {
		t.Fatalf("sessioninfo over TLS: %d", status)
	}
	// The same for localhost.
	c.base = strings.Replace(srv.URL(), "127.0.0.1", "localhost", 1)
	if status := c.callJSON(http.MethodGet, "/pod/v2/sessioninfo", nil, &info); status != http.StatusOK {
		t.Fatalf("sessioninfo over TLS via localhost: %d", status)
	}
	if len(start(t, simulator.Options{}).CACertPEM()) != 0 {
		t.Fatal("a CA without TLS")
	}
}

func TestKeyGeneratedWhenNotGiven(t *testing.T) {
	if testing.Short() {
		t.Skip("generates RSA keys")
	}
	srv, err := simulator.Start(context.Background(), "127.0.0.1:0", simulator.Options{Scenario: "empty"})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	key, err := symphony.ParsePrivateKey(srv.PrivateKeyPEM())
	if err != nil || key.N.BitLen() != 2048 || !strings.Contains(string(srv.PrivateKeyPEM()), "BEGIN PRIVATE KEY") {
		t.Fatalf("generated key: %v", err)
	}
	c := &client{t: t, base: srv.URL(), hc: http.DefaultClient, username: srv.Account(), key: key}
	c.login()
}

func TestUncleanPathIsAJSON404(t *testing.T) {
	srv := start(t, simulator.Options{})
	resp, err := http.Get(srv.URL() + "/pod//v2/sessioninfo")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusNotFound || !strings.HasPrefix(string(data), `{"code":404`) {
		t.Errorf("GET //: %d %s, want a JSON 404", resp.StatusCode, data)
	}
	// An id in standard base64, escaped, may hold "%2F%2F": that is a path
	// segment, not an empty one (here answered 401 for the missing token).
	resp, err = http.Get(srv.URL() + "/pod/v2/streams/ab%2F%2Fcd/info")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("GET an escaped id with %%2F%%2F: %d, want 401", resp.StatusCode)
	}
}

func TestStopLiveFreezesThePod(t *testing.T) {
	srv := start(t, simulator.Options{Scenario: "busy", Speed: 4})
	deadline := time.Now().Add(10 * time.Second)
	for srv.State().Events == 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	srv.StopLive()
	before := srv.State()
	time.Sleep(300 * time.Millisecond)
	if after := srv.State(); after.Events != before.Events || after.Messages != before.Messages {
		t.Errorf("the pod changed after StopLive: %+v → %+v", before, after)
	}
	srv.StopLive() // again: no effect, no block
}
