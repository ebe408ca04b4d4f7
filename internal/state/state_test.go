package state

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestSaveLoadRoundTrip(t *testing.T) {
	d, err := Open(t.TempDir(), "acme.symphony.com", "bot")
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	want := map[string]int{"a": 1, "b": 2}
	if err := d.Save("w.json", want); err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	if err := d.Load("w.json", &got); err != nil || got["a"] != 1 || got["b"] != 2 {
		t.Fatalf("Load = %v, %v", got, err)
	}
	info, err := os.Stat(filepath.Join(d.Path(), "w.json"))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("file mode %v, %v; want 0600", info.Mode().Perm(), err)
	}
	missing := map[string]int{"keep": 1}
	if err := d.Load("none.json", &missing); err != nil || missing["keep"] != 1 {
		t.Errorf("missing file: %v, %v", missing, err)
	}
}

func TestCorruptFileIsAWarning(t *testing.T) {
	d, err := Open(t.TempDir(), "pod", "bot")
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := os.WriteFile(filepath.Join(d.Path(), "w.json"), []byte(`{"a": 1,`), 0o600); err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	err = d.Load("w.json", &got)
	if err == nil || !strings.Contains(err.Error(), "corrupt") || len(got) != 0 {
		t.Errorf("corrupt file: %v, %v", got, err)
	}
}

func TestSecondOpenIsLocked(t *testing.T) {
	root := t.TempDir()
	d, err := Open(root, "pod", "bot")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Open(root, "pod", "bot")
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second open: %v, want ErrLocked", err)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := Open(root, "pod", "bot")
	if err != nil {
		t.Fatalf("open after close: %v", err)
	}
	again.Close()
}

// TestLockAcrossProcesses runs this test binary again as a second process
// that tries to open the directory this process holds.
func TestLockAcrossProcesses(t *testing.T) {
	if dir := os.Getenv("TUTTI_STATE_LOCK_CHILD"); dir != "" {
		_, err := Open(dir, "pod", "bot")
		if errors.Is(err, ErrLocked) {
			os.Exit(3)
		}
		os.Exit(0)
	}
	root := t.TempDir()
	d, err := Open(root, "pod", "bot")
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	cmd := exec.Command(os.Args[0], "-test.run=TestLockAcrossProcesses")
	cmd.Env = append(os.Environ(), "TUTTI_STATE_LOCK_CHILD="+root)
	err = cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 3 {
		t.Errorf("second process: %v, want it refused with ErrLocked", err)
	}
}

func TestPathSafe(t *testing.T) {
	for in, want := range map[string]string{"acme.symphony.com": "acme.symphony.com", "../x": ".._x", "": "_", "..": "_..", "a:b/c": "a_b_c"} {
		if got := pathSafe(in); got != want {
			t.Errorf("pathSafe(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestLoadRefusesHugeFiles: a state file over MaxFileSize is a warning and
// a fresh start, without reading it.
func TestLoadRefusesHugeFiles(t *testing.T) {
	d, err := Open(t.TempDir(), "pod", "acct")
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	f, err := os.Create(filepath.Join(d.Path(), "ui.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxFileSize + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	v := map[string]string{"kept": "yes"}
	if err := d.Load("ui.json", &v); err == nil || !strings.Contains(err.Error(), "more than the") || !strings.Contains(err.Error(), "starting afresh") {
		t.Errorf("a huge file: %v", err)
	}
	if v["kept"] != "yes" || len(v) != 1 {
		t.Errorf("the value changed: %v", v)
	}
}

// TestJournal: lines appended come back in order, a last line cut short
// is left out, and a reset empties the journal.
func TestJournal(t *testing.T) {
	d, err := Open(t.TempDir(), "pod", "acct")
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	j, err := d.Journal("j.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{"one", "two"} {
		if err := j.Append([]byte(l)); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.OpenFile(filepath.Join(d.Path(), "j.jsonl"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("thr") // a writer killed mid-line
	f.Close()
	var got []string
	if err := j.Replay(func(l []byte) { got = append(got, string(l)) }); err != nil || strings.Join(got, ",") != "one,two" {
		t.Errorf("replay: %v, %v", got, err)
	}
	if err := j.Reset(); err != nil {
		t.Fatal(err)
	}
	if err := j.Append([]byte("four")); err != nil {
		t.Fatal(err)
	}
	got = nil
	if err := j.Replay(func(l []byte) { got = append(got, string(l)) }); err != nil || strings.Join(got, ",") != "four" {
		t.Errorf("after a reset: %v, %v", got, err)
	}
	j.Close()
}
