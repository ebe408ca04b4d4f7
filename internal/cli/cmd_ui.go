package cli

import (
	"context"
	"errors"
	"fmt"
	"github.com/tutti-chat/tutti/internal/session"
	"io"
	"log/slog"
	"os"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/internal/desktop"
	"github.com/tutti-chat/tutti/internal/engine"
	"github.com/tutti-chat/tutti/internal/state"
	"github.com/tutti-chat/tutti/internal/tuiconfig"
	"github.com/tutti-chat/tutti/names"
	"github.com/tutti-chat/tutti/symphony"
	"github.com/tutti-chat/tutti/ui"
	"github.com/tutti-chat/tutti/watch"
)

// uiFlags are the flags of the terminal UI.
type uiFlags struct {
	target   session.Target
	since    time.Duration
	log      logFlags
	stateDir string
	noState  bool
	sim      embeddedSimFlags
	rec      session.Recording
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
	addLogFlags(fs, &f.log)
	fs.StringVar(&f.stateDir, "state", "", "state directory root (default $XDG_STATE_HOME/tutti; the embedded simulator keeps none unless set)")
	fs.BoolVar(&f.noState, "no-state", false, "keep no read markers, drafts, panes or watermarks between runs")
	addEmbeddedSimFlags(fs, &f.sim)
	addRecordFlags(fs, &f.rec)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	logger, closeLog, err := f.log.open()
	if err != nil {
		return err
	}
	defer closeLog()
	conn, err := connectTarget(ctx, fs, f.target, f.sim, f.rec, logger, stderr)
	if err != nil {
		return err
	}
	defer conn.Close()
	dir, err := session.OpenStateDir(f.stateDir, f.noState, conn)
	if err != nil {
		return err
	}
	if dir != nil {
		defer dir.Close()
	}
	return showUI(ctx, conn, f.since, dir, logger, stdout, stderr)
}

// showUI runs the terminal UI on conn until the user quits or ctx ends,
// keeping its reading state in dir (nil keeps none).
func showUI(ctx context.Context, conn *session.Conn, since time.Duration, dir *state.Dir, logger *slog.Logger, stdout, stderr io.Writer) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	model, wait := startUI(ctx, conn, since, dir, logger)
	_, err := newUIProgram(ctx, model, stdout).Run()
	cancel()
	wait()
	if dir != nil {
		if serr := dir.Save(uiStateFile, model.Snapshot()); serr != nil {
			fmt.Fprintln(stderr, "tutti:", serr)
		}
	}
	if errors.Is(err, tea.ErrProgramKilled) || errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

// newUIProgram returns the Bubble Tea program of the UI, drawing on out.
// Options in extra come after tutti's own: the benchmarks give no input and
// a fixed window size.
func newUIProgram(ctx context.Context, model *ui.Model, out io.Writer, extra ...tea.ProgramOption) *tea.Program {
	return ui.NewProgram(ctx, model, out, extra...)
}

// startUI starts the engine on its own goroutine and returns the UI's model,
// fed by the engine through a bounded channel, and a function that waits
// (briefly) for the engine to stop once ctx is cancelled.
func startUI(ctx context.Context, conn *session.Conn, since time.Duration, dir *state.Dir, logger *slog.Logger) (*ui.Model, func()) {
	items := make(chan engine.Item, uiQueue)
	done := make(chan struct{})
	// Quitting the UI must be instant: no last drain or catch-up.
	// A catch-up after a long absence hands on a page or so per stream and
	// leaves the rest as a gap row that the reader fills on demand.
	set := conn.Settings
	pages := history.PagerOptions{PageSize: set.HistoryPageSize}
	retryNow := make(chan struct{}, 1)
	feedOpts := conn.FeedOptions(dir, logger)
	feedOpts.RetryNow = retryNow
	opts := engine.Options{Feed: feedOpts, Pager: pages, Since: since, Logger: logger, QuickStop: true, CatchUpLimit: uiCatchUpLimit, State: dir}
	eng := engine.New(conn.Client, opts)
	go func() {
		defer close(done)
		defer close(items)
		err := eng.Run(ctx, func(it engine.Item) error {
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
	host, badge, send := "simulator", "", conn.Client.SendMessage
	var forms ui.FormSubmitter = conn.Client
	signals := ui.SignalsFunc(conn.Client.AllSignals)
	switch {
	case conn.Replay != "":
		// A replay takes no message, and no form: every stream is
		// read-only; its pod has no signals to ask for.
		host, badge, send, forms, signals = "replay "+conn.Replay, "REPLAY", nil, nil, nil
	case conn.Sim == nil:
		host = conn.PodHost
	}
	attachment, downloadDir, answerConnection := uiFiles(conn, set.DownloadDir)
	model := ui.New(ui.Deps{
		Context:      ctx,
		Items:        items,
		Pager:        history.NewPager(conn.Client, pages),
		Streams:      uiStreams(ctx, conn, logger),
		Names:        conn.Names,
		Me:           conn.Names.Me(),
		Host:         host,
		Badge:        badge,
		Send:         send,
		OpenURL:      session.OpenURL,
		Prioritize:   eng.Prioritize,
		ReconnectNow: func() { askOnce(retryNow) },
		FetchMessage: conn.Client.Message,
		Exchanges:    conn.Client.Exchanges,
		People:       conn.Client,
		Forms:        forms,
		Signals:      signals,
		SaveWatch:    saveWatch(conn.ConfigPath),
		Notify:       notifyMethod(set.Notify.Method),
		InTmux:       os.Getenv("TMUX") != "",
		Run:          session.RunProgram,
		Settings:     &set,
		NoColor:      os.Getenv("NO_COLOR") != "",
		Saved:        loadUIState(dir, logger),
		Save:         saveUIState(dir),

		// Attachments, and the answers to connection requests (ui_files.go).
		Attachment:       attachment,
		DownloadDir:      downloadDir,
		OpenFile:         session.OpenFile,
		AnswerConnection: answerConnection,
		SendFiles:        uiSendFiles(conn),
		Connect:          uiRequestConnection(conn),

		// The switcher's search across streams.
		SearchMessages: conn.Client.SearchMessages,

		// A replay refuses editing as it refuses sending (Send is nil).
		UpdateMessage: conn.Client.UpdateMessage,
	})
	wait := func() {
		select {
		case <-done:
		case <-time.After(3 * time.Second):
		}
	}
	return model, wait
}

// askOnce sends on ask unless a request is pending already.
func askOnce(ask chan<- struct{}) {
	select {
	case ask <- struct{}{}:
	default:
	}
}

// uiCatchUpLimit is how many messages per stream a catch-up of the UI
// hands on at most before it leaves a gap.
const uiCatchUpLimit = 500

// uiStreams returns the account's streams with their names for the stream
// list.
func uiStreams(ctx context.Context, conn *session.Conn, logger *slog.Logger) []ui.StreamInfo {
	// The directory listed them when it connected; list them again only
	// if it did not.
	list := conn.Streams
	if list == nil {
		var err error
		if list, err = conn.Client.AllStreams(ctx, symphony.StreamFilter{IncludeInactiveStreams: true}); err != nil {
			logger.Warn("list the streams", "err", err)
			return nil
		}
	}
	out := make([]ui.StreamInfo, 0, len(list))
	for _, s := range list {
		id := symphony.CanonicalID(s.ID)
		out = append(out, ui.StreamInfo{
			ID:       id,
			Name:     streamTitle(conn.Names, id),
			Type:     s.StreamType.Type,
			Inactive: !s.Active,
			External: s.CrossPod,
		})
	}
	return out
}

// streamTitle is what the stream list calls a stream: its room's name, its
// other members' names, or the start of its id.
func streamTitle(d *names.Directory, id string) string {
	if t := d.Title(id); t != "" {
		return t
	}
	return d.StreamName(id)
}

// uiStateFile is the UI's file in the account's state directory.
const uiStateFile = "ui.json"

// loadUIState returns what the UI saved in dir last time, or nil: no
// directory, nothing saved, or a file that cannot be read (a warning in the
// log, and a fresh start).
func loadUIState(dir *state.Dir, logger *slog.Logger) *ui.Saved {
	if dir == nil {
		return nil
	}
	var sv ui.Saved
	if err := dir.Load(uiStateFile, &sv); err != nil {
		logger.Warn("the UI's state", "err", err)
		return nil
	}
	return &sv
}

// saveUIState returns the function that keeps the UI's state in dir, or nil.
func saveUIState(dir *state.Dir) func(ui.Saved) error {
	if dir == nil {
		return nil
	}
	return func(sv ui.Saved) error { return dir.Save(uiStateFile, sv) }
}

// notifyMethod is how desktop notifications show for the configured
// method: auto is the terminal's escape where it is known to show one.
func notifyMethod(configured string) desktop.Method {
	m, _ := desktop.ParseMethod(configured, os.Getenv) // tuiconfig checked the name
	return m
}

// saveWatch writes the UI's watch rules to the configuration file at
// path; nil without one (the embedded simulator, a replay).
func saveWatch(path string) ui.SaveWatchFunc {
	if path == "" {
		return nil
	}
	return func(rules []watch.Rule) (string, error) { return path, tuiconfig.WriteWatch(path, rules) }
}
