package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/internal/testio"
	"github.com/tutti-chat/tutti/symphony"
)

// syncBuffer is a buffer a command writes while the test reads it: a
// testio.Buffer, as a type of this package so that tests can give it
// methods (recording, in record_replay_test.go).
type syncBuffer struct {
	testio.Buffer
}

// TestSimulatorCommandWritesAWorkingConfig runs tutti simulator with TLS and
// logs in with the configuration it writes, as any BDK would.
func TestSimulatorCommandWritesAWorkingConfig(t *testing.T) {
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "config.yaml")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"simulator", "--addr", "127.0.0.1:0", "--tls", "--scenario", "quiet",
			"--write-config", cfgPath, "--ledger", filepath.Join(dir, "ledger.jsonl")}, &stdout, &stderr)
	}()
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(stdout.String(), "Ctrl-C") {
		select {
		case err := <-done:
			t.Fatalf("simulator ended: %v\n%s", err, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("the simulator did not start:\n%s%s", stdout.String(), stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	info, err := os.Stat(filepath.Join(dir, "tutti-bot-key.pem"))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("private key file: %v, %v; want mode 0600", info, err)
	}
	cfg, err := symphony.LoadConfig(cfgPath)
	if err != nil {
		t.Fatalf("the written config does not load: %v", err)
	}
	if cfg.Pod.Scheme != "https" || cfg.TrustStore.Path == "" {
		t.Errorf("config: scheme %q, trust store %q; want https and the CA", cfg.Pod.Scheme, cfg.TrustStore.Path)
	}
	c, err := symphony.NewFromConfig(cfg, "test", nil)
	if err != nil {
		t.Fatal(err)
	}
	me, err := c.SessionInfo(ctx)
	if err != nil || me.Username != "tutti-bot" {
		t.Fatalf("log in with the written config: %+v, %v", me, err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("simulator: %v", err)
	}
}

func TestCheckListenAddr(t *testing.T) {
	for addr, ok := range map[string]bool{
		"127.0.0.1:8443": true, "localhost:1": true, "[::1]:9": true,
		"0.0.0.0:8443": false, "192.168.1.2:80": false, "nonsense": false,
	} {
		if err := checkListenAddr(addr, false); (err == nil) != ok {
			t.Errorf("checkListenAddr(%q) = %v, want ok=%v", addr, err, ok)
		}
	}
	if err := checkListenAddr("0.0.0.0:8443", true); err != nil {
		t.Errorf("--public refused: %v", err)
	}
}

func TestEveryCommandHasHelp(t *testing.T) {
	for _, c := range commands() {
		var stdout, stderr bytes.Buffer
		err := run(context.Background(), []string{c.name, "--help"}, &stdout, &stderr)
		if err == nil || !strings.Contains(stderr.String(), "Usage: tutti "+c.name) {
			t.Errorf("%s --help: %v\n%s", c.name, err, stderr.String())
		}
	}
}
