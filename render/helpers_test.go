package render

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// tagPattern matches a PresentationML tag left in rendered text.
var tagPattern = regexp.MustCompile(`</?(div|span|p|b|i|u|a|br|hr|code|pre|table|thead|tbody|tfoot|tr|td|th|ul|ol|li|form|input|select|option|button|label|textarea|time|img|audio|dialog|h[1-6]|messageML|mention|hash|cash|emoji|card)[\s/>]`)

// markupLeak returns what of the markup shows in rendered text: a tag, an
// entity id, an unresolved character reference; "" when nothing does.
func markupLeak(text string) string {
	if m := tagPattern.FindString(text); m != "" {
		return m
	}
	for _, s := range []string{"data-entity-id", "&amp;", "&lt;", "&gt;", "&nbsp;", "&#", "${"} {
		if strings.Contains(text, s) {
			return s
		}
	}
	return ""
}

// checkLines checks the layout contract on lines laid out at width: no
// line wider than width, no escape sequence but SGR and (when allowed)
// OSC 8 to a safe URL, every line resetting its style; none at all when
// plain.
func checkLines(t testing.TB, lines []string, width int, plain, hyperlinks bool) {
	t.Helper()
	for i, line := range lines {
		if w := ansi.StringWidth(line); w > width {
			t.Errorf("line %d is %d cells wide, more than %d: %q", i, w, width, line)
		}
		if plain {
			if c := controlIn(line); c != "" {
				t.Errorf("plain line %d has a control character %q: %q", i, c, line)
			}
			continue
		}
		if bad := foreignSequence(line, hyperlinks); bad != "" {
			t.Errorf("line %d has a sequence we do not write, %q: %q", i, bad, line)
		}
	}
}

// controlIn returns the first control character of s (C0, DEL, C1, in
// any encoding) or invalid UTF-8 byte, "" when there is none.
func controlIn(s string) string {
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			return s[i : i+1]
		case r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f:
			return string(r)
		}
	}
	return ""
}

// foreignSequence returns the first escape sequence of line that the
// package does not write, or a stray control character; "" when there is
// none.
func foreignSequence(line string, hyperlinks bool) string {
	if c := controlIn(strings.ReplaceAll(line, "\x1b", "")); c != "" {
		return c
	}
	for i := 0; i < len(line); i++ {
		c := line[i]
		if c == '\r' || c == '\a' || c < 0x20 && c != 0x1b || c == 0x7f {
			return line[i : i+1]
		}
		if c != 0x1b {
			continue
		}
		rest := line[i:]
		switch {
		case strings.HasPrefix(rest, "\x1b["):
			j := 2
			for j < len(rest) && (rest[j] >= '0' && rest[j] <= '9' || rest[j] == ';') {
				j++
			}
			if j >= len(rest) || rest[j] != 'm' {
				return rest[:min(len(rest), j+1)]
			}
			i += j
		case hyperlinks && strings.HasPrefix(rest, "\x1b]8;;"):
			end := strings.Index(rest, "\x1b\\")
			if end < 0 {
				return rest
			}
			url := rest[5:end]
			if url != "" && !strings.HasPrefix(url, "https://") && !strings.HasPrefix(url, "http://") &&
				!strings.HasPrefix(url, "mailto:") && !strings.HasPrefix(url, "symphony:") {
				return rest[:end+2]
			}
			for k := 0; k < len(url); k++ {
				if url[k] <= ' ' || url[k] >= 0x7f {
					return rest[:end+2]
				}
			}
			i += end + 1
		default:
			return rest[:min(len(rest), 4)]
		}
	}
	return ""
}

// stripSGR removes the sequences the package writes (SGR, OSC 8).
func stripSGR(s string) string {
	return ansi.Strip(s)
}
