package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/tutti-chat/tutti/internal/session"
)

// addPodTargetFlags declares --config, --simulator and
// --insecure-key-permissions.
func addPodTargetFlags(fs *flag.FlagSet, t *session.Target) {
	fs.StringVar(&t.Config, "config", "", "BDK config.yaml of the pod (default: $TUTTI_CONFIG, else "+
		"$XDG_CONFIG_HOME/tutti/config.yaml when it exists, else the embedded simulator)")
	fs.BoolVar(&t.Simulator, "simulator", false, "run the embedded simulator (the demo) even when $TUTTI_CONFIG or "+
		"the default config.yaml names a pod; not with --config")
	fs.BoolVar(&t.InsecureKey, session.InsecureKeyFlag, false, "use a private key file that other users may read or write")
}

// simFlagsGiven returns the flags of the embedded simulator (those
// addEmbeddedSimFlags declares) that the command line parsed by fs set, as
// "--name", sorted.
func simFlagsGiven(fs *flag.FlagSet) []string {
	sim := flag.NewFlagSet("embedded simulator", flag.ContinueOnError)
	addEmbeddedSimFlags(sim, &embeddedSimFlags{})
	var given []string
	fs.Visit(func(f *flag.Flag) {
		if sim.Lookup(f.Name) != nil {
			given = append(given, "--"+f.Name)
		}
	})
	return given
}

// connectTarget connects to the pod of t, or to the embedded simulator sim
// describes, once fs has parsed the command line: the embedded simulator's
// flags it set are refused with a configuration. When --simulator leaves
// SYMPHONY_SESSION_TOKEN unused, it says so on stderr.
func connectTarget(ctx context.Context, fs *flag.FlagSet, t session.Target, sim embeddedSimFlags, rec session.Recording,
	logger *slog.Logger, stderr io.Writer) (*session.Conn, error) {
	t.SimFlags = simFlagsGiven(fs)
	if err := sim.check(); err != nil {
		return nil, err
	}
	conn, err := session.Connect(ctx, t, sim.session(), rec, logger)
	if err != nil {
		return nil, err
	}
	if token, _ := session.SessionTokens(os.Getenv); t.Simulator && token != "" {
		fmt.Fprintln(stderr, "tutti:", session.IgnoredTokenNote)
	}
	return conn, nil
}

// addRecordFlags declares --record and --redact.
func addRecordFlags(fs *flag.FlagSet, r *session.Recording) {
	fs.StringVar(&r.Path, "record", "", "record the pod's answers (datafeed batches, history pages, session, streams, users) to `FILE`, a new file of JSON lines; never a token or a key")
	fs.BoolVar(&r.Redact, "redact", false, "with --record: replace names, e-mail addresses, usernames and user ids with pseudonyms")
}

// logFlags choose the debug log: a file and its format.
type logFlags struct {
	file, format string
}

// addLogFlags declares --log and --log-format.
func addLogFlags(fs *flag.FlagSet, f *logFlags) {
	fs.StringVar(&f.file, "log", "", "append a debug log to `FILE` (never to the terminal while the UI runs)")
	fs.StringVar(&f.format, "log-format", "text", "format of the --log file: text or json")
}

// open returns the logger the flags ask for (one that discards when no
// file is named) and the function that closes its file.
func (f logFlags) open() (*slog.Logger, func(), error) {
	return session.OpenLog(f.file, f.format)
}
