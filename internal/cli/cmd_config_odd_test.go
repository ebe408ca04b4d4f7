//go:build unix

package cli

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestConfigCheckChecksTheTUISection: config check refuses the tui:
// section tutti would refuse at start, with the same file:line errors.
func TestConfigCheckChecksTheTUISection(t *testing.T) {
	_, path := simConfig(t, false)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	bad := string(data) + "tui:\n  keys:\n    timeline.fly: [x]\n  theme: purple\n  maxRowsPerStream: 0\n  colour: blue\n"
	if err := os.WriteFile(path, []byte(bad), 0o600); err != nil {
		t.Fatal(err)
	}
	stdout, _, err := runCommand(t, "config", "check", path)
	if err == nil || !strings.Contains(err.Error(), "4 problems") {
		t.Fatalf("config check of a bad tui: section: %v\n%s", err, stdout)
	}
	for _, want := range []string{"tui.keys", "tui.theme", "tui.maxRowsPerStream", "tui.colour"} {
		if !strings.Contains(stdout, want) || !strings.Contains(stdout, path+":") {
			t.Errorf("output lacks %s with its file and line:\n%s", want, stdout)
		}
	}
}

// TestConfigCheckRefusesAFIFOKey: a named pipe as the private key is
// refused at once, not read (reading it would block forever).
func TestConfigCheckRefusesAFIFOKey(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "key.pem")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	path := filepath.Join(dir, "config.yaml")
	src := "host: acme.symphony.com\nbot:\n  username: b\n  privateKey:\n    path: " + fifo + "\n"
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	stdout, _, err := runCommand(t, "config", "check", path)
	if err == nil || !strings.Contains(stdout, fifo+" is not a regular file (a named pipe)") {
		t.Errorf("config check with a FIFO key: %v\n%s", err, stdout)
	}
}

// TestConfigInitOverNoFile: config init, --force or not, refuses to write
// over what is not a file, saying what it is.
func TestConfigInitOverNoFile(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{{"config", "init", dir}, {"config", "init", "--force", dir}} {
		if _, _, err := runCommand(t, args...); err == nil || !strings.Contains(err.Error(), dir+" is not a regular file (a directory)") {
			t.Errorf("%v: %v", args, err)
		}
	}
}
