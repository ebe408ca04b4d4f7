package messageml

import (
	"errors"
	"strings"
	"testing"
	"unicode"
)

var composerSeeds = []string{
	"hello **world** _it_ *it* `code` snake_case",
	"see:\n```python\nprint(1 < 2)\n```\nafter ```go\nx",
	"hi @Ana Lima @alima @ghost ana@example.com #tag $AAPL $5 :smile: 12:30:00",
	"https://example.com/a?b=1&c=(2). ${x} #{y} <#if> <@m> ]]> &amp;",
	"**a _b `c` d_ e** ***x*** __init__ \r\n\r\n`` ` ``",
	"Here:\n```\nx := 1\n```",
	"a\n\n```js\n\nb\n```\n\nc\n```\n```\n```",
}

func FuzzFromComposer(f *testing.F) {
	for _, s := range composerSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		msg, data, err := FromComposer(in, nil)
		if err != nil {
			checkComposerError(t, in, err)
			return
		}
		if _, err := Convert(msg, data, nil); err != nil {
			t.Fatalf("FromComposer(%q) = %q, which Convert refuses: %v", in, msg, err)
		}
		if got, want := stripMarkup(composedText(t, msg)), stripMarkup(typedText(in)); got != want {
			t.Fatalf("FromComposer(%q) = %q\ntext %q\nwant %q", in, msg, got, want)
		}
		// With a directory, mentions resolve and the message still converts.
		if msg, data, err := FromComposer(in, composerUsers); err != nil {
			checkComposerError(t, in, err)
		} else if _, err := Convert(msg, data, composerUsers); err != nil {
			t.Fatalf("FromComposer(%q) = %q, which Convert refuses: %v", in, msg, err)
		}
	})
}

// checkComposerError fails unless err says why the message cannot be sent.
func checkComposerError(t *testing.T, in string, err error) {
	t.Helper()
	var e *Error
	switch {
	case errors.Is(err, ErrEmptyMessage):
		if !isBlank(strings.ReplaceAll(in, "\r", "\n")) {
			t.Fatalf("FromComposer(%q): %v", in, err)
		}
	case errors.As(err, &e):
		if !strings.Contains(e.Message, "too long") {
			t.Fatalf("FromComposer(%q) made a message Convert refuses: %v", in, err)
		}
	case strings.Contains(err.Error(), "control character"), strings.Contains(err.Error(), "UTF-8"):
	default:
		t.Fatalf("FromComposer(%q): unexpected error %v", in, err)
	}
}

// composedText is the text of a composed message, entities written as
// they were typed and <br/> as a newline.
func composedText(t *testing.T, msg string) string {
	t.Helper()
	doc, err := parseXML(msg)
	if err != nil {
		t.Fatalf("%q: %v", msg, err)
	}
	var b strings.Builder
	var walk func(n *xnode)
	walk = func(n *xnode) {
		if n.kind == xText {
			b.WriteString(n.text)
			return
		}
		switch n.name {
		case "br":
			b.WriteString("\n")
		case "emoji":
			v, _ := n.attr("shortcode")
			b.WriteString(":" + v + ":")
		case "hash":
			v, _ := n.attr("tag")
			b.WriteString("#" + v)
		case "cash":
			v, _ := n.attr("tag")
			b.WriteString("$" + v)
		case "mention":
			t.Fatalf("mention without a directory in %q", msg)
		}
		for _, c := range n.children {
			walk(c)
		}
	}
	walk(doc)
	return b.String()
}

// typedText is the text the user typed, without the info strings of code
// fences (an opening fence on the last line is text).
func typedText(in string) string {
	in = strings.ReplaceAll(strings.ReplaceAll(in, "\r\n", "\n"), "\r", "\n")
	in = strings.TrimRight(strings.Trim(in, "\n"), " \t\n")
	lines := strings.Split(in, "\n")
	inBlock := false
	for i, l := range lines {
		switch {
		case inBlock && isFenceClosing(l):
			inBlock = false
		case !inBlock && i+1 < len(lines):
			if _, ok := fenceOpening(l); ok {
				lines[i] = "```"
				inBlock = true
			}
		}
	}
	return strings.Join(lines, "\n")
}

// stripMarkup drops white space and the characters of markup.
func stripMarkup(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '*' || r == '_' || r == '`' {
			return -1
		}
		return r
	}, s)
}

func BenchmarkFromComposer(b *testing.B) {
	typical := "Hi @Ana Lima, **$AAPL** is up :smile: see https://example.com/q3 #earnings\n```python\nprint(1)\n```"
	// Openers without closers: each search for a closer must not rescan
	// the line.
	unmatched := strings.Repeat("*a _b **c ", 5000)
	for _, c := range []struct{ name, in string }{{"typical", typical}, {"unmatched", unmatched}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.in)))
			for b.Loop() {
				if _, _, err := FromComposer(c.in, composerUsers); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
