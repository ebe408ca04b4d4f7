package render

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

func pmlDoc(body string) string {
	return `<div data-format="PresentationML" data-version="2.0">` + body + `</div>`
}

func TestDocumentAccessors(t *testing.T) {
	data := `{"m1":{"type":"com.symphony.user.mention","id":[{"type":"com.symphony.user.userId","value":"42"}]},` +
		`"m2":{"type":"com.symphony.user.mention","id":[{"type":"com.symphony.user.userId","value":7215545058313}]},` +
		`"obj":{"type":"com.acme.thing","m3":{"type":"com.symphony.user.mention","id":[{"type":"com.symphony.user.userId","value":"9"}]}}}`
	doc := Parse(pmlDoc(`<p>Hi <span class="entity" data-entity-id="m1">@A</span>, <span class="entity" data-entity-id="m2">@B</span> `+
		`and <span class="entity" data-entity-id="m1">@A</span>: <a href="https://go.dev/doc">the docs</a>, <a href="javascript:x()">bad</a></p>`+
		`<div class="entity" data-entity-id="obj"><span class="entity" data-entity-id="m3">@C</span></div>`+
		`<img src="https://cdn.example.org/p.png" alt="pic"/><audio src="https://asset.symphony.com/symphony/audio/chime.mp3" autoplay="true"/>`), data)
	if got, want := doc.MentionedUserIDs(), []int64{42, 7215545058313, 9}; !reflect.DeepEqual(got, want) {
		t.Errorf("MentionedUserIDs() = %v, want %v", got, want)
	}
	if !doc.Mentions(9) || !doc.Mentions(7215545058313) || doc.Mentions(1) || doc.Mentions(0) {
		t.Error("Mentions is wrong")
	}
	if !doc.Chime() {
		t.Error("Chime() = false for a message with <audio>")
	}
	links := doc.Links()
	want := []Link{
		{Text: "the docs", URL: "https://go.dev/doc", Host: "go.dev", Safe: true},
		{Text: "bad", URL: "javascript:x()"},
		{Text: "image: pic", URL: "https://cdn.example.org/p.png", Host: "cdn.example.org", Safe: true, Image: true},
	}
	if !reflect.DeepEqual(links, want) {
		t.Errorf("Links() = %+v\nwant %+v", links, want)
	}
	links[0].URL = "changed"
	if doc.Links()[0].URL == "changed" {
		t.Error("Links() returns the document's own slice")
	}
	text := doc.PlainText()
	for _, s := range []string{"Hi @A, @B and @A: the docs (go.dev), bad (javascript:)", "@C", "[image: pic · cdn.example.org]", "🔔 chime"} {
		if !strings.Contains(text, s) {
			t.Errorf("PlainText() = %q, lacks %q", text, s)
		}
	}
}

func TestMentionOfTheReaderIsHighlighted(t *testing.T) {
	data := `{"m":{"type":"com.symphony.user.mention","id":[{"type":"com.symphony.user.userId","value":"5"}]}}`
	doc := Parse(pmlDoc(`<span class="entity" data-entity-id="m">@Me Myself</span>`), data)
	theme := DarkTheme()
	me := strings.Join(doc.Layout(Options{Width: 40, Theme: theme, Me: 5}), "")
	other := strings.Join(doc.Layout(Options{Width: 40, Theme: theme, Me: 6}), "")
	if me == other {
		t.Fatal("a mention of the reader looks like any mention")
	}
	bg := theme.t.bg[clsMentionMe]
	if !strings.Contains(me, bg) || strings.Contains(other, bg) {
		t.Errorf("the reader's mention should have the background %q: me %q, other %q", bg, me, other)
	}
	// The space inside the name is highlighted too: one run.
	if strings.Count(me, "\x1b[0;") != 1 {
		t.Errorf("the mention is not one styled run: %q", me)
	}
}

func TestPlainIsStyledWithoutEscapes(t *testing.T) {
	for _, file := range goldenFiles(t) {
		pml, data := goldenInput(t, file)
		doc := Parse(pml, data)
		for _, w := range []int{33, 80} {
			o := Options{Width: w, Theme: DarkTheme(), Hyperlinks: true, Me: goldenMe, Now: goldenNow, Location: time.UTC}
			styled := doc.Layout(o)
			o.Plain = true
			plain := doc.Layout(o)
			if len(styled) != len(plain) {
				t.Fatalf("%s: %d styled lines, %d plain", file, len(styled), len(plain))
			}
			for i := range styled {
				if got := stripSGR(styled[i]); got != plain[i] {
					t.Errorf("%s line %d: styled text %q, plain %q", file, i, got, plain[i])
				}
			}
		}
	}
}

func TestThemes(t *testing.T) {
	doc := Parse(pmlDoc(`<p><b>b</b> <a href="https://x.org">x</a> <span class="tempo-text-color--red">red</span></p><code data-language="go">func f() {}</code>`), "")
	for name, theme := range map[string]Theme{"dark": DarkTheme(), "light": LightTheme(), "nocolor": NoColorTheme(), "zero": {}} {
		out := strings.Join(doc.Layout(Options{Width: 60, Theme: theme}), "\n")
		coloured := strings.Contains(out, "38;2;")
		if want := name == "dark" || name == "light"; coloured != want {
			t.Errorf("%s theme: colours = %v, want %v: %q", name, coloured, want, out)
		}
		if !strings.Contains(out, "\x1b[0;1m") && !strings.Contains(out, "\x1b[0;1;") {
			t.Errorf("%s theme: no bold: %q", name, out)
		}
		if theme.Name() != map[string]string{"dark": "dark", "light": "light", "nocolor": "nocolor", "zero": "nocolor"}[name] {
			t.Errorf("%s theme is named %q", name, theme.Name())
		}
	}
	t.Setenv("NO_COLOR", "1")
	if DefaultTheme(true).Name() != "nocolor" {
		t.Error("DefaultTheme ignores NO_COLOR")
	}
	t.Setenv("NO_COLOR", "")
	if DefaultTheme(true).Name() != "dark" || DefaultTheme(false).Name() != "light" {
		t.Error("DefaultTheme does not pick dark and light")
	}
}

func TestRelayoutWithoutReparse(t *testing.T) {
	m := benchCorpus()[0]
	for _, c := range benchCorpus() {
		if c.kind == "table" {
			m = c
			break
		}
	}
	doc := Parse(m.pml, m.data)
	o := Options{Width: 80, Theme: DarkTheme()}
	first := doc.Layout(o)
	o.Width = 30
	narrow := doc.Layout(o)
	o.Width = 80
	again := doc.Layout(o)
	if !slices.Equal(first, again) {
		t.Error("laying out at 80 again gives other lines")
	}
	if slices.Equal(first, narrow) {
		t.Error("width 30 gives the lines of width 80")
	}
}

// TestConcurrentLayout lays one document out from many goroutines (run it
// with -race).
func TestConcurrentLayout(t *testing.T) {
	pml, data := goldenInput(t, "testdata/golden/realworld.mml")
	doc := Parse(pml, data)
	theme := DarkTheme()
	want := map[int][]string{}
	for w := 20; w < 120; w += 10 {
		want[w] = doc.Layout(Options{Width: w, Theme: theme})
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for w := 20 + g%3*10; w < 120; w += 10 {
				if got := doc.Layout(Options{Width: w, Theme: theme}); !slices.Equal(got, want[w]) {
					t.Errorf("width %d: concurrent layout differs", w)
				}
				_ = doc.PlainText()
				_ = doc.Links()
			}
		}()
	}
	wg.Wait()
}

// panicBlock is a block whose layout panics.
type panicBlock struct{}

func (panicBlock) layout(*layouter)     { panic("broken") }
func (panicBlock) plain(p *plainWriter) { p.line() }

func TestFailuresAreContained(t *testing.T) {
	doc := &Document{blocks: []block{panicBlock{}}}
	lines := doc.Layout(Options{Width: 80, Plain: true})
	if len(lines) != 1 || !strings.Contains(lines[0], "message could not be displayed") {
		t.Errorf("a panicking layout gives %q", lines)
	}
	failed := &Document{failed: true}
	if got := failed.Layout(Options{Width: 20, Theme: DarkTheme()}); len(got) != 1 || !strings.Contains(stripSGR(got[0]), "message could not") {
		t.Errorf("a failed document lays out as %q", got)
	}
	if failed.PlainText() != "message could not be displayed" || !failed.Failed() {
		t.Error("a failed document does not say so")
	}
	if Parse("", "").Failed() || len(Parse("", "").Layout(Options{Width: 10})) != 0 {
		t.Error("an empty message is not an empty document")
	}
}

func TestOptions(t *testing.T) {
	doc := Parse(pmlDoc(`<div class="expandable-card" data-state="collapsed"><div class="expandableCardHeader">H</div>`+
		`<div class="expandableCardBody">one<br/>two</div></div><p>`+strings.Repeat("word ", 40)+`</p>`), "")
	collapsed := strings.Join(doc.Layout(Options{Width: 40, Plain: true}), "\n")
	expanded := strings.Join(doc.Layout(Options{Width: 40, Plain: true, Expand: true}), "\n")
	if strings.Contains(collapsed, "two") || !strings.Contains(collapsed, "… 2 more lines") {
		t.Errorf("collapsed card:\n%s", collapsed)
	}
	if !strings.Contains(expanded, "one") || !strings.Contains(expanded, "two") {
		t.Errorf("Expand does not show the body:\n%s", expanded)
	}
	// The arrow says what the reader sees: ▸ collapsed, ▾ expanded, and
	// the document keeps its own for the next layout.
	if !strings.Contains(collapsed, "▸ H") || !strings.Contains(expanded, "▾ H") || strings.Contains(expanded, "▸") {
		t.Errorf("the card's arrow: collapsed %q, expanded %q", collapsed, expanded)
	}
	if again := strings.Join(doc.Layout(Options{Width: 40, Plain: true}), "\n"); again != collapsed {
		t.Errorf("expanding changed the document: %q, was %q", again, collapsed)
	}
	lines := doc.Layout(Options{Width: 40, Plain: true, MaxLines: 3})
	if len(lines) != 3 || !strings.HasPrefix(lines[2], "… ") || !strings.HasSuffix(lines[2], " more lines") {
		t.Errorf("MaxLines 3: %q", lines)
	}
	if got := Parse(pmlDoc("x"), "").Layout(Options{}); len(got) != 1 || got[0] != "x" {
		t.Errorf("width 0 is taken as 1: %q", got)
	}
}

func TestTimeElements(t *testing.T) {
	doc := Parse(pmlDoc(`<time datetime="2026-11-23T23:30:00Z">x</time> <time datetime="2026-11-23T23:30:00Z" data-format="date">x</time>`), "")
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip("no time zone database")
	}
	now := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	got := doc.Layout(Options{Width: 80, Plain: true, Now: now, Location: paris})
	if want := []string{"today 00:30 24 Nov 2026"}; !slices.Equal(got, want) {
		t.Errorf("in Paris: %q, want %q", got, want)
	}
	got = doc.Layout(Options{Width: 80, Plain: true, Now: now, Location: time.UTC})
	if want := []string{"yesterday 23:30 23 Nov 2026"}; !slices.Equal(got, want) {
		t.Errorf("in UTC: %q, want %q", got, want)
	}
}

func TestEntityDataShapes(t *testing.T) {
	cases := []struct{ name, data, want string }{
		{"object", `{"e":{"type":"org.symphonyoss.taxonomy","id":[{"type":"org.symphonyoss.taxonomy.hashtag","value":"tag"}]}}`, "#tag"},
		{"JSON string", `"{\"e\":{\"type\":\"org.symphonyoss.taxonomy\",\"id\":[{\"value\":\"tag\"}]}}"`, "#tag"},
		{"escaped keys", `{"\u0065":{"type":"org.symphonyoss.fin.security","id":[{"type":"org.symphonyoss.fin.security.id.isin","value":"X"},{"type":"org.symphonyoss.fin.security.id.ticker","value":"T"}]}}`, "$T"},
		{"null", `null`, ""},
		{"garbage", `{"e":{"type":`, ""},
		{"array", `[1,2]`, ""},
		{"empty", ``, ""},
	}
	for _, c := range cases {
		doc := Parse(pmlDoc(`<span class="entity" data-entity-id="e"></span>`), c.data)
		if got := strings.Join(doc.Layout(Options{Width: 40, Plain: true}), ""); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
	emoji := `{"e":{"type":"com.symphony.emoji","data":{"shortcode":"rocket"}},"f":{"type":"com.symphony.emoji","data":{"unicode":"\ud83d\ude00"}},"g":{"type":"com.symphony.emoji","data":{"annotation":"zzz_unknown"}}}`
	doc := Parse(pmlDoc(`<span class="entity" data-entity-id="e">:rocket:</span> <span class="entity" data-entity-id="f"></span> <span class="entity" data-entity-id="g"></span>`), emoji)
	if got := doc.PlainText(); got != "🚀 😀 :zzz_unknown:" {
		t.Errorf("emoji entities: %q", got)
	}
}

func ExampleParse() {
	doc := Parse(`<div data-format="PresentationML" data-version="2.0" class="wysiwyg"><p>Hi <span class="entity" data-entity-id="0">@Jane Doe</span>, `+
		`see <a href="https://evil.example/login">bank.example</a> <b>now</b></p></div>`,
		`{"0":{"type":"com.symphony.user.mention","id":[{"type":"com.symphony.user.userId","value":"7215545058313"}]}}`)
	for _, line := range doc.Layout(Options{Width: 30, Plain: true}) {
		fmt.Println(line)
	}
	fmt.Println(doc.Mentions(7215545058313), doc.Links()[0].Host)
	// Output:
	// Hi @Jane Doe, see bank.example
	// (evil.example) now
	// true evil.example
}
