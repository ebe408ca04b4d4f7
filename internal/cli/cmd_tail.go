package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"github.com/tutti-chat/tutti/internal/session"
	"io"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tutti-chat/tutti/feed"
	"github.com/tutti-chat/tutti/internal/engine"
	"github.com/tutti-chat/tutti/internal/sanitize"
	"github.com/tutti-chat/tutti/names"
	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/symphony"
)

// tailFlags are the flags of tutti tail.
type tailFlags struct {
	target   session.Target
	format   string
	streams  string
	types    string
	since    time.Duration
	duration time.Duration
	stateDir string
	noState  bool
	verbose  bool
	log      logFlags
	sim      embeddedSimFlags
	rec      session.Recording
	watch    watchFlags // tail_watch.go
}

// embeddedSimFlags configure the embedded simulator, used when no
// configuration names a pod, or with --simulator; with a configuration in
// use they are refused (session.Target.SimFlags).
type embeddedSimFlags struct {
	scenario string
	seed     int64
	speed    float64
	faults   string
	ledger   string
	shape    podShapeFlags
}

// check refuses values that cannot be.
func (s embeddedSimFlags) check() error {
	if err := checkSimulator(s.scenario, s.speed); err != nil {
		return err
	}
	return s.shape.check()
}

// session returns the embedded simulator the flags describe.
func (s embeddedSimFlags) session() session.Simulator {
	opts := simulator.Options{Scenario: s.scenario, Seed: s.seed, Speed: s.speed}
	s.shape.apply(&opts)
	return session.Simulator{Options: opts, Faults: s.faults, Ledger: s.ledger}
}

func runTail(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var f tailFlags
	fs := newFlagSet("tail", "tail [flags]", stderr)
	addPodTargetFlags(fs, &f.target)
	fs.StringVar(&f.format, "format", "text", "output: text (one line per event) or jsonl (the V4Event JSON as received)")
	fs.StringVar(&f.streams, "streams", "", "only these streams: comma-separated stream ids or room names")
	fs.StringVar(&f.types, "types", "", "only these event types, comma-separated (e.g. MESSAGESENT,USERJOINEDROOM)")
	fs.DurationVar(&f.since, "since", 0, "first print this much history of every stream (e.g. 1h)")
	fs.DurationVar(&f.duration, "duration", 0, "stop after this long (default: until interrupted)")
	fs.StringVar(&f.stateDir, "state", "", "state directory root (default $XDG_STATE_HOME/tutti; the embedded simulator keeps none unless set)")
	fs.BoolVar(&f.noState, "no-state", false, "keep no watermarks between runs")
	fs.BoolVar(&f.verbose, "verbose", false, "log requests and recovery to stderr (--log writes them to a file instead)")
	addLogFlags(fs, &f.log)
	addEmbeddedSimFlags(fs, &f.sim)
	addRecordFlags(fs, &f.rec)
	addWatchFlags(fs, &f.watch)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := f.watch.check(); err != nil {
		fmt.Fprintln(stderr, "tutti:", err)
		return errUsage
	}
	if f.since < 0 || f.duration < 0 {
		return session.Usagef("--since %s, --duration %s: want durations, 0 or more", f.since, f.duration)
	}
	if f.watch.exec.argv != nil {
		stderr = &lockedWriter{w: stderr} // the commands' output and failures go there too
	}
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	p, err := newTailPrinter(out, f)
	if err != nil {
		return err
	}
	logger, closeLog, err := tailLogger(f, stderr)
	if err != nil {
		return err
	}
	defer closeLog()
	conn, err := connectTarget(ctx, fs, f.target, f.sim, f.rec, logger, stderr)
	if err != nil {
		return err
	}
	defer conn.Close()
	return followTail(ctx, conn, f, p, stderr, logger)
}

// newTailPrinter returns the printer of f's format and filters.
func newTailPrinter(out *bufio.Writer, f tailFlags) (*tailPrinter, error) {
	if f.format != "text" && f.format != "jsonl" {
		return nil, session.Usagef("--format %q: want text or jsonl", f.format)
	}
	p := &tailPrinter{w: out, format: f.format}
	if err := p.setFilters(f.streams, f.types); err != nil {
		return nil, err
	}
	return p, nil
}

// tailLogger returns the logger of f: the --log file, else stderr with
// --verbose, else nowhere; and the function that closes its file.
func tailLogger(f tailFlags, stderr io.Writer) (*slog.Logger, func(), error) {
	logger, closeLog, err := f.log.open()
	if err != nil {
		return nil, nil, err
	}
	if f.verbose && f.log.file == "" {
		logger = session.NewLogger(stderr, f.log.format)
	}
	return logger, closeLog, nil
}

// followTail prints the events of conn's pod with p until ctx ends, the
// duration of f passes or a replay reaches its end; feed statuses and gaps
// go to stderr.
func followTail(ctx context.Context, conn *session.Conn, f tailFlags, p *tailPrinter, stderr io.Writer, logger *slog.Logger) error {
	dir, err := session.OpenStateDir(f.stateDir, f.noState, conn)
	if err != nil {
		return err
	}
	opts := engine.Options{Feed: conn.FeedOptions(dir, logger), Since: f.since, Logger: logger, Priority: p.priority(conn.Names, conn.Streams)}
	for _, name := range p.unknownStreams(conn.Names, conn.Streams) {
		fmt.Fprintf(stderr, "tutti: --streams: the account has no stream %q yet: nothing of it prints until it has\n", sanitize.Line(name))
	}
	if f.duration > 0 {
		// At the deadline the feed is read for a little longer at most,
		// then history is asked: the run ends close to its duration.
		opts.DrainTimeout = tailDrainMargin
	}
	if dir != nil {
		defer dir.Close()
		opts.State = dir
	}
	p.dir = conn.Names
	if p.watch, err = newTailWatch(ctx, conn, f.watch, stderr); err != nil {
		return err
	}
	interrupted := ctx
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	if f.duration > 0 {
		// At the deadline the embedded pod stops its scenario first, so the
		// engine's last catch-up finds every message it sent.
		timer := time.AfterFunc(f.duration, func() {
			if conn.Sim != nil {
				conn.Sim.StopLive()
			}
			stop()
		})
		defer timer.Stop()
	}
	if conn.Ended != nil {
		// At the end of a replay, the engine drains the feed and catches
		// up a last time, as at a deadline.
		go func() {
			select {
			case <-conn.Ended:
				stop()
			case <-ctx.Done():
			}
		}()
	}
	lossy := 0 // gaps and warnings: what may be missing
	err = engine.New(conn.Client, opts).Run(ctx, func(it engine.Item) error {
		if it.Status != nil {
			reportStatus(stderr, it.Status)
			return nil
		}
		if it.Progress != nil {
			reportProgress(stderr, it.Progress)
			return nil
		}
		switch {
		case it.Gap != nil:
			lossy++
			why := ""
			if it.Warning != "" {
				why = ": " + it.Warning
			}
			fmt.Fprintf(stderr, "tutti: messages of stream %s (%s) from %s to %s were not fetched%s\n", it.StreamID,
				conn.Names.StreamName(it.StreamID),
				time.UnixMilli(it.Gap.From).UTC().Format(time.RFC3339), time.UnixMilli(it.Gap.To).UTC().Format(time.RFC3339), why)
			return nil
		case it.Warning != "":
			lossy++
			fmt.Fprintln(stderr, "tutti: warning:", it.Warning)
			return nil
		}
		return p.print(it)
	})
	dropped := p.watch.stop(interrupted) // --exec runs dropped
	switch {
	case err != nil && !errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, context.Canceled):
		return fmt.Errorf("the datafeed stopped: %w", err)
	case lossy > 0 || dropped > 0:
		return &maybeMissingError{problems: lossy, dropped: dropped}
	}
	return nil
}

// tailDrainMargin bounds how long tail --duration reads the feed after the
// deadline.
const tailDrainMargin = 3 * time.Second

// maybeMissingError ends a tail that could not prove it handed on every
// message of its time: the ranges and warnings went to stderr. tutti exits
// with exitMaybeMissing.
type maybeMissingError struct {
	problems int // ranges not fetched, watermarks not kept
	dropped  int // runs of --exec dropped
}

// Error implements error.
func (e *maybeMissingError) Error() string {
	var parts []string
	if e.problems > 0 {
		parts = append(parts, fmt.Sprintf("messages may be missing: %d ranges or problems, listed above", e.problems))
	}
	if e.dropped > 0 {
		parts = append(parts, fmt.Sprintf("--exec did not run for %d matches (listed above): a page may be missing", e.dropped))
	}
	return strings.Join(parts, "; ")
}

// exitMaybeMissing is the exit status of a tail that may have missed
// messages (see maybeMissingError).
const exitMaybeMissing = 3

// addEmbeddedSimFlags declares the flags of the embedded simulator.
func addEmbeddedSimFlags(fs *flag.FlagSet, s *embeddedSimFlags) {
	fs.StringVar(&s.scenario, "scenario", "demo", "embedded simulator: demo, busy, quiet, scale or empty (see tutti simulator --help)")
	fs.Int64Var(&s.seed, "seed", 1, "embedded simulator: scenario seed")
	fs.Float64Var(&s.speed, "speed", 1, "embedded simulator: speed of the live scenario")
	fs.StringVar(&s.faults, "faults", "", "embedded simulator: faults to inject, e.g. all:5s (see tutti simulator --help)")
	fs.StringVar(&s.ledger, "ledger", "", "embedded simulator: append the events the account's datafeed should deliver to `FILE`")
	addPodShapeFlags(fs, &s.shape)
}

// reportStatus writes a change of the feed's state to stderr.
func reportStatus(w io.Writer, s *feed.Status) {
	line := fmt.Sprintf("tutti: datafeed %s %s", s.Version, s.State)
	switch s.State {
	case feed.Reconnecting:
		line += fmt.Sprintf(" (attempt %d, next in %s)", s.Attempt, time.Until(s.NextTry).Round(100*time.Millisecond))
	case feed.Opened:
		if s.OtherFeeds > 0 {
			line += fmt.Sprintf(" (the account has %d other datafeeds: other readers', such as a bot's, which tutti leaves alone)", s.OtherFeeds)
		}
	case feed.Recreated:
		line += fmt.Sprintf(" (possible gap %s – %s, recovering from history)", s.GapFrom.Format("15:04:05.000"), s.GapTo.Format("15:04:05.000"))
	}
	if s.Err != nil {
		line += ": " + s.Err.Error()
	}
	fmt.Fprintln(w, line)
}

// reportProgress writes how far a catch-up from history has got to stderr:
// a line about once a second while it runs, and one when it is done.
func reportProgress(w io.Writer, p *engine.Progress) {
	if p.Total == 0 {
		return
	}
	if p.Finished {
		fmt.Fprintf(w, "tutti: caught up %s streams from history in %s (%s history requests since the start, %s answered 429)\n",
			thousands(p.Total), p.Elapsed.Round(100*time.Millisecond), thousands(p.Pace.Requests), thousands(p.Pace.RateLimited))
		return
	}
	fmt.Fprintf(w, "tutti: caught up %s/%s streams\n", thousands(p.Done), thousands(p.Total))
}

// thousands writes n with a comma between groups of three digits.
func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// tailPrinter writes events in the chosen format.
type tailPrinter struct {
	w       *bufio.Writer
	format  string
	dir     *names.Directory
	streams map[string]bool // canonical ids or lower-case names; nil: all
	asked   []string        // --streams as given
	types   map[string]bool // nil: all
	watch   *tailWatch      // only what rules match; nil: all
}

func (p *tailPrinter) setFilters(streams, types string) error {
	if streams != "" {
		p.streams = map[string]bool{}
		for _, s := range strings.Split(streams, ",") {
			if s = strings.TrimSpace(s); s != "" {
				p.streams[symphony.CanonicalID(s)] = true
				p.streams[strings.ToLower(s)] = true
				p.asked = append(p.asked, s)
			}
		}
		if len(p.asked) == 0 {
			return session.Usagef("--streams %q: name streams, by id or name, comma-separated", streams)
		}
	}
	if types != "" {
		p.types = map[string]bool{}
		known := map[string]bool{}
		for _, t := range symphony.EventTypes() {
			known[t] = true
		}
		for _, t := range strings.Split(types, ",") {
			t = strings.ToUpper(strings.TrimSpace(t))
			if !known[t] {
				return session.Usagef("--types: unknown event type %q (known: %s)", t, strings.Join(symphony.EventTypes(), ", "))
			}
			p.types[t] = true
		}
	}
	return nil
}

// unknownStreams returns the streams of --streams that are none of the
// account's streams in list, by id or by name.
func (p *tailPrinter) unknownStreams(dir *names.Directory, list []symphony.StreamAttributes) []string {
	var out []string
	for _, asked := range p.asked {
		id, name := symphony.CanonicalID(asked), strings.ToLower(asked)
		if !slices.ContainsFunc(list, func(s symphony.StreamAttributes) bool {
			sid := symphony.CanonicalID(s.ID)
			return sid == id || strings.ToLower(dir.StreamName(sid)) == name
		}) {
			out = append(out, asked)
		}
	}
	return out
}

// priority returns the streams of --streams as ids, for the engine to
// catch up first: those of the account's streams list named by id, or by
// name as the printer matches them.
func (p *tailPrinter) priority(dir *names.Directory, list []symphony.StreamAttributes) []string {
	if p.streams == nil {
		return nil
	}
	var ids []string
	for _, s := range list {
		id := symphony.CanonicalID(s.ID)
		if p.streams[id] || p.streams[strings.ToLower(dir.StreamName(id))] {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

func (p *tailPrinter) print(it engine.Item) error {
	p.dir.Learn(&it.Event)
	if p.types != nil && !p.types[it.Event.Type] {
		return nil
	}
	if p.streams != nil && !p.streams[it.StreamID] && !p.streams[strings.ToLower(p.dir.StreamName(it.StreamID))] {
		return nil
	}
	rules, _, ok := p.watch.match(&it)
	if !ok {
		return nil
	}
	var err error
	if p.format == "jsonl" {
		err = p.printJSON(it, rules)
	} else {
		_, err = p.w.WriteString(watchPrefix(rules) + describe(p.dir, it) + "\n")
	}
	if err != nil {
		return fmt.Errorf("write output: %w", err)
	}
	if p.watch != nil && p.watch.run != nil {
		line, err := eventJSON(it, rules)
		if err != nil {
			return err
		}
		p.watch.started(&it, rules, line, p.dir.StreamName(it.StreamID))
	}
	return p.w.Flush()
}

// printJSON writes the event as received, with "recovered": true added to
// messages found in history, and with rules, "watch": the names of the
// rules it matched.
func (p *tailPrinter) printJSON(it engine.Item, rules []string) error {
	line, err := eventJSON(it, rules)
	if err != nil {
		return err
	}
	_, err = p.w.Write(append(line, '\n'))
	return err
}

// eventJSON returns the event as printJSON writes it, without its newline.
func eventJSON(it engine.Item, rules []string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // PresentationML stays readable
	if err := enc.Encode(it.Event); err != nil {
		return nil, fmt.Errorf("encode event: %w", err)
	}
	data := bytes.TrimRight(buf.Bytes(), "\n")
	if it.Recovered {
		data = append(data[:len(data)-1], `,"recovered":true}`...)
	}
	if len(rules) > 0 {
		names, err := json.Marshal(rules)
		if err != nil {
			return nil, fmt.Errorf("encode rules: %w", err)
		}
		data = append(append(append(data[:len(data)-1], `,"watch":`...), names...), '}')
	}
	return sanitize.JSON(data), nil
}
