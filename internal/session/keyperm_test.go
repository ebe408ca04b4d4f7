package session

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestCheckKeyPermissions(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes on Windows")
	}
	dir := t.TempDir()
	key := filepath.Join(dir, "key.pem")
	if err := os.WriteFile(key, []byte("not read"), 0o600); err != nil {
		t.Fatal(err)
	}
	for mode, ok := range map[os.FileMode]bool{
		0o600: true, 0o400: true, 0o700: true,
		0o640: false, 0o604: false, 0o620: false, 0o602: false, 0o644: false, 0o666: false, 0o610: false,
	} {
		if err := os.Chmod(key, mode); err != nil {
			t.Fatal(err)
		}
		err := CheckKeyPermissions(key)
		if (err == nil) != ok {
			t.Errorf("mode %04o: %v, want ok=%v", mode, err, ok)
			continue
		}
		if err != nil {
			msg := err.Error()
			for _, want := range []string{key, fmt.Sprintf("has mode %04o", mode), "chmod 600 " + key, "--insecure-key-permissions"} {
				if !strings.Contains(msg, want) {
					t.Errorf("mode %04o: %q lacks %q", mode, msg, want)
				}
			}
		}
	}

	// A link counts for the mode of the key it points to.
	if err := os.Chmod(key, 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.pem")
	if err := os.Symlink(key, link); err != nil {
		t.Fatal(err)
	}
	if err := CheckKeyPermissions(link); err == nil {
		t.Error("a link to a 0644 key was accepted")
	}
	if err := CheckKeyPermissions(filepath.Join(dir, "missing.pem")); err == nil {
		t.Error("a missing key was accepted")
	}

	// The fix is a command to paste, whatever the name.
	odd := filepath.Join(dir, "my key's.pem")
	if err := os.WriteFile(odd, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(odd, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := CheckKeyPermissions(odd); err == nil || !strings.Contains(err.Error(), `chmod 600 '`+dir+`/my key'\''s.pem'`) {
		t.Errorf("odd name: %v", err)
	}
}
