// Package state keeps tutti's local state on disk: one directory per pod
// and account, $XDG_STATE_HOME/tutti/<pod host>/<account>/, holding small
// JSON files (per-stream watermarks, and what later features add).
//
// Contract: files are written atomically (a temporary file, then a rename),
// so a crash never leaves half a file. A missing file loads as nothing; a
// corrupt or unreadable one loads as nothing too, with an error the caller
// shows as a warning: state is a convenience, never a reason not to start.
// A directory is held by one process at a time through an advisory lock;
// a second process gets ErrLocked with the holder's pid. A Dir is safe for
// concurrent use.
package state

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// ErrLocked means another tutti process holds the state directory.
var ErrLocked = errors.New("the state directory is in use by another tutti process")

// Dir is an open, locked state directory.
type Dir struct {
	path string

	mu   sync.Mutex
	lock *os.File
}

// DefaultRoot returns $XDG_STATE_HOME/tutti, or ~/.local/state/tutti.
func DefaultRoot() (string, error) {
	if x := os.Getenv("XDG_STATE_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "tutti"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("find the state directory: %w", err)
	}
	return filepath.Join(home, ".local", "state", "tutti"), nil
}

// Open creates (mode 0700) and locks root/<podHost>/<account>.
func Open(root, podHost, account string) (*Dir, error) {
	dir := filepath.Join(root, pathSafe(podHost), pathSafe(account))
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("open state directory: %w", err)
	}
	lock, err := lockDir(dir)
	if err != nil {
		return nil, err
	}
	return &Dir{path: dir, lock: lock}, nil
}

// Path returns the directory.
func (d *Dir) Path() string { return d.path }

// Close releases the lock.
func (d *Dir) Close() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.lock == nil {
		return nil
	}
	err := unlockDir(d.lock)
	d.lock = nil
	return err
}

// MaxFileSize bounds a state file: far above what 10,000 streams' read
// markers, watermarks and drafts take.
const MaxFileSize = 16 << 20

// Load decodes the JSON file name into v. A missing file leaves v as it is
// and returns nil; an unreadable or corrupt one, one over MaxFileSize or one
// that is not a regular file (never read) leaves v as it is and returns an
// error to show as a warning.
func (d *Dir) Load(name string, v any) error {
	path := filepath.Join(d.path, name)
	info, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	switch {
	case err != nil:
		return fmt.Errorf("load %s: %w (starting afresh)", name, err)
	case !info.Mode().IsRegular():
		return fmt.Errorf("load %s: not a regular file (starting afresh)", path)
	case info.Size() > MaxFileSize:
		return fmt.Errorf("load %s: %d bytes, more than the %d a state file may be (starting afresh)", path, info.Size(), MaxFileSize)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("load %s: %w (starting afresh)", name, err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("load %s: corrupt file: %w (starting afresh)", filepath.Join(d.path, name), err)
	}
	return nil
}

// Save writes v as the JSON file name, atomically.
func (d *Dir) Save(name string, v any) error {
	data, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		return fmt.Errorf("save %s: %w", name, err)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	return WriteFileAtomic(filepath.Join(d.path, name), append(data, '\n'), 0o600)
}

// WriteFileAtomic writes data to a temporary file beside path and renames
// it into place, so a reader never sees half a file.
func WriteFileAtomic(path string, data []byte, perm os.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	_, werr := tmp.Write(data)
	if werr == nil {
		werr = tmp.Chmod(perm)
	}
	if werr == nil {
		werr = tmp.Sync()
	}
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return fmt.Errorf("write %s: %w", path, werr)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// pathSafe turns a host or account name into one path element.
func pathSafe(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '/' || r == '\\' || r == ':' || r < 0x20 || r == 0x7f:
			return '_'
		}
		return r
	}, s)
	if s == "" || s == "." || s == ".." {
		return "_" + s
	}
	return s
}
