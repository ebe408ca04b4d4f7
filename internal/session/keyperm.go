package session

import (
	"fmt"
	"os"
	"runtime"
	"strings"
)

// InsecureKeyFlag is the flag that lets a private key readable or writable
// by others be used.
const InsecureKeyFlag = "insecure-key-permissions"

// CheckKeyPermissions refuses a private key file that its group or other
// users may read or write (mode & 0o077 != 0), naming the file, its mode
// and the fix. It follows symbolic links: the mode of the key itself counts.
// Windows has no such mode bits, so nothing is checked there.
func CheckKeyPermissions(path string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	info, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("check the private key's permissions: %w", err)
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 {
		return fmt.Errorf("the private key %s has mode %04o: other users may read or change it; run chmod 600 %s (or pass --%s)",
			path, perm, ShellQuote(path), InsecureKeyFlag)
	}
	return nil
}

// ShellQuote returns s as one word of a POSIX shell command line: as it is
// when it has only safe characters, else in single quotes.
func ShellQuote(s string) string {
	safe := s != ""
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("_./+-:@%=,", r)) {
			safe = false
			break
		}
	}
	if safe {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
