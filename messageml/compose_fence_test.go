package messageml

import (
	"strings"
	"testing"
)

func TestFromComposerFences(t *testing.T) {
	cases := []struct {
		name, in string
		want     string   // the <messageML> body
		codes    []string // the <code> elements of the PresentationML
	}{
		{
			name:  "the issue's one-line fence",
			in:    "Here:\n```\nx := 1\n```",
			want:  "Here:<br/><code><pre>x := 1</pre></code>",
			codes: []string{"block x := 1"},
		},
		{
			name:  "language",
			in:    "Here:\n```python\nprint(1 < 2)\n```",
			want:  `Here:<br/><code language="python"><pre>print(1 &lt; 2)</pre></code>`,
			codes: []string{"block print(1 < 2)"},
		},
		{
			name:  "language alias and more info",
			in:    "```sh  title=x\nls\n```",
			want:  `<code language="shell"><pre>ls</pre></code>`,
			codes: []string{"block ls"},
		},
		{
			name:  "unknown language",
			in:    "```go\nx := 1\n```",
			want:  "<code><pre>x := 1</pre></code>",
			codes: []string{"block x := 1"},
		},
		{
			name:  "fence at the start",
			in:    "```\nx := 1\n```\nthen this",
			want:  "<code><pre>x := 1</pre></code>then this",
			codes: []string{"block x := 1"},
		},
		{
			name:  "fence at the end",
			in:    "first\nsecond\n```\nx := 1\n```",
			want:  "first<br/>second<br/><code><pre>x := 1</pre></code>",
			codes: []string{"block x := 1"},
		},
		{
			name:  "text after the closing fence",
			in:    "a\n```\nb\n```\nc",
			want:  "a<br/><code><pre>b</pre></code>c",
			codes: []string{"block b"},
		},
		{
			name:  "several lines",
			in:    "see:\n```js\nlet a = 1\n  a++\n```\nafter\nend",
			want:  `see:<br/><code language="js"><pre>let a = 1` + "\n" + `  a++</pre></code>after<br/>end`,
			codes: []string{"block let a = 1\n  a++"},
		},
		{
			name:  "two fences",
			in:    "```\na\n```\n```js\nb\n```",
			want:  `<code><pre>a</pre></code><code language="js"><pre>b</pre></code>`,
			codes: []string{"block a", "block b"},
		},
		{
			name:  "two fences and text between",
			in:    "```\na\n```\nand\n```\nb\n```\ndone",
			want:  "<code><pre>a</pre></code>and<br/><code><pre>b</pre></code>done",
			codes: []string{"block a", "block b"},
		},
		{
			name:  "unclosed fence: the rest is a block",
			in:    "Here:\n```\nx := 1\n**not bold** `nor code`",
			want:  "Here:<br/><code><pre>x := 1\n**not bold** `nor code`</pre></code>",
			codes: []string{"block x := 1\n**not bold** `nor code`"},
		},
		{
			name: "unclosed fence on the last line is text",
			in:   "Here:\n```",
			want: "Here:<br/>```",
		},
		{
			name: "fence alone is text",
			in:   "```python",
			want: "```python",
		},
		{
			name: "fence not on its own line is text",
			in:   "Here: ```\nx\n```",
			want: "Here: ```<br/>x<br/>```",
		},
		{
			name:  "blank lines around a fence",
			in:    "Here:\n\n```\nx\n```\n\nafter",
			want:  "Here:<br/><br/><code><pre>x</pre></code><br/>after",
			codes: []string{"block x"},
		},
		{
			name:  "two blank lines around a fence",
			in:    "a\n\n\n```\nx\n```\n\n\nb",
			want:  "a<br/><br/><br/><code><pre>x</pre></code><br/><br/>b",
			codes: []string{"block x"},
		},
		{
			name:  "blank lines inside a fence",
			in:    "```\n\nx\n\ny\n```",
			want:  "<code><pre>\n\nx\n\ny</pre></code>",
			codes: []string{"block \n\nx\n\ny"},
		},
		{
			name:  "empty fence",
			in:    "a\n```\n```\nb",
			want:  "a<br/><code><pre></pre></code>b",
			codes: []string{"block "},
		},
		{
			name:  "carriage returns",
			in:    "Here:\r\n```\r\nx := 1\r\n```\r\nafter",
			want:  "Here:<br/><code><pre>x := 1</pre></code>after",
			codes: []string{"block x := 1"},
		},
		{
			name:  "inline code stays inline",
			in:    "Here: `x := 1` and ```y```\nnext",
			want:  "Here: <code>x := 1</code> and <code>y</code><br/>next",
			codes: []string{"inline x := 1", "inline y"},
		},
		{
			name:  "inline code and a fence",
			in:    "run `go vet`:\n```shell\ngo vet ./...\n```",
			want:  `run <code>go vet</code>:<br/><code language="shell"><pre>go vet ./...</pre></code>`,
			codes: []string{"inline go vet", "block go vet ./..."},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, data, err := FromComposer(c.in, composerUsers)
			if err != nil {
				t.Fatalf("FromComposer(%q): %v", c.in, err)
			}
			if want := mml(c.want); got != want {
				t.Errorf("FromComposer(%q)\n got %s\nwant %s", c.in, got, want)
			}
			res, err := Convert(got, data, composerUsers)
			if err != nil {
				t.Fatalf("Convert(%q): %v", got, err)
			}
			codes := presentedCodes(t, res.PresentationML)
			if strings.Join(codes, "|") != strings.Join(c.codes, "|") {
				t.Errorf("code in %s\n got %q\nwant %q", res.PresentationML, codes, c.codes)
			}
		})
	}
}

// presentedCodes describes the <code> elements of a PresentationML
// message: "block " and the text of a <code> holding nothing but a <pre>
// (a block for every reader, whatever its length), "inline " and the text
// of a <code> holding no <pre>.
func presentedCodes(t *testing.T, presentationML string) []string {
	t.Helper()
	doc, err := parseXML(presentationML)
	if err != nil {
		t.Fatalf("parse %q: %v", presentationML, err)
	}
	var codes []string
	var walk func(n *xnode)
	walk = func(n *xnode) {
		if n.kind != xElement {
			return
		}
		if n.name != "code" {
			for _, c := range n.children {
				walk(c)
			}
			return
		}
		switch {
		case len(n.children) == 1 && n.children[0].kind == xElement && n.children[0].name == "pre":
			codes = append(codes, "block "+nodeText(n))
		case hasPre(n):
			t.Errorf("a <code> of %s holds a <pre> beside other content", presentationML)
		default:
			codes = append(codes, "inline "+nodeText(n))
		}
	}
	walk(doc)
	return codes
}

// nodeText is the text of n and its descendants.
func nodeText(n *xnode) string {
	if n.kind == xText {
		return n.text
	}
	var b strings.Builder
	for _, c := range n.children {
		b.WriteString(nodeText(c))
	}
	return b.String()
}

// hasPre reports whether a descendant of n is a <pre>.
func hasPre(n *xnode) bool {
	for _, c := range n.children {
		if c.kind == xElement && (c.name == "pre" || hasPre(c)) {
			return true
		}
	}
	return false
}
