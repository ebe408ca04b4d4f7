package emoji

import (
	"fmt"
	"strconv"
	"strings"
)

// entry is one line of emoji.properties: a shortcode and its glyph.
type entry struct {
	shortcode string
	glyph     string
}

// parseProperties reads the Java properties file that maps shortcodes to
// code points. The file is ISO-8859-1, as java.util.Properties reads it, so
// every byte is one rune. Lines that cannot be read are reported with their
// line number and skipped; the valid entries are returned either way.
func parseProperties(data []byte) ([]entry, []error) {
	var (
		entries []entry
		errs    []error
	)
	for n, line := range strings.Split(latin1(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' || line[0] == '!' {
			continue
		}
		sep := strings.IndexAny(line, "=:")
		if sep < 0 {
			errs = append(errs, fmt.Errorf("emoji.properties:%d: no separator", n+1))
			continue
		}
		key := strings.TrimSpace(line[:sep])
		glyph, err := decodeCodePoints(strings.TrimSpace(line[sep+1:]))
		if err != nil || key == "" {
			errs = append(errs, fmt.Errorf("emoji.properties:%d: %q: bad entry: %w", n+1, key, err))
			continue
		}
		entries = append(entries, entry{shortcode: key, glyph: glyph})
	}
	return entries, errs
}

// decodeCodePoints turns "0x0001f44d,0x0001f3fb" into the string of those
// code points.
func decodeCodePoints(s string) (string, error) {
	var b strings.Builder
	for part := range strings.SplitSeq(s, ",") {
		cp, err := strconv.ParseInt(strings.TrimSpace(part), 0, 32)
		if err != nil {
			return "", fmt.Errorf("code point %q: %w", part, err)
		}
		if cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) {
			return "", fmt.Errorf("code point %#x out of range", cp)
		}
		b.WriteRune(rune(cp))
	}
	if b.Len() == 0 {
		return "", fmt.Errorf("no code points")
	}
	return b.String(), nil
}

// latin1 decodes ISO-8859-1 bytes.
func latin1(data []byte) string {
	var b strings.Builder
	b.Grow(len(data))
	for _, c := range data {
		b.WriteRune(rune(c))
	}
	return b.String()
}
