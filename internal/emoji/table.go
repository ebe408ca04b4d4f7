package emoji

import (
	_ "embed"
	"sort"
	"strings"
	"sync"
)

//go:embed emoji.properties
var properties []byte

// variationSelector16 asks for the emoji presentation of the preceding
// character; glyphs are found with and without it.
const variationSelector16 = "\ufe0f"

// Set is the parsed shortcode table. It is immutable; use Table to get it.
type Set struct {
	glyphs     map[string]string // shortcode → glyph
	shortcodes map[string]string // glyph → preferred shortcode
	sorted     []string          // every shortcode, in byte order
}

// table builds the Set on first use.
var table = sync.OnceValue(func() *Set {
	entries, _ := parseProperties(properties) // the embedded file is checked by the tests
	return newSet(entries)
})

// Table returns the shortcode table, parsing the embedded file on first use.
// Every call returns the same *Set.
func Table() *Set {
	return table()
}

// newSet indexes entries. A later duplicate shortcode wins, as it does in
// java.util.Properties.
func newSet(entries []entry) *Set {
	s := &Set{
		glyphs:     make(map[string]string, len(entries)),
		shortcodes: make(map[string]string, len(entries)),
	}
	for _, e := range entries {
		s.glyphs[e.shortcode] = e.glyph
	}
	s.sorted = make([]string, 0, len(s.glyphs))
	for code, glyph := range s.glyphs {
		s.sorted = append(s.sorted, code)
		if prev, ok := s.shortcodes[glyph]; !ok || preferred(code, prev) {
			s.shortcodes[glyph] = code
		}
	}
	sort.Strings(s.sorted)
	return s
}

// preferred reports whether shortcode a is a better name for a glyph than b:
// shorter first, then byte order.
func preferred(a, b string) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}

// Len returns the number of shortcodes in the table.
func (s *Set) Len() int {
	return len(s.sorted)
}

// Lookup returns the glyph for a shortcode given without colons ("smiley").
func (s *Set) Lookup(shortcode string) (glyph string, ok bool) {
	glyph, ok = s.glyphs[shortcode]
	return glyph, ok
}

// Shortcodes returns, in byte order, every shortcode that starts with
// prefix; all of them when prefix is empty. The slice is the caller's.
func (s *Set) Shortcodes(prefix string) []string {
	lo := sort.SearchStrings(s.sorted, prefix)
	hi := lo
	for hi < len(s.sorted) && strings.HasPrefix(s.sorted[hi], prefix) {
		hi++
	}
	out := make([]string, hi-lo)
	copy(out, s.sorted[lo:hi])
	return out
}

// Shortcode returns a shortcode for a glyph, the reverse of Lookup. A glyph
// that differs from the table's only by a trailing or missing U+FE0F
// variation selector is found too.
func (s *Set) Shortcode(glyph string) (string, bool) {
	if code, ok := s.shortcodes[glyph]; ok {
		return code, true
	}
	if trimmed, ok := strings.CutSuffix(glyph, variationSelector16); ok {
		code, found := s.shortcodes[trimmed]
		return code, found
	}
	code, ok := s.shortcodes[glyph+variationSelector16]
	return code, ok
}
