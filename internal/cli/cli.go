// Package cli is tutti's command line: it reads the arguments, dispatches
// to the subcommands and owns their goroutines. Each subcommand lives in its
// own cmd_*.go file; assembling a session (configuration, keys, the pod or
// the embedded simulator, recording) is internal/session's.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/tutti-chat/tutti/internal/session"
)

// command is one subcommand of tutti.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"config", "write a configuration template (init), or check one and its key (check)", runConfig},
		{"render", "render a PresentationML, MessageML or message JSON in the terminal", runRender},
		{"replay", "replay a recording made with --record, in the UI or as tail prints it", runReplay},
		{"simulator", "run the embedded Symphony pod simulator on its own", runSimulator},
		{"tail", "print every event of the pod once, as text or JSON lines", runTail},
		{"ui", "open the terminal UI (what tutti does without a command)", runUI},
		{"version", "print the version and the VCS revision", runVersion},
	}
}

// Run runs the tutti command line args (without the program name) and
// returns the process's exit code: 0 on success or help, 2 when the command
// line could not be understood, exitMaybeMissing when events may be missing,
// 1 for any other error, which it prints to stderr.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	err := run(ctx, args, stdout, stderr)
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	case errors.As(err, new(*session.UsageError)):
		fmt.Fprintln(stderr, "tutti:", err)
		return 2
	case errors.As(err, new(*maybeMissingError)):
		fmt.Fprintln(stderr, "tutti:", err)
		return exitMaybeMissing
	default:
		fmt.Fprintln(stderr, "tutti:", err)
		return 1
	}
}

// errUsage reports a command line that could not be understood; the usage
// has already been printed.
var errUsage = errors.New("usage")

// run dispatches args to a subcommand.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || (strings.HasPrefix(args[0], "-") && !isHelpFlag(args[0])) {
		return runUI(ctx, args, stdout, stderr)
	}
	if args[0] == "help" || isHelpFlag(args[0]) {
		if len(args) > 1 {
			return run(ctx, []string{args[1], "--help"}, stdout, stderr)
		}
		usage(stdout)
		return nil
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "tutti: unknown command %q\n\n", args[0])
	usage(stderr)
	return errUsage
}

// isHelpFlag reports whether arg asks for the usage.
func isHelpFlag(arg string) bool {
	return arg == "-h" || arg == "--help" || arg == "-help"
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "tutti: a terminal client for Symphony Messaging")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage: tutti [ui flags]      (the terminal UI)")
	fmt.Fprintln(w, "       tutti <command> [flags]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, `Run "tutti <command> --help" for the flags of a command.`)
}

// newFlagSet returns a flag set that prints its usage to stderr and returns
// errors instead of exiting.
func newFlagSet(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("tutti "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: tutti %s\n\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, turning a parse error into errUsage.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return errUsage
	}
	return nil
}
