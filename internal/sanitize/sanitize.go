// Package sanitize makes remote text safe to put on a terminal. It is the
// one gate every string from a pod — message text, display names, room
// names, attribute values, error bodies — passes before tutti shows it.
//
// Contract: the output of Text and Line never contains a C0 control other
// than the newline Text keeps, no DEL, no C1 control, no ESC in any form;
// so no escape sequence (SGR, OSC 52 clipboard writes, OSC 8 links, OSC 0
// titles, DCS, APC, CSI cursor moves) and no carriage return can act on the
// terminal. Every neutralised character is replaced by a visible stand-in,
// never silently dropped, so that a hostile message shows what it tried.
// BiDi overrides and isolates, zero-width and invisible filler characters
// and the BOM, which can reorder or hide text, are shown as ⟨U+XXXX⟩; Name
// shows a name that would be blank as ⟨blank name⟩. Invalid UTF-8 becomes
// U+FFFD. The functions are pure and safe for concurrent use.
package sanitize

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// TabWidth is how many spaces a tab becomes.
const TabWidth = 4

// Text returns s with every character that could control the terminal or
// disguise text replaced by a visible stand-in; newlines are kept.
func Text(s string) string { return clean(s, true) }

// Line is Text for one-line fields (names, titles, errors): newlines become
// the visible stand-in ␤ too.
func Line(s string) string { return clean(s, false) }

// IsClean reports whether s passes through Text unchanged.
func IsClean(s string) bool { return Text(s) == s }

func clean(s string, keepNewline bool) string {
	if fastClean(s, keepNewline) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == utf8.RuneError && size == 1 {
			b.WriteRune('\uFFFD')
			continue
		}
		writeSafe(&b, r, keepNewline)
	}
	return b.String()
}

// fastClean reports whether s needs no change, without allocating.
func fastClean(s string, keepNewline bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return fastCleanUnicode(s[i:], keepNewline)
		}
		if c < 0x20 && !(keepNewline && c == '\n') || c == 0x7f {
			return false
		}
	}
	return true
}

func fastCleanUnicode(s string, keepNewline bool) bool {
	for _, r := range s {
		if r < 0x20 && !(keepNewline && r == '\n') || r == 0x7f || r == utf8.RuneError || isC1(r) || isHiding(r) {
			return false
		}
	}
	return utf8.ValidString(s)
}

func writeSafe(b *strings.Builder, r rune, keepNewline bool) {
	switch {
	case r == '\n' && keepNewline:
		b.WriteByte('\n')
	case r == '\t':
		b.WriteString(strings.Repeat(" ", TabWidth))
	case r < 0x20:
		// U+2400..U+241F are the visible "control pictures": ␛ for ESC,
		// ␍ for CR, ␤ (U+2424) for newline.
		if r == '\n' {
			b.WriteRune('\u2424')
			return
		}
		b.WriteRune(0x2400 + r)
	case r == 0x7f:
		b.WriteRune('\u2421') // ␡
	case isC1(r):
		fmt.Fprintf(b, "⟨U+%04X⟩", r)
	case isHiding(r):
		fmt.Fprintf(b, "⟨U+%04X⟩", r)
	default:
		b.WriteRune(r)
	}
}

// isC1 reports the C1 controls, U+0080..U+009F (0x9b is an 8-bit CSI).
func isC1(r rune) bool { return r >= 0x80 && r <= 0x9f }

// isHiding reports characters that reorder or hide text: BiDi embeddings,
// overrides and isolates, zero-width characters, the BOM, and the line and
// paragraph separators.
func isHiding(r rune) bool {
	switch {
	case r >= 0x200b && r <= 0x200f: // zero-width space, (non-)joiner, LRM, RLM
		// U+200D (ZWJ) joins emoji sequences; it is kept.
		return r != 0x200d
	case r >= 0x202a && r <= 0x202e: // LRE, RLE, PDF, LRO, RLO
		return true
	case r >= 0x2066 && r <= 0x2069: // LRI, RLI, FSI, PDI
		return true
	case r == 0x2028 || r == 0x2029: // line and paragraph separators
		return true
	case r == 0xfeff, r == 0x061c, r == 0x180e, r == 0x2060: // BOM, ALM, MVS, word joiner
		return true
	case r >= 0x2061 && r <= 0x2064, r >= 0x206a && r <= 0x206f: // invisible operators, deprecated format characters
		return true
	case r == 0x00ad, r == 0x034f: // soft hyphen, combining grapheme joiner
		return true
	case r == 0x115f, r == 0x1160, r == 0x3164, r == 0xffa0: // Hangul fillers, which draw nothing
		return true
	case r == 0x17b4, r == 0x17b5, r == 0x2800: // Khmer inherent vowels, the blank Braille pattern
		return true
	case r >= 0x1d173 && r <= 0x1d17a: // musical formatting characters
		return true
	}
	return false
}

// blankName stands for a name that shows nothing once made safe.
const blankName = "⟨blank name⟩"

// Name is Line for the name of a person or a room: one that would show as
// nothing but spaces is shown as ⟨blank name⟩, so that nobody can pass for
// nobody.
func Name(s string) string {
	out := Line(s)
	if strings.TrimSpace(out) == "" {
		return blankName
	}
	return out
}

// Unsafe reports whether r is a character Text replaces: a control other
// than newline and tab, DEL, a C1 control, or a character that reorders or
// hides text.
func Unsafe(r rune) bool {
	return (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || isC1(r) || isHiding(r)
}

// JSON returns JSON text with every Unsafe character inside its strings
// written as a \uXXXX escape: the same JSON value, safe on a terminal.
func JSON(data []byte) []byte {
	if !bytes.ContainsFunc(data, Unsafe) {
		return data
	}
	var b bytes.Buffer
	b.Grow(len(data) + 16)
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if Unsafe(r) {
			fmt.Fprintf(&b, `\u%04x`, r)
		} else {
			b.Write(data[:size])
		}
		data = data[size:]
	}
	return b.Bytes()
}
