package render

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/messageml"
	"github.com/tutti-chat/tutti/simulator/scenario"
)

// textOnlyCases are inputs at the edges of TextOf's direct path: what it
// must write itself, and what it must leave to the Document.
var textOnlyCases = []struct{ pml, data string }{
	{"", ""},
	{"plain words", ""},
	{"  leading and   trailing  ", ""},
	{"<p></p><p>a</p><p><br/></p><p> </p>", ""},
	{"<p>a<br/></p><p>b<br/><br/></p>c<br/>", ""},
	{"<br/><br/>x<br/> <br/> y", ""},
	{"<div>a<div>b</div>c</div> d <p><div>e</div></p>", ""},
	{"<h1>Title</h1><b>bold</b><i> it </i>x<u>u</u>", ""},
	{"<span class=\"tempo-text-color--red\">red</span> <span class=\"info-hint\" data-title=\"t\">x</span>", ""},
	{"a:b :smile: c: :no_such_code: 10:30", ""},
	{"**bold** _it_ `code`", ""},
	{"tab\there\r\nline &amp; &lt;x&gt; &#9989;", ""},
	{"café — naïve ✅ 💪 日本語 한국어 ＡＢ", ""},
	{"e\u0301 👍🏽 ❤️ 🇫🇷 \u200b\u202e \u1100\u1161 a\u0e33", ""},
	{"\x1b[31mred\x1b[0m \x7f \u0085", ""},
	{"<script>x</script><style>y</style>z<!-- c --><![CDATA[cd]]>", ""},
	{"<div data-format=\"PresentationML\" data-version=\"2.0\">Hi <span class=\"entity\" data-entity-id=\"m\">@Jane</span> and <span class=\"entity\" data-entity-id=\"m\"></span> on <span class=\"entity\" data-entity-id=\"t\">$EURUSD</span> <span class=\"entity\" data-entity-id=\"h\"></span> <span class=\"entity\" data-entity-id=\"e\"></span> <div class=\"entity\" data-entity-id=\"h\">#x</div></div>",
		`{"m":{"type":"com.symphony.user.mention","version":"1.0","id":[{"type":"com.symphony.user.userId","value":"42"}]},` +
			`"t":{"type":"org.symphonyoss.fin.security","version":"1.0","id":[{"type":"org.symphonyoss.fin.security.id.ticker","value":"EURUSD"}]},` +
			`"h":{"type":"org.symphonyoss.taxonomy","version":"1.0","id":[{"type":"org.symphonyoss.taxonomy.hashtag","value":"deploy"}]},` +
			`"e":{"type":"com.symphony.emoji","version":"1.0","data":{"shortcode":"coffee","annotation":"coffee","size":"normal","unicode":"☕"}}}`},
	{"<a href=\"https://example.com\">link</a> <ul><li>a</li></ul><table><tr><td>c</td></tr></table>", ""},
	{"<time datetime=\"2026-11-23T10:00:00Z\">x</time> <code>c</code> <hr/>", ""},
	{"<div class=\"card\"><div class=\"cardHeader\">h</div><div class=\"cardBody\">b</div></div>", ""},
	{strings.Repeat("<b>", MaxDepth+5) + "deep" + strings.Repeat("</b>", MaxDepth+5), ""},
	{strings.Repeat("<i>x</i>", MaxNodes), ""},
}

// textOnlyInputs returns every message the render tests read: the cases
// above, the golden inputs, the hostile payloads, the benchmark corpus,
// the fuzz seeds, the shared fixtures and the simulator's demo history.
func textOnlyInputs(t *testing.T) [][2]string {
	t.Helper()
	var in [][2]string
	for _, c := range textOnlyCases {
		in = append(in, [2]string{c.pml, c.data})
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "golden", "*.pml"))
	mml, _ := filepath.Glob(filepath.Join("testdata", "golden", "*.mml"))
	for _, file := range append(files, mml...) {
		pml, data := goldenInput(t, file)
		in = append(in, [2]string{pml, data})
	}
	for _, p := range hostilePayloads {
		in = append(in, [2]string{p.payload, ""}, [2]string{"<p>" + p.payload + "</p>", ""})
	}
	for _, m := range benchCorpus() {
		in = append(in, [2]string{m.pml, m.data})
	}
	if _, err := os.Stat(fixturesDir); err == nil {
		var fixtures []string
		for _, pattern := range []string{
			"finos__messageml-utils/payloads/*.messageml",
			"finos__symphony-bdk-java/messageml/*.xml",
			"finos__spring-bot/messageml/*.html",
			"finos__spring-bot/messageml-templates/*.html",
		} {
			m, _ := filepath.Glob(filepath.Join(fixturesDir, pattern))
			fixtures = append(fixtures, m...)
		}
		for _, file := range fixtures {
			raw, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			msg := strings.TrimSpace(string(raw))
			if !strings.HasPrefix(msg, "<messageML") {
				msg = "<messageML>" + msg + "</messageML>"
			}
			var data string
			if d, err := os.ReadFile(strings.TrimSuffix(file, filepath.Ext(file)) + ".json"); err == nil {
				data = string(d)
			}
			in = append(in, [2]string{string(raw), data})
			if res, err := messageml.Convert(msg, data, testUsers{}); err == nil {
				in = append(in, [2]string{res.PresentationML, res.EntityJSON})
			}
		}
	}
	g, err := scenario.New(scenario.Demo, 1)
	if err != nil {
		t.Fatal(err)
	}
	dir := directory{}
	for _, p := range g.Company().People {
		dir[p.ID] = p.DisplayName
	}
	for _, a := range g.History(time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)) {
		if a.MessageML == "" {
			continue
		}
		if res, err := messageml.Convert(a.MessageML, a.Data, dir); err == nil {
			in = append(in, [2]string{res.PresentationML, res.EntityJSON})
		}
	}
	return in
}

// checkTextOf fails t unless TextOf gives what the parsed Document gives.
func checkTextOf(t *testing.T, pml, data string) {
	t.Helper()
	got := TextOf(pml, data)
	doc := Parse(pml, data)
	want := Text{Text: doc.PlainText(), Tags: doc.Tags(), Mentioned: doc.MentionedUserIDs()}
	if got.Text != want.Text || !reflect.DeepEqual(nilIfEmpty(got.Tags), nilIfEmpty(want.Tags)) ||
		!reflect.DeepEqual(nilIfEmpty(got.Mentioned), nilIfEmpty(want.Mentioned)) {
		t.Errorf("TextOf(%.200q, %.200q)\n got  %q %v %v\n want %q %v %v", pml, data,
			got.Text, got.Tags, got.Mentioned, want.Text, want.Tags, want.Mentioned)
	}
}

// nilIfEmpty makes an empty slice nil, for comparing.
func nilIfEmpty[S ~[]E, E any](s S) S {
	if len(s) == 0 {
		return nil
	}
	return s
}

// TestTextOfEqualsParse checks TextOf against Parse on every message the
// tests know, and that the simulator's chat messages take the direct
// path.
func TestTextOfEqualsParse(t *testing.T) {
	inputs := textOnlyInputs(t)
	direct := 0
	for _, in := range inputs {
		checkTextOf(t, in[0], in[1])
		if _, ok := plainTextOf(parseTree(in[0]), in[1]); ok {
			direct++
		}
	}
	if direct < len(inputs)/3 {
		t.Errorf("only %d of %d messages take the direct path", direct, len(inputs))
	}
	t.Logf("%d messages, %d on the direct path", len(inputs), direct)
}

// FuzzTextOfEqualsParse checks, for any message and entity data, that
// TextOf gives exactly the text, tags and mentions of the parsed Document.
func FuzzTextOfEqualsParse(f *testing.F) {
	for _, c := range textOnlyCases {
		f.Add(c.pml, c.data)
	}
	for _, m := range benchCorpus()[:40] {
		f.Add(m.pml, m.data)
	}
	for _, p := range hostilePayloads {
		f.Add("<p>"+p.payload+"</p>", "")
	}
	f.Fuzz(func(t *testing.T, pml, data string) {
		checkTextOf(t, pml, data)
	})
}
