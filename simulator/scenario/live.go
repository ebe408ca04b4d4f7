package scenario

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"time"
)

// liveKind is what the live generator decides to do next; most map to one
// Kind, a few to a short sequence of actions.
type liveKind int

const (
	doMessage liveKind = iota
	doEdit
	doSuppress
	doJoin
	doLeave
	doAskToJoin
	doPromote
	doDemote
	doUpdateRoom
	doIncident // the next step of an incident: open, resolve, post-mortem
	doCreateIM
	doConnect
	doAccept
	doForm
	doSubmit
	doSystem
	doChime
	doWallPost
	doShare
	numLiveKinds
)

// pace is how a scenario runs live: how often it does what, and how long
// it waits between actions.
type pace struct {
	weights [numLiveKinds]int
	delay   func(rng *rand.Rand) time.Duration
	quick   func(rng *rand.Rand) time.Duration // between the actions of a sequence
	// everywhere makes chatter happen in every stream alike; otherwise
	// mostly where the account is.
	everywhere bool
}

// paces are the live behaviours of the scenarios; quiet has none.
var paces = map[string]pace{
	Demo: {
		weights: [numLiveKinds]int{
			doMessage: 780, doEdit: 45, doSuppress: 12, doJoin: 16, doLeave: 12, doAskToJoin: 5,
			doPromote: 4, doDemote: 3, doUpdateRoom: 3, doIncident: 6, doCreateIM: 2, doConnect: 3,
			doAccept: 3, doForm: 14, doSubmit: 30, doSystem: 4, doChime: 5, doWallPost: 3, doShare: 3,
		},
		// About one action a second: typing bursts and pauses.
		delay: func(rng *rand.Rand) time.Duration {
			d := 200*time.Millisecond + time.Duration(rng.ExpFloat64()*float64(700*time.Millisecond))
			return min(d, 4*time.Second).Truncate(time.Millisecond)
		},
		quick: func(rng *rand.Rand) time.Duration {
			return time.Duration(300+rng.IntN(1500)) * time.Millisecond
		},
	},
	Busy: {
		weights: [numLiveKinds]int{
			doMessage: 880, doEdit: 40, doSuppress: 15, doJoin: 8, doLeave: 8, doPromote: 2, doDemote: 2,
			doUpdateRoom: 2, doForm: 5, doSubmit: 12, doSystem: 2, doChime: 2,
		},
		// 0 to 6 ms: over 300 actions a second, several in the same millisecond.
		delay: func(rng *rand.Rand) time.Duration { return time.Duration(rng.IntN(7)) * time.Millisecond },
		quick: func(rng *rand.Rand) time.Duration { return time.Duration(rng.IntN(3)) * time.Millisecond },

		everywhere: true,
	},
}

// posted is a live message later actions may refer to.
type posted struct {
	key, stream string
	actor       int64
	fixed       string // the text without its typo, if it has one
	gone        bool   // edited or suppressed: not a target any more
}

// incident is the live incident's progress.
type incident struct {
	stage   int // 0 none yet, 1 open, 2 resolved (room deactivated), 3 post-mortem held
	room    string
	inc     string
	svc     string
	changed int // steps when the stage last changed
}

// live generates the live actions, continuing from the world History left.
type live struct {
	pace     pace
	quiet    bool
	c        *cast
	w        *world
	rng      *rand.Rand
	m        *composer
	keys     int
	steps    int
	queue    []Action // the rest of a sequence
	recent   []posted // the last messages, oldest first
	forms    []*form  // the last forms
	walls    []posted // the last wall posts
	baseDesc map[string]string
	home     map[string]map[int64]bool // the rooms' members at the start
	inc      incident
	mimDone  bool
}

// maxRecent bounds the messages live remembers for edits, replies and
// suppressions.
const maxRecent = 96

// newLive returns the live generator of a scenario.
func newLive(name string, c *cast, w *world, rng *rand.Rand) *live {
	l := &live{pace: paces[name], quiet: name == Quiet, c: c, w: w, rng: rng, m: newComposer(rng, c), baseDesc: map[string]string{}}
	l.m.clock = time.Date(2026, time.January, 5, 9, 0, 0, 0, time.UTC)
	l.home = map[string]map[int64]bool{}
	for _, r := range c.co.Rooms {
		l.baseDesc[r.ID] = r.Description
		l.home[r.ID] = map[int64]bool{}
		for _, m := range r.Members {
			l.home[r.ID][m] = true
		}
	}
	return l
}

// started reports whether Next has been called.
func (l *live) started() bool { return l.steps > 0 }

// Next returns the next live action and how long after the previous one (or
// after the start, for the first) it happens at speed 1. Live actions have a
// zero Time; their keys never collide with History's, and their targets are
// keys of earlier actions. ok is false when the scenario has nothing more to
// do: quiet never has.
func (g *Generator) Next() (a Action, after time.Duration, ok bool) {
	l := g.live
	if l.quiet {
		return Action{}, 0, false
	}
	l.steps++
	if len(l.queue) > 0 {
		a, l.queue = l.queue[0], l.queue[1:]
		after = l.pace.quick(l.rng)
	} else {
		a = l.decide()
		after = l.pace.delay(l.rng)
	}
	l.w.apply(a)
	l.m.clock = l.m.clock.Add(after)
	return a, after, true
}

// decide draws the next action; when the drawn kind is not possible now, it
// is a message.
func (l *live) decide() Action {
	x := l.rng.IntN(1000)
	kind := doMessage
	for k, w := range l.pace.weights {
		if x < w {
			kind = liveKind(k)
			break
		}
		x -= w
	}
	var a Action
	var ok bool
	switch kind {
	case doEdit:
		a, ok = l.edit()
	case doSuppress:
		a, ok = l.suppress()
	case doJoin:
		a, ok = l.join()
	case doLeave:
		a, ok = l.leave()
	case doAskToJoin:
		a, ok = l.askToJoin()
	case doPromote:
		a, ok = l.promote()
	case doDemote:
		a, ok = l.demote()
	case doUpdateRoom:
		a, ok = l.updateRoom()
	case doIncident:
		a, ok = l.incident()
	case doCreateIM:
		a, ok = l.createIM()
	case doConnect:
		a, ok = l.connect()
	case doAccept:
		a, ok = l.accept()
	case doForm:
		a, ok = l.form()
	case doSubmit:
		a, ok = l.submit()
	case doSystem:
		a, ok = l.system()
	case doChime:
		a, ok = l.botSays(l.c.rooms[roomOps], func() message { return l.m.chime() })
	case doWallPost:
		a, ok = l.wallPost()
	case doShare:
		a, ok = l.share()
	}
	if !ok {
		a = l.message()
	}
	return a
}

// key returns a new live message key.
func (l *live) key() string {
	l.keys++
	return "l" + strconv.Itoa(l.keys)
}

// remember records a message for later edits, replies and suppressions.
func (l *live) remember(a Action, fixed string) {
	if len(l.recent) == maxRecent {
		l.recent = slices.Delete(l.recent, 0, maxRecent/4)
	}
	l.recent = append(l.recent, posted{key: a.Key, stream: a.Stream, actor: a.Actor, fixed: fixed})
}

// send makes a SendMessage action of msg and remembers it.
func (l *live) send(stream string, actor int64, target string, msg message) Action {
	a := Action{Kind: SendMessage, Actor: actor, Stream: stream, Key: l.key(), Target: target,
		MessageML: msg.ml, Data: msg.data, Attachments: msg.files}
	if msg.form != nil {
		f := *msg.form
		f.key, f.stream = a.Key, stream
		if len(l.forms) == 8 {
			l.forms = l.forms[1:]
		}
		l.forms = append(l.forms, &f)
	} else {
		l.remember(a, msg.fixed)
	}
	return a
}

// topicWeights are how lively each kind of stream is.
var topicWeights = [...]int{
	topicRates: 22, topicFX: 18, topicOps: 9, topicRelease: 7, topicSocial: 7, topicAnnounce: 1,
	topicExternal: 6, topicHeads: 2, topicIM: 4, topicTraders: 3, topicBatch: 4, topicFXChat: 3,
	topicWall: 0, topicIncident: 2,
}

// speakers returns who may chat in a stream now: its human members (its
// human owners for the announcements). Never the account, whose live
// messages are those its user types, and no bots.
func (l *live) speakers(stream string) []int64 {
	from := l.w.members(stream)
	if l.w.topic[stream] == topicAnnounce {
		from = l.w.room[stream].Owners
	}
	var out []int64
	for _, p := range from {
		if !l.c.person(p).Bot {
			out = append(out, p)
		}
	}
	return out
}

// pickStream draws a stream for chatter, weighted by topic; in the demo
// mostly streams the account is in, so that it sees them.
func (l *live) pickStream() string {
	acct := l.c.id(roleAccount)
	total := 0
	weight := func(id string) int {
		if !l.w.active(id) {
			return 0
		}
		t := l.w.topic[id]
		wt := topicWeights[t] * 4
		if t == topicIncident {
			wt = 0 // bridges are quiet, except the open one
			if id == l.inc.room && l.inc.stage == 1 {
				wt = 120
			}
		}
		if !l.pace.everywhere && !l.w.isMember(id, acct) {
			wt /= 4
		}
		return wt
	}
	ids := make([]string, 0, len(l.w.rooms)+len(l.w.convs))
	for _, r := range l.w.rooms {
		ids = append(ids, r.ID)
	}
	for _, cv := range l.w.convs {
		ids = append(ids, cv.ID)
	}
	for _, id := range ids {
		total += weight(id)
	}
	x := l.rng.IntN(total)
	for _, id := range ids {
		if x < weight(id) {
			return id
		}
		x -= weight(id)
	}
	return ids[0]
}

// message is a chat message, sometimes a reply, sometimes a bot's post.
func (l *live) message() Action {
	for range 32 {
		stream := l.pickStream()
		t := l.w.topic[stream]
		bot := l.c.id(roleSentinel)
		if (t == topicOps || t == topicRelease) && l.w.isMember(stream, bot) && l.rng.IntN(5) == 0 {
			return l.send(stream, bot, "", l.m.botPost(t, bot, l.w.members(stream)))
		}
		who := l.speakers(stream)
		if len(who) == 0 {
			continue
		}
		actor := l.c.favoured(l.rng, t, who, 1)[0]
		members := l.w.members(stream)
		if l.rng.IntN(7) == 0 {
			for i := len(l.recent) - 1; i >= 0 && i >= len(l.recent)-24; i-- {
				p := l.recent[i]
				if p.stream == stream && !p.gone && p.actor != actor {
					return l.send(stream, actor, p.key, l.m.reply(t, actor, members))
				}
			}
		}
		return l.send(stream, actor, "", l.m.compose(t, actor, members, 0.08))
	}
	// Unreachable in practice: the creator of the desk room always stays.
	rates, head := l.c.rooms[roomRates], l.c.id(roleHeadRates)
	return l.send(rates, head, "", l.m.compose(topicRates, head, l.w.members(rates), 0))
}

// edit fixes the typo of a recent message.
func (l *live) edit() (Action, bool) {
	for i := len(l.recent) - 1; i >= 0; i-- {
		p := &l.recent[i]
		if p.fixed == "" || p.gone || !l.w.active(p.stream) || !l.w.isMember(p.stream, p.actor) {
			continue
		}
		p.gone = true
		a := Action{Kind: EditMessage, Actor: p.actor, Stream: p.stream, Key: l.key(), Target: p.key, MessageML: p.fixed}
		l.remember(a, "")
		return a, true
	}
	return Action{}, false
}

// suppress withdraws a recent message, by its author or a room owner.
func (l *live) suppress() (Action, bool) {
	for range 4 {
		if len(l.recent) == 0 {
			return Action{}, false
		}
		p := &l.recent[len(l.recent)-1-l.rng.IntN(min(len(l.recent), 16))]
		if p.gone || !l.w.active(p.stream) {
			continue
		}
		actor := p.actor
		if r := l.w.room[p.stream]; r != nil && !slices.Contains(r.Members, actor) {
			if len(r.Owners) == 0 {
				continue
			}
			actor = r.Owners[0]
		}
		p.gone = true
		return Action{Kind: SuppressMessage, Actor: actor, Stream: p.stream, Target: p.key}, true
	}
	return Action{}, false
}

// movable returns the rooms people come and go from: the desks', ops',
// releases' and the social room, while active.
func (l *live) movable() []*Room {
	var out []*Room
	for _, r := range l.w.rooms {
		switch l.w.topic[r.ID] {
		case topicRates, topicFX, topicOps, topicRelease, topicSocial:
			if r.Active {
				out = append(out, r)
			}
		}
	}
	return out
}

// belongs reports whether someone has a reason to be in a room: they were
// in it at the start, or it is their job.
func (l *live) belongs(r *Room, user int64) bool {
	if l.home[r.ID][user] {
		return true
	}
	role, ok := l.c.roleOf[user]
	return ok && slices.Contains(coreRoles[l.w.topic[r.ID]], role)
}

// join adds someone to a room: a pending request granted by an owner, a
// colleague joining a public room, or someone who belongs in a private room
// added back by an owner.
func (l *live) join() (Action, bool) {
	if len(l.w.joinAsks) > 0 && l.rng.IntN(3) > 0 {
		ask := l.w.joinAsks[0]
		if r := l.w.room[ask.room]; r != nil && r.Active && len(r.Owners) > 0 {
			return Action{Kind: JoinRoom, Actor: pick(l.rng, r.Owners), User: ask.user, Stream: ask.room}, true
		}
	}
	rooms := l.movable()
	for range 6 {
		r := pick(l.rng, rooms)
		user := pick(l.rng, l.c.humans)
		if slices.Contains(r.Members, user) || !r.Public && !l.belongs(r, user) {
			continue
		}
		actor := user
		if !r.Public {
			if len(r.Owners) == 0 {
				continue
			}
			actor = pick(l.rng, r.Owners)
		}
		return Action{Kind: JoinRoom, Actor: actor, User: user, Stream: r.ID}, true
	}
	return Action{}, false
}

// leave takes someone out of a room: never an owner, a bot, the account,
// nor from a room left with fewer than four members.
func (l *live) leave() (Action, bool) {
	rooms := l.movable()
	for range 6 {
		r := pick(l.rng, rooms)
		if len(r.Members) < 5 {
			continue
		}
		user := pick(l.rng, r.Members)
		if p := l.c.person(user); p.Bot || p.Company != firmName || slices.Contains(r.Owners, user) {
			continue
		}
		return Action{Kind: LeaveRoom, Actor: user, User: user, Stream: r.ID}, true
	}
	return Action{}, false
}

// askToJoin has someone who belongs in a private room ask to join it.
func (l *live) askToJoin() (Action, bool) {
	for range 6 {
		r := pick(l.rng, l.movable())
		user := pick(l.rng, l.c.humans)
		if r.Public || slices.Contains(r.Members, user) || !l.belongs(r, user) ||
			slices.ContainsFunc(l.w.joinAsks, func(j joinAsk) bool { return j.user == user && j.room == r.ID }) {
			continue
		}
		return Action{Kind: RequestToJoin, Actor: user, Stream: r.ID}, true
	}
	return Action{}, false
}

// promote makes a member an owner.
func (l *live) promote() (Action, bool) {
	for range 6 {
		r := pick(l.rng, l.movable())
		user := pick(l.rng, r.Members)
		if p := l.c.person(user); p.Bot || p.Company != firmName || slices.Contains(r.Owners, user) || len(r.Owners) == 0 || !l.belongs(r, user) {
			continue
		}
		return Action{Kind: PromoteOwner, Actor: pick(l.rng, r.Owners), User: user, Stream: r.ID}, true
	}
	return Action{}, false
}

// demote takes ownership from someone who is not the room's only owner nor
// its creator.
func (l *live) demote() (Action, bool) {
	for range 6 {
		r := pick(l.rng, l.movable())
		if len(r.Owners) < 2 {
			continue
		}
		user := pick(l.rng, r.Owners)
		if user == r.Creator {
			continue
		}
		actor := r.Owners[0]
		if actor == user {
			actor = r.Owners[1]
		}
		return Action{Kind: DemoteOwner, Actor: actor, User: user, Stream: r.ID}, true
	}
	return Action{}, false
}

// focuses are what a room's description says the week is about.
var focuses = []string{
	"the refunding", "month-end", "CPI week", "the FOMC", "quarter-end", "the BoJ meeting",
	"the new pricing engine", "the change freeze", "the auction calendar",
}

// updateRoom changes a room's description and keywords, by an owner.
func (l *live) updateRoom() (Action, bool) {
	for range 6 {
		r := pick(l.rng, l.movable())
		if len(r.Owners) == 0 {
			continue
		}
		owner := pick(l.rng, r.Owners)
		if l.c.person(owner).Bot {
			continue
		}
		focus := pick(l.rng, focuses)
		props := r.clone()
		props.Description = l.baseDesc[r.ID] + " Focus this week: " + focus + "."
		props.Keywords["focus"] = focus
		return Action{Kind: UpdateRoom, Actor: owner, Stream: r.ID, Room: &props}, true
	}
	return Action{}, false
}

// incident moves the live incident on: an alert storm and a bridge room;
// later the all-clear and the room deactivated; later still the room
// reactivated and renamed for the post-mortem. Then a new one, after a while.
func (l *live) incident() (Action, bool) {
	c, in := l.c, &l.inc
	since := l.steps - in.changed
	bot, sre, platform := c.id(roleSentinel), c.id(roleSRE), c.id(roleHeadPlatform)
	ops := c.rooms[roomOps]
	var seq []Action
	switch {
	case (in.stage == 0 && l.steps > 40) || (in.stage == 3 && since > 600):
		oncall := sre
		if !l.w.isMember(ops, oncall) {
			oncall = l.w.room[ops].Creator // an owner, who is never demoted and never leaves
		}
		in.svc = pick(l.rng, services)
		alert, inc := l.m.alertCard(bot, l.w.members(ops), in.svc, "")
		in.inc, in.room = inc, streamID(l.rng)
		room := Room{
			ID:          in.room,
			Name:        inc + " " + in.svc,
			Description: "Bridge for " + inc + " on " + in.svc + ". Desk impact updates here.",
			Keywords:    map[string]string{"incident": inc, "severity": "P2"},
			Creator:     sre,
			Members:     []int64{sre, platform, c.id(roleRelease), c.id(roleSupport), c.id(roleAccount), c.id(roleFXSpot)},
			Owners:      []int64{sre, platform},
			Active:      true,
		}
		seq = []Action{
			l.send(ops, bot, "", alert),
			l.send(ops, bot, "", l.m.chime()),
			l.send(ops, oncall, "", l.m.lineWith(topicOps, oncall, "Acked "+inc+", opening a bridge {e:warning}")),
			{Kind: CreateRoom, Actor: sre, Stream: in.room, Room: &room},
			l.send(in.room, sre, "", l.m.lineWith(topicIncident, sre, "Bridge for "+inc+". {@0} {@1} please join the call", platform, c.id(roleFXSpot))),
		}
		in.stage = 1
	case in.stage == 1 && since > 120:
		seq = []Action{
			l.send(in.room, sre, "", l.m.lineWith(topicIncident, sre, "Error rate back to baseline {e:white_check_mark} closing the bridge")),
			l.send(ops, bot, "", l.m.resolvedCard(bot, nil, in.svc, in.inc)),
			{Kind: DeactivateRoom, Actor: sre, Stream: in.room},
		}
		in.stage = 2
	case in.stage == 2 && since > 150:
		lead := platform
		if r := l.w.room[in.room]; !slices.Contains(r.Owners, lead) {
			lead = r.Creator
		}
		props := l.w.room[in.room].clone()
		props.Active = true
		props.Name = in.inc + " post-mortem"
		props.Description = "Post-mortem for " + in.inc + " on " + in.svc + "."
		props.Keywords["status"] = "post-mortem"
		seq = []Action{
			{Kind: ReactivateRoom, Actor: lead, Stream: in.room},
			{Kind: UpdateRoom, Actor: lead, Stream: in.room, Room: &props},
			l.send(in.room, lead, "", l.m.lineWith(topicIncident, lead,
				"Post-mortem notes for "+in.inc+" are in the doc. {@0} owns the follow-ups, thanks all {e:pray}", sre)),
		}
		in.stage = 3
	default:
		return Action{}, false
	}
	in.changed = l.steps
	l.queue = append(l.queue, seq[1:]...)
	return seq[0], true
}

// createIM opens an IM between the account and someone who has none with
// it, first message included; once, a MIM of the FX desk and the account.
func (l *live) createIM() (Action, bool) {
	acct := l.c.id(roleAccount)
	var members []int64
	if !l.mimDone && l.rng.IntN(3) == 0 {
		l.mimDone = true
		members = []int64{acct, l.c.id(roleFXSpot), l.c.id(roleFXOptions), l.c.id(roleSales)}
	} else {
		for _, p := range shuffled(l.rng, l.c.humans) {
			if !l.w.inIMWith[p] {
				members = []int64{acct, p}
				break
			}
		}
	}
	if members == nil {
		return Action{}, false
	}
	id := streamID(l.rng)
	first := l.send(id, members[1], "", l.m.chatter(topicIM, members[1], members, 0))
	l.queue = append(l.queue, first)
	return Action{Kind: CreateIM, Actor: members[1], Stream: id, Members: members}, true
}

// connect has someone of another pod ask for a connection: the account, or
// the sales person who will accept.
func (l *live) connect() (Action, bool) {
	asks := []struct {
		from int
		to   role
	}{{extHalvard, roleAccount}, {extMarlow, roleSales}}
	for _, ask := range asks {
		from, to := l.c.ext[ask.from], l.c.id(ask.to)
		key := [2]int64{from, to}
		if !l.w.asked[key] && !l.w.connected[key] {
			return Action{Kind: RequestConnection, Actor: from, User: to}, true
		}
	}
	return Action{}, false
}

// accept has someone other than the account accept a pending connection
// request; the account's own are left for whoever runs it.
func (l *live) accept() (Action, bool) {
	acct := l.c.id(roleAccount)
	for _, p := range l.c.co.External {
		for _, to := range l.c.humans {
			if l.w.asked[[2]int64{p.ID, to}] && to != acct {
				return Action{Kind: AcceptConnection, Actor: to, User: p.ID}, true
			}
		}
	}
	return Action{}, false
}

// botSays has the monitoring bot post in a stream it is in.
func (l *live) botSays(stream string, write func() message) (Action, bool) {
	bot := l.c.id(roleSentinel)
	if !l.w.active(stream) || !l.w.isMember(stream, bot) {
		return Action{}, false
	}
	return l.send(stream, bot, "", write()), true
}

// form has the monitoring bot send a triage or an approval form.
func (l *live) form() (Action, bool) {
	bot := l.c.id(roleSentinel)
	if l.rng.IntN(2) == 0 {
		ops := l.c.rooms[roomOps]
		return l.botSays(ops, func() message { return l.m.triageForm(bot, l.w.members(ops)) })
	}
	rel := l.c.rooms[roomReleases]
	return l.botSays(rel, func() message { return l.m.releaseForm(bot, l.w.members(rel)) })
}

// submit has a member answer a recent form they have not answered yet.
func (l *live) submit() (Action, bool) {
	for i := len(l.forms) - 1; i >= 0; i-- {
		f := l.forms[i]
		if !l.w.active(f.stream) {
			continue
		}
		for _, p := range shuffled(l.rng, l.w.members(f.stream)) {
			if person := l.c.person(p); person.Bot || slices.Contains(f.submitted, p) {
				continue
			}
			f.submitted = append(f.submitted, p)
			return Action{Kind: SubmitForm, Actor: p, Stream: f.stream, Target: f.key, FormID: f.id,
				FormValues: l.m.formValues(f, p)}, true
		}
	}
	return Action{}, false
}

// system posts a federation notice in the cross-pod room.
func (l *live) system() (Action, bool) {
	room := l.c.rooms[roomKestrel]
	if !l.w.active(room) {
		return Action{}, false
	}
	ev := pick(l.rng, []struct {
		subtype string
		params  map[string]any
	}{
		{"CROSS_POD_MEMBERS_SYNCED", map[string]any{"podName": "kestrelbank", "members": 2, "status": "ok"}},
		{"EXTERNAL_ROOM_POLICY_UPDATED", map[string]any{"podName": "kestrelbank", "policy": "fileSharing", "enabled": l.rng.IntN(2) == 0}},
		{"FEDERATION_LINK_STATE", map[string]any{"podName": "kestrelbank", "state": "degraded", "latencyMs": 400 + l.rng.IntN(2000)}},
		{"FEDERATION_LINK_STATE", map[string]any{"podName": "kestrelbank", "state": "ok"}},
	})
	return Action{Kind: SystemEvent, Actor: l.c.ext[extKestrelSales], Stream: room,
		Subtype: ev.subtype, Source: "federation", Parameters: ev.params}, true
}

// wallPost has a wall's owner post on it.
func (l *live) wallPost() (Action, bool) {
	owner := l.c.id(pick(l.rng, wallOwners))
	a := l.send(l.c.co.Walls[owner], owner, "", l.m.wallPost(owner))
	if len(l.walls) == 8 {
		l.walls = l.walls[1:]
	}
	l.walls = append(l.walls, posted{key: a.Key, stream: a.Stream, actor: owner})
	return a, true
}

// share has a wall's owner share someone else's recent wall post on theirs.
func (l *live) share() (Action, bool) {
	if len(l.walls) == 0 {
		return Action{}, false
	}
	p := l.walls[len(l.walls)-1]
	for _, r := range shuffled(l.rng, wallOwners) {
		owner := l.c.id(r)
		if owner == p.actor {
			continue
		}
		a := l.send(l.c.co.Walls[owner], owner, "", l.m.shareComment(owner))
		a.Kind, a.Target = SharePost, p.key
		l.walls = l.walls[:len(l.walls)-1]
		return a, true
	}
	return Action{}, false
}
