package session

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/tutti-chat/tutti/internal/record"
	"github.com/tutti-chat/tutti/simulator"
)

// Recording ask to record a session: --record FILE [--redact].
type Recording struct {
	Path   string
	Redact bool
}

// startRecording makes the client record its answers to a new file, when
// rec asks for it. The file is closed with the connection.
func (c *Conn) startRecording(rec Recording, logger *slog.Logger) error {
	if rec.Path == "" {
		if rec.Redact {
			return Usagef("--redact goes with --record FILE")
		}
		return nil
	}
	f, err := openRecording(rec.Path)
	if err != nil {
		return err
	}
	w, err := record.NewWriter(f, record.WriterOptions{Version: ReadBuild().Short(), Redact: rec.Redact, Logger: logger})
	if err != nil {
		f.Close()
		return fmt.Errorf("--record %s: %w", rec.Path, err)
	}
	c.closers = append(c.closers, f.Close)
	c.Client.WrapTransports(w.Transport)
	return nil
}

// openRecording opens a new recording file (mode 0600: it holds the
// account's conversations). A file that exists must be empty: a recording
// is never appended to another.
func openRecording(path string) (*os.File, error) {
	f, err := OpenPrivate(path, "recording")
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

// ConnectReplay starts the embedded simulator replaying the recording of
// file, and logs in to it.
func ConnectReplay(ctx context.Context, file string, speed float64, loop bool, logger *slog.Logger) (*Conn, error) {
	rec, err := record.ReadFile(file)
	if err != nil {
		return nil, err
	}
	c, err := (&Conn{}).startEmbedded(ctx, simulator.Options{Replay: rec, Speed: speed, ReplayLoop: loop}, logger)
	if err != nil {
		return nil, err
	}
	c.Replay = filepath.Base(file)
	if rec.CutLine > 0 {
		c.ReplayNote = fmt.Sprintf("the recording's last line (%d) was cut short, as when its writer is stopped mid-line: what it held is not replayed", rec.CutLine)
	}
	if !loop {
		c.Ended = c.Sim.ReplayDone()
	}
	return c.open(ctx, Recording{}, logger)
}
