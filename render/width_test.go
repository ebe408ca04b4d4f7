package render

import (
	"html"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// trickyGraphemes are characters whose width terminals and libraries
// disagree on, or which combine with their neighbours.
var trickyGraphemes = []string{
	"a", "word", "W", " ", " ", "  ", "-", "/", ".", "\t",
	"日本", "語", "한국어", "中文", "ｗｉｄｅ", "。", "、", // CJK and fullwidth
	"👨\u200d👩\u200d👧\u200d👦", "🏳️\u200d🌈", "👩🏽\u200d💻", "🧑\u200d🤝\u200d🧑", // ZWJ sequences
	"❤️", "☺️", "✔️", "1️⃣", "#️⃣", "\uFE0F", "\u200d", // VS16, keycaps, orphans
	"🇫🇷", "🇯🇵", "🇺", // flags and a lone regional indicator
	"😀", "👍🏽", "🏻", // emoji, modifiers
	"e\u0301", "\u0301", "a\u0308\u0323", "Z" + strings.Repeat("\u0336", 30), // combining marks, zalgo
	"\u1100\u1161\u11a8", "\u1161", // Hangul jamo
	"\u0600a", "क्षि", "ศึ", // prepend, Indic, Thai
	"العربية", "עברית", "\u202e", "\u200b", // RTL, controls the sanitiser shows
	"\u00ad", "\u00a0", "…", "─", "•",
}

// randomText builds a run of tricky graphemes.
func randomText(rng *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(trickyGraphemes[rng.IntN(len(trickyGraphemes))])
	}
	return b.String()
}

// randomMessage wraps random text in random structure.
func randomMessage(rng *rand.Rand) string {
	var b strings.Builder
	b.WriteString(`<div data-format="PresentationML" data-version="2.0">`)
	for range 1 + rng.IntN(6) {
		t := html.EscapeString(randomText(rng, 1+rng.IntN(40)))
		u := html.EscapeString(randomText(rng, 1+rng.IntN(8)))
		switch rng.IntN(12) {
		case 0:
			b.WriteString("<p>" + t + "<b>" + u + "</b>" + u + "</p>")
		case 1:
			b.WriteString("<ul><li>" + t + "<ul><li>" + u + "</li></ul></li></ul>")
		case 2:
			b.WriteString(`<code data-language="go">` + t + "\n" + u + "</code>")
		case 3:
			b.WriteString("<table><tr><th>" + u + "</th><th>" + t + "</th></tr><tr><td>" + t + "</td><td>" + u + "</td></tr></table>")
		case 4:
			b.WriteString(`<a href="https://example.org/">` + t + "</a>")
		case 5:
			b.WriteString(`<div class="card"><div class="cardHeader">` + u + `</div><div class="cardBody">` + t + "</div></div>")
		case 6:
			b.WriteString(`<form><input type="text" value="` + u + `"/><textarea>` + t + `</textarea><select><option>` + u + `</option></select><button>` + u + `</button></form>`)
		case 7:
			b.WriteString("<blockquote>" + t + "</blockquote>")
		case 8:
			b.WriteString("<h1>" + t + "</h1>")
		case 9:
			b.WriteString(`<img src="https://x.org/i.png" alt="` + t + `"/>`)
		case 10:
			b.WriteString("<pre>" + t + "</pre>")
		default:
			b.WriteString(t + "<i>" + u + "</i>")
		}
	}
	b.WriteString("</div>")
	return b.String()
}

// TestWidthProperty lays random messages of CJK, ZWJ sequences, VS16,
// flags, combining marks and zalgo out at random widths from 20 to 300
// and checks that no line is wider than the width, as ansi.StringWidth
// measures it, styled or plain.
func TestWidthProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	theme := DarkTheme()
	n := 400
	if testing.Short() {
		n = 100
	}
	for range n {
		msg := randomMessage(rng)
		doc := parse(msg, "")
		w := 20 + rng.IntN(281)
		if rng.IntN(3) == 0 {
			w = 20 + rng.IntN(20) // the narrow end, where most can go wrong
		}
		for _, plain := range []bool{false, true} {
			for i, line := range doc.layout(Options{Width: w, Theme: theme, Plain: plain, Hyperlinks: true}) {
				if lw := ansi.StringWidth(line); lw > w {
					t.Fatalf("width %d, plain %v: line %d is %d wide: %q\nmessage: %q", w, plain, i, lw, line, msg)
				}
			}
		}
	}
}

// TestTextWidthMatchesAnsi keeps the package's width function equal to
// ansi.StringWidth, which Bubble Tea and the tests measure with.
func TestTextWidthMatchesAnsi(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	for range 2000 {
		s := randomText(rng, 1+rng.IntN(12))
		s = strings.NewReplacer("\t", " ", "\u202e", "", "\u200b", "").Replace(s)
		if got, want := textWidth(s), ansi.StringWidth(s); got != want {
			t.Fatalf("textWidth(%q) = %d, ansi.StringWidth = %d", s, got, want)
		}
	}
}

// TestNarrowWidths lays the golden inputs out at widths below 20: no
// panic, and lines as narrow as the width allows.
func TestNarrowWidths(t *testing.T) {
	for _, file := range goldenFiles(t) {
		pml, data := goldenInput(t, file)
		doc := parse(pml, data)
		for w := 1; w < 20; w++ {
			for _, line := range doc.layout(Options{Width: w, Plain: true}) {
				if lw := ansi.StringWidth(line); lw > max(w, 2) {
					t.Errorf("%s at width %d: line %q is %d wide", file, w, line, lw)
				}
			}
		}
	}
}
