package state

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Journal is an append-only file of lines in the state directory: what
// happened since the last snapshot of a state file, written as it happens,
// so that a process killed between two snapshots (SIGKILL, a crash) leaves
// it behind. Appending is one write of the page cache, no sync: it
// survives the process, not the machine. A Journal is not safe for
// concurrent use.
type Journal struct {
	f    *os.File
	path string
}

// maxJournal bounds what Replay reads of a journal.
const maxJournal = 64 << 20

// Journal opens (creating it, mode 0600) the journal name.
func (d *Dir) Journal(name string) (*Journal, error) {
	path := filepath.Join(d.path, name)
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open the journal %s: %w", name, err)
	}
	return &Journal{f: f, path: path}, nil
}

// Replay calls fn with every complete line of the journal, oldest first. A
// last line cut short (the process died writing it) is left out; a journal
// over 64 MiB is not read and is an error.
func (j *Journal) Replay(fn func(line []byte)) error {
	info, err := j.f.Stat()
	if err != nil {
		return fmt.Errorf("read the journal %s: %w", j.path, err)
	}
	if info.Size() > maxJournal {
		return fmt.Errorf("read the journal %s: %d bytes, more than the %d it may be", j.path, info.Size(), maxJournal)
	}
	r := bufio.NewReader(io.NewSectionReader(j.f, 0, info.Size()))
	for {
		line, err := r.ReadBytes('\n')
		if errors.Is(err, io.EOF) {
			return nil // a line without its newline was cut short
		}
		if err != nil {
			return fmt.Errorf("read the journal %s: %w", j.path, err)
		}
		if line = bytes.TrimSpace(line); len(line) > 0 {
			fn(line)
		}
	}
}

// Append writes one line (a newline is added).
func (j *Journal) Append(line []byte) error {
	if _, err := j.f.Write(append(line, '\n')); err != nil {
		return fmt.Errorf("write the journal %s: %w", j.path, err)
	}
	return nil
}

// Reset empties the journal: a snapshot now holds what it said.
func (j *Journal) Reset() error {
	if err := j.f.Truncate(0); err != nil {
		return fmt.Errorf("empty the journal %s: %w", j.path, err)
	}
	return nil
}

// Close closes the journal's file.
func (j *Journal) Close() error { return j.f.Close() }
