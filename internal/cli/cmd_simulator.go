package cli

import (
	"context"
	"errors"
	"fmt"
	"github.com/tutti-chat/tutti/internal/session"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/tutti-chat/tutti/internal/state"
	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/symphony"
)

// accountFlags collects repeated --account NAME=PUBKEY.pem flags.
type accountFlags []string

func (a *accountFlags) String() string     { return strings.Join(*a, ",") }
func (a *accountFlags) Set(v string) error { *a = append(*a, v); return nil }

// simulatorFlags are the flags of tutti simulator.
type simulatorFlags struct {
	addr        string
	public      bool
	tls         bool
	writeConfig string
	accounts    accountFlags
	humans      humanFlags
	scenario    string
	seed        int64
	speed       float64
	faults      string
	ledger      string
	sessionTTL  time.Duration
	feedTTL     time.Duration
	longPoll    time.Duration
	verbose     bool
	shape       podShapeFlags
}

func runSimulator(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var f simulatorFlags
	fs := newFlagSet("simulator", "simulator [flags]", stderr)
	fs.StringVar(&f.addr, "addr", "127.0.0.1:8443", "`host:port` to listen on (loopback only, unless --public)")
	fs.BoolVar(&f.public, "public", false, "allow listening on a non-loopback address")
	fs.BoolVar(&f.tls, "tls", false, "serve HTTPS with a generated certificate (its CA goes beside --write-config, else to the temporary directory)")
	fs.StringVar(&f.writeConfig, "write-config", "", "write a BDK config.yaml for the service account to `PATH`, with its private key beside it")
	fs.Var(&f.accounts, "account", "register another service account as `NAME=PUBKEY.pem` (repeatable)")
	fs.Var(&f.humans, "human", "a person of the pod, `USERNAME`, who logs in with a key the simulator issues, to talk to the bot; their config goes beside --write-config (repeatable)")
	fs.StringVar(&f.scenario, "scenario", "demo", "what the pod plays: demo, busy (200+ events/s), quiet (nothing by itself), scale (thousands of rooms, see --rooms) or empty (the bot, the --human people and three colleagues in one room)")
	fs.Int64Var(&f.seed, "seed", 1, "seed of the scenario (the same seed plays the same company and history)")
	fs.Float64Var(&f.speed, "speed", 1, "speed of the live scenario (2 = twice as fast)")
	fs.StringVar(&f.faults, "faults", "", "inject faults: comma-separated `kind:interval` (expire-feed, expire-session, error5xx, ratelimit, latency, drop, duplicate, all), e.g. expire-feed:20s,drop:7s")
	fs.StringVar(&f.ledger, "ledger", "", "append every event the service account's datafeed should deliver to `FILE` (JSON lines)")
	fs.DurationVar(&f.sessionTTL, "session-ttl", simulator.DefaultSessionTTL, "lifetime of session tokens")
	fs.DurationVar(&f.feedTTL, "feed-ttl", simulator.DefaultFeedTTL, "lifetime of an unread datafeed v2")
	fs.DurationVar(&f.longPoll, "long-poll", simulator.DefaultLongPoll, "how long a datafeed read waits for events")
	fs.BoolVar(&f.verbose, "verbose", false, "log every request and action to stderr")
	addPodShapeFlags(fs, &f.shape)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := checkListenAddr(f.addr, f.public); err != nil {
		return err
	}
	if err := checkSimulator(f.scenario, f.speed); err != nil {
		return err
	}
	if err := f.shape.check(); err != nil {
		return err
	}
	if f.sessionTTL <= 0 || f.feedTTL <= 0 || f.longPoll <= 0 {
		return session.Usagef("--session-ttl %s, --feed-ttl %s, --long-poll %s: want durations over 0", f.sessionTTL, f.feedTTL, f.longPoll)
	}
	if len(f.humans) > 0 && f.writeConfig == "" {
		return errors.New("--human needs --write-config: each person's configuration and key are written beside it")
	}
	faults, err := simulator.ParseFaults(f.faults)
	if err != nil {
		return err
	}
	opts := simulator.Options{
		Scenario: f.scenario, Seed: f.seed, Speed: f.speed, TLS: f.tls, Faults: faults,
		SessionTTL: f.sessionTTL, FeedTTL: f.feedTTL, LongPoll: f.longPoll,
	}
	f.shape.apply(&opts)
	f.humans.apply(&opts)
	if f.verbose {
		opts.Logger = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	if f.ledger != "" {
		ledger, err := session.OpenPrivate(f.ledger, "ledger")
		if err != nil {
			return err
		}
		defer ledger.Close()
		opts.Ledger = ledger
	}
	srv, err := simulator.Start(ctx, f.addr, opts)
	if err != nil {
		return err
	}
	defer srv.Close()
	for _, a := range f.accounts {
		if err := addAccount(srv, a); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "Symphony pod simulator at %s (scenario %s, seed %d)\n", srv.URL(), f.scenario, f.seed)
	fmt.Fprintf(stdout, "service account: %s\n", srv.Account())
	if !faults.IsZero() {
		fmt.Fprintf(stdout, "faults: %s\n", faults)
	}
	if f.writeConfig != "" {
		written, err := writeSimulatorConfig(srv, f.writeConfig)
		if err != nil {
			return err
		}
		for _, w := range written {
			fmt.Fprintf(stdout, "wrote %s\n", w)
		}
		if err := writeHumanConfigs(srv, f.writeConfig, stdout); err != nil {
			return err
		}
	} else if ca := srv.CACertPEM(); len(ca) > 0 {
		// Clients need the CA to trust the server: write it even without a
		// configuration to write.
		path := filepath.Join(os.TempDir(), "tutti-simulator-ca.pem")
		if err := state.WriteFileAtomic(path, ca, 0o644); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "CA certificate to trust: %s\n", path)
	}
	fmt.Fprintln(stdout, "Ctrl-C stops it.")
	<-ctx.Done()
	return nil
}

// checkListenAddr refuses a non-loopback address unless public is set.
func checkListenAddr(addr string, public bool) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("--addr %q: %w", addr, err)
	}
	if public {
		return nil
	}
	if host == "localhost" {
		return nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("--addr %q is not a loopback address; add --public to serve other machines", addr)
	}
	return nil
}

// addAccount registers NAME=PUBKEY.pem as a service account.
func addAccount(srv *simulator.Server, spec string) error {
	name, path, ok := strings.Cut(spec, "=")
	if !ok || name == "" || path == "" {
		return fmt.Errorf("--account %q: want NAME=PUBKEY.pem", spec)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("--account %s: %w", name, err)
	}
	pub, err := symphony.ParsePublicKey(data)
	if err != nil {
		return fmt.Errorf("--account %s: %w", name, err)
	}
	if err := srv.AddAccount(name, pub); err != nil {
		return fmt.Errorf("--account %s: %w", name, err)
	}
	return nil
}

// writeSimulatorConfig writes a BDK config.yaml for the simulator's service
// account at path, the account's private key beside it (mode 0600) and,
// under TLS, the CA certificate to trust. It returns the files written.
func writeSimulatorConfig(srv *simulator.Server, path string) ([]string, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("write config: %w", err)
	}
	u, err := splitURL(srv.URL())
	if err != nil {
		return nil, err
	}
	keyPath := filepath.Join(dir, srv.Account()+"-key.pem")
	if err := state.WriteFileAtomic(keyPath, srv.PrivateKeyPEM(), 0o600); err != nil {
		return nil, err
	}
	written := []string{path, keyPath}
	caPath := ""
	if ca := srv.CACertPEM(); len(ca) > 0 {
		caPath = filepath.Join(dir, simulatorCAFile)
		if err := state.WriteFileAtomic(caPath, ca, 0o644); err != nil {
			return nil, err
		}
		written = append(written, caPath)
	}
	if err := writeBDKConfig(u, srv.URL(), path, srv.Account(), keyPath, caPath); err != nil {
		return nil, err
	}
	return written, nil
}

// simulatorCAFile is the name of the CA certificate written beside a
// configuration under TLS.
const simulatorCAFile = "simulator-ca.pem"

// writeBDKConfig writes at path a BDK config.yaml for the simulator at
// url (u) that logs username in with the key at keyPath, trusting the CA
// at caPath when it is not "".
func writeBDKConfig(u urlParts, url, path, username, keyPath, caPath string) error {
	absKey, err := filepath.Abs(keyPath)
	if err != nil {
		return fmt.Errorf("write config: %w", err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# BDK configuration for the tutti pod simulator at %s.\n", url)
	fmt.Fprintf(&b, "# Valid while that simulator runs: its keys are generated at start.\n")
	fmt.Fprintf(&b, "scheme: %s\nhost: %s\nport: %s\n\n", u.scheme, u.host, u.port)
	fmt.Fprintf(&b, "bot:\n  username: %s\n  privateKey:\n    path: %s\n", username, absKey)
	if caPath != "" {
		absCA, err := filepath.Abs(caPath)
		if err != nil {
			return fmt.Errorf("write config: %w", err)
		}
		fmt.Fprintf(&b, "\nssl:\n  trustStore:\n    path: %s\n", absCA)
	}
	fmt.Fprintf(&b, "\ndatafeed:\n  version: v2\n")
	return state.WriteFileAtomic(path, []byte(b.String()), 0o600)
}

type urlParts struct{ scheme, host, port string }

func splitURL(raw string) (urlParts, error) {
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok {
		return urlParts{}, fmt.Errorf("simulator URL %q has no scheme", raw)
	}
	host, port, err := net.SplitHostPort(rest)
	if err != nil {
		return urlParts{}, fmt.Errorf("simulator URL %q: %w", raw, err)
	}
	return urlParts{scheme, host, port}, nil
}
