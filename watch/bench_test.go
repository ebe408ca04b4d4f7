package watch

import (
	"strconv"
	"strings"
	"testing"

	"github.com/tutti-chat/tutti/simulator/scenario"
	"github.com/tutti-chat/tutti/symphony"
)

// The benchmark measures Match with fifty rules of the kinds a desk and an
// on-call rota write, over the demo scenario's history (messages with
// their EntityJSON, tables, cards and forms among them, and membership
// events), and over a busy pod's feed:
//
//	go test -run '^$' -bench . -benchmem ./watch

// benchRules returns fifty varied rules naming the demo's people, rooms,
// tickers, tags and words.
func benchRules(d *demo) []Rule {
	head, sre, trader := d.person(2), d.person(5), d.person(1)
	id := func(p int64) string { return strconv.FormatInt(p, 10) }
	return []Rule{
		{Name: "incidents", Hashtags: []string{"incident"}},
		{Name: "sev", Regex: `(?i)\bsev ?[12]\b`},
		{Name: "firing", Words: []string{"FIRING"}, Streams: []string{"Ops Incidents"}},
		{Name: "rates-risk", Words: []string{"limit breach", "margin call"}, Cashtags: []string{"UST10Y", "EURUSD"}, Streams: []string{"Rates Desk"}},
		{Name: "ust10y", Cashtags: []string{"UST10Y"}},
		{Name: "fx-majors", Cashtags: []string{"EURUSD", "GBPUSD", "USDJPY"}},
		{Name: "new-joiners", Types: []string{"USERJOINEDROOM"}, Streams: []string{"Ops Incidents"}},
		{Name: "leavers", Types: []string{"USERLEFTROOM"}},
		{Name: "rooms", Types: []string{"ROOMCREATED"}},
		{Name: "me", Mentions: []string{id(d.dir.Me())}},
		{Name: "from-head", Authors: []string{head.DisplayName}},
		{Name: "urgent-im", StreamTypes: []string{"IM"}, Words: []string{"urgent", "asap"}},
		{Name: "latency", Words: []string{"p99 latency", "latency spike"}},
		{Name: "services", Words: []string{"pricing-gateway", "fix-router", "risk-engine"}},
		{Name: "deploys", Hashtags: []string{"deploy", "rollback"}, Streams: []string{"Platform Releases"}},
		{Name: "auctions", Words: []string{"auction tailed", "auction"}},
		{Name: "data", Hashtags: []string{"fomc", "cpi"}},
		{Name: "central-banks", Words: []string{"Powell", "Lagarde"}},
		{Name: "equities", Cashtags: []string{"AAPL", "MSFT", "NVDA"}},
		{Name: "disk", Regex: `disk \d+% full`},
		{Name: "error-rate", Regex: `(?i)error rate \d+`},
		{Name: "heartbeat", Words: []string{"heartbeat missing"}},
		{Name: "pnl", Hashtags: []string{"pnl"}, StreamTypes: []string{"ROOM"}},
		{Name: "lunch", Words: []string{"lunch"}, Streams: []string{"Lunch & Social"}, Disabled: true},
		{Name: "announcements", Streams: []string{"Larkspur Announcements"}},
		{Name: "axes", Streams: []string{"Kestrel × Larkspur Rates"}, Words: []string{"axe"}},
		{Name: "incident-ids", Regex: `INC-\d{4}`},
		{Name: "euro-govies", Cashtags: []string{"BUND10Y", "GILT10Y", "OAT10Y"}},
		{Name: "post-mortems", Hashtags: []string{"postmortem"}, Words: []string{"post-mortem"}},
		{Name: "sign-off", Words: []string{"sign off"}},
		{Name: "marks", Words: []string{"marks are in"}},
		{Name: "batches", Words: []string{"positions-eod", "risk-var", "recon-cash"}},
		{Name: "margin", Words: []string{"margin-calls"}},
		{Name: "on-call", Hashtags: []string{"oncall", "sre"}},
		{Name: "freeze", Hashtags: []string{"changefreeze"}},
		{Name: "fixing", Hashtags: []string{"fixing"}, Words: []string{"fix"}},
		{Name: "curves", Words: []string{"2s10s", "5s30s"}},
		{Name: "shape", Words: []string{"steepener", "flattener"}},
		{Name: "size", Regex: `\b(100|150|250)m\b`},
		{Name: "sentinel", Authors: []string{"Ops Sentinel"}, Types: []string{"MESSAGESENT"}},
		{Name: "dm-from-head", Authors: []string{head.Email}, StreamTypes: []string{"CHAT"}},
		{Name: "walls", StreamTypes: []string{"POST"}},
		{Name: "owners", Types: []string{"ROOMMEMBERPROMOTEDTOOWNER", "ROOMMEMBERDEMOTEDFROMOWNER"}},
		{Name: "sre", Mentions: []string{sre.DisplayName}},
		{Name: "connections", Types: []string{"CONNECTIONREQUESTED"}},
		{Name: "forms", Types: []string{"SYMPHONYELEMENTSACTION"}},
		{Name: "eod-mim", StreamTypes: []string{"MIM"}, Words: []string{"eod"}},
		{Name: "releases", Words: []string{"deployed", "rolled back"}},
		{Name: "outages", Words: []string{"outage", "degraded"}, Authors: []string{trader.DisplayName, id(sre.ID)}},
		{Name: "japan", Cashtags: []string{"JGB10Y"}, Words: []string{"BoJ"}},
	}
}

// BenchmarkMatch matches events of the demo's history against the fifty
// rules; ns/event is the mean cost of Match, parsing included where a rule
// needs the text. It reports the share of the events some rule matched and
// of those whose message Match parsed:
//
//   - all: every event;
//   - unmatched: the events no rule matches;
//   - chat: the one-line chat messages (no card, table or form), matched
//     or not;
//   - ruled-out: the messages no rule matches that Match answers without
//     parsing them, the sketch having ruled every rule out;
//
// and, in ns/message, what two steps of Match cost on their own:
//
//   - sketches: the sketches of a message's PresentationML and EntityJSON,
//     over every message;
//   - parse: the parse of a message, over those Match parsed.
func BenchmarkMatch(b *testing.B) {
	benchMatch(b, scenario.Demo)
}

// BenchmarkMatchFeed matches the busy scenario's live traffic, 10,000
// actions of a pod with messages everywhere, against the same fifty rules:
// what a feed of 1,000 events a second costs.
func BenchmarkMatchFeed(b *testing.B) {
	benchMatch(b, scenario.Busy)
}

// benchMatch runs the sets of BenchmarkMatch over the events of the
// scenario name.
func benchMatch(b *testing.B, name string) {
	d := scenarioEvents(b, name)
	m, err := New(benchRules(d), d.dir)
	if err != nil {
		b.Fatal(err)
	}
	var unmatched, chat, ruledOut []symphony.V4Event
	var parsed, messages []*symphony.V4Message
	for i := range d.events {
		ev := d.events[i]
		hits := m.Match(&ev)
		if m.ev.ct != nil {
			parsed = append(parsed, m.ev.msg)
		}
		if ev.Message() != nil {
			messages = append(messages, ev.Message())
		}
		if hits == nil {
			unmatched = append(unmatched, ev)
			if ev.Message() != nil && m.ev.ct == nil {
				ruledOut = append(ruledOut, ev)
			}
		}
		if msg := ev.Message(); msg != nil && !strings.Contains(msg.Message, "<table") && !strings.Contains(msg.Message, "class=\"card") &&
			!strings.Contains(msg.Message, "<form") && !strings.Contains(msg.Message, "<p>") && !strings.Contains(msg.Message, "<br") {
			chat = append(chat, ev)
		}
	}
	for _, set := range []struct {
		name   string
		events []symphony.V4Event
	}{{"all", d.events}, {"unmatched", unmatched}, {"chat", chat}, {"ruled-out", ruledOut}} {
		if len(set.events) == 0 {
			continue
		}
		b.Run(set.name, func(b *testing.B) {
			matched, parsed := countMatches(m, set.events)
			b.ReportAllocs()
			for b.Loop() {
				for i := range set.events {
					m.Match(&set.events[i])
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(set.events)), "ns/event")
			b.ReportMetric(100*float64(matched)/float64(len(set.events)), "%matched")
			b.ReportMetric(100*float64(parsed)/float64(len(set.events)), "%parsed")
			b.ReportMetric(float64(len(set.events)), "events")
		})
	}
	// What Match spends on a message, on its own: the sketches of every
	// message, and the parse of those it parsed.
	b.Run("sketches", func(b *testing.B) {
		var pml, data sketch
		for b.Loop() {
			for _, msg := range messages {
				pml.reset()
				pml.addPML(msg.Message, msg.Data)
				data.reset()
				data.addData(msg.Data)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(messages)), "ns/message")
	})
	b.Run("parse", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, msg := range parsed {
				parseContent(msg)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(parsed)), "ns/message")
	})
}

// countMatches returns how many events match a rule, and how many of them
// Match parsed.
func countMatches(m *Matcher, events []symphony.V4Event) (matched, parsed int) {
	for i := range events {
		if m.Match(&events[i]) != nil {
			matched++
		}
		if m.ev.ct != nil {
			parsed++
		}
	}
	return matched, parsed
}
