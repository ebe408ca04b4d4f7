package scenario

import (
	"maps"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"
)

// historyDays is how many days before the day of now History starts.
const historyDays = 5

// History returns the preloaded past: the script and the everyday chatter of
// the historyDays days before now and of today until now, ordered by Time
// (non-decreasing), every Time strictly before now and on a whole
// millisecond. Some messages of one stream share a millisecond, as a batch
// posted at once does. The same now gives the same history; the live
// actions do not depend on it, except that their dates (in dateTime tags
// and file names) start from the now of the last call.
func (g *Generator) History(now time.Time) []Action {
	rng := rand.New(rand.NewPCG(uint64(g.seed), saltHistory))
	h := &historyRun{
		m:       newComposer(rng, g.cast),
		forms:   map[string]*form{},
		fixed:   map[string]string{},
		created: map[string]time.Time{},
	}
	out := make([]Action, 0, 600)
	for _, s := range g.script {
		t := onMilli(dayStart(now, s.day).Add(s.at), now)
		a := s.a
		a.Time = t
		a.Members = slices.Clone(a.Members)
		a.Parameters = maps.Clone(a.Parameters)
		if a.Room != nil {
			r := a.Room.clone()
			switch {
			case a.Kind == CreateRoom:
				r.Created = t
				h.created[r.ID] = t
				if lr := g.live.w.room[r.ID]; lr != nil {
					lr.Created = t
				}
			case !h.created[r.ID].IsZero():
				r.Created = h.created[r.ID]
			}
			a.Room = &r
		}
		h.m.clock = t
		if s.fill != nil {
			s.fill(h, &a)
		}
		out = append(out, a)
	}
	out = append(out, h.chatter(g, now)...)
	slices.SortStableFunc(out, func(a, b Action) int { return a.Time.Compare(b.Time) })
	out = slices.DeleteFunc(out, func(a Action) bool { return !a.Time.Before(now) })
	if !g.live.started() {
		g.live.m.clock = onMilli(now, now)
	}
	return out
}

// historyRun is the state of one History call.
type historyRun struct {
	m       *composer
	forms   map[string]*form     // forms sent, by key
	fixed   map[string]string    // messages with a typo: the text without it
	created map[string]time.Time // rooms created in History
	keys    int
}

// content sets the message content of an action.
func (h *historyRun) content(a *Action, msg message) {
	a.MessageML, a.Data, a.Attachments = msg.ml, msg.data, msg.files
	if msg.form != nil {
		f := *msg.form
		f.key, f.stream = a.Key, a.Stream
		h.forms[a.Key] = &f
	}
}

// key returns a new message key of the chatter.
func (h *historyRun) key() string {
	h.keys++
	return "h" + strconv.Itoa(h.keys)
}

// channel is a stream the everyday chatter happens in.
type channel struct {
	stream string
	topic  topic
	weight int
	pool   []int64 // who talks there
	bot    bool    // the monitoring bot opens some bursts
}

// channels returns where the history chatter happens and who talks: the
// members of the streams that exist before History, less the bots and the
// people whose membership the script changes, so that nobody talks where
// they are not.
func (g *Generator) channels() []channel {
	c := g.cast
	moved := map[[2]int64]bool{}
	streamKey := map[string]int64{}
	for i, id := range c.rooms {
		streamKey[id] = int64(i)
	}
	for _, s := range g.script {
		switch s.a.Kind {
		case JoinRoom, LeaveRoom, RequestToJoin:
			user := s.a.User
			if s.a.Kind == RequestToJoin {
				user = s.a.Actor
			}
			if k, ok := streamKey[s.a.Stream]; ok {
				moved[[2]int64{k, user}] = true
			}
		}
	}
	weights := [numRooms]int{roomRates: 22, roomFX: 18, roomOps: 10, roomReleases: 8, roomLunch: 7, roomAnnounce: 1, roomKestrel: 6, roomHeads: 3}
	topics := [numRooms]topic{roomRates: topicRates, roomFX: topicFX, roomOps: topicOps, roomReleases: topicRelease,
		roomLunch: topicSocial, roomAnnounce: topicAnnounce, roomKestrel: topicExternal, roomHeads: topicHeads}
	var out []channel
	for i, r := range c.co.Rooms {
		ch := channel{stream: r.ID, topic: topics[i], weight: weights[i]}
		from := r.Members
		if i == roomAnnounce {
			from = r.Owners
		}
		for _, p := range from {
			if person := c.person(p); !person.Bot && !moved[[2]int64{int64(i), p}] {
				ch.pool = append(ch.pool, p)
			}
			if p == c.id(roleSentinel) {
				ch.bot = true
			}
		}
		out = append(out, ch)
	}
	convTopics := [numConversations]topic{imHeadRates: topicIM, imSRE: topicIM, imFXSpot: topicIM, imRelease: topicIM,
		imTraders: topicTraders, mimBatch: topicBatch, mimFX: topicFXChat}
	convWeights := [numConversations]int{imHeadRates: 4, imSRE: 4, imFXSpot: 4, imRelease: 3, imTraders: 3, mimBatch: 4, mimFX: 3}
	for i, cv := range c.co.IMs {
		out = append(out, channel{stream: cv.ID, topic: convTopics[i], weight: convWeights[i], pool: slices.Clone(cv.Members)})
	}
	return out
}

// officeHours weighs the hours of the day, 07:00 to 19:00.
var officeHours = []int{7: 2, 8: 5, 9: 8, 10: 8, 11: 7, 12: 4, 13: 5, 14: 7, 15: 7, 16: 6, 17: 4, 18: 2, 19: 1}

// chatter returns the everyday messages of the days of History: bursts of
// conversation in office hours, fewer at weekends, with replies, typos
// fixed by edits, withdrawn messages, files and forms answered.
func (h *historyRun) chatter(g *Generator, now time.Time) []Action {
	rng := h.m.rng
	chans := g.channels()
	total := 0
	for _, ch := range chans {
		total += ch.weight
	}
	var out []Action
	// At weekends only the on-call and a few direct messages are about.
	weekendTotal := 0
	weekend := func(ch channel) int {
		switch ch.topic {
		case topicOps, topicIM, topicTraders, topicFXChat:
			return ch.weight
		}
		return 0
	}
	for _, ch := range chans {
		weekendTotal += weekend(ch)
	}
	for d := historyDays; d >= 0; d-- {
		start := dayStart(now, d)
		bursts, sum, weight := 22, total, func(ch channel) int { return ch.weight }
		if wd := start.Weekday(); wd == time.Saturday || wd == time.Sunday {
			bursts, sum, weight = 3, weekendTotal, weekend
		}
		for range bursts {
			var ch channel
			x := rng.IntN(sum)
			for _, ch = range chans {
				if x < weight(ch) {
					break
				}
				x -= weight(ch)
			}
			out = append(out, h.burst(ch, start.Add(h.officeTime(ch.topic)), now)...)
		}
	}
	return out
}

// officeTime draws a time of day for a burst on a topic.
func (h *historyRun) officeTime(t topic) time.Duration {
	rng := h.m.rng
	hour := 12 + rng.IntN(2)
	if t != topicSocial {
		sum := 0
		for _, w := range officeHours {
			sum += w
		}
		x := rng.IntN(sum)
		for hr, w := range officeHours {
			if x < w {
				hour = hr
				break
			}
			x -= w
		}
	}
	return time.Duration(hour)*time.Hour + time.Duration(rng.IntN(3600_000))*time.Millisecond
}

// burst returns a few messages in one stream starting at t, and what
// follows from them; nothing at or after now.
func (h *historyRun) burst(ch channel, t, now time.Time) []Action {
	rng, m, c := h.m.rng, h.m, h.m.c
	if len(ch.pool) == 0 {
		return nil
	}
	people := c.favoured(rng, ch.topic, ch.pool, 2+rng.IntN(2))
	n := 1 + rng.IntN(7)
	if ch.topic == topicAnnounce {
		n = 1
	}
	acct := c.id(roleAccount)
	var out []Action
	type said struct {
		key   string
		actor int64
	}
	var prior []said
	last := int64(0)
	for i := range n {
		t = onMilli(t, now)
		m.clock = t
		a := Action{Kind: SendMessage, Time: t, Stream: ch.stream, Key: h.key()}
		var msg message
		switch {
		case i == 0 && ch.bot && rng.IntN(2) == 0:
			a.Actor = c.id(roleSentinel)
			msg = m.botPost(ch.topic, a.Actor, ch.pool)
		default:
			a.Actor = people[rng.IntN(len(people))]
			if a.Actor == last && len(people) > 1 {
				a.Actor = people[(slices.Index(people, last)+1)%len(people)]
			}
			if i == 0 && a.Actor == acct && len(people) > 1 {
				a.Actor = people[(slices.Index(people, acct)+1)%len(people)]
			}
			if len(prior) > 0 && rng.Float64() < 0.2 {
				p := prior[rng.IntN(len(prior))]
				if p.actor != a.Actor {
					a.Target = p.key
				}
			}
			if a.Target != "" {
				msg = m.reply(ch.topic, a.Actor, ch.pool)
			} else {
				msg = m.compose(ch.topic, a.Actor, ch.pool, 0.07)
			}
		}
		h.content(&a, msg)
		out = append(out, a)
		prior = append(prior, said{a.Key, a.Actor})
		last = a.Actor

		switch {
		case msg.fixed != "":
			out = append(out, Action{Kind: EditMessage, Time: onMilli(t.Add(time.Duration(10+rng.IntN(80))*time.Second), now),
				Actor: a.Actor, Stream: a.Stream, Key: h.key(), Target: a.Key, MessageML: msg.fixed})
		case msg.form == nil && rng.Float64() < 0.015:
			out = append(out, Action{Kind: SuppressMessage, Time: onMilli(t.Add(time.Duration(20+rng.IntN(220))*time.Second), now),
				Actor: a.Actor, Stream: a.Stream, Target: a.Key})
			prior = prior[:len(prior)-1] // nobody answers it
		}
		if msg.form != nil {
			f := h.forms[a.Key]
			at := t
			for _, p := range shuffled(rng, ch.pool)[:min(len(ch.pool), 1+rng.IntN(3))] {
				if c.person(p).Bot || p == acct {
					continue
				}
				at = at.Add(time.Duration(30+rng.IntN(300)) * time.Second)
				out = append(out, Action{Kind: SubmitForm, Time: onMilli(at, now), Actor: p, Stream: a.Stream,
					Target: a.Key, FormID: f.id, FormValues: m.formValues(f, p)})
			}
		}
		t = t.Add(time.Duration(5+rng.IntN(25))*time.Second + time.Duration(rng.ExpFloat64()*float64(50*time.Second)))
	}
	return slices.DeleteFunc(out, func(a Action) bool { return !a.Time.Before(now) })
}

// onMilli returns t truncated to the millisecond, in now's location.
func onMilli(t, now time.Time) time.Time {
	return time.UnixMilli(t.UnixMilli()).In(now.Location())
}
