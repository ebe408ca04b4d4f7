package ui

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// pathTree makes a directory with two reports, a folder of rates and a
// hidden file, and returns it.
func pathTree(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []string{"report.csv", "report.xlsx", ".hidden", "rates/q4.csv"} {
		p := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestAttachLineCompletesPaths: tab on an "/attach PATH" line completes
// the path from the file system: several candidates cycle, a directory
// gets its "/" so that the next tab goes into it, and the message's other
// lines keep their own completion.
func TestAttachLineCompletesPaths(t *testing.T) {
	dir := pathTree(t)
	m, _ := newCompleteModel(t)
	typeText(m, "see the numbers")
	update(m, keyNewline)
	typeText(m, "/attach "+dir+"/re")
	update(m, keyTab)
	want := "see the numbers\n/attach " + dir + "/report.csv"
	if got := m.ed.Value(); got != want {
		t.Fatalf("tab on a path: %q, want %q", got, want)
	}
	update(m, keyTab)
	if got := m.ed.Value(); got != "see the numbers\n/attach "+dir+"/report.xlsx" {
		t.Fatalf("tab again: %q, want the next report", got)
	}
	update(m, keyEsc)
	if got := m.ed.Value(); got != "see the numbers\n/attach "+dir+"/re" {
		t.Fatalf("esc: %q, want the path as typed", got)
	}

	update(m, tea.KeyPressMsg{Code: tea.KeyBackspace})
	typeText(m, "a")
	update(m, keyTab)
	if got := m.ed.Value(); got != "see the numbers\n/attach "+dir+"/rates/" {
		t.Fatalf("tab on a directory's start: %q, want it with its slash", got)
	}
	update(m, keyTab)
	if got := m.ed.Value(); got != "see the numbers\n/attach "+dir+"/rates/q4.csv" {
		t.Fatalf("tab in the directory: %q, want its one file", got)
	}
}

// TestPathCandidates: hidden files only when asked for, "~/" kept, a
// directory that cannot be read gives nothing.
func TestPathCandidates(t *testing.T) {
	dir := pathTree(t)
	if got := pathCandidates(dir + "/"); !slices.Equal(got, []string{dir + "/rates/", dir + "/report.csv", dir + "/report.xlsx"}) {
		t.Errorf("the directory's entries: %q", got)
	}
	if got := pathCandidates(dir + "/."); !slices.Equal(got, []string{dir + "/.hidden"}) {
		t.Errorf("hidden files when a dot is typed: %q", got)
	}
	if got := pathCandidates(dir + "/nothing/x"); got != nil {
		t.Errorf("a directory that does not exist: %q", got)
	}
	t.Setenv("HOME", dir)
	if got := pathCandidates("~/rat"); !slices.Equal(got, []string{"~/rates/"}) {
		t.Errorf("under ~/: %q", got)
	}
	if got := pathCandidates("~"); !slices.Equal(got, []string{"~/"}) {
		t.Errorf("~ alone: %q", got)
	}
}

// TestAttachToken: only the path of an "/attach " line is a path token.
func TestAttachToken(t *testing.T) {
	for _, c := range []struct {
		text string
		ok   bool
		path string
	}{
		{"/attach ~/a.csv", true, "~/a.csv"},
		{"hello\n  /attach x", true, "x"},
		{"say /attach x", false, ""},
		{"/attachx", false, ""},
	} {
		r := []rune(c.text)
		start, path, ok := attachToken(r, len(r))
		if ok != c.ok || path != c.path || ok && string(r[start:]) != path {
			t.Errorf("%q: %v %q at %d, want %v %q", c.text, ok, path, start, c.ok, c.path)
		}
	}
}
