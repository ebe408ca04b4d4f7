package cli

import (
	"context"
	"errors"
	"flag"
	"log/slog"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/tutti-chat/tutti/feed"
	"github.com/tutti-chat/tutti/internal/tuiconfig"
	"github.com/tutti-chat/tutti/names"
	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/symphony"
)

// connection is a logged-in client of a pod: a real one from a
// configuration file, or the embedded simulator, playing a scenario or
// replaying a recording.
type connection struct {
	client       *symphony.Client
	sim          *simulator.Server // nil for a real pod
	staticTokens bool              // session-token mode: SYMPHONY_SESSION_TOKEN
	feedOptions  feed.Options
	podHost      string // for the state directory
	account      string
	// names are the names of the account, its streams and their members,
	// looked up at login; tail and the UI learn more from the events.
	names *names.Directory
	// streams is the account's streams list as read at login; nil when it
	// could not be read.
	streams []symphony.StreamAttributes
	// settings are the tui: section of the configuration file, or the
	// defaults for the embedded simulator.
	settings tuiconfig.Settings
	// replay is the name of the recording file the embedded simulator
	// replays; "" otherwise.
	replay string
	// ended is closed when a replay that does not loop has reached the
	// end of its recording; nil otherwise.
	ended   <-chan struct{}
	closers []func() error
}

// Close stops the embedded simulator and closes the ledger and the
// recording.
func (c *connection) Close() error {
	var first error
	for i := len(c.closers) - 1; i >= 0; i-- {
		if err := c.closers[i](); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// podTarget is what the command line says about the pod to follow.
type podTarget struct {
	config      string // --config; "" resolves as resolveConfigPath does
	insecureKey bool   // --insecure-key-permissions
}

// addPodTargetFlags declares --config and --insecure-key-permissions.
func addPodTargetFlags(fs *flag.FlagSet, t *podTarget) {
	fs.StringVar(&t.config, "config", "", "BDK config.yaml of the pod (default: $TUTTI_CONFIG, else "+
		"$XDG_CONFIG_HOME/tutti/config.yaml when it exists, else the embedded simulator)")
	fs.BoolVar(&t.insecureKey, insecureKeyFlag, false, "use a private key file that other users may read or write")
}

// sessionTokens returns SYMPHONY_SESSION_TOKEN and SYMPHONY_KM_TOKEN: with
// a session token, tutti uses them as they are and never logs in.
func sessionTokens(getenv func(string) string) (session, keyManager string) {
	return strings.TrimSpace(getenv("SYMPHONY_SESSION_TOKEN")), strings.TrimSpace(getenv("SYMPHONY_KM_TOKEN"))
}

// connect logs in to the pod of the configuration resolveConfigPath finds
// for target, or else to an embedded simulator started with sim. With
// SYMPHONY_SESSION_TOKEN set it uses that token (and SYMPHONY_KM_TOKEN)
// with the configuration's servers instead of logging in, and checks it at
// once. It records the pod's answers as rec asks.
func connect(ctx context.Context, target podTarget, sim embeddedSimFlags, rec recordFlags, logger *slog.Logger) (*connection, error) {
	path, source := resolveConfigPath(target.config, os.Getenv, userHome())
	session, km := sessionTokens(os.Getenv)
	var c *connection
	var err error
	switch {
	case path != "":
		logger.Info("configuration", "path", path, "from", source, "sessionToken", session != "")
		c, err = connectConfig(path, session, km, target.insecureKey, logger)
	case session != "":
		return nil, errors.New("SYMPHONY_SESSION_TOKEN is set, but no configuration names the pod: " +
			"give --config FILE or $TUTTI_CONFIG, or write one with tutti config init")
	default:
		c, err = connectSimulator(ctx, sim, logger)
	}
	if err != nil {
		return nil, err
	}
	return c.open(ctx, rec, logger)
}

// open starts the recording when rec asks for one, logs in (or checks the
// session token) and loads the directory; on an error it closes the
// connection.
func (c *connection) open(ctx context.Context, rec recordFlags, logger *slog.Logger) (*connection, error) {
	if err := c.startRecording(rec, logger); err != nil {
		c.Close()
		return nil, err
	}
	if err := c.client.Login(ctx); err != nil {
		c.Close()
		return nil, err
	}
	if c.staticTokens {
		// The token is all there is: refuse a bad one now, with its reason,
		// rather than in the middle of the UI.
		me, err := c.client.SessionInfo(ctx)
		if err != nil {
			c.Close()
			return nil, err
		}
		c.account = me.Username
	}
	var err error
	if c.names, c.streams, err = loadNames(ctx, c.client); err != nil {
		logger.Warn("load the stream and user names", "err", err)
	}
	return c, nil
}

// connectConfig returns a connection, not yet logged in, to the pod of the
// configuration file at path: in session-token mode when session is set.
func connectConfig(path, session, km string, insecureKey bool, logger *slog.Logger) (*connection, error) {
	cfg, err := symphony.LoadConfig(path)
	if err != nil {
		return nil, err
	}
	settings, err := tuiconfig.Decode(path, cfg.Root)
	if err != nil {
		return nil, err
	}
	client, err := clientFromConfig(cfg, session, km, insecureKey, logger)
	if err != nil {
		return nil, err
	}
	return &connection{
		client:       client,
		staticTokens: session != "",
		feedOptions: feed.Options{
			Version: cfg.Datafeed.Version, Tag: cfg.Datafeed.Tag, IncludeInvisible: cfg.Datafeed.IncludeInvisible,
			IDFilePath: cfg.Datafeed.IDFilePath, AgentURL: cfg.Agent.BaseURL(), Retry: cfg.Datafeed.Retry, Logger: logger,
		},
		podHost:  cfg.Pod.Host,
		account:  cfg.Bot.Username,
		settings: settings,
	}, nil
}

// clientFromConfig returns a client of cfg's pod: with the session and
// key-manager tokens when session is set, else with the RSA key of
// bot.privateKey, whose file is refused when other users may read or write
// it, unless insecureKey. The placeholders of tutti config init's template
// are refused: no login goes to a host that is not the user's.
func clientFromConfig(cfg *symphony.Config, session, km string, insecureKey bool, logger *slog.Logger) (*symphony.Client, error) {
	version := readBuildVersion().short()
	if err := templatePlaceholders(cfg, session != ""); err != nil {
		return nil, err
	}
	if session != "" {
		return symphony.NewFromConfigWithTokens(cfg, session, km, version, logger)
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if p := cfg.Bot.PrivateKey.Path; p != "" && !insecureKey {
		if err := checkKeyPermissions(p); err != nil {
			return nil, err
		}
	}
	return symphony.NewFromConfig(cfg, version, logger)
}

func connectSimulator(ctx context.Context, f embeddedSimFlags, logger *slog.Logger) (*connection, error) {
	faults, err := simulator.ParseFaults(f.faults)
	if err != nil {
		return nil, err
	}
	c := &connection{}
	opts := simulator.Options{Scenario: f.scenario, Seed: f.seed, Speed: f.speed, Faults: faults}
	f.shape.apply(&opts)
	if f.ledger != "" {
		ledger, err := openPrivate(f.ledger, "ledger")
		if err != nil {
			return nil, err
		}
		c.closers = append(c.closers, ledger.Close)
		opts.Ledger = ledger
	}
	return c.startEmbedded(ctx, opts, logger)
}

// startEmbedded starts the embedded simulator with opts and a client of
// its service account, not logged in yet, with the default UI settings.
func (c *connection) startEmbedded(ctx context.Context, opts simulator.Options, logger *slog.Logger) (*connection, error) {
	c.settings = tuiconfig.Defaults()
	// A short long poll lets a stopping client drain the feed quickly (a
	// read that finds nothing answers after it); the real agent's is 30 s.
	opts.Logger, opts.LongPoll = logger, 3*time.Second
	srv, err := simulator.Start(ctx, "127.0.0.1:0", opts)
	if err != nil {
		c.Close()
		return nil, err
	}
	c.closers = append(c.closers, srv.Close)
	key, err := symphony.ParsePrivateKey(srv.PrivateKeyPEM())
	if err != nil {
		c.Close()
		return nil, err
	}
	client, err := symphony.New(symphony.Options{
		PodURL: srv.URL(), Username: srv.Account(), PrivateKey: key,
		Version: readBuildVersion().short(), Logger: logger,
	})
	if err != nil {
		c.Close()
		return nil, err
	}
	// Before the simulator stops (closers run last first), so that its
	// shutdown does not wait for the client's unused connections.
	c.closers = append(c.closers, func() error { client.CloseIdleConnections(); return nil })
	u, _ := url.Parse(srv.URL())
	c.client, c.sim = client, srv
	c.feedOptions = feed.Options{Logger: logger}
	c.podHost, c.account = u.Hostname(), srv.Account()
	return c, nil
}
