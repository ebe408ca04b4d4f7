package session

import (
	"fmt"
	"os"
	"runtime"
)

// OpenPrivate opens path to append to, creating it with mode 0600: the
// files tutti writes (logs, recordings, ledgers) hold the account's
// conversations or its calls. An existing file that other users may read
// or write is refused, naming its mode and the fix, rather than changed.
// Only regular files are written: a named pipe or a device is refused.
func OpenPrivate(path, what string) (*os.File, error) {
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
