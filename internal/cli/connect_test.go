package cli

import (
	"bytes"
	"context"
	"github.com/tutti-chat/tutti/internal/session"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/simulator/simtest"
)

// simConfig starts a test pod and writes, as tutti simulator
// --write-config does, a configuration pointing at it, with the key beside
// it (mode 0600) and, under TLS, the CA to trust. It returns the pod and
// the configuration's path.
func simConfig(t *testing.T, tls bool) (*simulator.Server, string) {
	t.Helper()
	srv := simtest.Start(t, simulator.Options{TLS: tls})
	path := filepath.Join(t.TempDir(), "config.yaml")
	if _, err := writeSimulatorConfig(srv, path); err != nil {
		t.Fatal(err)
	}
	return srv, path
}

// runCommand runs tutti with args in the process and returns its output and
// error.
func runCommand(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err = run(context.Background(), args, &out, &errOut)
	return out.String(), errOut.String(), err
}

// tokenConfig starts a test pod and writes a configuration of its servers
// alone, without a bot section: what a user with a session token has.
func tokenConfig(t *testing.T) (*simulator.Server, string) {
	t.Helper()
	srv := simtest.Start(t, simulator.Options{})
	host, port, _ := strings.Cut(strings.TrimPrefix(srv.URL(), "http://"), ":")
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte("scheme: http\nhost: "+host+"\nport: "+port+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return srv, path
}

func TestConnectWithSessionTokens(t *testing.T) {
	srv, path := tokenConfig(t)
	token, km := simtest.Tokens(t, srv)
	t.Setenv("SYMPHONY_SESSION_TOKEN", token)
	t.Setenv("SYMPHONY_KM_TOKEN", km)
	t.Setenv("TUTTI_CONFIG", path)
	conn, err := session.Connect(context.Background(), session.Target{}, embeddedSimFlags{}.session(), session.Recording{}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatalf("connect with session tokens: %v", err)
	}
	defer conn.Close()
	if !conn.StaticTokens || conn.Sim != nil || conn.Account != srv.Account() || conn.Names.Me() != srv.AccountID() {
		t.Errorf("connection: static %v, simulator %v, account %q, me %d", conn.StaticTokens, conn.Sim != nil, conn.Account, conn.Names.Me())
	}
}

func TestConnectRefusesABadSessionToken(t *testing.T) {
	_, path := tokenConfig(t)
	t.Setenv("SYMPHONY_SESSION_TOKEN", "stale-token-value")
	_, err := session.Connect(context.Background(), session.Target{Config: path}, embeddedSimFlags{}.session(), session.Recording{}, slog.New(slog.DiscardHandler))
	if err == nil || !strings.Contains(err.Error(), "the session token in SYMPHONY_SESSION_TOKEN was refused (401): get a new one") ||
		strings.Contains(err.Error(), "stale-token-value") {
		t.Fatalf("connect with a refused token: %v", err)
	}

	// A token without a configuration has no pod to go to.
	_, err = session.Connect(context.Background(), session.Target{}, embeddedSimFlags{}.session(), session.Recording{}, slog.New(slog.DiscardHandler))
	if err == nil || !strings.Contains(err.Error(), "SYMPHONY_SESSION_TOKEN is set, but no configuration names the pod") {
		t.Fatalf("connect with a token and no configuration: %v", err)
	}
}

func TestConnectRefusesAKeyOthersCanRead(t *testing.T) {
	_, path := simConfig(t, false)
	keyPath := filepath.Join(filepath.Dir(path), "tutti-bot-key.pem")
	if err := os.Chmod(keyPath, 0o604); err != nil {
		t.Fatal(err)
	}
	_, err := session.Connect(context.Background(), session.Target{Config: path}, embeddedSimFlags{}.session(), session.Recording{}, slog.New(slog.DiscardHandler))
	if err == nil || !strings.Contains(err.Error(), keyPath+" has mode 0604") || !strings.Contains(err.Error(), "chmod 600 "+keyPath) {
		t.Fatalf("connect with a 0604 key: %v", err)
	}
	conn, err := session.Connect(context.Background(), session.Target{Config: path, InsecureKey: true}, embeddedSimFlags{}.session(), session.Recording{}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatalf("connect --insecure-key-permissions: %v", err)
	}
	conn.Close()

	// The commands take the flag.
	_, stderr, err := runCommand(t, "tail", "--config", path, "--no-state", "--duration", "300ms")
	if err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("tail with a 0604 key: %v\n%s", err, stderr)
	}
	_, stderr, err = runCommand(t, "tail", "--config", path, "--no-state", "--duration", "300ms", "--insecure-key-permissions")
	if err != nil {
		t.Errorf("tail --insecure-key-permissions: %v\n%s", err, stderr)
	}
	if _, stderr, _ := runCommand(t, "ui", "--help"); !strings.Contains(stderr, "-insecure-key-permissions") {
		t.Errorf("ui --help lacks --insecure-key-permissions:\n%s", stderr)
	}
}

// TestTailStopsWhenTheSessionTokenIsRefused follows a pod with a session
// token until the pod ends the session: tail must stop at once with the
// clear message, not retry for ever.
func TestTailStopsWhenTheSessionTokenIsRefused(t *testing.T) {
	srv, path := tokenConfig(t)
	token, km := simtest.Tokens(t, srv)
	t.Setenv("SYMPHONY_SESSION_TOKEN", token)
	t.Setenv("SYMPHONY_KM_TOKEN", km)
	var stdout, stderr syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(context.Background(), []string{"tail", "--config", path, "--no-state", "--duration", "60s"}, &stdout, &stderr)
	}()
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(stderr.String(), "datafeed v2 live") {
		select {
		case err := <-done:
			t.Fatalf("tail ended before the feed was live: %v\n%s", err, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("the feed did not go live:\n%s", stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := srv.InjectFault(simulator.FaultExpireSession); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "the session token in SYMPHONY_SESSION_TOKEN was refused (401): get a new one") {
			t.Fatalf("tail returned %v\n%s", err, stderr.String())
		}
		if all := err.Error() + stderr.String() + stdout.String(); strings.Contains(all, token) || strings.Contains(all, km) {
			t.Fatalf("a token was printed:\n%s", all)
		}
		if strings.Contains(stderr.String(), "reauthenticating") {
			t.Errorf("tail tried to log in again:\n%s", stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("tail did not stop after the session ended:\n%s", stderr.String())
	}
}
