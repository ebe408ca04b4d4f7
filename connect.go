package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"time"

	"github.com/tutti-chat/tutti/feed"
	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/symphony"
)

// connection is a logged-in client of a pod: a real one from a
// configuration file, or the embedded simulator, playing a scenario or
// replaying a recording.
type connection struct {
	client      *symphony.Client
	sim         *simulator.Server // nil for a real pod
	feedOptions feed.Options
	podHost     string // for the state directory
	account     string
	directory   *directory
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

// connect logs in to the pod of configPath, or of $TUTTI_CONFIG, or else
// to an embedded simulator started with sim, recording its answers as rec
// asks.
func connect(ctx context.Context, configPath string, sim embeddedSimFlags, rec recordFlags, logger *slog.Logger) (*connection, error) {
	if configPath == "" {
		configPath = os.Getenv("TUTTI_CONFIG")
	}
	var c *connection
	var err error
	if configPath != "" {
		c, err = connectConfig(configPath, logger)
	} else {
		c, err = connectSimulator(ctx, sim, logger)
	}
	if err != nil {
		return nil, err
	}
	return c.open(ctx, rec, logger)
}

// open starts the recording when rec asks for one, logs in and loads the
// directory; on an error it closes the connection.
func (c *connection) open(ctx context.Context, rec recordFlags, logger *slog.Logger) (*connection, error) {
	if err := c.startRecording(rec, logger); err != nil {
		c.Close()
		return nil, err
	}
	if err := c.client.Login(ctx); err != nil {
		c.Close()
		return nil, err
	}
	c.directory = newDirectory()
	if err := c.directory.load(ctx, c.client); err != nil {
		logger.Warn("load the stream and user names", "err", err)
	}
	return c, nil
}

func connectConfig(path string, logger *slog.Logger) (*connection, error) {
	cfg, err := symphony.LoadConfig(path)
	if err != nil {
		return nil, err
	}
	client, err := symphony.NewFromConfig(cfg, readBuildVersion().short(), logger)
	if err != nil {
		return nil, err
	}
	return &connection{
		client: client,
		feedOptions: feed.Options{
			Version: cfg.Datafeed.Version, Tag: cfg.Datafeed.Tag, IncludeInvisible: cfg.Datafeed.IncludeInvisible,
			IDFilePath: cfg.Datafeed.IDFilePath, AgentURL: cfg.Agent.BaseURL(), Retry: cfg.Datafeed.Retry, Logger: logger,
		},
		podHost: cfg.Pod.Host,
		account: cfg.Bot.Username,
	}, nil
}

func connectSimulator(ctx context.Context, f embeddedSimFlags, logger *slog.Logger) (*connection, error) {
	faults, err := simulator.ParseFaults(f.faults)
	if err != nil {
		return nil, err
	}
	c := &connection{}
	opts := simulator.Options{Scenario: f.scenario, Seed: f.seed, Speed: f.speed, Faults: faults}
	if f.ledger != "" {
		ledger, err := os.OpenFile(f.ledger, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			return nil, fmt.Errorf("open the ledger: %w", err)
		}
		c.closers = append(c.closers, ledger.Close)
		opts.Ledger = ledger
	}
	return c.startEmbedded(ctx, opts, logger)
}

// startEmbedded starts the embedded simulator with opts and a client of
// its service account, not logged in yet.
func (c *connection) startEmbedded(ctx context.Context, opts simulator.Options, logger *slog.Logger) (*connection, error) {
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
