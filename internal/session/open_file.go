package session

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
)

// OpenFile opens a downloaded file with the desktop's opener (open on
// macOS, xdg-open elsewhere), as OpenURL opens links: an absolute path to
// a regular file, passed as one argument and never through a shell; its
// output never reaches the terminal.
func OpenFile(path string) error {
	if !filepath.IsAbs(path) {
		return fmt.Errorf("open file: %s is not an absolute path", path)
	}
	info, err := os.Lstat(path)
	switch {
	case err != nil:
		return fmt.Errorf("open file: %w", err)
	case !info.Mode().IsRegular():
		return fmt.Errorf("open file: %s is not a regular file", path)
	}
	opener := "xdg-open"
	if runtime.GOOS == "darwin" {
		opener = "open"
	}
	bin, err := exec.LookPath(opener)
	if err != nil {
		return fmt.Errorf("open file: %s is not installed", opener)
	}
	if err := exec.Command(bin, path).Run(); err != nil {
		return fmt.Errorf("open file with %s: %w", opener, err)
	}
	return nil
}
