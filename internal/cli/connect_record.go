package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/tutti-chat/tutti/internal/record"
	"github.com/tutti-chat/tutti/simulator"
)

// recordFlags ask to record a session: --record FILE [--redact].
type recordFlags struct {
	path   string
	redact bool
}

// addRecordFlags declares --record and --redact.
func addRecordFlags(fs *flag.FlagSet, r *recordFlags) {
	fs.StringVar(&r.path, "record", "", "record the pod's answers (datafeed batches, history pages, session, streams, users) to `FILE`, a new file of JSON lines; never a token or a key")
	fs.BoolVar(&r.redact, "redact", false, "with --record: replace names, e-mail addresses, usernames and user ids with pseudonyms")
}

// startRecording makes the client record its answers to a new file, when
// rec asks for it. The file is closed with the connection.
func (c *connection) startRecording(rec recordFlags, logger *slog.Logger) error {
	if rec.path == "" {
		if rec.redact {
			return errors.New("--redact goes with --record FILE")
		}
		return nil
	}
	f, err := openRecording(rec.path)
	if err != nil {
		return err
	}
	w, err := record.NewWriter(f, record.WriterOptions{Version: readBuildVersion().short(), Redact: rec.redact, Logger: logger})
	if err != nil {
		f.Close()
		return fmt.Errorf("--record %s: %w", rec.path, err)
	}
	c.closers = append(c.closers, f.Close)
	c.client.WrapTransports(w.Transport)
	return nil
}

// openRecording opens a new recording file (mode 0600: it holds the
// account's conversations). A file that exists must be empty: a recording
// is never appended to another.
func openRecording(path string) (*os.File, error) {
	f, err := openPrivate(path, "recording")
	if err != nil {
		return nil, fmt.Errorf("--record: %w", err)
	}
	if info, err := f.Stat(); err != nil || info.Size() > 0 {
		f.Close()
		if err == nil {
			err = errors.New("the file is not empty; a recording goes to a file of its own")
		}
		return nil, fmt.Errorf("--record %s: %w", path, err)
	}
	return f, nil
}

// connectReplay starts the embedded simulator replaying the recording of
// file, and logs in to it.
func connectReplay(ctx context.Context, file string, speed float64, loop bool, logger *slog.Logger) (*connection, error) {
	rec, err := record.ReadFile(file)
	if err != nil {
		return nil, err
	}
	c, err := (&connection{}).startEmbedded(ctx, simulator.Options{Replay: rec, Speed: speed, ReplayLoop: loop}, logger)
	if err != nil {
		return nil, err
	}
	c.replay = filepath.Base(file)
	if !loop {
		c.ended = c.sim.ReplayDone()
	}
	return c.open(ctx, recordFlags{}, logger)
}
