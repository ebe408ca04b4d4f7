//go:build unix

package cli

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/internal/session"
)

// TestFilesTuttiWritesAreItsOwn: a log, a recording or a ledger is created
// with mode 0600, and an existing one others may read is refused with its
// mode and the fix, never changed or written.
func TestFilesTuttiWritesAreItsOwn(t *testing.T) {
	dir := t.TempDir()
	fresh := filepath.Join(dir, "new.log")
	f, err := session.OpenPrivate(fresh, "log")
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if info, err := os.Stat(fresh); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("a new file has mode %v (%v), want 0600", info.Mode().Perm(), err)
	}
	shared := filepath.Join(dir, "shared.log")
	if err := os.WriteFile(shared, []byte("before\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(shared, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"tail", "--log", shared, "--duration", "1ms"},
		{"tail", "--record", shared, "--duration", "1ms"},
		{"tail", "--ledger", shared, "--duration", "1ms"},
	} {
		_, _, err := runCommand(t, args...)
		if err == nil || !strings.Contains(err.Error(), "has mode 0644: other users may read it; run chmod 600 "+shared) {
			t.Errorf("%v: %v", args, err)
		}
	}
	if data, _ := os.ReadFile(shared); string(data) != "before\n" {
		t.Errorf("the refused file was written: %q", data)
	}
	if info, _ := os.Stat(shared); info.Mode().Perm() != 0o644 {
		t.Errorf("the refused file's mode changed to %v", info.Mode().Perm())
	}
}

// TestFilesTuttiWritesAreRegular: a named pipe or a directory given as a
// log, a recording or a ledger is refused at once, saying what it is;
// opening a pipe to write would wait for a reader for ever.
func TestFilesTuttiWritesAreRegular(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no named pipe here: %v", err)
	}
	for _, c := range []struct{ path, kind string }{{fifo, "a named pipe"}, {dir, "a directory"}} {
		for _, flag := range []string{"--log", "--record", "--ledger"} {
			done := make(chan error, 1)
			go func() {
				_, _, err := runCommand(t, "tail", flag, c.path, "--duration", "1ms")
				done <- err
			}()
			select {
			case err := <-done:
				if err == nil || !strings.Contains(err.Error(), "is not a regular file ("+c.kind+")") {
					t.Errorf("%s %s: %v", flag, c.kind, err)
				}
			case <-time.After(20 * time.Second):
				t.Fatalf("%s %s: tail is still waiting", flag, c.kind)
			}
		}
	}
}

// TestRenderReadsOnlyFiles: tutti render refuses a named pipe at once,
// where reading it would wait for a writer.
func TestRenderReadsOnlyFiles(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no named pipe here: %v", err)
	}
	if _, _, err := runCommand(t, "render", fifo); err == nil || !strings.Contains(err.Error(), "is not a regular file (a named pipe)") {
		t.Errorf("render of a named pipe: %v", err)
	}
}
