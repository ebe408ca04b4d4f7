package session

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOpenFileRefusesWhatIsNotADownloadedFile(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, "link")
	if err := os.Symlink("/etc/passwd", link); err != nil {
		t.Skip(err)
	}
	for path, want := range map[string]string{
		"relative.pdf":                    "not an absolute path",
		dir:                               "not a regular file",
		link:                              "not a regular file",
		filepath.Join(dir, "missing.pdf"): "no such file",
	} {
		if err := OpenFile(path); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("OpenFile(%q) = %v, want %q", path, err, want)
		}
	}
}
