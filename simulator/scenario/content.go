package scenario

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// topic is what a stream talks about; it picks the templates.
type topic int

const (
	topicRates    topic = iota // the rates desk
	topicFX                    // the FX desk
	topicOps                   // production alerts and their handling
	topicRelease               // the release train
	topicSocial                // lunch and drinks
	topicAnnounce              // firm-wide announcements, owners only
	topicExternal              // the cross-pod room with a counterparty
	topicHeads                 // desk heads
	topicIM                    // someone and the account
	topicTraders               // two traders gossiping
	topicBatch                 // the end-of-day batch MIM
	topicFXChat                // the FX MIM
	topicWall                  // a wall (POST stream)
	topicIncident              // an incident bridge room
)

// message is generated content: MessageML and what goes with it.
type message struct {
	ml    string
	data  string
	files []Attachment
	fixed string // the message without its typo, when it has one
	form  *form  // the Elements form it carries, if any
}

// composer writes MessageML from templates. It owns a random source and is
// used by one generator only; its fields describe the message being written.
type composer struct {
	rng   *rand.Rand
	c     *cast
	clock time.Time // what "now" is for dateTime values and file names
	b     strings.Builder

	// Picks cached for the message being written.
	actor  int64
	others []int64 // the stream's members other than the actor
	topic  topic
	fx, rt instrument
	pinned []int64 // the people {@0}, {@1}… mention
	cache  map[string]string
	last   string // the template used last, not to be used twice in a row
}

// newComposer returns a composer drawing from rng.
func newComposer(rng *rand.Rand, c *cast) *composer {
	return &composer{rng: rng, c: c, cache: map[string]string{}}
}

// begin resets the per-message state.
func (m *composer) begin(t topic, actor int64, members []int64) {
	m.b.Reset()
	m.topic, m.actor = t, actor
	m.others = m.others[:0]
	for _, id := range members {
		if id != actor && m.c.person(id) != nil {
			m.others = append(m.others, id)
		}
	}
	m.fx = pick(m.rng, fxPairs)
	m.rt = pick(m.rng, ratesInstruments)
	m.pinned = m.pinned[:0]
	clear(m.cache)
}

// line writes one template as a whole message.
func (m *composer) line(t topic, actor int64, members []int64, tpl string) message {
	m.begin(t, actor, members)
	m.b.WriteString("<messageML>")
	m.expand(tpl)
	m.b.WriteString("</messageML>")
	return message{ml: m.b.String()}
}

// lineWith writes one template whose {@0}, {@1}… mention the given people.
func (m *composer) lineWith(t topic, actor int64, tpl string, pinned ...int64) message {
	m.begin(t, actor, pinned)
	m.pinned = append(m.pinned, pinned...)
	m.b.WriteString("<messageML>")
	m.expand(tpl)
	m.b.WriteString("</messageML>")
	return message{ml: m.b.String()}
}

// chatter writes an everyday message for the topic, sometimes with a typo
// that a later edit fixes.
func (m *composer) chatter(t topic, actor int64, members []int64, typoRate float64) message {
	var msg message
	switch {
	case actor == m.c.id(roleAccount):
		msg = m.line(t, actor, members, m.template(accountLines))
	case t == topicWall:
		return m.wallPost(actor)
	default:
		msg = m.line(t, actor, members, m.template(lines[t]))
	}
	if m.rng.Float64() < typoRate {
		if bad, ok := typo(m.rng, msg.ml); ok {
			msg.fixed, msg.ml = msg.ml, bad
		}
	}
	return msg
}

// compose writes a message for the topic: mostly everyday lines, now and
// then a grid, a list, code, a log excerpt or files.
func (m *composer) compose(t topic, actor int64, members []int64, typoRate float64) message {
	if actor != m.c.id(roleAccount) {
		x := m.rng.IntN(100)
		switch t {
		case topicRates:
			switch {
			case x < 5:
				return m.ratesRun(actor, members)
			case x < 9:
				return m.axes(t, actor, members)
			case x < 11:
				return m.report(t, actor, members)
			}
		case topicFX:
			switch {
			case x < 6:
				return m.fxRun(actor, members)
			case x < 9:
				return m.axes(t, actor, members)
			}
		case topicOps, topicIncident:
			switch {
			case x < 7:
				return m.logExcerpt(t, actor, members)
			case x < 11:
				return m.code(t, actor, members)
			}
		case topicRelease:
			if x < 8 {
				return m.code(t, actor, members)
			}
		case topicAnnounce:
			return m.announcement(actor, members)
		}
	}
	return m.chatter(t, actor, members, typoRate)
}

// botPost writes what the monitoring bot posts in a topic's stream: alerts,
// all-clears, crash reports, tickets, chimes and forms in Ops; deploy
// notices, tickets and approval forms elsewhere.
func (m *composer) botPost(t topic, actor int64, members []int64) message {
	x := m.rng.IntN(100)
	if t == topicOps {
		switch {
		case x < 40:
			msg, _ := m.alertCard(actor, members, "", "")
			return msg
		case x < 60:
			return m.resolvedCard(actor, members, "", "")
		case x < 74:
			return m.stackTrace(actor, members)
		case x < 86:
			return m.ticket(t, actor, members)
		case x < 93:
			return m.triageForm(actor, members)
		default:
			return m.chime()
		}
	}
	switch {
	case x < 55:
		return m.deployCard(actor, members)
	case x < 80:
		return m.ticket(t, actor, members)
	default:
		return m.releaseForm(actor, members)
	}
}

// template picks a template, not the one used last.
func (m *composer) template(from []string) string {
	tpl := pick(m.rng, from)
	if tpl == m.last {
		tpl = from[(indexOf(from, tpl)+1)%len(from)]
	}
	m.last = tpl
	return tpl
}

// reply writes a short answer.
func (m *composer) reply(t topic, actor int64, members []int64) message {
	if m.rng.IntN(3) == 0 || actor == m.c.id(roleAccount) {
		return m.chatter(t, actor, members, 0)
	}
	return m.line(t, actor, members, m.template(replies))
}

// expand writes tpl, replacing each {placeholder}:
//
//	{m} a mention of another member      {M} a mention of any colleague
//	{@0} {@1}… a mention of a pinned person
//	{first} another member's first name  {e} / {e:name} an emoji
//	{h} / {h:tag} a hashtag              {fx} {rt} {eq} cashtags
//	{px} {px2} {pips} {vol} FX levels    {yld} {yld2} {bp} rates levels
//	{tenor} {curve} {sz} {client} {event} {food} {venue} {day} {dt}
//	{svc} {svc2} {host} {ver} {inc} {tkt} {chg} {job} {ms} {pct} {n} {n4}
//
// Unknown placeholders are written as they are.
func (m *composer) expand(tpl string) {
	for {
		i := strings.IndexByte(tpl, '{')
		if i < 0 {
			m.b.WriteString(tpl)
			return
		}
		j := strings.IndexByte(tpl[i:], '}')
		if j < 0 {
			m.b.WriteString(tpl)
			return
		}
		m.b.WriteString(tpl[:i])
		m.placeholder(tpl[i+1 : i+j])
		tpl = tpl[i+j+1:]
	}
}

// placeholder writes the expansion of one placeholder name.
func (m *composer) placeholder(name string) {
	r := m.rng
	arg := ""
	if k := strings.IndexByte(name, ':'); k >= 0 {
		name, arg = name[:k], name[k+1:]
	}
	switch name {
	case "m":
		m.mention(m.other())
	case "M":
		m.mention(m.colleague())
	case "@0", "@1", "@2":
		m.mention(m.pinned[name[1]-'0'])
	case "first":
		m.text(m.c.person(m.other()).FirstName)
	case "e":
		if arg == "" {
			arg = pick(r, emojis)
		}
		m.b.WriteString(`<emoji shortcode="` + arg + `"/>`)
	case "h":
		if arg == "" {
			arg = pick(r, hashtags[m.topic])
		}
		m.b.WriteString(`<hash tag="` + arg + `"/>`)
	case "fx":
		m.fx = pick(r, fxPairs)
		m.b.WriteString(`<cash tag="` + m.fx.ticker + `"/>`)
	case "rt":
		m.rt = pick(r, ratesInstruments)
		m.b.WriteString(`<cash tag="` + m.rt.ticker + `"/>`)
	case "eq":
		m.b.WriteString(`<cash tag="` + pick(r, equities) + `"/>`)
	case "px":
		m.b.WriteString(m.level(m.fx, 0.004, 0))
	case "px2":
		m.b.WriteString(m.level(m.fx, 0.004, 3))
	case "yld":
		m.b.WriteString(m.level(m.rt, 0.02, 0))
	case "yld2":
		m.b.WriteString(m.level(m.rt, 0.02, 5))
	case "pips":
		m.b.WriteString(strconv.Itoa(10 + r.IntN(80)))
	case "vol":
		m.b.WriteString(strconv.FormatFloat(5+r.Float64()*7, 'f', 2, 64))
	case "bp":
		m.b.WriteString(strconv.FormatFloat(float64(1+r.IntN(24))/2, 'f', -1, 64))
	case "tenor":
		m.b.WriteString(pick(r, tenors))
	case "curve":
		m.b.WriteString(pick(r, curves))
	case "sz":
		m.b.WriteString(pick(r, sizes))
	case "client":
		m.text(pick(r, clients))
	case "event":
		m.text(pick(r, macroEvents))
	case "food":
		m.text(pick(r, foods))
	case "venue":
		m.text(pick(r, venues))
	case "day":
		m.b.WriteString(pick(r, weekdays))
	case "dt":
		m.dateTime(m.clock.Add(time.Duration(1+r.IntN(8))*30*time.Minute).Truncate(30*time.Minute), "time")
	case "svc", "svc2", "host", "ver", "inc", "tkt", "chg", "job":
		m.b.WriteString(m.cached(name))
	case "ms":
		m.b.WriteString(strconv.Itoa(120 + r.IntN(900)))
	case "pct":
		m.b.WriteString(strconv.Itoa(70 + r.IntN(29)))
	case "n":
		m.b.WriteString(strconv.Itoa(2 + r.IntN(8)))
	case "n4":
		m.b.WriteString(strconv.Itoa(1000 + r.IntN(9000)))
	default:
		m.b.WriteString("{" + name + "}")
	}
}

// preset fixes the message's pick for name, unless v is empty.
func (m *composer) preset(name, v string) {
	if v != "" {
		m.cache[name] = v
	}
}

// cached returns the message's pick for a name that must read the same
// everywhere in one message (a service and its dashboard link, say).
func (m *composer) cached(name string) string {
	if v, ok := m.cache[name]; ok {
		return v
	}
	r := m.rng
	var v string
	switch name {
	case "svc":
		v = pick(r, services)
	case "svc2":
		v = pick(r, services)
		if v == m.cached("svc") {
			v = services[(indexOf(services, v)+1)%len(services)]
		}
	case "host":
		v = pick(r, hostPrefixes) + "-0" + strconv.Itoa(1+r.IntN(8))
	case "ver":
		v = "v" + strconv.Itoa(1+r.IntN(4)) + "." + strconv.Itoa(r.IntN(30)) + "." + strconv.Itoa(r.IntN(12))
	case "inc":
		v = "INC-" + strconv.Itoa(4000+r.IntN(1000))
	case "tkt":
		v = "PLAT-" + strconv.Itoa(1000+r.IntN(3000))
	case "chg":
		v = "CHG-" + strconv.Itoa(10000+r.IntN(9000))
	case "job":
		v = pick(r, batchJobs)
	}
	m.cache[name] = v
	return v
}

// level writes a quote near the instrument's level; up moves it up by that
// many units of its last decimal.
func (m *composer) level(in instrument, spread float64, up int) string {
	key := "level:" + in.ticker
	base, ok := m.cache[key]
	var v float64
	if ok {
		v, _ = strconv.ParseFloat(base, 64)
	} else {
		v = in.level * (1 + (m.rng.Float64()*2-1)*spread)
		base = strconv.FormatFloat(v, 'f', in.decimals, 64)
		v, _ = strconv.ParseFloat(base, 64)
		m.cache[key] = base
	}
	if up == 0 {
		return base
	}
	return strconv.FormatFloat(v+float64(up)*math.Pow10(-in.decimals), 'f', in.decimals, 64)
}

// other returns a member other than the actor, or a colleague if none.
func (m *composer) other() int64 {
	if len(m.others) > 0 {
		return pick(m.rng, m.others)
	}
	return m.colleague()
}

// colleague returns a person of the firm other than the actor.
func (m *composer) colleague() int64 {
	for {
		if id := pick(m.rng, m.c.humans); id != m.actor {
			return id
		}
	}
}

// mention writes a mention of an internal person, or the plain name of an
// external one.
func (m *composer) mention(id int64) {
	p := m.c.person(id)
	if p.Company != firmName {
		m.text(p.FirstName)
		return
	}
	m.b.WriteString(`<mention uid="`)
	m.b.WriteString(strconv.FormatInt(id, 10))
	m.b.WriteString(`"/>`)
}

// dateTime writes a dateTime tag.
func (m *composer) dateTime(t time.Time, format string) {
	m.b.WriteString(`<dateTime value="` + t.UTC().Format(time.RFC3339) + `" format="` + format + `"/>`)
}

// text writes escaped text.
func (m *composer) text(s string) { m.b.WriteString(escape(s)) }

// escape escapes text for MessageML: markup characters, and the dollar and
// hash that would start a template expression.
func escape(s string) string {
	if !strings.ContainsAny(s, "&<>\"'$#") {
		return s
	}
	return textEscaper.Replace(s)
}

var textEscaper = strings.NewReplacer(
	"&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#39;", "${", "&#36;{", "#{", "&#35;{",
)

// typo swaps two letters of one word of the text of ml, outside markup and
// code, the way fast typing does; ok is false when there is no word for it.
func typo(rng *rand.Rand, ml string) (string, bool) {
	type span struct{ start, end int }
	var words []span
	inTag, inEntity, code := false, false, 0
	start := -1
	for i := 0; i < len(ml); i++ {
		ch := ml[i]
		letter := ch >= 'a' && ch <= 'z'
		if letter && !inTag && !inEntity && code == 0 {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 && i-start >= 5 && !isLetter(ml[start-1]) {
			words = append(words, span{start, i})
		}
		start = -1
		switch {
		case ch == '<':
			inTag = true
			if strings.HasPrefix(ml[i:], "<code") || strings.HasPrefix(ml[i:], "<pre") {
				code++
			} else if strings.HasPrefix(ml[i:], "</code") || strings.HasPrefix(ml[i:], "</pre") {
				code--
			}
		case ch == '>':
			inTag = false
		case ch == '&' && !inTag:
			inEntity = true
		case ch == ';':
			inEntity = false
		}
	}
	if len(words) == 0 {
		return ml, false
	}
	w := words[rng.IntN(len(words))]
	i := w.start + 1 + rng.IntN(w.end-w.start-3)
	if ml[i] == ml[i+1] {
		return ml, false
	}
	b := []byte(ml)
	b[i], b[i+1] = b[i+1], b[i]
	return string(b), true
}

func isLetter(ch byte) bool { return ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' }

// pick returns a random element of xs.
func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }

// indexOf returns the index of v in xs, or -1.
func indexOf(xs []string, v string) int {
	for i, x := range xs {
		if x == v {
			return i
		}
	}
	return -1
}
