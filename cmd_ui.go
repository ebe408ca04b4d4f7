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
	target  podTarget
	since   time.Duration
	logFile string
	sim     embeddedSimFlags
}

// uiQueue is how many engine items may wait for the UI; when it is full the
// engine blocks, and with it the datafeed.
const uiQueue = 1024

// runUI opens the terminal UI: tutti with no command, or tutti ui.
func runUI(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var f uiFlags
	fs := newFlagSet("ui", "ui [flags], or tutti [flags]", stderr)
	addPodTargetFlags(fs, &f.target)
	fs.DurationVar(&f.since, "since", time.Hour, "at start, show this much recent history of every stream")
	fs.StringVar(&f.logFile, "log", "", "append a debug log to `FILE` (nothing is logged to the terminal)")
	addEmbeddedSimFlags(fs, &f.sim)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	logger := slog.New(slog.DiscardHandler)
	if f.logFile != "" {
		lf, err := os.OpenFile(f.logFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
		if err != nil {
			return fmt.Errorf("open the log: %w", err)
		}
		defer lf.Close()
		logger = slog.New(slog.NewTextHandler(lf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	conn, err := connect(ctx, f.target, f.sim, logger)
	if err != nil {
		return err
	}
	defer conn.Close()

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	model, wait := startUI(ctx, conn, f.since, logger)
	_, err = newUIProgram(ctx, model, stdout).Run()
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
	host := "simulator"
	if conn.sim == nil {
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
		Send:    conn.client.SendMessage,
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
