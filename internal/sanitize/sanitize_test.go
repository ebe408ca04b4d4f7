package sanitize

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTextNeutralisesTerminalAttacks(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "hello, world", "hello, world"},
		{"newline kept", "a\nb", "a\nb"},
		{"tab", "a\tb", "a    b"},
		{"OSC 52 clipboard", "x\x1b]52;c;aGk=\x07y", "x␛]52;c;aGk=␇y"},
		{"OSC 8 link spoof", "\x1b]8;;https://evil\x1b\\bank\x1b]8;;\x1b\\", "␛]8;;https://evil␛\\bank␛]8;;␛\\"},
		{"SGR", "\x1b[1;31mALERT\x1b[0m", "␛[1;31mALERT␛[0m"},
		{"carriage return", "hi\rCEO: wire", "hi␍CEO: wire"},
		{"8-bit CSI", "a\u009b2Jb", "a⟨U+009B⟩2Jb"},
		{"DEL", "a\x7fb", "a␡b"},
		{"NUL", "a\x00b", "a␀b"},
		{"RLO", "abc\u202edcb", "abc⟨U+202E⟩dcb"},
		{"zero width", "pay\u200bpal", "pay⟨U+200B⟩pal"},
		{"isolate", "\u2067x\u2069", "⟨U+2067⟩x⟨U+2069⟩"},
		{"BOM", "\ufeffx", "⟨U+FEFF⟩x"},
		{"invalid UTF-8", "a\xffb", "a\uFFFDb"},
		{"emoji ZWJ kept", "👩\u200d💻", "👩\u200d💻"},
		{"CJK kept", "東京", "東京"},
	}
	for _, tc := range tests {
		if got := Text(tc.in); got != tc.want {
			t.Errorf("%s: Text(%q) = %q, want %q", tc.name, tc.in, got, tc.want)
		}
	}
	if got := Line("a\nb"); got != "a␤b" {
		t.Errorf("Line keeps a newline: %q", got)
	}
}

func FuzzText(f *testing.F) {
	for _, s := range []string{"hi", "\x1b]52;c;x\x07", "\u202e", "\xff\xfe", "a\r\nb\x9b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, out := range []string{Text(s), Line(s)} {
			if !utf8.ValidString(out) {
				t.Fatalf("invalid UTF-8 out of %q", s)
			}
			for _, r := range out {
				if (r < 0x20 && r != '\n') || r == 0x7f || isC1(r) || isHiding(r) {
					t.Fatalf("control %U left in %q (from %q)", r, out, s)
				}
			}
			if Text(out) != out {
				t.Fatalf("not idempotent on %q", s)
			}
		}
		if strings.Contains(Line(s), "\n") {
			t.Fatalf("Line kept a newline of %q", s)
		}
	})
}

func BenchmarkTextClean(b *testing.B) {
	s := strings.Repeat("Rates are up 5bp on the 10y, watching EURUSD into the close. ", 4)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		_ = Text(s)
	}
}

func BenchmarkTextHostile(b *testing.B) {
	s := strings.Repeat("x\x1b]52;c;aGk=\x07 \u202e ", 20)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		_ = Text(s)
	}
}

func TestJSONEscapesUnsafeCharacters(t *testing.T) {
	in := []byte("{\"m\":\"a\u009b2J \u202e b\"}")
	got := string(JSON(in))
	if got != `{"m":"a\u009b2J \u202e b"}` {
		t.Errorf("JSON = %s", got)
	}
	var v map[string]string
	if err := json.Unmarshal([]byte(got), &v); err != nil || v["m"] != "a\u009b2J \u202e b" {
		t.Errorf("not the same value: %v %q", err, v["m"])
	}
	plain := []byte(`{"m":"hello"}`)
	if string(JSON(plain)) != string(plain) {
		t.Error("clean JSON changed")
	}
}

// TestInvisibleFillersAreShown: characters that draw nothing, with which a
// name can look blank or like another's, are shown as ⟨U+XXXX⟩, and Name
// shows a name that would be blank as ⟨blank name⟩.
func TestInvisibleFillersAreShown(t *testing.T) {
	for _, r := range []rune{0x00ad, 0x034f, 0x115f, 0x1160, 0x2061, 0x2064, 0x206a, 0x3164, 0xffa0, 0x2800, 0x17b4} {
		in := "a" + string(r) + "b"
		want := fmt.Sprintf("a⟨U+%04X⟩b", r)
		if got := Line(in); got != want {
			t.Errorf("Line(%q) = %q, want %q", in, got, want)
		}
		if !Unsafe(r) {
			t.Errorf("U+%04X is not Unsafe", r)
		}
	}
	for in, want := range map[string]string{
		"":           "⟨blank name⟩",
		"   ":        "⟨blank name⟩",
		"Ana":        "Ana",
		"\u3164":     "⟨U+3164⟩",
		"Ana\u200dB": "Ana\u200dB", // a joiner inside emoji sequences stays
	} {
		if got := Name(in); got != want {
			t.Errorf("Name(%q) = %q, want %q", in, got, want)
		}
	}
}
