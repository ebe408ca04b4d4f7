package messageml

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// fuzzSeeds are messages that reach every element kind.
var fuzzSeeds = []string{
	mml("Hello <b>bold</b> <i>it</i> &amp; <a href=\"https://x.org\">link</a><br/><hr/>"),
	mml(`<p class="c" style="color: red">p</p><pre>a
b</pre><code language="java">c</code><h1>h</h1><sub>s</sub><sup>S</sup>`),
	mml(`<ul><li>a</li></ul><ol><li>b</li></ol><table><thead><tr><th>h</th></tr></thead><tbody><tr><td rowspan="2">c</td></tr></tbody></table>`),
	mml(`<mention uid="1"/><mention email="nobody@x.org" strict="false"/><hash tag="t"/><cash tag="c"/><emoji shortcode="smiley"/><dateTime value="2024-12-31T09:29:47Z"/>`),
	mml(`<div class="entity" data-entity-id="o"><span class="entity" data-entity-id="m">x</span></div>`),
	mml(`<card iconSrc="i" accent="a"><header>H</header><body>B</body></card><expandable-card state="expanded"><header>H</header><body>B</body></expandable-card>`),
	mml(`<ui-action action="open-dialog" target-id="d"><button>O</button></ui-action><dialog id="d"><title>T</title><body>B</body><footer>F</footer></dialog>`),
	mml(`<form id="f"><text-field name="t" label="L" title="T">v</text-field><textarea name="a">x</textarea><select name="s"><option value="1">1</option></select>` +
		`<checkbox name="c">C</checkbox><radio name="r">R</radio><person-selector name="p"/><room-selector name="r"/><date-selector name="d"/>` +
		`<date-picker name="dp" disabled-date='[{"day":"2020-01-01"}]'/><time-picker name="tp"/><timezone-picker name="tz"/><button name="b">B</button></form>`),
	mml("<chime/>"),
	`<div data-format="PresentationML" data-version="2.0" class="wysiwyg"><p>hi <span class="entity" data-entity-id="m">@X</span></p></div>`,
}

const fuzzData = `{"o":{"type":"com.acme"},"m":{"type":"com.symphony.user.mention","id":[{"type":"com.symphony.user.userId","value":"1"}]}}`

func FuzzConvert(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, fuzzData)
	}
	if files, err := filepath.Glob(filepath.Join(fixturesDir, "*", "messageml*", "*")); err == nil {
		for _, file := range files {
			if raw, err := os.ReadFile(file); err == nil {
				f.Add(string(raw), "")
			}
		}
	}
	f.Fuzz(func(t *testing.T, message, data string) {
		res, err := Convert(message, data, testUsers)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is a %T, not an *Error", err, err)
			}
			if e.Message == "" {
				t.Fatal("empty error message")
			}
			return
		}
		root := singleHTMLRoot(t, res.PresentationML)
		if root.Data != "div" || htmlAttr(root, "data-format") != "PresentationML" {
			t.Fatalf("root is <%s data-format=%q> in %s", root.Data, htmlAttr(root, "data-format"), res.PresentationML)
		}
		if _, err := parseXML(res.PresentationML); err != nil {
			t.Fatalf("PresentationML is not well-formed XML: %v\n%s", err, res.PresentationML)
		}
		var obj map[string]any
		if err := json.Unmarshal([]byte(res.EntityJSON), &obj); err != nil {
			t.Fatalf("EntityJSON is not an object: %v\n%s", err, res.EntityJSON)
		}
	})
}

// singleHTMLRoot parses s as HTML and returns the only node of its body.
func singleHTMLRoot(t *testing.T, s string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatalf("PresentationML is not HTML: %v", err)
	}
	body := findHTML(doc, "body")
	if body == nil || body.FirstChild == nil || body.FirstChild != body.LastChild || body.FirstChild.Type != html.ElementNode {
		t.Fatalf("PresentationML does not have a single root element: %s", s)
	}
	if head := findHTML(doc, "head"); head != nil && head.FirstChild != nil {
		t.Fatalf("PresentationML put content in <head>: %s", s)
	}
	return body.FirstChild
}

func findHTML(n *html.Node, tag string) *html.Node {
	if n.Type == html.ElementNode && n.Data == tag {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if found := findHTML(c, tag); found != nil {
			return found
		}
	}
	return nil
}

func htmlAttr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

func TestSeedsParseAsHTML(t *testing.T) {
	for _, s := range fuzzSeeds {
		res, err := Convert(s, fuzzData, testUsers)
		if err != nil {
			t.Errorf("seed %q: %v", s, err)
			continue
		}
		root := singleHTMLRoot(t, res.PresentationML)
		if htmlAttr(root, "data-format") != "PresentationML" {
			t.Errorf("seed %q: root %v", s, root.Attr)
		}
	}
}
