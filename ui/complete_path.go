package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// attachToken finds the path being typed on an "/attach PATH" line of the
// composer, from after "/attach " to the cursor, which must end the
// line's path: start is its rune index in text.
func attachToken(text []rune, cursor int) (start int, path string, ok bool) {
	if cursor > len(text) {
		return 0, "", false
	}
	lineStart := cursor
	for lineStart > 0 && text[lineStart-1] != '\n' {
		lineStart--
	}
	line := text[lineStart:cursor]
	indent := 0
	for indent < len(line) && (line[indent] == ' ' || line[indent] == '\t') {
		indent++
	}
	rest, found := strings.CutPrefix(string(line[indent:]), attachCommand)
	if !found {
		return 0, "", false
	}
	return cursor - len([]rune(rest)), rest, true
}

// pathCandidates returns what a path being typed may complete to: the
// entries of its directory whose names start with its last part, a
// directory with "/" after it so that the next completion goes into it.
// "~/" stands for the home directory and stays in what is inserted; names
// starting with "." are offered only when the part typed starts with ".".
// At most maxCandidates, directories and files in name order.
func pathCandidates(typed string) []string {
	dir, base := filepath.Split(typed)
	look := dir
	if rest, ok := strings.CutPrefix(dir, "~/"); ok || typed == "~" {
		home, err := os.UserHomeDir()
		if err != nil {
			return nil
		}
		if typed == "~" {
			return []string{"~/"}
		}
		look = filepath.Join(home, rest)
	}
	if look == "" {
		look = "."
	}
	entries, err := os.ReadDir(look)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, base) || strings.HasPrefix(name, ".") && !strings.HasPrefix(base, ".") {
			continue
		}
		if strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f || r == '\n' }) {
			continue // a name the composer could not show or send whole
		}
		isDir := e.IsDir()
		if e.Type()&os.ModeSymlink != 0 {
			if info, err := os.Stat(filepath.Join(look, name)); err == nil {
				isDir = info.IsDir()
			}
		}
		if isDir {
			name += "/"
		}
		out = append(out, dir+name)
		if len(out) == maxCandidates {
			break
		}
	}
	slices.Sort(out)
	return out
}
