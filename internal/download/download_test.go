package download

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestSafeNameKeepsTheFileInTheDirectory(t *testing.T) {
	for in, want := range map[string]string{
		"risk.xlsx":                 "risk.xlsx",
		"../../etc/passwd":          "passwd",
		"..":                        "attachment",
		".":                         "attachment",
		"":                          "attachment",
		"a/..":                      "attachment",
		`C:\Users\x\evil.exe`:       "evil.exe",
		".bashrc":                   "bashrc",
		"re\x1b[31mport\x07.pdf":    "re_[31mport_.pdf",
		"name\u202egnp.exe":         "name_gnp.exe",
		"what?.txt":                 "what_.txt",
		"  spaced .pdf ":            "spaced .pdf",
		"trailing.":                 "trailing",
		"Zürich € report (v2).xlsx": "Zürich € report (v2).xlsx",
	} {
		got := SafeName(in)
		if got != want {
			t.Errorf("SafeName(%q) = %q, want %q", in, got, want)
		}
		if strings.ContainsAny(got, `/\`) || got == "." || got == ".." || filepath.Base(got) != got {
			t.Errorf("SafeName(%q) = %q is not one path element", in, got)
		}
	}
	long := strings.Repeat("é", 300) + ".pdf"
	if got := SafeName(long); len(got) > maxName || !strings.HasSuffix(got, ".pdf") || !strings.HasPrefix(got, "é") {
		t.Errorf("a long name gives %d bytes: %q", len(got), got)
	}
}

func TestDir(t *testing.T) {
	env := func(v string) func(string) string { return func(string) string { return v } }
	home := filepath.FromSlash("/home/ana")
	for _, c := range []struct{ configured, xdg, want string }{
		{"", "", "/home/ana/Downloads"},
		{"", "/data/dl", "/data/dl"},
		{"", "relative/dl", "/home/ana/Downloads"},
		{"~/tutti", "/data/dl", "/home/ana/tutti"},
		{"/srv/files/", "", "/srv/files"},
	} {
		if got := Dir(c.configured, env(c.xdg), home); got != filepath.FromSlash(c.want) {
			t.Errorf("Dir(%q) with XDG_DOWNLOAD_DIR=%q = %q, want %q", c.configured, c.xdg, got, c.want)
		}
	}
}

func TestSaveNeverOverwritesAndIsPrivate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "Downloads")
	write := func(s string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
	}
	var paths []string
	for _, body := range []string{"one", "two", "three"} {
		p, err := Save(dir, "../risk.xlsx", write(body))
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	want := []string{"risk.xlsx", "risk (1).xlsx", "risk (2).xlsx"}
	for i, p := range paths {
		if filepath.Dir(p) != dir || filepath.Base(p) != want[i] {
			t.Errorf("save %d went to %s, want %s in %s", i, p, want[i], dir)
		}
		data, err := os.ReadFile(p)
		if err != nil || string(data) != []string{"one", "two", "three"}[i] {
			t.Errorf("%s holds %q, %v", p, data, err)
		}
		if info, err := os.Stat(p); runtime.GOOS != "windows" && (err != nil || info.Mode().Perm() != 0o600) {
			t.Errorf("%s has mode %v, %v", p, info.Mode(), err)
		}
	}
	if info, err := os.Stat(dir); runtime.GOOS != "windows" && (err != nil || info.Mode().Perm() != 0o700) {
		t.Errorf("the created directory has mode %v, %v", info.Mode(), err)
	}

	// A failed download leaves nothing behind, not even its temporary file.
	boom := errors.New("connection reset")
	_, err := Save(dir, "broken.bin", func(w io.Writer) error {
		_, _ = io.WriteString(w, "half")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Errorf("failed save: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("the directory holds %v after a failed save", names)
	}
}

func TestCandidateWithoutExtension(t *testing.T) {
	if got := candidate("README", 2); got != "README (2)" {
		t.Errorf("candidate = %q", got)
	}
}
