package render

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// The width of text is measured in one way everywhere in the package:
// grapheme cluster by grapheme cluster, as ansi.StringWidth measures it
// (East Asian wide characters and emoji presentation count two cells, a
// ZWJ sequence or a flag counts as one glyph). All functions here take
// sanitised text, which holds no escape sequence and no control character
// but the newline.

// textWidth returns the display width of s in cells.
func textWidth(s string) int {
	w := 0
	for i := 0; i < len(s); {
		if isASCIICluster(s, i) {
			w++
			i++
			continue
		}
		size, cw := nextCluster(s[i:])
		w += cw
		i += size
	}
	return w
}

// isASCIICluster reports whether the byte at i is a cluster of its own: an
// ASCII character not followed by a non-ASCII one (which could be a
// combining mark attaching to it).
func isASCIICluster(s string, i int) bool {
	return s[i] < utf8.RuneSelf && (i+1 == len(s) || s[i+1] < utf8.RuneSelf)
}

// nextCluster returns the length in bytes and the width of the grapheme
// cluster at the start of s, which must not be empty.
func nextCluster(s string) (size, width int) {
	if isASCIICluster(s, 0) {
		return 1, 1
	}
	cl, cw := ansi.FirstGraphemeCluster(s, ansi.GraphemeWidth)
	if len(cl) == 0 { // cannot happen on a non-empty string; never loop forever
		return 1, 1
	}
	return len(cl), cw
}

// truncateText cuts s to at most max cells, grapheme by grapheme, and
// returns the kept prefix and its width.
func truncateText(s string, max int) (string, int) {
	w := 0
	for i := 0; i < len(s); {
		size, cw := nextCluster(s[i:])
		if w+cw > max {
			return s[:i], w
		}
		w += cw
		i += size
	}
	return s, w
}

// Limits on one grapheme cluster, so that "zalgo" text (a letter under
// hundreds of combining marks) or an endless ZWJ chain cannot paint outside
// its cell.
const (
	maxClusterMarks = 4  // combining marks kept on one base character
	maxClusterRunes = 12 // runes kept in one cluster (the longest emoji ZWJ sequences have 11)
)

// clampCluster returns cl without the combining marks and runes beyond the
// limits above, and whether it changed anything.
func clampCluster(cl string) (string, bool) {
	if len(cl) <= maxClusterMarks*2+4 {
		return cl, false // too short to exceed either limit
	}
	marks, runes, over := 0, 0, false
	for _, r := range cl {
		runes++
		if isMark(r) {
			marks++
		}
		if marks > maxClusterMarks || runes > maxClusterRunes {
			over = true
			break
		}
	}
	if !over {
		return cl, false
	}
	var b strings.Builder
	marks, runes = 0, 0
	for _, r := range cl {
		if isMark(r) {
			if marks == maxClusterMarks {
				continue
			}
			marks++
		}
		if runes == maxClusterRunes {
			break
		}
		runes++
		b.WriteRune(r)
	}
	return b.String(), true
}

// isMark reports combining marks (Mn, Me); U+FE0F, which asks for emoji
// presentation, is one too.
func isMark(r rune) bool {
	return r >= 0x300 && (unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r))
}

// spaces returns a run of n spaces (n ≥ 0).
func spaces(n int) string {
	const s = "                                                                                "
	if n <= len(s) {
		if n < 0 {
			return ""
		}
		return s[:n]
	}
	return strings.Repeat(" ", n)
}

// repeatRune returns r repeated n times.
func repeatRune(r string, n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat(r, n)
}
