package session

import (
	"fmt"
	"net/url"
	"os/exec"
	"runtime"
)

// OpenURL opens an http, https or mailto URL with the desktop's opener
// (open on macOS, xdg-open elsewhere), passed as one argument and never
// through a shell; its output never reaches the terminal.
func OpenURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("open link: %w", err)
	}
	switch u.Scheme {
	case "http", "https", "mailto":
	default:
		return fmt.Errorf("open link: refusing the %q scheme", u.Scheme)
	}
	opener := "xdg-open"
	if runtime.GOOS == "darwin" {
		opener = "open"
	}
	path, err := exec.LookPath(opener)
	if err != nil {
		return fmt.Errorf("open link: %s is not installed", opener)
	}
	if err := exec.Command(path, u.String()).Run(); err != nil {
		return fmt.Errorf("open link with %s: %w", opener, err)
	}
	return nil
}
