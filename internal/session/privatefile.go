package session

import (
	"fmt"
	"os"
	"runtime"

	"github.com/tutti-chat/tutti/symphony"
)

// OpenPrivate opens path to append to, creating it with mode 0600: the
// files tutti writes (logs, recordings, ledgers) hold the account's
// conversations or its calls. An existing file that other users may read
// or write is refused, naming its mode and the fix, rather than changed.
// Only regular files are written: a named pipe or a device is refused.
func OpenPrivate(path, what string) (*os.File, error) {
	// Opening a named pipe to write waits for a reader, for ever: what is
	// there already is looked at first (and again once open, for what took
	// its place meanwhile).
	if info, err := os.Stat(path); err == nil && !info.Mode().IsRegular() {
		return nil, fmt.Errorf("the %s %s is not a regular file (%s)", what, path, symphony.DescribeMode(info.Mode()))
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open the %s: %w", what, err)
	}
	info, err := f.Stat()
	switch {
	case err != nil:
		f.Close()
		return nil, fmt.Errorf("open the %s: %w", what, err)
	case !info.Mode().IsRegular():
		f.Close()
		return nil, fmt.Errorf("the %s %s is not a regular file", what, path)
	case runtime.GOOS != "windows" && info.Mode().Perm()&0o077 != 0:
		f.Close()
		return nil, fmt.Errorf("the %s %s has mode %04o: other users may read it; run chmod 600 %s or choose another file",
			what, path, info.Mode().Perm(), ShellQuote(path))
	}
	return f, nil
}
