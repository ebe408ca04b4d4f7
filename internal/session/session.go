package session

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/tutti-chat/tutti/feed"
	"github.com/tutti-chat/tutti/internal/state"
	"github.com/tutti-chat/tutti/internal/tuiconfig"
	"github.com/tutti-chat/tutti/names"
	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/symphony"
)

// Conn is a logged-in client of a pod: a real one from a
// configuration file, or the embedded simulator, playing a scenario or
// replaying a recording.
type Conn struct {
	Client       *symphony.Client
	Sim          *simulator.Server // nil for a real pod
	StaticTokens bool              // session-token mode: SYMPHONY_SESSION_TOKEN
	feedOptions  feed.Options
	PodHost      string // for the state directory
	Account      string
	// Names are the Names of the account, its streams and their members,
	// looked up at login; tail and the UI learn more from the events.
	Names *names.Directory
	// Streams is the account's Streams list as read at login; nil when it
	// could not be read.
	Streams []symphony.StreamAttributes
	// Settings are the tui: section of the configuration file, or the
	// defaults for the embedded simulator.
	Settings tuiconfig.Settings
	// ConfigPath is the configuration file read: with --simulator, the
	// one whose tui: section was read; "" for the embedded simulator
	// without a configuration file, and for a replay.
	ConfigPath string
	// Replay is the name of the recording file the embedded simulator
	// replays; "" otherwise. ReplayNote says what of it is not replayed.
	Replay     string
	ReplayNote string
	// Ended is closed when a replay that does not loop has reached the
	// end of its recording; nil otherwise.
	Ended   <-chan struct{}
	closers []func() error
}

// Close stops the embedded simulator and closes the ledger and the
// recording.
func (c *Conn) Close() error {
	var first error
	for i := len(c.closers) - 1; i >= 0; i-- {
		if err := c.closers[i](); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Target is what the command line says about the pod to follow.
type Target struct {
	Config      string // --config; "" resolves as ResolveConfigPath does
	InsecureKey bool   // --insecure-key-permissions
	// Simulator is --simulator: the embedded simulator, even when
	// $TUTTI_CONFIG or the default configuration file names a pod.
	Simulator bool
	// SimFlags are the flags of the embedded simulator given on the
	// command line, as written in messages ("--scenario"): with a
	// configuration in use they are an error, not silently ignored.
	SimFlags []string
}

// SessionTokens returns SYMPHONY_SESSION_TOKEN and SYMPHONY_KM_TOKEN: with
// a session token, tutti uses them as they are and never logs in.
func SessionTokens(getenv func(string) string) (session, keyManager string) {
	return strings.TrimSpace(getenv("SYMPHONY_SESSION_TOKEN")), strings.TrimSpace(getenv("SYMPHONY_KM_TOKEN"))
}

// Connect logs in to the pod of the configuration target.Resolve finds,
// or else to an embedded simulator started with sim. With
// SYMPHONY_SESSION_TOKEN set it uses that token (and SYMPHONY_KM_TOKEN)
// with the configuration's servers instead of logging in, and checks it at
// once; the embedded simulator of --simulator leaves the token unused
// (IgnoredTokenNote). It records the pod's answers as rec asks.
func Connect(ctx context.Context, target Target, sim Simulator, rec Recording, logger *slog.Logger) (*Conn, error) {
	path, source, err := target.Resolve(os.Getenv, UserHome())
	if err != nil {
		return nil, err
	}
	session, km := SessionTokens(os.Getenv)
	var c *Conn
	switch {
	case target.Simulator:
		if session != "" {
			logger.Warn(IgnoredTokenNote)
		}
		// The file tutti would otherwise use still holds the user's
		// settings of the UI: its keys, notifications and watch rules.
		file, _ := ResolveConfigPath("", os.Getenv, UserHome())
		settings, file, serr := SimulatorSettings(file)
		if serr != nil {
			return nil, serr
		}
		if c, err = StartSimulator(ctx, sim, logger); err == nil && file != "" {
			c.Settings, c.ConfigPath = settings, file
		}
	case path != "":
		logger.Info("configuration", "path", path, "from", source, "sessionToken", session != "")
		c, err = connectConfig(path, session, km, target.InsecureKey, logger)
		if pe := (*placeholderError)(nil); errors.As(err, &pe) && source != SourceFlag {
			// The file tutti found by itself is a template not filled
			// in yet: the demo is one flag away.
			err = fmt.Errorf("%w\nuntil they are set, --simulator runs the embedded simulator instead", err)
		}
	case session != "":
		return nil, errors.New("SYMPHONY_SESSION_TOKEN is set, but no configuration names the pod: " +
			"give --config FILE or $TUTTI_CONFIG, or write one with tutti config init")
	default:
		c, err = StartSimulator(ctx, sim, logger)
	}
	if err != nil {
		return nil, err
	}
	return c.open(ctx, rec, logger)
}

// SimulatorSettings returns the tui: section of the configuration file
// at path, for the embedded simulator of --simulator: only that section
// is read, so that a file whose pod is not set yet (tutti config init's
// template) gives the UI its settings too. A file that cannot be read,
// or whose tui: section has problems, is an error that says which file
// --simulator read; no file (path "", or $TUTTI_CONFIG naming one not
// written yet) gives the defaults, and path is returned as "".
func SimulatorSettings(path string) (tuiconfig.Settings, string, error) {
	if path == "" {
		return tuiconfig.Defaults(), "", nil
	}
	root, err := symphony.LoadConfigRoot(path)
	if errors.Is(err, fs.ErrNotExist) {
		return tuiconfig.Defaults(), "", nil
	}
	if err == nil {
		var s tuiconfig.Settings
		if s, err = tuiconfig.Decode(path, root); err == nil {
			return s, path, nil
		}
	}
	return tuiconfig.Settings{}, "", fmt.Errorf("%w\n--simulator reads the tui: section of %s (the file tutti uses without it); fix it, or name another with $TUTTI_CONFIG", err, path)
}

// open starts the recording when rec asks for one, logs in (or checks the
// session token) and loads the directory; on an error it closes the
// connection.
func (c *Conn) open(ctx context.Context, rec Recording, logger *slog.Logger) (*Conn, error) {
	if err := c.startRecording(rec, logger); err != nil {
		c.Close()
		return nil, err
	}
	if err := c.Client.Login(ctx); err != nil {
		c.Close()
		return nil, err
	}
	if c.StaticTokens {
		// The token is all there is: refuse a bad one now, with its reason,
		// rather than in the middle of the UI.
		me, err := c.Client.SessionInfo(ctx)
		if err != nil {
			c.Close()
			return nil, err
		}
		c.Account = me.Username
	}
	var err error
	if c.Names, c.Streams, err = LoadNames(ctx, c.Client); err != nil {
		logger.Warn("load the stream and user names", "err", err)
	}
	return c, nil
}

// connectConfig returns a connection, not yet logged in, to the pod of the
// configuration file at path: in session-token mode when session is set.
func connectConfig(path, session, km string, insecureKey bool, logger *slog.Logger) (*Conn, error) {
	cfg, err := symphony.LoadConfig(path)
	if err != nil {
		return nil, err
	}
	settings, err := tuiconfig.Decode(path, cfg.Root)
	if err != nil {
		return nil, err
	}
	client, err := ClientFromConfig(cfg, session, km, insecureKey, logger)
	if err != nil {
		return nil, err
	}
	return &Conn{
		Client:       client,
		StaticTokens: session != "",
		feedOptions: feed.Options{
			Version: cfg.Datafeed.Version, Tag: cfg.Datafeed.Tag, IncludeInvisible: cfg.Datafeed.IncludeInvisible,
			IDFilePath: cfg.Datafeed.IDFilePath, AgentURL: cfg.Agent.BaseURL(), Retry: cfg.Datafeed.Retry, Logger: logger,
		},
		PodHost:  cfg.Pod.Host,
		Account:  cfg.Bot.Username,
		Settings: settings,
		// The file the UI writes watch rules back to, when asked.
		ConfigPath: path,
	}, nil
}

// ClientFromConfig returns a client of cfg's pod: with the session and
// key-manager tokens when session is set, else with the RSA key of
// bot.privateKey, whose file is refused when other users may read or write
// it, unless insecureKey. The placeholders of tutti config init's template
// are refused: no login goes to a host that is not the user's.
func ClientFromConfig(cfg *symphony.Config, session, km string, insecureKey bool, logger *slog.Logger) (*symphony.Client, error) {
	version := ReadBuild().Short()
	if err := TemplatePlaceholders(cfg, session != ""); err != nil {
		return nil, err
	}
	if session != "" {
		return symphony.NewFromConfigWithTokens(cfg, session, km, version, logger)
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if p := cfg.Bot.PrivateKey.Path; p != "" && !insecureKey {
		if err := CheckKeyPermissions(p); err != nil {
			return nil, err
		}
	}
	return symphony.NewFromConfig(cfg, version, logger)
}

// Simulator is how to start the embedded simulator when no configuration
// names a pod.
type Simulator struct {
	// Options are the scenario, its seed and speed, and the pod's shape;
	// Faults, Ledger, Logger and LongPoll are set from what follows.
	Options simulator.Options
	// Faults is the faults to inject, as simulator.ParseFaults reads them.
	Faults string
	// Ledger, when set, is the file the events the account's datafeed
	// should deliver are appended to: a private file (OpenPrivate).
	Ledger string
}

// StartSimulator starts the embedded simulator f describes and returns a
// connection to it that has not logged in yet.
func StartSimulator(ctx context.Context, f Simulator, logger *slog.Logger) (*Conn, error) {
	faults, err := simulator.ParseFaults(f.Faults)
	if err != nil {
		return nil, err
	}
	c := &Conn{}
	opts := f.Options
	opts.Faults = faults
	if f.Ledger != "" {
		ledger, err := OpenPrivate(f.Ledger, "ledger")
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
func (c *Conn) startEmbedded(ctx context.Context, opts simulator.Options, logger *slog.Logger) (*Conn, error) {
	c.Settings = tuiconfig.Defaults()
	// A short long poll lets a stopping client drain the feed quickly (a
	// read that finds nothing answers after it); the real agent's is 30 s.
	opts.Logger, opts.LongPoll = logger, 3*time.Second
	// The simulator outlives ctx: on Ctrl-C the client still reads the
	// feed until it is quiet and then stops; Close stops the simulator
	// after it.
	srv, err := simulator.Start(context.WithoutCancel(ctx), "127.0.0.1:0", opts)
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
		Version: ReadBuild().Short(), Logger: logger,
	})
	if err != nil {
		c.Close()
		return nil, err
	}
	// Before the simulator stops (closers run last first), so that its
	// shutdown does not wait for the client's unused connections.
	c.closers = append(c.closers, func() error { client.CloseIdleConnections(); return nil })
	u, _ := url.Parse(srv.URL())
	c.Client, c.Sim = client, srv
	c.feedOptions = feed.Options{Logger: logger}
	c.PodHost, c.Account = u.Hostname(), srv.Account()
	return c, nil
}

// OpenStateDir opens the account's state directory under root (default
// $XDG_STATE_HOME/tutti), or returns nil when none is kept: noState, or the
// embedded simulator without a root. Another tutti on the same account is
// an error that names it.
func OpenStateDir(root string, noState bool, conn *Conn) (*state.Dir, error) {
	if noState || (conn.Sim != nil && root == "") {
		return nil, nil
	}
	if root == "" {
		var err error
		if root, err = state.DefaultRoot(); err != nil {
			return nil, err
		}
	}
	return state.Open(root, conn.PodHost, conn.Account)
}
