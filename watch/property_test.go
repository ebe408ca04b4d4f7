package watch

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/tutti-chat/tutti/names"
	"github.com/tutti-chat/tutti/symphony"
)

// TestMatchesTheNaiveMatcher checks the Matcher against naiveMatch on
// random rules and random events: messages of words that rules name, near
// misses and case variants, in markup of every kind (tags inside words,
// cards, forms, time elements, lists, links, entities, character
// references, markdown leftovers, shortcodes, invisible characters), and
// membership events. Whatever the sketch rules out, the parsed message
// must not match; every hit must be the naive one, spans included.
func TestMatchesTheNaiveMatcher(t *testing.T) {
	events := 3000
	if testing.Short() {
		events = 600
	}
	const rules, perMatcher = 60, 4 // few rules a matcher, so that the sketch rules some out
	for seed := uint64(1); seed <= 4; seed++ {
		rng := rand.New(rand.NewPCG(seed, 0x77617463))
		g := newGen(rng)
		var rs []Rule
		var ms []*Matcher
		for i := range rules {
			rs = append(rs, g.rule(fmt.Sprintf("r%d", i)))
			if len(rs)%perMatcher == 0 {
				m, err := New(rs[len(rs)-perMatcher:], g.dir)
				if err != nil {
					t.Fatalf("seed %d: %v", seed, err)
				}
				ms = append(ms, m)
			}
		}
		unparsed, matched := 0, 0
		for range events {
			ev := g.event()
			got := map[string]Hit{}
			for _, m := range ms {
				for _, h := range m.Match(&ev) {
					got[h.Rule.Name] = h
				}
				if m.ev.ct == nil && ev.Message() != nil {
					unparsed++
				}
			}
			for _, r := range rs {
				ok, spans := naiveMatch(r, &ev, g.dir)
				h, hit := got[r.Name]
				if ok != hit {
					t.Fatalf("seed %d: rule %+v: Match %v, naive %v on %s\n%s", seed, r, hit, ok, ev.Type, describeEvent(&ev))
				}
				if ok && !slices.Equal(h.Spans, spans) && (len(h.Spans) > 0 || len(spans) > 0) {
					t.Fatalf("seed %d: rule %+v: spans %v, naive %v in %q", seed, r, h.Spans, spans, h.Text)
				}
				if ok {
					matched++
				}
			}
		}
		t.Logf("seed %d: %d hits; messages not parsed by a matcher: %d of %d", seed, matched, unparsed, events*len(ms))
		if unparsed == 0 || matched == 0 {
			t.Errorf("seed %d: the test is not testing: %d not parsed, %d matched", seed, unparsed, matched)
		}
	}
}

// describeEvent returns an event's message for a failure.
func describeEvent(ev *symphony.V4Event) string {
	if m := ev.Message(); m != nil {
		return m.Message + "\n" + m.Data
	}
	return fmt.Sprintf("%+v", ev.Payload)
}

// gen makes random rules and events from one small world.
type gen struct {
	rng     *rand.Rand
	dir     *names.Directory
	people  []symphony.V4User
	streams []symphony.V4Stream
	n       int
}

// The world's vocabulary: words rules name, their near misses and case
// variants, and fillers.
var (
	genWords   = []string{"margin", "call", "limit", "breach", "sev", "sev1", "incident", "latency", "fix", "axe", "p99", "2s10s", "100m", "eod", "keep", "sos"}
	genNear    = []string{"recall", "calls", "Margin", "CALL", "limits", "breached", "SEV", "sev-1", "incidents", "Latency", "prefix", "axed", "P99", "2s10", "100mm", "EOD", "\u212aeep", "\u017fos", "ca ll", "mar gin"}
	genFillers = []string{"the", "desk", "is", "on", "it", "levels", "at", "4.185", "bid", "😀", "é", "a-b", "done", "100", "!", "(x)", "#", "$", "@"}
	genTags    = []string{"incident", "UST10Y", "EURUSD", "rates", "Incident", "ust10y"}
	genRegexes = []string{`(?i)\bsev ?[12]\b`, `(?i)sev[0-9]`, `margin\s+call`, `INC-\d{4}`, `\b(100|150)m\b`, `(?i)k(eep|ept)`, `l[aeiou]tency`, `[0-9]+\.[0-9]+`}
)

func newGen(rng *rand.Rand) *gen {
	g := &gen{rng: rng, dir: names.New()}
	for i, name := range []string{"Ana Silva", "Ben Ode", "Chloé Marchand", "Dev Patel", "Ana Silva"} {
		id := int64(7000 + i)
		u := symphony.V4User{UserID: id, DisplayName: name, Email: fmt.Sprintf("u%d@example.com", i)}
		g.people = append(g.people, u)
		if i < 4 { // the last one, a second Ana Silva, is not in the directory
			g.dir.LookedUp(symphony.UserV2{ID: id, DisplayName: name, EmailAddress: u.Email})
		}
	}
	g.dir.SetMe(7000)
	g.streams = []symphony.V4Stream{
		{StreamID: "roomRates", StreamType: "ROOM", RoomName: "Rates Desk"},
		{StreamID: "roomOps", StreamType: "ROOM", RoomName: "Ops Incidents"},
		{StreamID: "im01", StreamType: "IM", Members: []*symphony.V4User{&g.people[0], &g.people[1]}},
		{StreamID: "mim1", StreamType: "MIM", Members: []*symphony.V4User{&g.people[0], &g.people[1], &g.people[2]}},
		{StreamID: "wall", StreamType: "POST"},
		{StreamID: "roomUnknown", StreamType: "ROOM", RoomName: "Unlisted"},
	}
	for i := range 4 {
		g.dir.LearnStream(&g.streams[i])
	}
	return g
}

func (g *gen) pick(list []string) string { return list[g.rng.IntN(len(list))] }

func (g *gen) some(list []string, max int) []string {
	var out []string
	for range 1 + g.rng.IntN(max) {
		out = append(out, g.pick(list))
	}
	return out
}

// rule makes a rule of one to three random properties.
func (g *gen) rule(name string) Rule {
	r := Rule{Name: name, Disabled: g.rng.IntN(20) == 0}
	people := []string{"Ana Silva", "ben ode", "7002", "u3@example.com", "Nobody Here", "7004"}
	streams := []string{"Rates Desk", "ops incidents", "im01", "Ana Silva", "Ana Silva, Ben Ode, Chloé Marchand", "Unlisted", "nowhere"}
	for range 1 + g.rng.IntN(3) {
		switch g.rng.IntN(10) {
		case 0, 1:
			phrases := append(slices.Clone(genWords), "margin call", "limit breach", "sev 1", "keep calm", "#incident", "p99 latency", "200B", "icon")
			r.Words = g.some(phrases, 3)
		case 2:
			r.Regex = g.pick(genRegexes)
		case 3:
			r.Cashtags = g.some([]string{"UST10Y", "$eurusd", "GILT10Y"}, 2)
			r.AllTags = g.rng.IntN(3) == 0
		case 4:
			r.Hashtags = g.some([]string{"incident", "#Rates", "oncall"}, 2)
		case 5:
			r.Mentions = g.some(people, 2)
		case 6:
			r.Authors = g.some(people, 2)
		case 7:
			r.Streams = g.some(streams, 2)
		case 8:
			r.StreamTypes = g.some([]string{"ROOM", "im", "MIM", "POST", "CHAT"}, 2)
		case 9:
			r.Types = g.some([]string{"MESSAGESENT", "USERJOINEDROOM", "SHAREDPOST", "ROOMCREATED"}, 2)
		}
	}
	return r
}

// event makes a random event: mostly messages, some joins and shares.
func (g *gen) event() symphony.V4Event {
	g.n++
	st := g.streams[g.rng.IntN(len(g.streams))]
	author := g.people[g.rng.IntN(len(g.people))]
	ev := symphony.V4Event{ID: fmt.Sprintf("e%d", g.n), Initiator: &symphony.V4Initiator{User: &author}}
	switch k := g.rng.IntN(10); {
	case k == 0:
		ev.Type = symphony.EventUserJoinedRoom
		joined := g.people[g.rng.IntN(len(g.people))]
		ev.Payload = &symphony.V4Payload{UserJoinedRoom: &symphony.V4UserJoinedRoom{Stream: &st, AffectedUser: &joined}}
	case k == 1:
		ev.Type = symphony.EventSharedPost
		pml, data := g.message()
		ev.Payload = &symphony.V4Payload{SharedPost: &symphony.V4SharedPost{
			Message:       &symphony.V4Message{MessageID: "m" + ev.ID, Message: `<div data-format="PresentationML" data-version="2.0"></div>`, User: &author, Stream: &st},
			SharedMessage: &symphony.V4Message{MessageID: "s" + ev.ID, Message: pml, Data: data, User: &g.people[0]},
		}}
	default:
		ev.Type = symphony.EventMessageSent
		pml, data := g.message()
		ev.Payload = &symphony.V4Payload{MessageSent: &symphony.V4MessageSent{Message: &symphony.V4Message{
			MessageID: "m" + ev.ID, Message: pml, Data: data, User: &author, Stream: &st,
		}}}
	}
	return ev
}

// message makes a random PresentationML message and its EntityJSON.
func (g *gen) message() (string, string) {
	var b strings.Builder
	data := map[string]string{}
	b.WriteString(`<div data-format="PresentationML" data-version="2.0">`)
	if g.rng.IntN(3) == 0 {
		b.WriteString("<p>")
	}
	for range 3 + g.rng.IntN(12) {
		if g.rng.IntN(3) > 0 {
			b.WriteString(g.pick([]string{" ", " ", "\n", "  ", "\t"}))
		}
		b.WriteString(g.piece(data))
	}
	if g.rng.IntN(3) == 0 {
		b.WriteString("</p>")
	}
	b.WriteString("</div>")
	var d strings.Builder
	d.WriteString("{")
	first := true
	for _, k := range sortedKeys(data) {
		if !first {
			d.WriteString(",")
		}
		first = false
		d.WriteString(`"` + k + `":` + data[k])
	}
	d.WriteString("}")
	if len(data) == 0 && g.rng.IntN(2) == 0 {
		return b.String(), ""
	}
	return b.String(), d.String()
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// piece writes one word, tag, entity or oddity of a message.
func (g *gen) piece(data map[string]string) string {
	word := func() string {
		switch g.rng.IntN(4) {
		case 0:
			return g.pick(genNear)
		case 1:
			return g.pick(genFillers)
		}
		return g.pick(genWords)
	}
	entity := func(typ, idType, value, text string) string {
		id := fmt.Sprintf("e%d", len(data)+1)
		data[id] = fmt.Sprintf(`{"type":%q,"version":"1.0","id":[{"type":%q,"value":%s}]}`, typ, idType, value)
		return `<span class="entity" data-entity-id="` + id + `">` + text + `</span>`
	}
	switch g.rng.IntN(48) {
	case 0:
		w := g.pick(genWords)
		k := 1 + g.rng.IntN(max(1, len(w)-1))
		if k >= len(w) {
			return w
		}
		return w[:k] + "<b>" + w[k:] + "</b>" // a tag inside a word
	case 1:
		return "<b>" + word() + "</b>"
	case 2:
		return "</p><p>" + word()
	case 3:
		return "<br/>" + word()
	case 4:
		tag := g.pick(genTags)
		return entity("org.symphonyoss.taxonomy", "org.symphonyoss.taxonomy.hashtag", `"`+tag+`"`, "#"+tag)
	case 5:
		tag := g.pick(genTags)
		return entity("org.symphonyoss.fin.security", "org.symphonyoss.fin.security.id.ticker", `"`+tag+`"`, "$"+tag)
	case 6:
		p := g.people[g.rng.IntN(len(g.people))]
		return entity("com.symphony.user.mention", "com.symphony.user.userId", itoa(p.UserID), "@"+p.DisplayName)
	case 7:
		p := g.people[g.rng.IntN(len(g.people))]
		return entity("com.symphony.user.mention", "com.symphony.user.userId", itoa(p.UserID), "")
	case 8:
		return `<div class="card" data-icon-src="https://x.example.com/firing.png"><div class="cardHeader">` + word() + `</div><div class="cardBody">` + word() + `</div></div>`
	case 9:
		return `<time datetime="2026-12-01T18:00:00Z" data-format="date">` + word() + `</time>`
	case 10:
		return `<ol><li>` + word() + `</li><li>` + word() + `</li></ol>`
	case 11:
		return `<a href="https://` + g.pick(genWords) + `.example.com/x">` + word() + `</a>`
	case 12:
		return `<a href="https://` + g.pick(genWords) + `.example.com/x"></a>`
	case 13:
		return g.pick([]string{"&amp;", "&lt;", "&#115;ev", "&eacute;", "&nbsp;", "AT&T", "&#39;"})
	case 14:
		return "*" + word() + "*" + g.pick(genWords)
	case 15:
		return g.pick([]string{":one:", "ab:one:", "sev:one:", ":fire:", "call:keycap_ten:"})
	case 16:
		return "mar\u200bgin"
	case 17:
		return `<form id="f"><text-field name="x" placeholder="` + word() + `"></text-field><button name="b">` + word() + `</button></form>`
	case 18:
		return "<!-- " + word() + " -->"
	case 19:
		return `<span class="tempo-text-color--red">` + word() + `</span>`
	case 20:
		return `<code>` + word() + `</code>`
	case 21:
		return "_" + word() + "_"
	case 22:
		return `<span class="entity" data-entity-id="emo">:one:</span>`
	case 23:
		return "`" + word() + "`"
	case 24, 25:
		w := g.pick(genWords)
		k := 1 + g.rng.IntN(max(1, len(w)-1))
		if k >= len(w) {
			return w
		}
		mark := g.pick([]string{"*", "_", "`", "**"})
		return w[:k] + mark + w[k:] + mark // markdown inside a word, which render drops
	case 26:
		return g.pick([]string{"sev<b>:one:</b>", "sev <i>:two:</i>", "mar<b>:one:</b>"}) // a keycap after a word
	case 27:
		// An emoji whose text is a shortcode shows the glyph its
		// EntityJSON gives, here a word.
		id := fmt.Sprintf("e%d", len(data)+1)
		data[id] = fmt.Sprintf(`{"type":"com.symphony.emoji","version":"1.0","data":{"shortcode":"x","unicode":%q}}`, word())
		return g.pick([]string{`<span class="entity" data-entity-id="` + id + `">:x:</span>`, `<span class="entity" data-entity-id="` + id + `"><b>:x:</b></span>`})
	case 28:
		// An action shows the label its EntityJSON gives, not its text;
		// its type may be written with escapes.
		id := fmt.Sprintf("e%d", len(data)+1)
		typ := g.pick([]string{"fdc3.entity.action", `fdc3.entity\u002eaction`, `fdc3\.entity.action`})
		data[id] = fmt.Sprintf(`{"type":"%s","version":"1.0","label":%q,"action":{"type":"fdc3.ViewChart"}}`, typ, word())
		return `<span class="entity" data-entity-id="` + id + `">` + word() + `</span>`
	case 29:
		tag := g.pick(genTags)
		return entity("org.symphonyoss.fin.security", "org.symphonyoss.fin.security.id.ticker", `"`+tag+`"`, "<b>$"+tag+"</b>")
	case 30:
		// A tag whose EntityJSON escapes a letter, which render's
		// lenient reader reads as the letter.
		tag := g.pick(genTags)
		return entity("org.symphonyoss.taxonomy", "org.symphonyoss.taxonomy.hashtag", `"`+tag[:1]+`\`+tag[1:]+`"`, "#"+tag)
	}
	return word()
}
