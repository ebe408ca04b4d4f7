//go:build !unix

package state

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
)

// lockDir creates dir/lock exclusively, writing our pid in it. Without
// advisory locks, a crash leaves the file behind; the error says which file
// to remove.
func lockDir(dir string) (*os.File, error) {
	path := filepath.Join(dir, "lock")
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return nil, fmt.Errorf("%w (remove %s if no tutti runs)", ErrLocked, path)
	}
	if err != nil {
		return nil, fmt.Errorf("lock state directory: %w", err)
	}
	_, _ = f.WriteString(strconv.Itoa(os.Getpid()) + "\n")
	return f, nil
}

func unlockDir(f *os.File) error {
	name := f.Name()
	err := f.Close()
	if rerr := os.Remove(name); err == nil {
		err = rerr
	}
	return err
}
