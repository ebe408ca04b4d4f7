package cli

import (
	"flag"
	"log/slog"

	"github.com/tutti-chat/tutti/internal/session"
)

// addPodTargetFlags declares --config and --insecure-key-permissions.
func addPodTargetFlags(fs *flag.FlagSet, t *session.Target) {
	fs.StringVar(&t.Config, "config", "", "BDK config.yaml of the pod (default: $TUTTI_CONFIG, else "+
		"$XDG_CONFIG_HOME/tutti/config.yaml when it exists, else the embedded simulator)")
	fs.BoolVar(&t.InsecureKey, session.InsecureKeyFlag, false, "use a private key file that other users may read or write")
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
