package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/tutti-chat/tutti/internal/engine"
	"github.com/tutti-chat/tutti/internal/session"
	"github.com/tutti-chat/tutti/watch"
)

// watchFlags are the flags of tutti tail that print only the events that
// matter: rules of the configuration, rules of the command line, the
// account's signals, and a command to run for each match.
type watchFlags struct {
	names   listFlag // --watch NAME
	exprs   listFlag // --match EXPR
	signals bool     // --signals
	exec    execFlags
	rules   []watch.Rule // of --match, read by check
}

// listFlag collects a repeated flag's values.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ", ") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// addWatchFlags declares --watch, --match, --signals and the --exec flags.
func addWatchFlags(fs *flag.FlagSet, f *watchFlags) {
	fs.Var(&f.names, "watch", "print only the events the rule `NAME` of tui.watch in the configuration matches (repeatable)")
	fs.Var(&f.exprs, "match", "print only the events the rule `EXPR` matches, e.g. '$UST10Y #incident by:\"Ana Silva\" in:\"Rates Desk\" word:\"margin call\" re:\"sev ?1\"' (repeatable; see the README)")
	fs.BoolVar(&f.signals, "signals", false, "print only the events the account's Symphony signals match (with --watch and --match: those too)")
	addExecFlags(fs, &f.exec)
}

// on reports whether tail watches: only what rules match is printed.
func (f *watchFlags) on() bool {
	return len(f.names) > 0 || len(f.exprs) > 0 || f.signals
}

// check reads the rules of --match and the --exec command line, before
// tail connects: a rule or a command it cannot read is a command line it
// cannot understand.
func (f *watchFlags) check() error {
	for _, e := range f.exprs {
		r, err := watch.ParseExpr(e)
		if err != nil {
			return fmt.Errorf("--match %q: %w", e, err)
		}
		f.rules = append(f.rules, r)
	}
	if err := f.exec.check(); err != nil {
		return err
	}
	if f.exec.argv != nil && !f.on() {
		return fmt.Errorf("--exec runs a command for each event a rule matches: give --watch, --match or --signals")
	}
	return nil
}

// tailWatch is tail's matcher of the rules, and the runner of --exec.
type tailWatch struct {
	m   *watch.Matcher
	run *execRunner // nil without --exec
}

// newTailWatch returns the watch of the flags for conn (nil when tail
// prints everything): the rules of tui.watch that --watch names (a name of
// none, or of a rule not enabled, is a command line it cannot understand),
// those of --match, and with --signals the account's signals, whose
// unreadable queries are warnings on stderr.
func newTailWatch(ctx context.Context, conn *session.Conn, f watchFlags, stderr io.Writer) (*tailWatch, error) {
	if !f.on() {
		return nil, nil
	}
	var rules []watch.Rule
	for _, name := range f.names {
		i := slices.IndexFunc(conn.Settings.Watch, func(r watch.Rule) bool { return strings.EqualFold(strings.TrimSpace(r.Name), strings.TrimSpace(name)) })
		if i < 0 {
			fmt.Fprintf(stderr, "tutti: --watch %q: %s\n", name, noSuchRule(conn.ConfigPath, conn.Settings.Watch))
			return nil, errUsage
		}
		r := conn.Settings.Watch[i]
		if r.Disabled {
			fmt.Fprintf(stderr, "tutti: --watch %q: the rule is not enabled in tui.watch (enabled: false)\n", name)
			return nil, errUsage
		}
		rules = append(rules, r)
	}
	rules = append(rules, f.rules...)
	if f.signals {
		signals, err := conn.Client.AllSignals(ctx)
		if err != nil {
			return nil, fmt.Errorf("--signals: %w", err)
		}
		fromSignals, errs := watch.SignalRules(signals)
		for _, err := range errs {
			fmt.Fprintln(stderr, "tutti: warning: --signals:", err)
		}
		if len(fromSignals) == 0 {
			fmt.Fprintf(stderr, "tutti: --signals: the account has %d signals, none of which can be watched\n", len(signals))
		}
		rules = append(rules, fromSignals...)
	}
	m, err := watch.New(rules, conn.Names)
	if err != nil {
		return nil, err
	}
	w := &tailWatch{m: m}
	if f.exec.argv != nil {
		w.run = newExecRunner(f.exec, stderr)
	}
	return w, nil
}

// noSuchRule says that no rule has a name, and which ones there are in
// the configuration file path ("" for none).
func noSuchRule(path string, rules []watch.Rule) string {
	switch {
	case path == "":
		where := "$TUTTI_CONFIG"
		if def := session.DefaultConfigPath(os.Getenv, session.UserHome()); def != "" {
			where += " or " + def
		}
		return "no configuration file is in use, so there is no tui.watch rule: with --simulator, the embedded simulator reads " +
			"the tui: section of " + where + "; or give the rule with --match"
	case len(rules) == 0:
		return "the tui: section of " + path + " has no watch rules"
	}
	names := make([]string, len(rules))
	for i, r := range rules {
		names[i] = r.Name
	}
	return "no rule of tui.watch in " + path + " has that name; the rules are " + strings.Join(names, ", ")
}

// match returns the names of the rules an item matches, each once, in the
// order of the rules; ok is false when tail watches and none does.
func (w *tailWatch) match(it *engine.Item) (names []string, hits []watch.Hit, ok bool) {
	if w == nil {
		return nil, nil, true
	}
	hits = w.m.Match(&it.Event)
	for _, h := range hits {
		if !slices.Contains(names, h.Rule.Name) {
			names = append(names, h.Rule.Name)
		}
	}
	return names, hits, len(hits) > 0
}

// started hands the event to --exec, once per rule matched.
func (w *tailWatch) started(it *engine.Item, names []string, eventJSON []byte, streamName string) {
	if w == nil || w.run == nil {
		return
	}
	for _, name := range names {
		w.run.submit(execJob{rule: name, event: eventID(it), eventType: it.Event.Type,
			stream: it.StreamID, streamName: streamName, input: eventJSON})
	}
}

// stop waits for the commands of --exec to end, each within its timeout;
// when tail was interrupted (ctx is done), it kills those running and
// drops those waiting. It returns how many runs were dropped.
func (w *tailWatch) stop(ctx context.Context) int {
	if w == nil || w.run == nil {
		return 0
	}
	return w.run.stop(ctx.Err() != nil)
}

// eventID names an event in messages: its id, else its message's.
func eventID(it *engine.Item) string {
	if it.Event.ID != "" {
		return it.Event.ID
	}
	if m := it.Event.Message(); m != nil && m.MessageID != "" {
		return "message " + m.MessageID
	}
	return "at " + time.UnixMilli(it.Event.Timestamp).UTC().Format(time.RFC3339)
}

// watchPrefix is what a text line starts with when tail watches: the
// rules matched, in brackets.
func watchPrefix(names []string) string {
	if len(names) == 0 {
		return ""
	}
	return "[" + strings.Join(names, ", ") + "] "
}
