package emoji

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestEmbeddedFileParsesCleanly(t *testing.T) {
	entries, errs := parseProperties(properties)
	if len(errs) > 0 {
		t.Fatalf("emoji.properties has %d bad lines, first: %v", len(errs), errs[0])
	}
	if got, want := len(entries), strings.Count(string(properties), "\n"); got != want {
		t.Fatalf("parsed %d entries from %d lines", got, want)
	}
	if Table().Len() != len(entries) {
		t.Fatalf("Len() = %d, want %d (duplicate shortcodes?)", Table().Len(), len(entries))
	}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		shortcode, glyph string
	}{
		{"smiley", "😃"},
		{"+1", "👍"},
		{"thumbsup", "👍"},
		{"-1_tone3", "👎🏽"},
		{"flag_fr", "🇫🇷"},
		{"artist", "🧑\u200d🎨"},
		{"piñata", "🪅"}, // the file is ISO-8859-1
		{"100", "💯"},
	}
	for _, tt := range tests {
		glyph, ok := Table().Lookup(tt.shortcode)
		if !ok || glyph != tt.glyph {
			t.Errorf("Lookup(%q) = %q, %v; want %q", tt.shortcode, glyph, ok, tt.glyph)
		}
	}
	for _, missing := range []string{"", ":smiley:", "Smiley", "no_such_emoji"} {
		if glyph, ok := Table().Lookup(missing); ok {
			t.Errorf("Lookup(%q) = %q, want not found", missing, glyph)
		}
	}
}

func TestShortcodes(t *testing.T) {
	got := Table().Shortcodes("smil")
	want := []string{"smile", "smile_cat", "smiley", "smiley_cat", "smiling_face_with_3_hearts", "smiling_face_with_tear", "smiling_imp"}
	if !slices.Equal(got, want) {
		t.Errorf("Shortcodes(smil) = %q, want %q", got, want)
	}
	if got := Table().Shortcodes("zzzz"); len(got) != 0 {
		t.Errorf("Shortcodes(zzzz) = %q, want none", got)
	}
	all := Table().Shortcodes("")
	if len(all) != Table().Len() || !slices.IsSorted(all) {
		t.Fatalf("Shortcodes(\"\") returned %d codes (sorted=%v), want %d sorted", len(all), slices.IsSorted(all), Table().Len())
	}
	all[0] = "mutated"
	if Table().Shortcodes("")[0] == "mutated" {
		t.Error("Shortcodes returned the table's own slice")
	}
}

func TestShortcodeReverse(t *testing.T) {
	tests := []struct {
		glyph, shortcode string
	}{
		{"😃", "smiley"},
		{"👍", "+1"}, // shortest of +1, thumbsup, thumbup…
		{"❤️", "heart"},
		{"❤", "heart"}, // without U+FE0F
	}
	for _, tt := range tests {
		code, ok := Table().Shortcode(tt.glyph)
		if !ok || code != tt.shortcode {
			t.Errorf("Shortcode(%q) = %q, %v; want %q", tt.glyph, code, ok, tt.shortcode)
		}
	}
	if code, ok := Table().Shortcode("x"); ok {
		t.Errorf("Shortcode(x) = %q, want not found", code)
	}
	// Every glyph maps back to a shortcode that looks it up again.
	for _, code := range Table().Shortcodes("") {
		glyph, _ := Table().Lookup(code)
		back, ok := Table().Shortcode(glyph)
		if !ok {
			t.Fatalf("Shortcode(%q) not found (from %q)", glyph, code)
		}
		if g, _ := Table().Lookup(back); g != glyph {
			t.Fatalf("Shortcode(%q) = %q which is %q", glyph, back, g)
		}
	}
}

func TestParsePropertiesReportsBadLines(t *testing.T) {
	data := []byte("# comment\n\nok = 0x41\nnosep\nbad = 0xZZ\nsurrogate = 0xd800\nlatin\xe9 = 0x42, 0x43\n")
	entries, errs := parseProperties(data)
	if len(errs) != 3 {
		t.Errorf("got %d errors, want 3: %v", len(errs), errs)
	}
	want := []entry{{"ok", "A"}, {"latiné", "BC"}}
	if !slices.Equal(entries, want) {
		t.Errorf("entries = %q, want %q", entries, want)
	}
}

func TestGlyphsAreValidUTF8(t *testing.T) {
	for _, code := range Table().Shortcodes("") {
		if glyph, _ := Table().Lookup(code); !utf8.ValidString(glyph) || glyph == "" {
			t.Fatalf("glyph for %q is %q", code, glyph)
		}
	}
}

func TestConcurrentFirstUse(t *testing.T) {
	done := make(chan *Set)
	for range 8 {
		go func() { done <- Table() }()
	}
	first := <-done
	for range 7 {
		if s := <-done; s != first {
			t.Fatal("Table returned different sets")
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	s := Table()
	codes := []string{"smiley", "+1", "flag_fr", "no_such_emoji"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		s.Lookup(codes[i%len(codes)])
	}
}

func BenchmarkShortcodesPrefix(b *testing.B) {
	s := Table()
	b.ReportAllocs()
	for b.Loop() {
		s.Shortcodes("smi")
	}
}
