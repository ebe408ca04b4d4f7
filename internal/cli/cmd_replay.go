package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math"
	"time"

	"github.com/tutti-chat/tutti/internal/session"
)

// replayFlags are the flags of tutti replay.
type replayFlags struct {
	speed float64
	loop  bool
	ui    bool
	tail  bool
	since time.Duration
	log   logFlags
	out   tailFlags // --tail's output: format, streams, types, duration, verbose
}

// runReplay replays a recording made with --record in the UI or as tail
// prints it, through the embedded simulator in replay mode.
func runReplay(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var f replayFlags
	fs := newFlagSet("replay", "replay FILE [flags]", stderr)
	fs.Float64Var(&f.speed, "speed", 1, "replay speed (2 = twice as fast)")
	fs.BoolVar(&f.loop, "loop", false, "start over when the recording ends")
	fs.BoolVar(&f.ui, "ui", false, "replay in the terminal UI (the default)")
	fs.BoolVar(&f.tail, "tail", false, "print the replayed events as tutti tail does, until the recording ends")
	fs.DurationVar(&f.since, "since", time.Hour, "at start, show (--tail: print) this much of the recorded history of every stream")
	addLogFlags(fs, &f.log)
	fs.StringVar(&f.out.format, "format", "text", "--tail output: text or jsonl")
	fs.StringVar(&f.out.streams, "streams", "", "--tail: only these streams: comma-separated stream ids or room names")
	fs.StringVar(&f.out.types, "types", "", "--tail: only these event types, comma-separated")
	fs.DurationVar(&f.out.duration, "duration", 0, "--tail: stop after this long (default: at the end of the recording, or with --loop until interrupted)")
	fs.BoolVar(&f.out.verbose, "verbose", false, "--tail: log requests to stderr")
	file, err := parseFlagsAndFile(fs, args)
	if err != nil {
		return err
	}
	if file == "" {
		fmt.Fprintln(fs.Output(), "a recording FILE is required")
		fs.Usage()
		return errUsage
	}
	switch {
	case f.ui && f.tail:
		return session.Usagef("--ui and --tail: choose one")
	case !(f.speed > 0) || math.IsInf(f.speed, 1):
		return session.Usagef("--speed %g: want a positive speed", f.speed)
	}
	if f.tail {
		return replayTail(ctx, file, f, stdout, stderr)
	}
	logger, closeLog, err := f.log.open()
	if err != nil {
		return err
	}
	defer closeLog()
	conn, err := session.ConnectReplay(ctx, file, f.speed, f.loop, logger)
	if err != nil {
		return err
	}
	defer conn.Close()
	if conn.ReplayNote != "" {
		fmt.Fprintln(stderr, "tutti: warning:", conn.ReplayNote)
	}
	return showUI(ctx, conn, f.since, nil, logger, stdout, stderr)
}

// replayTail prints a replay as tutti tail prints a pod.
func replayTail(ctx context.Context, file string, f replayFlags, stdout, stderr io.Writer) error {
	tf := f.out
	tf.since, tf.noState, tf.log = f.since, true, f.log
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	p, err := newTailPrinter(out, tf)
	if err != nil {
		return err
	}
	logger, closeLog, err := tailLogger(tf, stderr)
	if err != nil {
		return err
	}
	defer closeLog()
	conn, err := session.ConnectReplay(ctx, file, f.speed, f.loop, logger)
	if err != nil {
		return err
	}
	defer conn.Close()
	if conn.ReplayNote != "" {
		fmt.Fprintln(stderr, "tutti: warning:", conn.ReplayNote)
	}
	return followTail(ctx, conn, tf, p, stderr, logger)
}
