package render

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestPathologicalInputs feeds inputs built to make a renderer slow
// (quadratic joins, deep nesting, huge tables, endless lines) and checks
// that each is parsed and laid out quickly and within the limits.
func TestPathologicalInputs(t *testing.T) {
	const n = 100000
	cases := map[string]string{
		"stray <":              strings.Repeat("<", n),
		"comments":             strings.Repeat("a<!---->", n/8),
		"stray stars":          strings.Repeat("*a _b ", n/6),
		"deep nesting":         strings.Repeat("<b><i>", n/6) + "deep",
		"deep lists":           strings.Repeat("<ul><li>", n/8) + "deep",
		"huge table":           "<table>" + strings.Repeat("<tr>"+strings.Repeat("<td>x</td>", 60)+"</tr>", 400) + "</table>",
		"marks in nodes":       "a" + strings.Repeat("<b>\u0301</b>", n/8),
		"references":           strings.Repeat("&amp;&eacute;&#x1F600;", n/20),
		"nested links":         strings.Repeat(`<a href="https://x.org/">l `, n/30),
		"one long word":        strings.Repeat("x", MaxInputBytes+10),
		"empty paragraphs":     strings.Repeat("<p></p>", n/7),
		"line breaks":          strings.Repeat("<br/>", n/5),
		"long code":            "<pre>" + strings.Repeat("x := 1\n", n/7) + "</pre>",
		"unterminated comment": "<p>x</p><!--" + strings.Repeat("y", n),
		"unterminated tag":     `<p>x</p><a href="` + strings.Repeat("y", n),
		"entities":             strings.Repeat(`<span class="entity" data-entity-id="e5">x</span>`, n/50),
	}
	data := "{" + strings.Repeat(`"e0":{"type":"x"},`, 0)
	for i := range 5000 {
		data += fmt.Sprintf(`"e%d":{"type":"com.symphony.user.mention","id":[{"type":"com.symphony.user.userId","value":%d}]},`, i, i)
	}
	data = strings.TrimSuffix(data, ",") + "}"
	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			doc := parse(`<div data-format="PresentationML" data-version="2.0">`+body, data)
			lines := doc.layout(Options{Width: 80, Theme: DarkTheme(), MaxLines: 50})
			plain := doc.layout(Options{Width: 80, Plain: true})
			_ = doc.PlainText()
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
			if len(lines) > 50 {
				t.Errorf("%d lines with MaxLines 50", len(lines))
			}
			if len(plain) > MaxOutputLines+1 {
				t.Errorf("%d lines, more than MaxOutputLines", len(plain))
			}
			checkLines(t, lines, 80, false, false)
		})
	}
}

// TestLimits checks the visible notes of the limits.
func TestLimits(t *testing.T) {
	big := `<div>` + strings.Repeat("<p>line</p>", MaxOutputLines+10) + `</div>`
	lines := Parse(big, "").Layout(Options{Width: 40, Plain: true})
	if got := lines[len(lines)-1]; got != "… message truncated" {
		t.Errorf("last line of a giant message = %q", got)
	}
	lines = Parse(big, "").Layout(Options{Width: 40, Plain: true, MaxLines: 10})
	if len(lines) != 10 || lines[9] != fmt.Sprintf("… %d more lines", MaxOutputLines+1-9) {
		t.Errorf("MaxLines 10 gives %d lines, the last %q", len(lines), lines[len(lines)-1])
	}
	rows := `<table>` + strings.Repeat(`<tr><td>r</td></tr>`, MaxTableRows+5) + `</table>`
	lines = Parse(rows, "").Layout(Options{Width: 40, Plain: true})
	if got := lines[len(lines)-1]; got != "… 5 more rows" {
		t.Errorf("last line of a long table = %q", got)
	}
	huge := strings.Repeat("word ", MaxInputBytes/5+100)
	lines = Parse(huge, "").Layout(Options{Width: 40, Plain: true, MaxLines: 3})
	if len(lines) != 3 {
		t.Errorf("huge message: %d lines", len(lines))
	}
	if doc := Parse(huge, ""); !strings.HasSuffix(doc.PlainText(), "… the rest of this message is too large to show") {
		t.Errorf("huge message: no note of the cut")
	}
	deep := strings.Repeat("<div>", 1000) + "deep" + strings.Repeat("</div>", 1000)
	if got := Parse(deep, "").PlainText(); got != "deep" {
		t.Errorf("deep nesting: %q", got)
	}
}
