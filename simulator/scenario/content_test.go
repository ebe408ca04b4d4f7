package scenario

import (
	"bufio"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

func testComposer(seed uint64) *composer {
	rng := rand.New(rand.NewPCG(seed, 0))
	m := newComposer(rng, newCast(rng))
	m.clock = time.Date(2026, time.March, 11, 10, 0, 0, 0, time.UTC)
	return m
}

// TestTemplates renders every template of every topic, many times, and
// checks the MessageML.
func TestTemplates(t *testing.T) {
	m := testComposer(1)
	c := m.c
	members := c.co.Rooms[roomKestrel].Members
	var all []string
	for tp, tpls := range lines {
		for _, tpl := range tpls {
			for range 20 {
				msg := m.lineWith(tp, c.id(roleSales), tpl, c.id(roleQuant), c.id(roleSRE), c.id(roleSupport))
				all = append(all, msg.ml)
				msg = m.line(tp, c.id(roleSales), members, tpl)
				all = append(all, msg.ml)
			}
		}
	}
	for _, tpls := range [][]string{accountLines, replies} {
		for _, tpl := range tpls {
			all = append(all, m.line(topicIM, c.id(roleSales), members, tpl).ml)
		}
	}
	for _, ml := range all {
		if err := checkMessageML(ml); err != nil {
			t.Errorf("%v: %s", err, ml)
		}
		if i := strings.IndexByte(ml, '{'); i >= 0 && !strings.Contains(ml, "<code") {
			t.Errorf("unexpanded placeholder in %s", ml)
		}
	}
}

// TestRich renders every rich message kind and checks the MessageML.
func TestRich(t *testing.T) {
	m := testComposer(2)
	c := m.c
	rates := c.co.Rooms[roomRates].Members
	who := c.id(roleGovies)
	for i := range 50 {
		msgs := []message{
			m.ratesRun(who, rates), m.fxRun(who, rates), m.axes(topicRates, who, rates), m.axes(topicFX, who, rates),
			m.code(topicRelease, who, rates), m.logExcerpt(topicOps, who, rates), m.resolvedCard(who, nil, "", ""),
			m.deployCard(who, nil), m.stackTrace(who, nil), m.ticket(topicOps, who, nil), m.chime(), m.batchLine(who, "risk-var"),
			m.report(topicRates, who, rates), m.announcement(who, rates), m.wallPost(c.id(roleQuant)), m.wallPost(c.id(roleHeadPlatform)),
			m.shareComment(who), m.releaseForm(who, nil), m.triageForm(who, nil), m.lunchForm(who, nil),
			m.botPost(topicOps, who, nil), m.botPost(topicRelease, who, nil), m.compose(topicIncident, who, rates, 1),
		}
		alert, inc := m.alertCard(who, nil, "", "")
		if !strings.Contains(alert.ml, inc) {
			t.Errorf("alert does not name %s: %s", inc, alert.ml)
		}
		msgs = append(msgs, alert)
		for _, msg := range msgs {
			if err := checkMessageML(msg.ml); err != nil {
				t.Errorf("round %d: %v: %s", i, err, msg.ml)
			}
			if msg.form != nil && !strings.Contains(msg.ml, `<form id="`+msg.form.id+`"`) {
				t.Errorf("form id %q not in %s", msg.form.id, msg.ml)
			}
			if msg.form != nil {
				v := m.formValues(msg.form, who)
				if v["action"] == nil {
					t.Errorf("form values without action: %v", v)
				}
				for name := range v {
					if name != "action" && !strings.Contains(msg.ml, `name="`+name+`"`) {
						t.Errorf("form value %q is not a field of %s", name, msg.ml)
					}
				}
			}
		}
	}
}

// TestCodeLanguages checks that code blocks name only the languages the
// MessageML code element accepts.
func TestCodeLanguages(t *testing.T) {
	valid := strings.Fields("plaintext c cpp csharp css html java js jsx php python r typescript tsx markdown json scala shell yaml")
	re := regexp.MustCompile(`language="([^"]*)"`)
	g := newGen(t, Busy, 1)
	actions := g.History(nows[0])
	live, _ := liveActions(g, 20000)
	seen := 0
	for _, a := range append(actions, live...) {
		for _, m := range re.FindAllStringSubmatch(a.MessageML, -1) {
			seen++
			if !slices.Contains(valid, m[1]) {
				t.Errorf("code language %q is not accepted by MessageML", m[1])
			}
		}
	}
	if seen == 0 {
		t.Error("no code block with a language")
	}
}

func TestTypo(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 0))
	ml := `<messageML>Looks like <b>config</b> &amp; <a href="https://example.com/abcdefgh">throttle</a> <code>unchanged</code> went wrong</messageML>`
	seen := map[string]bool{}
	for range 200 {
		bad, ok := typo(rng, ml)
		if !ok {
			continue
		}
		seen[bad] = true
		if err := checkMessageML(bad); err != nil {
			t.Fatalf("typo broke the markup: %v: %s", err, bad)
		}
		if len(bad) != len(ml) || bad == ml {
			t.Fatalf("typo is not a swap: %s", bad)
		}
		for _, keep := range []string{"https://example.com/abcdefgh", "<code>unchanged</code>", "&amp;", "<messageML>", "<b>"} {
			if !strings.Contains(bad, keep) {
				t.Fatalf("typo touched %q: %s", keep, bad)
			}
		}
	}
	if len(seen) < 3 {
		t.Errorf("only %d different typos", len(seen))
	}
	if _, ok := typo(rng, "<messageML>ok <b>go</b></messageML>"); ok {
		t.Error("typo in a message without a long word")
	}
}

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"Marlow & Finch": "Marlow &amp; Finch",
		"a<b>c":          "a&lt;b&gt;c",
		"${x} #{y}":      "&#36;{x} &#35;{y}",
		"plain":          "plain",
	} {
		if got := escape(in); got != want {
			t.Errorf("escape(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestEmojiKnown checks every emoji shortcode the scenarios use against the
// table of messageml-utils, when the fixtures are at hand.
func TestEmojiKnown(t *testing.T) {
	path := filepath.Join("..", "..", "..", "shared", "fixtures", "finos__messageml-utils", "emoji", "emoji.properties")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("no emoji table: %v", err)
	}
	defer f.Close()
	known := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if k, _, ok := strings.Cut(sc.Text(), "="); ok {
			known[strings.TrimSpace(k)] = true
		}
	}
	g := newGen(t, Demo, 1)
	actions := g.History(nows[0])
	live, _ := liveActions(g, 3000)
	re := regexp.MustCompile(`<emoji shortcode="([^"]+)"`)
	codes := map[string]bool{}
	for _, a := range append(actions, live...) {
		for _, m := range re.FindAllStringSubmatch(a.MessageML, -1) {
			codes[m[1]] = true
		}
	}
	for _, tpls := range lines {
		for _, tpl := range tpls {
			for _, m := range regexp.MustCompile(`\{e:([^}]+)\}`).FindAllStringSubmatch(tpl, -1) {
				codes[m[1]] = true
			}
		}
	}
	for _, e := range emojis {
		codes[e] = true
	}
	for code := range codes {
		if !known[code] {
			t.Errorf("emoji shortcode %q is not in messageml-utils", code)
		}
	}
}
