package render

import (
	"fmt"
	"html"
	"math/rand/v2"
	"strings"
)

// corpusMsg is one message of the benchmark corpus, as the agent delivers
// it and as the equivalent Markdown glamour is measured on.
type corpusMsg struct {
	kind     string
	pml      string
	data     string
	markdown string
}

// The corpus mix: a realistic chat day of 200 messages.
const (
	corpusShort     = 110
	corpusParagraph = 45
	corpusCode      = 15
	corpusTable     = 8
	corpusList      = 6
	corpusCard      = 8
	corpusForm      = 8
)

var corpusWords = strings.Fields(`the fill rate on that order looks off can you check against yesterday's close
we are seeing latency spikes in the gateway after the last deploy rollback is ready if needed
desk wants a level on the ten year before the auction please confirm sizes and timing
ops ticket raised for the reconciliation break between our books and the custodian report
let's sync after lunch on the migration plan for the pricing service and the new cache`)

var corpusShorts = []string{
	"ok, on it", "thanks!", "👍 done", "can you send me the link?", "lunch?", "back in 5",
	"EURUSD looks heavy here", "deploy is green ✅", "who owns the pricing service?", "ack",
	"sounds good to me", "I'll take a look after the standup", "PR is up for review", "+1",
	"any news on the settlement issue?", "market's opening soft", "restarting the job now",
}

var corpusNames = []string{"Alice Martin", "Bob Chen", "Chloé Durand", "Dmitri Volkov", "Emma Schmidt", "Farid Haddad", "山田 太郎"}

var corpusCodes = []struct{ lang, code string }{
	{"go", "func (s *Server) Reload(ctx context.Context) error {\n\tcfg, err := s.loader.Load(ctx)\n\tif err != nil {\n\t\treturn fmt.Errorf(\"reload %s: %w\", s.name, err)\n\t}\n\ts.mu.Lock()\n\tdefer s.mu.Unlock()\n\ts.cfg = cfg\n\treturn nil\n}"},
	{"python", "import pandas as pd\n\ndf = pd.read_parquet(path)\nbreaks = df[df.qty_ours != df.qty_theirs]\nfor _, row in breaks.iterrows():\n    print(row.trade_id, row.qty_ours - row.qty_theirs)\nprint(len(breaks), 'breaks')"},
	{"yaml", "quotes:\n  throttle: 500   # was 50 after the last push\n  maxInflight: 256\n  staleAfter: 500ms\ncanary:\n  weight: 10\n  metrics: [p99_latency, reject_rate]"},
	{"java", "public final class OrderBook {\n    private final Map<String, Level> bids = new TreeMap<>();\n\n    @Override\n    public String toString() {\n        return \"OrderBook{\" + bids.size() + \" levels}\";\n    }\n}"},
	{"sql", "SELECT trade_id, qty, price\nFROM trades t\nJOIN fills f ON f.trade_id = t.id\nWHERE t.booked_at > now() - interval '1 day'\n  AND f.qty <> t.qty\nORDER BY t.booked_at DESC\nLIMIT 50;"},
	{"", "2026-11-22T09:14:03Z INFO  gateway  reload requested by ops\n2026-11-22T09:14:04Z WARN  gateway  upstream pricing slow (p99 812ms)\n2026-11-22T09:14:09Z ERROR gateway  circuit open for pricing-eu"},
}

// code20 is a 20-line Go block, the worst common code block.
const code20 = `package quotes

import (
	"context"
	"fmt"
	"time"
)

// Throttle drops quotes that arrive faster than every interval.
type Throttle struct {
	last     map[string]time.Time
	interval time.Duration
}

func (t *Throttle) Allow(ctx context.Context, symbol string) (bool, error) {
	if now := time.Now(); now.Sub(t.last[symbol]) >= t.interval {
		t.last[symbol] = now
		return true, ctx.Err()
	}
	return false, fmt.Errorf("throttled %s", symbol)
}`

// corpusRand returns the corpus's random source.
func corpusRand() *rand.Rand { return rand.New(rand.NewPCG(2026, 11)) }

// benchCorpus builds the 200-message corpus, shuffled deterministically.
func benchCorpus() []corpusMsg {
	rng := corpusRand()
	var msgs []corpusMsg
	for range corpusShort {
		msgs = append(msgs, shortMsg(rng))
	}
	for range corpusParagraph {
		msgs = append(msgs, paragraphMsg(rng))
	}
	for k := range corpusCode {
		msgs = append(msgs, codeMsg(corpusCodes[k%len(corpusCodes)].lang, corpusCodes[k%len(corpusCodes)].code))
	}
	for range corpusTable {
		msgs = append(msgs, tableMsg(rng, 4+rng.IntN(7), 3+rng.IntN(3)))
	}
	for range corpusList {
		msgs = append(msgs, listMsg(rng))
	}
	for range corpusCard {
		msgs = append(msgs, cardMsg(rng))
	}
	for range corpusForm {
		msgs = append(msgs, formMsg(rng))
	}
	rng.Shuffle(len(msgs), func(i, j int) { msgs[i], msgs[j] = msgs[j], msgs[i] })
	return msgs
}

// wysiwyg wraps a body in the root a desktop client's message has.
func wysiwyg(body string) string {
	return `<div data-format="PresentationML" data-version="2.0" class="wysiwyg">` + body + `</div>`
}

// agentRoot wraps a body in the root of a bot's converted message.
func agentRoot(body string) string {
	return `<div data-format="PresentationML" data-version="2.0">` + body + `</div>`
}

func sentence(rng *rand.Rand, n int) string {
	var w []string
	for range n {
		w = append(w, corpusWords[rng.IntN(len(corpusWords))])
	}
	return strings.Join(w, " ")
}

func shortMsg(rng *rand.Rand) corpusMsg {
	s := corpusShorts[rng.IntN(len(corpusShorts))]
	if rng.IntN(3) == 0 {
		s = sentence(rng, 4+rng.IntN(8))
	}
	return corpusMsg{kind: "short", pml: wysiwyg("<p>" + html.EscapeString(s) + "</p>"), data: "{}", markdown: s}
}

func paragraphMsg(rng *rand.Rand) corpusMsg {
	name := corpusNames[rng.IntN(len(corpusNames))]
	var p, md strings.Builder
	p.WriteString("<p>")
	p.WriteString(`<span class="entity" data-entity-id="0">@` + html.EscapeString(name) + `</span> `)
	md.WriteString("@" + name + " ")
	for k := range 6 {
		s := sentence(rng, 6+rng.IntN(6))
		switch k {
		case 1:
			p.WriteString("<b>" + s + "</b> ")
			md.WriteString("**" + s + "** ")
		case 2:
			p.WriteString(`<a href="https://wiki.example.com/page/` + fmt.Sprint(rng.IntN(999)) + `">` + s + `</a> `)
			md.WriteString("[" + s + "](https://wiki.example.com/page/" + fmt.Sprint(rng.IntN(999)) + ") ")
		case 3:
			p.WriteString("<i>" + s + "</i> <code>make deploy</code> ")
			md.WriteString("_" + s + "_ `make deploy` ")
		case 4:
			p.WriteString(`<span class="entity" data-entity-id="1">#markets</span> <span class="entity" data-entity-id="2">$AAPL</span> `)
			md.WriteString("#markets $AAPL ")
		default:
			p.WriteString(s + ". ")
			md.WriteString(s + ". ")
		}
	}
	p.WriteString("</p>")
	data := `{"0":{"type":"com.symphony.user.mention","version":"1.0","id":[{"type":"com.symphony.user.userId","value":"7215545058313"}]},` +
		`"1":{"type":"org.symphonyoss.taxonomy","version":"1.0","id":[{"type":"org.symphonyoss.taxonomy.hashtag","value":"markets"}]},` +
		`"2":{"type":"org.symphonyoss.fin.security","version":"1.0","id":[{"type":"org.symphonyoss.fin.security.id.ticker","value":"AAPL"}]}}`
	return corpusMsg{kind: "paragraph", pml: wysiwyg(p.String()), data: data, markdown: md.String()}
}

func codeMsg(lang, code string) corpusMsg {
	attr := ""
	if lang != "" {
		attr = ` data-language="` + lang + `"`
	}
	return corpusMsg{
		kind:     "code",
		pml:      agentRoot("<p>Here is the snippet:</p><code" + attr + ">" + html.EscapeString(code) + "</code>"),
		data:     "{}",
		markdown: "Here is the snippet:\n\n```" + lang + "\n" + code + "\n```\n",
	}
}

func tableMsg(rng *rand.Rand, rows, cols int) corpusMsg {
	var p, md strings.Builder
	p.WriteString("<p><b>Levels</b></p><table><thead><tr>")
	md.WriteString("**Levels**\n\n|")
	heads := []string{"Instrument", "Bid", "Offer", "Chg (bp)", "Size", "Venue"}
	for c := range cols {
		p.WriteString("<th>" + heads[c] + "</th>")
		md.WriteString(" " + heads[c] + " |")
	}
	p.WriteString("</tr></thead><tbody>")
	md.WriteString("\n|" + strings.Repeat(" --- |", cols) + "\n")
	for range rows {
		p.WriteString("<tr>")
		md.WriteString("|")
		for c := range cols {
			v := fmt.Sprintf("%.3f", 90+rng.Float64()*20)
			if c == 0 {
				v = []string{"UST 2Y", "UST 10Y", "Bund 10Y", "OAT 10Y", "Gilt 30Y", "BTP 5Y"}[rng.IntN(6)]
			}
			p.WriteString("<td>" + v + "</td>")
			md.WriteString(" " + v + " |")
		}
		p.WriteString("</tr>")
		md.WriteString("\n")
	}
	p.WriteString("</tbody></table>")
	return corpusMsg{kind: "table", pml: agentRoot(p.String()), data: "{}", markdown: md.String()}
}

func listMsg(rng *rand.Rand) corpusMsg {
	var p, md strings.Builder
	p.WriteString("<p><b>Axes today</b></p><ul>")
	md.WriteString("**Axes today**\n\n")
	for range 3 + rng.IntN(4) {
		s := sentence(rng, 5+rng.IntN(6))
		p.WriteString("<li>" + s + "</li>")
		md.WriteString("- " + s + "\n")
	}
	p.WriteString("</ul>")
	return corpusMsg{kind: "list", pml: agentRoot(p.String()), data: "{}", markdown: md.String()}
}

func cardMsg(rng *rand.Rand) corpusMsg {
	head := "Incident INC-" + fmt.Sprint(1000+rng.IntN(9000)) + ": pricing-eu degraded"
	body := sentence(rng, 20+rng.IntN(20))
	pml := agentRoot(`<div class="card barStyle" data-icon-src="https://alerts.example.com/icon.png" data-accent-color="red">` +
		`<div class="cardHeader">` + head + `</div><div class="cardBody"><p>` + body + `</p>` +
		`<p><span class="label">Owner</span> <span class="entity" data-entity-id="mention1">@Bob Chen</span></p></div></div>`)
	data := `{"mention1":{"type":"com.symphony.user.mention","version":"1.0","id":[{"type":"com.symphony.user.userId","value":1}]}}`
	return corpusMsg{kind: "card", pml: pml, data: data, markdown: "> **" + head + "**\n>\n> " + body + "\n>\n> Owner @Bob Chen\n"}
}

func formMsg(rng *rand.Rand) corpusMsg {
	pml := agentRoot(`<form id="ack"><div class="textfield-group" data-generated="true"><label for="textfield-x">Comment</label>` +
		`<input type="text" name="comment" placeholder="Anything to add?" id="textfield-x"/></div>` +
		`<select name="choice" data-placeholder="Pick one"><option value="a">Approve</option><option value="r">Reject</option></select>` +
		`<div class="checkbox-group"><input type="checkbox" name="notify" value="yes" id="checkbox-group-x"/><label for="checkbox-group-x">Notify the desk</label></div>` +
		`<button type="action" name="ok" class="primary">Submit</button><button type="reset">Reset</button></form>`)
	md := "**Comment**\n\n`Anything to add?`\n\n- [ ] Approve\n- [ ] Reject\n- [ ] Notify the desk\n\n`Submit` `Reset`\n"
	return corpusMsg{kind: "form", pml: pml, data: "{}", markdown: md}
}
