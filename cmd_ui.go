package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tutti-chat/tutti/engine"
	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/symphony"
	"github.com/tutti-chat/tutti/ui"
)

// uiFlags are the flags of the terminal UI.
type uiFlags struct {
	config  string
	since   time.Duration
	logFile string
	sim     embeddedSimFlags
	rec     recordFlags
}

// uiQueue is how many engine items may wait for the UI; when it is full the
// engine blocks, and with it the datafeed.
const uiQueue = 1024

// runUI opens the terminal UI: tutti with no command, or tutti ui.
func runUI(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var f uiFlags
	fs := newFlagSet("ui", "ui [flags], or tutti [flags]", stderr)
	fs.StringVar(&f.config, "config", "", "BDK config.yaml of the pod (default: $TUTTI_CONFIG, else the embedded simulator)")
	fs.DurationVar(&f.since, "since", time.Hour, "at start, show this much recent history of every stream")
	fs.StringVar(&f.logFile, "log", "", "append a debug log to `FILE` (nothing is logged to the terminal)")
	addEmbeddedSimFlags(fs, &f.sim)
	addRecordFlags(fs, &f.rec)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	logger, closeLog, err := openDebugLog(f.logFile)
	if err != nil {
		return err
	}
	defer closeLog()
	conn, err := connect(ctx, f.config, f.sim, f.rec, logger)
	if err != nil {
		return err
	}
	defer conn.Close()
	return showUI(ctx, conn, f.since, logger, stdout)
}

// openDebugLog returns a logger appending to path, or discarding
// everything when path is "", and the function that closes it.
func openDebugLog(path string) (*slog.Logger, func(), error) {
	if path == "" {
		return slog.New(slog.DiscardHandler), func() {}, nil
	}
	lf, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, nil, fmt.Errorf("open the log: %w", err)
	}
	return slog.New(slog.NewTextHandler(lf, &slog.HandlerOptions{Level: slog.LevelDebug})), func() { lf.Close() }, nil
}

// showUI runs the terminal UI on conn until the user quits or ctx ends.
func showUI(ctx context.Context, conn *connection, since time.Duration, logger *slog.Logger, stdout io.Writer) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	model, wait := startUI(ctx, conn, since, logger)
	_, err := newUIProgram(ctx, model, stdout).Run()
	cancel()
	wait()
	if errors.Is(err, tea.ErrProgramKilled) || errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

// newUIProgram returns the Bubble Tea program of the UI, drawing on out.
// Options in extra come after tutti's own: the benchmarks give no input and
// a fixed window size.
func newUIProgram(ctx context.Context, model *ui.Model, out io.Writer, extra ...tea.ProgramOption) *tea.Program {
	opts := append([]tea.ProgramOption{tea.WithContext(ctx), tea.WithOutput(out)}, extra...)
	return tea.NewProgram(model, opts...)
}

// startUI starts the engine on its own goroutine and returns the UI's model,
// fed by the engine through a bounded channel, and a function that waits
// (briefly) for the engine to stop once ctx is cancelled.
func startUI(ctx context.Context, conn *connection, since time.Duration, logger *slog.Logger) (*ui.Model, func()) {
	items := make(chan engine.Item, uiQueue)
	done := make(chan struct{})
	// Quitting the UI must be instant: no last drain or catch-up.
	// A catch-up after a long absence hands on a page or so per stream and
	// leaves the rest as a gap row that the reader fills on demand.
	opts := engine.Options{Feed: conn.feedOptions, Since: since, Logger: logger, QuickStop: true, CatchUpLimit: uiCatchUpLimit}
	go func() {
		defer close(done)
		defer close(items)
		err := engine.New(conn.client, opts).Run(ctx, func(it engine.Item) error {
			select {
			case items <- it:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
		if err != nil && ctx.Err() == nil {
			logger.Warn("the engine stopped", "err", err)
		}
	}()
	host, badge, send := "simulator", "", conn.client.SendMessage
	switch {
	case conn.replay != "":
		// A replay takes no message: every stream is read-only.
		host, badge, send = "replay "+conn.replay, "REPLAY", nil
	case conn.sim == nil:
		host = conn.podHost
	}
	model := ui.New(ui.Deps{
		Context: ctx,
		Items:   items,
		Pager:   history.NewPager(conn.client, history.PagerOptions{}),
		Streams: uiStreams(ctx, conn, logger),
		Users:   conn.directory.users,
		Me:      conn.directory.me,
		Host:    host,
		Badge:   badge,
		Send:    send,
		OpenURL: openURL,
	})
	wait := func() {
		select {
		case <-done:
		case <-time.After(3 * time.Second):
		}
	}
	return model, wait
}

// uiStreams lists the account's streams with their names for the stream
// list.
// uiCatchUpLimit is how many messages per stream a catch-up of the UI
// hands on at most before it leaves a gap.
const uiCatchUpLimit = 500

func uiStreams(ctx context.Context, conn *connection, logger *slog.Logger) []ui.StreamInfo {
	list, err := conn.client.AllStreams(ctx, symphony.StreamFilter{IncludeInactiveStreams: true})
	if err != nil {
		logger.Warn("list the streams", "err", err)
		return nil
	}
	out := make([]ui.StreamInfo, 0, len(list))
	for _, s := range list {
		id := symphony.CanonicalID(s.ID)
		out = append(out, ui.StreamInfo{
			ID:       id,
			Name:     strings.TrimPrefix(conn.directory.streamName(id), "IM "),
			Type:     s.StreamType.Type,
			Inactive: !s.Active,
			External: s.CrossPod,
		})
	}
	return out
}
