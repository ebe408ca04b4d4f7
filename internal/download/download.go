// Package download saves the files tutti downloads (message attachments)
// into a download directory: under a safe name made from the pod's file
// name, never over an existing file ("name (1).ext"), with mode 0600, and
// only once complete (written to a temporary file, then linked into
// place).
package download

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxName bounds a saved file's name, in bytes: most file systems take
// 255.
const maxName = 200

// DefaultDir returns the download directory when none is configured:
// $XDG_DOWNLOAD_DIR when getenv gives an absolute path, else Downloads in
// home.
func DefaultDir(getenv func(string) string, home string) string {
	if d := getenv("XDG_DOWNLOAD_DIR"); filepath.IsAbs(d) {
		return filepath.Clean(d)
	}
	return filepath.Join(home, "Downloads")
}

// Dir returns the download directory of a configured value: configured
// itself ("~/" expanded to home), or DefaultDir when it is empty.
func Dir(configured string, getenv func(string) string, home string) string {
	switch {
	case configured == "":
		return DefaultDir(getenv, home)
	case configured == "~":
		return home
	case strings.HasPrefix(configured, "~/"):
		return filepath.Join(home, configured[2:])
	}
	return filepath.Clean(configured)
}

// SafeName returns a file name of one path element made from a remote
// file name: its last element, without control or format characters,
// path separators or characters that Windows refuses, not "." or "..",
// not hidden (no leading dot) and at most maxName bytes with its
// extension kept. An empty result is "attachment".
func SafeName(remote string) string {
	var b strings.Builder
	for _, r := range remote {
		switch {
		case r == '/' || r == '\\':
			b.Reset() // the last path element only
		case r == utf8.RuneError || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || strings.ContainsRune(`<>:"|?*`, r):
			b.WriteByte('_')
		default:
			b.WriteRune(r)
		}
	}
	name := strings.TrimSpace(b.String())
	name = strings.TrimLeft(name, ". ")
	name = strings.TrimRight(name, ". ")
	if name == "" {
		return "attachment"
	}
	if len(name) > maxName {
		ext := filepath.Ext(name)
		if len(ext) > 20 {
			ext = ""
		}
		stem := name[:len(name)-len(ext)]
		cut := maxName - len(ext)
		for cut > 0 && !utf8.RuneStart(stem[cut]) {
			cut--
		}
		name = stem[:cut] + ext
	}
	return name
}

// candidate returns the n-th name tried for name: name itself, then
// "stem (n).ext".
func candidate(name string, n int) string {
	if n == 0 {
		return name
	}
	ext := filepath.Ext(name)
	if ext == name {
		ext = ""
	}
	return strings.TrimSuffix(name, ext) + " (" + strconv.Itoa(n) + ")" + ext
}

// Save writes a file named after remote (SafeName) into dir, creating dir
// with mode 0700 when it is missing: write fills a temporary file of dir
// (mode 0600), which is linked under the first free name ("name",
// "name (1)", …) once write returned without error, so that a partial file
// never shows under the final name and no existing file is overwritten. It
// returns the path of the saved file.
func Save(dir, remote string, write func(w io.Writer) error) (string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("save %s: create the download directory: %w", SafeName(remote), err)
	}
	name := SafeName(remote)
	tmp, err := os.CreateTemp(dir, ".tutti-download-*.part")
	if err != nil {
		return "", fmt.Errorf("save %s: %w", name, err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return "", fmt.Errorf("save %s: %w", name, err)
	}
	if err := write(tmp); err != nil {
		tmp.Close()
		return "", fmt.Errorf("save %s: %w", name, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return "", fmt.Errorf("save %s: %w", name, err)
	}
	if err := tmp.Close(); err != nil {
		return "", fmt.Errorf("save %s: %w", name, err)
	}
	for n := 0; n < 10_000; n++ {
		dst := filepath.Join(dir, candidate(name, n))
		err := os.Link(tmp.Name(), dst)
		switch {
		case err == nil:
			return dst, nil
		case errors.Is(err, fs.ErrExist):
			continue
		}
		// No hard links here (some file systems): claim the name with an
		// exclusive create, then rename over that empty claim.
		claim, cerr := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if errors.Is(cerr, fs.ErrExist) {
			continue
		}
		if cerr != nil {
			return "", fmt.Errorf("save %s: %w", name, cerr)
		}
		claim.Close()
		if err := os.Rename(tmp.Name(), dst); err != nil {
			os.Remove(dst)
			return "", fmt.Errorf("save %s: %w", name, err)
		}
		return dst, nil
	}
	return "", fmt.Errorf("save %s: every name up to %q is taken in %s", name, candidate(name, 9_999), dir)
}
