package scenario

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

// Rich messages: tables, lists, code, cards, forms, files and chimes.

// ratesRun writes a price grid of government bonds.
func (m *composer) ratesRun(actor int64, members []int64) message {
	m.begin(topicRates, actor, members)
	m.b.WriteString(`<messageML><p><b>`)
	m.b.WriteString(pick(m.rng, []string{"Morning run", "Levels", "Run for the afternoon", "Indications"}))
	m.b.WriteString(`</b> <hash tag="govies"/></p><table><thead><tr><th>Bond</th><th>Bid</th><th>Offer</th><th>Chg (bp)</th></tr></thead><tbody>`)
	start := m.rng.IntN(len(ratesInstruments) - 4)
	for _, in := range ratesInstruments[start : start+3+m.rng.IntN(2)] {
		bid := m.level(in, 0.02, 0)
		m.b.WriteString(`<tr><td><cash tag="` + in.ticker + `"/></td><td>` + bid + `</td><td>` + m.level(in, 0.02, -4-m.rng.IntN(6)) + `</td><td>`)
		chg := float64(m.rng.IntN(41)-20) / 4
		if chg > 0 {
			m.b.WriteByte('+')
		}
		m.b.WriteString(strconv.FormatFloat(chg, 'f', 2, 64) + `</td></tr>`)
	}
	m.b.WriteString(`</tbody></table><p>Sizes `)
	m.expand(`{sz} a side, {e:fire} ask for more`)
	m.b.WriteString(`</p></messageML>`)
	return message{ml: m.b.String()}
}

// fxRun writes a grid of FX quotes.
func (m *composer) fxRun(actor int64, members []int64) message {
	m.begin(topicFX, actor, members)
	m.b.WriteString(`<messageML><p><b>G10 indications</b> <hash tag="fx"/></p><table><thead><tr><th>Pair</th><th>Bid</th><th>Offer</th><th>1w ATM vol</th></tr></thead><tbody>`)
	start := m.rng.IntN(len(fxPairs) - 5)
	for _, in := range fxPairs[start : start+4+m.rng.IntN(2)] {
		m.b.WriteString(`<tr><td><cash tag="` + in.ticker + `"/></td><td>` + m.level(in, 0.004, 0) + `</td><td>` + m.level(in, 0.004, 2+m.rng.IntN(4)) + `</td><td>`)
		m.b.WriteString(strconv.FormatFloat(5+m.rng.Float64()*6, 'f', 2, 64) + `</td></tr>`)
	}
	m.b.WriteString(`</tbody></table></messageML>`)
	return message{ml: m.b.String()}
}

// axes writes a bulleted list of the desk's axes.
func (m *composer) axes(t topic, actor int64, members []int64) message {
	m.begin(t, actor, members)
	m.b.WriteString(`<messageML><p><b>Axes today</b></p><ul>`)
	items := []string{
		"<li>Better buyer of {rt} in {sz}</li>", "<li>Seller of {rt} vs futures, {sz}</li>",
		"<li>Receive {tenor} SOFR, {sz} DV01-neutral</li>", "<li>{curve} steepener for {client}</li>",
		"<li>Buyer of {fx} 1m puts, {sz}</li>", "<li>Seller of {fx} topside at {px}</li>",
	}
	if t == topicFX {
		items = items[4:]
	} else {
		items = items[:4]
	}
	for _, i := range m.rng.Perm(len(items))[:2+m.rng.IntN(len(items)-1)] {
		m.expand(items[i])
	}
	m.b.WriteString(`</ul><p>Ping me or `)
	m.expand(`{m} for levels</p></messageML>`)
	return message{ml: m.b.String()}
}

// snippet is a piece of code the platform team pastes. Language is one the
// MessageML code element accepts; empty means a Go fragment, which has no
// language of its own there and goes in a pre block.
type snippet struct{ language, code string }

var snippets = []snippet{
	{"", "if err := gw.Reload(ctx); err != nil {\n\treturn fmt.Errorf(\"reload %s: %w\", name, err)\n}"},
	{"", "select {\ncase q := <-quotes:\n\tbook.Apply(q)\ncase <-ctx.Done():\n\treturn ctx.Err()\n}"},
	{"", "for _, s := range sessions {\n\tif s.SeqGap() > 0 && !s.Resending() {\n\t\ts.RequestResend()\n\t}\n}"},
	{"yaml", "quotes:\n  throttle: 500   # was 50 after the last push\n  maxInflight: 256\n  staleAfter: 500ms"},
	{"yaml", "canary:\n  weight: 10\n  metrics: [p99_latency, reject_rate]\n  rollbackOn: reject_rate > 0.01"},
	{"python", "df = pd.read_parquet(path)\nbreaks = df[df.qty_ours != df.qty_theirs]\nprint(len(breaks), 'breaks')"},
	{"shell", "kubectl -n pricing rollout undo deploy/pricing-gateway\nkubectl -n pricing rollout status deploy/pricing-gateway"},
	{"json", "{\n  \"session\": \"KESTREL-FI\",\n  \"heartbeat\": 30,\n  \"resetOnLogon\": false\n}"},
}

// code writes a code block with a line of context.
func (m *composer) code(t topic, actor int64, members []int64) message {
	m.begin(t, actor, members)
	m.b.WriteString(`<messageML><p>`)
	m.expand(pick(m.rng, []string{
		"This is the change in {svc}, {m} can you review?",
		"Found it, in {svc}:",
		"Proposed fix for {tkt}:",
		"This is what {ver} does differently:",
	}))
	m.b.WriteString(`</p>`)
	s := pick(m.rng, snippets)
	if s.language == "" {
		m.b.WriteString(`<pre>`)
		m.text(s.code)
		m.b.WriteString(`</pre></messageML>`)
	} else {
		m.b.WriteString(`<code language="` + s.language + `">`)
		m.text(s.code)
		m.b.WriteString(`</code></messageML>`)
	}
	return message{ml: m.b.String()}
}

// logExcerpt writes a few lines of a service log in a pre block.
func (m *composer) logExcerpt(t topic, actor int64, members []int64) message {
	m.begin(t, actor, members)
	svc, host := m.cached("svc"), m.cached("host")
	m.b.WriteString(`<messageML><p>From ` + host + `:</p><pre>`)
	at := m.clock.Add(-time.Duration(m.rng.IntN(600)) * time.Second).UTC()
	msgs := []string{
		"WARN  upstream timeout after 2000ms peer=md-normaliser:9443",
		"ERROR quote rejected: stale price age=1832ms limit=500ms",
		"INFO  reconnecting session KESTREL-FI seq=48812",
		"WARN  queue depth 8421 > 5000 (quotes)",
		"ERROR write tcp 10.14.2.7:51422->10.14.9.3:9092: i/o timeout",
		"INFO  config reloaded version=" + m.cached("ver"),
	}
	for i := 0; i < 3+m.rng.IntN(3); i++ {
		at = at.Add(time.Duration(m.rng.IntN(4000)) * time.Millisecond)
		m.text(at.Format("15:04:05.000") + " " + svc + " " + pick(m.rng, msgs) + "\n")
	}
	m.b.WriteString(`</pre></messageML>`)
	return message{ml: m.b.String()}
}

// alerts are the conditions the monitoring bot fires on: a headline and the
// threshold row of its card.
var alerts = []struct{ headline, threshold string }{
	{"p99 latency {ms}ms", "250ms"},
	{"error rate {pct}.{n}% on quote requests", "1%"},
	{"consumer lag 4{n}{n}12 messages", "10000"},
	{"disk {pct}% full on /var/lib", "85%"},
	{"heartbeat missing for {n}0s", "30s"},
	{"FIX session KESTREL-FI disconnected", "any"},
}

// alertCard writes a firing alert about svc and incident inc (random when
// empty); it returns the incident it names.
func (m *composer) alertCard(actor int64, members []int64, svc, inc string) (message, string) {
	m.begin(topicOps, actor, members)
	m.preset("svc", svc)
	m.preset("inc", inc)
	a := pick(m.rng, alerts)
	svc, inc = m.cached("svc"), m.cached("inc")
	host := m.cached("host")
	m.b.WriteString(`<messageML><card accent="tempo-bg-color--red" iconSrc="https://assets.larkspurcapital.com/sentinel/firing.png"><header><emoji shortcode="rotating_light"/> <b>FIRING</b> ` + svc + `: `)
	m.expand(a.headline)
	m.b.WriteString(`</header><body><table><tbody><tr><td><b>Alert</b></td><td>` + inc + `</td></tr><tr><td><b>Host</b></td><td>` + host + `</td></tr><tr><td><b>Threshold</b></td><td>` + a.threshold + `</td></tr><tr><td><b>Since</b></td><td>`)
	m.dateTime(m.clock.Add(-time.Duration(30+m.rng.IntN(240))*time.Second).Truncate(time.Second), "time_secs")
	m.b.WriteString(`</td></tr></tbody></table><p><a href="https://grafana.larkspurcapital.com/d/` + svc + `">Dashboard</a> · <a href="https://runbooks.larkspurcapital.com/` + svc + `">Runbook</a></p></body></card></messageML>`)
	return message{ml: m.b.String()}, inc
}

// resolvedCard writes the all-clear of an alert (of incident inc, random
// when empty).
func (m *composer) resolvedCard(actor int64, members []int64, svc, inc string) message {
	m.begin(topicOps, actor, members)
	m.preset("svc", svc)
	m.preset("inc", inc)
	svc, inc = m.cached("svc"), m.cached("inc")
	m.b.WriteString(`<messageML><card accent="tempo-bg-color--green"><header><emoji shortcode="white_check_mark"/> <b>RESOLVED</b> ` + inc + ` ` + svc + `</header><body><p>Back under threshold for 5 minutes. Duration `)
	m.b.WriteString(strconv.Itoa(3+m.rng.IntN(40)) + `m.</p></body></card></messageML>`)
	return message{ml: m.b.String()}
}

// deployCard writes a deployment notice.
func (m *composer) deployCard(actor int64, members []int64) message {
	m.begin(topicRelease, actor, members)
	svc, ver := m.cached("svc"), m.cached("ver")
	m.b.WriteString(`<messageML><card accent="tempo-bg-color--blue" iconSrc="https://assets.larkspurcapital.com/sentinel/deploy.png"><header><emoji shortcode="rocket"/> Deployed <b>` + svc + ` ` + ver + `</b> to prod</header><body><p>Approved by `)
	m.mention(m.c.id(roleHeadPlatform))
	m.b.WriteString(`, released by `)
	m.mention(m.c.id(roleRelease))
	m.b.WriteString(`.</p><ul>`)
	changes := []string{
		"Retry budget for upstream timeouts", "Faster reprice on {fx}", "Upgrade to Go 1.26",
		"Drop the legacy v1 quote endpoint", "Metrics for FIX resend requests", "Fix rounding of JPY crosses",
		"New circuit breaker on ref-data", "Config hot reload",
	}
	for _, i := range m.rng.Perm(len(changes))[:2+m.rng.IntN(3)] {
		m.b.WriteString(`<li>`)
		m.expand(changes[i])
		tkt := "PLAT-" + strconv.Itoa(1000+m.rng.IntN(3000))
		m.b.WriteString(` (<a href="https://jira.larkspurcapital.com/browse/` + tkt + `">` + tkt + `</a>)</li>`)
	}
	m.b.WriteString(`</ul></body></card></messageML>`)
	return message{ml: m.b.String()}
}

// stackTrace writes an expandable card with an exception.
func (m *composer) stackTrace(actor int64, members []int64) message {
	m.begin(topicOps, actor, members)
	svc := m.cached("svc")
	m.b.WriteString(`<messageML><expandable-card state="collapsed"><header><emoji shortcode="warning"/> Panic in <b>` + svc + `</b> on ` + m.cached("host") + ` (restarted)</header><body variant="error"><pre>`)
	m.text("panic: runtime error: invalid memory address or nil pointer dereference\n" +
		"goroutine 4182 [running]:\n" +
		"larkspur/" + svc + "/book.(*Book).Apply(0x0, {0xc000a1e000, 0x3})\n" +
		"\t/src/" + svc + "/book/book.go:" + strconv.Itoa(80+m.rng.IntN(300)) + " +0x1c\n" +
		"larkspur/" + svc + "/feed.(*Loop).run(0xc0001b2000)\n" +
		"\t/src/" + svc + "/feed/loop.go:" + strconv.Itoa(40+m.rng.IntN(200)) + " +0x2f4")
	m.b.WriteString(`</pre></body></expandable-card></messageML>`)
	return message{ml: m.b.String()}
}

// ticket writes an issue tracker card as a structured object with its
// EntityJSON.
func (m *composer) ticket(t topic, actor int64, members []int64) message {
	m.begin(t, actor, members)
	key := m.cached("tkt")
	summary := pick(m.rng, []string{
		"Quote latency regression after config push", "FIX resend storm on reconnect",
		"Stale prices on JPY crosses", "Batch recon slow on month-end", "Alert routing for ref-data",
	})
	assignee := pick(m.rng, []role{roleSRE, roleRelease, roleHeadPlatform})
	status := pick(m.rng, []string{"Open", "In Progress", "In Review"})
	m.b.WriteString(`<messageML><div class="entity" data-entity-id="issue"><card accent="tempo-bg-color--purple"><header><a href="https://jira.larkspurcapital.com/browse/` + key + `">` + key + `</a> ` + summary + `</header><body><p><b>Status:</b> ` + status + ` <b>Assignee:</b> `)
	m.mention(m.c.id(assignee))
	m.b.WriteString(`</p></body></card></div></messageML>`)
	data, _ := json.Marshal(map[string]any{"issue": map[string]any{
		"type":    "com.larkspur.jira.issue",
		"version": "1.0",
		"key":     key,
		"summary": summary,
		"status":  status,
		"url":     "https://jira.larkspurcapital.com/browse/" + key,
		"assignee": map[string]any{
			"id":          m.c.id(assignee),
			"displayName": m.c.person(m.c.id(assignee)).DisplayName,
		},
	}})
	return message{ml: m.b.String(), data: string(data)}
}

// chime writes a chime: nothing else is allowed in the message.
func (m *composer) chime() message { return message{ml: "<messageML><chime/></messageML>"} }

// batchLine writes one line of the overnight batch report.
func (m *composer) batchLine(actor int64, job string) message {
	m.begin(topicOps, actor, nil)
	m.b.WriteString(`<messageML><p><b>` + job + `</b> `)
	switch m.rng.IntN(6) {
	case 0:
		m.b.WriteString(`finished with warnings: ` + strconv.Itoa(1+m.rng.IntN(9)) + ` records skipped <emoji shortcode="warning"/>`)
	default:
		m.b.WriteString(`completed in ` + strconv.Itoa(1+m.rng.IntN(20)) + `m ` + strconv.Itoa(m.rng.IntN(60)) + `s <emoji shortcode="white_check_mark"/>`)
	}
	m.b.WriteString(`</p></messageML>`)
	return message{ml: m.b.String()}
}

// report writes a message with end-of-day files attached.
func (m *composer) report(t topic, actor int64, members []int64) message {
	msg := m.line(t, actor, members, pick(m.rng, []string{
		"EOD P&amp;L and risk attached {e:white_check_mark}",
		"Attached: today's marks, {m} please sign off",
		"Recon report for today, {n} breaks all explained",
	}))
	day := m.clock.Format("2006-01-02")
	msg.files = []Attachment{{Name: "rates-eod-risk-" + day + ".xlsx", Size: 180_000 + m.rng.Int64N(900_000)}}
	if m.rng.IntN(2) == 0 {
		msg.files = append(msg.files, Attachment{Name: "pnl-explain-" + day + ".pdf", Size: 60_000 + m.rng.Int64N(400_000)})
	}
	return msg
}

// announcement writes a firm-wide announcement with a heading.
func (m *composer) announcement(actor int64, members []int64) message {
	m.begin(topicAnnounce, actor, members)
	m.b.WriteString(`<messageML><h3>`)
	m.b.WriteString(pick(m.rng, []string{"Office update", "Reminder", "Notice", "Good news"}))
	m.b.WriteString(`</h3><p>`)
	m.expand(pick(m.rng, lines[topicAnnounce]))
	m.b.WriteString(`</p></messageML>`)
	return message{ml: m.b.String()}
}

// wallPost writes a post for the owner's wall: a heading, a paragraph, a
// list and a link.
func (m *composer) wallPost(owner int64) message {
	m.begin(topicWall, owner, nil)
	r := roleQuant
	for _, x := range []role{roleHeadRates, roleHeadPlatform} {
		if m.c.id(x) == owner {
			r = x
		}
	}
	title := pick(m.rng, wallTitles[r])
	m.b.WriteString(`<messageML><h2>` + escape(title) + `</h2><p>`)
	if r == roleHeadPlatform {
		m.expand(`Short write-up for the desks. The numbers below are from {svc} in production, measured over the last month.</p><ul><li>p99 quote latency down from 38ms to {n}ms</li><li>Zero dropped sessions since the Dublin move</li><li>Deploys now take {n} minutes, with automatic rollback</li></ul>`)
	} else {
		m.expand(`My view in three points, details in the note. {h:strategy}</p><ul><li>{rt} fair value is {bp}bp lower than the market thinks</li><li>{curve} should steepen into {event}</li><li>Risk: a hawkish surprise from {event}</li></ul>`)
	}
	m.b.WriteString(`<p><a href="https://research.larkspurcapital.com/notes/` + strconv.Itoa(2000+m.rng.IntN(8000)) + `">Full note</a></p></messageML>`)
	return message{ml: m.b.String()}
}

// shareComment writes what someone says when sharing a wall post.
func (m *composer) shareComment(actor int64) message {
	return m.line(topicWall, actor, nil, pick(m.rng, []string{
		"Worth a read {e:point_up}", "Good summary, agree with most of it", "Sharing with the desk",
		"This is why we're positioned the way we are", "{e:100} must read",
	}))
}

// formKind is one of the Elements forms the bots send.
type formKind int

const (
	formRelease formKind = iota // a release approval, in Platform Releases
	formTriage                  // an incident triage, in Ops Incidents
	formLunch                   // a team lunch poll, in Lunch & Social
)

// form is an Elements form that was sent, for the submissions that follow.
type form struct {
	key, stream, id string
	kind            formKind
	submitted       []int64
}

// releaseForm writes a release approval form.
func (m *composer) releaseForm(actor int64, members []int64) message {
	m.begin(topicRelease, actor, members)
	svc, ver, chg := m.cached("svc"), m.cached("ver"), m.cached("chg")
	id := "release-approval-" + strings.ToLower(chg)
	m.b.WriteString(`<messageML><form id="` + id + `"><h3>Release approval: ` + svc + ` ` + ver + `</h3><p>Change <b>` + chg + `</b> requested by `)
	m.mention(m.c.id(roleRelease))
	m.b.WriteString(`. Two approvals needed.</p>` +
		`<text-field name="ticket" label="Change ticket" required="true">` + chg + `</text-field>` +
		`<select name="window" label="Deploy window" required="true"><option value="now">Now</option><option value="london-close" selected="true">After the London close</option><option value="weekend">Weekend window</option></select>` +
		`<checkbox name="rollback" value="tested" checked="true">Rollback plan tested</checkbox>` +
		`<checkbox name="comms" value="sent">Desks notified</checkbox>` +
		`<textarea name="notes" placeholder="Anything the approvers should know"></textarea>` +
		`<button name="approve" type="action" class="primary">Approve</button>` +
		`<button name="reject" type="action" class="destructive">Reject</button></form></messageML>`)
	return message{ml: m.b.String(), form: &form{id: id, kind: formRelease}}
}

// triageForm writes an incident triage form.
func (m *composer) triageForm(actor int64, members []int64) message {
	m.begin(topicOps, actor, members)
	inc := m.cached("inc")
	id := "triage-" + strings.ToLower(inc)
	m.b.WriteString(`<messageML><form id="` + id + `"><h3>` + inc + ` triage</h3><p>` + m.cached("svc") + ` alert unacknowledged for 5 minutes.</p>` +
		`<select name="severity" label="Severity" required="true"><option value="p1">P1: trading impact</option><option value="p2" selected="true">P2: degraded</option><option value="p3">P3: no impact</option></select>` +
		`<text-field name="owner" label="Incident owner" placeholder="Who is on it?" required="true"></text-field>` +
		`<checkbox name="bridge" value="open">Open a bridge room</checkbox>` +
		`<button name="ack" type="action" class="primary">Acknowledge</button>` +
		`<button name="escalate" type="action" class="destructive">Escalate</button></form></messageML>`)
	return message{ml: m.b.String(), form: &form{id: id, kind: formTriage}}
}

// lunchForm writes a team lunch poll.
func (m *composer) lunchForm(actor int64, members []int64) message {
	m.begin(topicSocial, actor, members)
	id := "lunch-poll-" + strconv.Itoa(100+m.rng.IntN(900))
	m.b.WriteString(`<messageML><form id="` + id + `"><h3>Team lunch on ` + pick(m.rng, weekdays) + ` <emoji shortcode="bento"/></h3>` +
		`<select name="place" label="Where?" required="true"><option value="thai" selected="true">The Thai place</option><option value="ramen">Ramen</option><option value="greek">The Greek place</option></select>` +
		`<checkbox name="veggie" value="yes">Vegetarian</checkbox>` +
		`<text-field name="allergies" placeholder="Allergies"></text-field>` +
		`<button name="in" type="action" class="primary">Count me in</button>` +
		`<button name="out" type="action" class="secondary">Can't make it</button></form></messageML>`)
	return message{ml: m.b.String(), form: &form{id: id, kind: formLunch}}
}

// formValues returns what a person submits on a form, shaped like the
// datafeed's formValues: the clicked button under "action", unchecked
// checkboxes omitted.
func (m *composer) formValues(f *form, user int64) map[string]any {
	r := m.rng
	v := map[string]any{}
	switch f.kind {
	case formRelease:
		v["action"] = "approve"
		if r.IntN(6) == 0 {
			v["action"] = "reject"
		}
		v["ticket"] = strings.ToUpper(strings.TrimPrefix(f.id, "release-approval-"))
		v["window"] = pick(r, []string{"london-close", "london-close", "now", "weekend"})
		v["rollback"] = "tested"
		if r.IntN(2) == 0 {
			v["comms"] = "sent"
		}
		v["notes"] = pick(r, []string{"", "Looks good", "Watch the JPY crosses after deploy", "Desk is aware"})
	case formTriage:
		v["action"] = pick(r, []string{"ack", "ack", "escalate"})
		v["severity"] = pick(r, []string{"p1", "p2", "p2", "p3"})
		v["owner"] = m.c.person(user).DisplayName
		if r.IntN(3) == 0 {
			v["bridge"] = "open"
		}
	case formLunch:
		v["action"] = pick(r, []string{"in", "in", "in", "out"})
		v["place"] = pick(r, []string{"thai", "ramen", "greek"})
		if r.IntN(4) == 0 {
			v["veggie"] = "yes"
		}
		v["allergies"] = pick(r, []string{"", "", "nuts", "shellfish"})
	}
	return v
}
