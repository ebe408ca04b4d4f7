package render

import (
	"encoding/json"
	"html"
	"strings"
	"testing"
)

// hostilePayloads are the ways remote text tries to control a terminal,
// with what must show instead (a visible stand-in), "" when the payload
// only has to be harmless.
var hostilePayloads = []struct {
	name, payload, shows string
}{
	{"OSC 52 clipboard write", "\x1b]52;c;ZWNobyBwd25lZA==\x07", "␛]52;c;"},
	{"OSC 8 hyperlink spoof", "\x1b]8;;https://evil.example\x07bank.example\x1b]8;;\x07", "␛]8;;https://evil.example␇"},
	{"OSC 0 window title", "\x1b]0;PWNED\x07", "␛]0;PWNED␇"},
	{"SGR restyling", "\x1b[1;31mALERT\x1b[0m", "␛[1;31mALERT"},
	{"CSI 2J screen clear", "\x1b[2J\x1b[H", "␛[2J"},
	{"ESC c reset", "\x1bc", "␛c"},
	{"DCS", "\x1bP1$r\x1b\\", "␛P1$r"},
	{"APC", "\x1b_Gf=100;AAAA\x1b\\", "␛_Gf=100"},
	{"CR overwrite", "hi\rCEO : wire money", "CEO : wire money"},
	{"C1 CSI 0x9b", "\u009b31mRED", "⟨U+009B⟩31mRED"},
	{"C1 OSC 0x9d", "\u009d0;title\u009c", "⟨U+009D⟩0;title⟨U+009C⟩"},
	{"raw 0x9b byte", "a\x9b31mb", "a\uFFFD31mb"},
	{"unterminated OSC", "\x1b]0;never ends", "␛]0;never ends"},
	{"BEL", "ding\x07", "ding␇"},
	{"BiDi override", "\u202eexe.txt\u202c", "⟨U+202E⟩exe.txt⟨U+202C⟩"},
	{"BiDi isolate", "\u2067abc\u2069", "⟨U+2067⟩abc⟨U+2069⟩"},
	{"zero-width", "a\u200bb\u2060c\ufeffd", "a⟨U+200B⟩b⟨U+2060⟩c⟨U+FEFF⟩d"},
	{"zalgo", "Z" + strings.Repeat("\u0336\u0334\u0335", 70) + "algo", "algo"},
	{"ZWJ chain", strings.Repeat("👨\u200d", 40) + "👨", ""},
	{"escape as a character reference", "&#27;[31mref", "␛[31mref"},
	{"C1 as a character reference", "&#x9b;31m", "›31m"},
	{"NUL", "a\x00b", ""},
	{"DEL", "a\x7fb", "a␡b"},
}

// hostileContexts are the places a payload can hide in a message: text,
// attributes, entity data, code, tables, forms, cards. %s is the payload
// (escaped as the context needs).
var hostileContexts = []struct {
	name, pml, data string
	attr            bool // the payload goes in an attribute or JSON: escape it
}{
	{name: "text", pml: `<p>before %s after</p>`},
	{name: "heading", pml: `<h1>%s</h1>`},
	{name: "link text", pml: `<a href="https://example.org/">%s</a>`},
	{name: "link href", pml: `<a href="https://example.org/%s">link</a>`, attr: true},
	{name: "image alt", pml: `<img src="https://example.org/i.png" alt="%s"/>`, attr: true},
	{name: "image src", pml: `<img src="https://%s.example/i.png"/>`, attr: true},
	{name: "code", pml: `<code data-language="go">x := "%s"</code>`},
	{name: "pre", pml: `<pre>%s</pre>`},
	{name: "inline code", pml: `<p><code>%s</code></p>`},
	{name: "table cell", pml: `<table><tr><th>%s</th></tr><tr><td>%s</td></tr></table>`},
	{name: "list", pml: `<ul><li>%s</li></ul>`},
	{name: "mention text", pml: `<span class="entity" data-entity-id="m">%s</span>`,
		data: `{"m":{"type":"com.symphony.user.mention","id":[{"type":"com.symphony.user.userId","value":"1"}]}}`},
	{name: "hashtag value", pml: `<span class="entity" data-entity-id="h"></span>`,
		data: `{"h":{"type":"org.symphonyoss.taxonomy","id":[{"type":"org.symphonyoss.taxonomy.hashtag","value":%s}]}}`, attr: true},
	{name: "emoji unicode", pml: `<span class="entity" data-entity-id="e">:x:</span>`,
		data: `{"e":{"type":"com.symphony.emoji","data":{"unicode":%s}}}`, attr: true},
	{name: "fdc3 label", pml: `<span class="entity" data-entity-id="a">x</span>`,
		data: `{"a":{"type":"fdc3.entity.action","label":%s}}`, attr: true},
	{name: "card icon", pml: `<div class="card" data-icon-src="https://x.org/%s.png"><div class="cardHeader">h</div></div>`, attr: true},
	{name: "placeholder", pml: `<form><input type="text" placeholder="%s"/></form>`, attr: true},
	{name: "value", pml: `<form><input type="text" value="%s"/></form>`, attr: true},
	{name: "textarea", pml: `<form><textarea>%s</textarea></form>`},
	{name: "option", pml: `<form><select><option selected="true">%s</option></select></form>`},
	{name: "button", pml: `<form><button>%s</button></form>`},
	{name: "tooltip", pml: `<span class="info-hint" data-title="%s"></span>`, attr: true},
	{name: "person selector", pml: `<div class="person-selector" data-value="[%s]"></div>`, attr: true},
	{name: "ui-action", pml: `<div class="ui-action" data-action="%s"><button>b</button></div>`, attr: true},
	{name: "time fallback", pml: `<time datetime="never">%s</time>`},
}

// TestHostilePayloads puts every payload in every context and checks
// that nothing but our own sequences reaches the output, at three widths,
// styled with hyperlinks and plain, and in the plain text.
func TestHostilePayloads(t *testing.T) {
	theme := DarkTheme()
	for _, p := range hostilePayloads {
		for _, ctx := range hostileContexts {
			payload := p.payload
			pml, data := ctx.pml, ctx.data
			switch {
			case ctx.data != "" && ctx.attr:
				q, _ := json.Marshal(strings.ReplaceAll(payload, "&#27;", "\x1b"))
				data = strings.ReplaceAll(data, "%s", string(q))
			case ctx.attr:
				payload = html.EscapeString(payload)
				payload = strings.ReplaceAll(payload, "&amp;#", "&#") // keep character references as references
			}
			if ctx.data == "" || !ctx.attr {
				pml = strings.ReplaceAll(pml, "%s", payload)
			}
			pml = `<div data-format="PresentationML" data-version="2.0">` + pml + `</div>`
			t.Run(p.name+"/"+ctx.name, func(t *testing.T) {
				doc := parse(pml, data)
				var plain []string
				for _, w := range []int{20, 40, 80} {
					checkLines(t, doc.layout(Options{Width: w, Theme: theme, Hyperlinks: true, Me: 1}), w, false, true)
					lines := doc.layout(Options{Width: w, Plain: true})
					checkLines(t, lines, w, true, false)
					if w == 80 {
						plain = lines
					}
				}
				text := doc.PlainText()
				if c := controlIn(strings.ReplaceAll(text, "\n", "")); c != "" {
					t.Errorf("PlainText has a control character %q: %q", c, text)
				}
				if p.shows != "" && ctx.name == "text" {
					if joined := strings.Join(plain, ""); !strings.Contains(joined, p.shows) {
						t.Errorf("output does not show %q:\n%s", p.shows, strings.Join(plain, "\n"))
					}
				}
			})
		}
	}
}

// TestHostileLinks checks that OSC 8 is written only for safe schemes,
// with a clean URL, and never when hyperlinks are off.
func TestHostileLinks(t *testing.T) {
	cases := []struct {
		href  string
		osc   bool
		shows string
	}{
		{"https://example.org/ok", true, ""},
		{"http://example.org/ok", true, ""},
		{"mailto:a@example.org", true, "a@example.org"},
		{"symphony://?streamId=x", true, ""},
		{"javascript:alert(1)", false, "(javascript:)"},
		{"data:text/html;base64,PHNjcmlwdD4=", false, "(data:)"},
		{"file:///etc/passwd", false, "(file:)"},
		{"https://example.org/a\x1b]8;;\x07b", false, "(invalid link)"},
		{"https://example.org/a b\u202e", true, ""},
		{"https://bаnk.example/", true, "xn--"},
	}
	for _, c := range cases {
		pml := `<div data-format="PresentationML" data-version="2.0"><a href="` + html.EscapeString(c.href) + `">text</a></div>`
		doc := parse(pml, "")
		styled := strings.Join(doc.layout(Options{Width: 80, Theme: DarkTheme(), Hyperlinks: true}), "\n")
		if got := strings.Contains(styled, "\x1b]8;;") && !strings.HasPrefix(strings.SplitN(styled, "\x1b]8;;", 2)[1], "\x1b\\"); got != c.osc {
			t.Errorf("%q: hyperlink written = %v, want %v: %q", c.href, got, c.osc, styled)
		}
		if bad := foreignSequence(styled, true); bad != "" {
			t.Errorf("%q: foreign sequence %q in %q", c.href, bad, styled)
		}
		if off := strings.Join(doc.layout(Options{Width: 80, Theme: DarkTheme()}), "\n"); strings.Contains(off, "\x1b]") {
			t.Errorf("%q: OSC written with hyperlinks off: %q", c.href, off)
		}
		plain := strings.Join(doc.layout(Options{Width: 80, Plain: true, Hyperlinks: true}), "\n")
		if strings.Contains(plain, "\x1b") {
			t.Errorf("%q: escape in plain output: %q", c.href, plain)
		}
		if c.shows != "" && !strings.Contains(plain, c.shows) {
			t.Errorf("%q: plain output %q does not show %q", c.href, plain, c.shows)
		}
		links := doc.Links()
		if len(links) != 1 || links[0].Safe != c.osc {
			t.Errorf("%q: Links() = %+v, want one link with Safe %v", c.href, links, c.osc)
		}
	}
}
