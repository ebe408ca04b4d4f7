package scenario

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"
)

// The script is the story History tells, around the everyday chatter: the
// structural events (a connection, rooms created, updated, deactivated and
// reactivated, people joining, leaving and promoted, a new IM, a shared wall
// post, forms and their submissions, system events) and the messages that go
// with them. Its actions, people and keys are fixed for the seed; its times
// are days and times of day, placed before now by History, which also writes
// the content.

// scripted is one planned action of History.
type scripted struct {
	day    int           // days before the day of now; always ≥ 1
	at     time.Duration // since midnight
	a      Action        // without Time; content is written by fill
	fill   func(h *historyRun, a *Action)
	change func(r *Room) // UpdateRoom: what changes
}

// scriptBuilder accumulates the script.
type scriptBuilder struct {
	c     *cast
	rng   *rand.Rand
	items []scripted
	keys  int
}

// key returns a new message key of the script.
func (s *scriptBuilder) key() string {
	s.keys++
	return "s" + strconv.Itoa(s.keys)
}

// clock returns a time of day, with random milliseconds.
func (s *scriptBuilder) clock(h, m, sec int) time.Duration {
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(sec)*time.Second +
		time.Duration(s.rng.IntN(1000))*time.Millisecond
}

// add plans an action.
func (s *scriptBuilder) add(day int, at time.Duration, a Action, fill func(h *historyRun, a *Action)) {
	s.items = append(s.items, scripted{day: day, at: at, a: a, fill: fill})
}

// say plans a message; write produces its content when History runs.
func (s *scriptBuilder) say(day int, at time.Duration, stream string, actor int64, target string, write func(m *composer) message) string {
	key := s.key()
	s.add(day, at, Action{Kind: SendMessage, Actor: actor, Stream: stream, Key: key, Target: target},
		func(h *historyRun, a *Action) { h.content(a, write(h.m)) })
	return key
}

// sayLine plans a one-template message.
func (s *scriptBuilder) sayLine(day int, at time.Duration, stream string, t topic, actor int64, target, tpl string, pinned ...int64) string {
	return s.say(day, at, stream, actor, target, func(m *composer) message { return m.lineWith(t, actor, tpl, pinned...) })
}

// buildScript writes the story for the cast and applies it to w, which
// then describes the pod at the end of History.
func buildScript(c *cast, rng *rand.Rand, w *world) []scripted {
	s := &scriptBuilder{c: c, rng: rng}
	id := c.id
	acct := id(roleAccount)
	bot := id(roleSentinel)
	rates, ops, releases, lunch := c.rooms[roomRates], c.rooms[roomOps], c.rooms[roomReleases], c.rooms[roomLunch]
	kestrel := c.rooms[roomKestrel]

	// The account asked a portfolio manager for a connection; accepted a day later.
	s.add(5, s.clock(9, 41, 12), Action{Kind: RequestConnection, Actor: acct, User: c.ext[extOrrin]}, nil)
	s.add(4, s.clock(8, 12, 40), Action{Kind: AcceptConnection, Actor: c.ext[extOrrin], User: acct}, nil)

	// Every morning the monitoring bot posts the overnight batch, all at once:
	// several messages with the same timestamp in one stream.
	for day := 5; day >= 1; day-- {
		at := s.clock(6, 30, 0)
		jobs := shuffled(rng, batchJobs)[:2+rng.IntN(4)]
		for _, job := range jobs {
			s.say(day, at, ops, bot, "", func(m *composer) message { return m.batchLine(bot, job) })
		}
	}

	// The strategist joins Lunch & Social and is welcomed.
	quant := id(roleQuant)
	s.add(4, s.clock(9, 5, 10), Action{Kind: JoinRoom, Actor: quant, User: quant, Stream: lunch}, nil)
	hi := s.sayLine(4, s.clock(9, 5, 55), lunch, topicSocial, quant, "", "Finally joined, hi all {e:wave}")
	s.sayLine(4, s.clock(9, 7, 20), lunch, topicSocial, id(roleOffice), hi, "Welcome {@0}! Lunch runs leave at 12:30 most days {e:bento}", quant)

	// The release train changes hands.
	s.add(4, s.clock(11, 20, 0), Action{Kind: PromoteOwner, Actor: id(roleHeadPlatform), User: id(roleRelease), Stream: releases}, nil)
	s.add(4, s.clock(11, 20, 30), Action{Kind: DemoteOwner, Actor: id(roleHeadPlatform), User: id(roleSRE), Stream: releases}, nil)
	s.sayLine(4, s.clock(11, 21, 45), releases, topicRelease, id(roleHeadPlatform), "",
		"{@0} now owns the release train. Thanks {@1} for running it all year {e:clap}", id(roleRelease), id(roleSRE))

	s.incident(c)

	// A crash report from the monitoring bot, answered.
	crash := s.say(4, s.clock(15, 40, 12), ops, bot, "", func(m *composer) message { return m.stackTrace(bot, nil) })
	s.sayLine(4, s.clock(15, 43, 2), ops, topicOps, id(roleSRE), crash, "Known one, the nil book on reconnect. Fix goes out with the next train {e:thumbsup}")

	// The strategist's view, shared by the head of rates.
	post := s.say(3, s.clock(12, 2, 0), c.co.Walls[quant], quant, "", func(m *composer) message { return m.wallPost(quant) })
	head := id(roleHeadRates)
	s.add(3, s.clock(12, 40, 0), Action{Kind: SharePost, Actor: head, Stream: c.co.Walls[head], Key: s.key(), Target: post},
		func(h *historyRun, a *Action) { h.content(a, h.m.shareComment(head)) })
	platform := id(roleHeadPlatform)
	s.say(2, s.clock(13, 0, 0), c.co.Walls[platform], platform, "", func(m *composer) message { return m.wallPost(platform) })

	// A new IM: the strategist asks the account for a morning snapshot.
	im := streamID(rng)
	s.add(2, s.clock(10, 5, 0), Action{Kind: CreateIM, Actor: quant, Stream: im, Members: []int64{acct, quant}}, nil)
	ask := s.sayLine(2, s.clock(10, 5, 30), im, topicIM, quant, "",
		"Hi! Could you post the govies run in Rates Desk every morning at 07:30?")
	s.sayLine(2, s.clock(10, 8, 0), im, topicIM, acct, ask, "Sure, from tomorrow {e:white_check_mark}")
	s.say(1, s.clock(7, 30, 0), rates, acct, "", func(m *composer) message { return m.ratesRun(acct, w.members(rates)) })

	// Federation notices in the cross-pod room.
	for i, ev := range []struct {
		day        int
		at         time.Duration
		subtype    string
		parameters map[string]any
	}{
		{2, s.clock(14, 2, 0), "EXTERNAL_ROOM_POLICY_UPDATED", map[string]any{"podName": "kestrelbank", "policy": "copyProtection", "enabled": true}},
		{1, s.clock(17, 5, 0), "CROSS_POD_MEMBERS_SYNCED", map[string]any{"podName": "kestrelbank", "members": 2, "status": "ok"}},
	} {
		s.add(ev.day, ev.at, Action{Kind: SystemEvent, Actor: c.ext[extKestrelSales+i%2], Stream: kestrel,
			Subtype: ev.subtype, Source: "federation", Parameters: ev.parameters}, nil)
	}

	// The FX options trader leaves the release room.
	s.add(2, s.clock(15, 10, 0), Action{Kind: LeaveRoom, Actor: id(roleFXOptions), User: id(roleFXOptions), Stream: releases}, nil)

	// Ops Incidents gets this week's on-call in its description.
	s.update(1, s.clock(9, 15, 0), platform, ops, func(r *Room) {
		sre := c.person(id(roleSRE))
		r.Description = "Production alerts and incident coordination. On call this week: " + sre.DisplayName + ". Open a bridge room for P1s."
		r.Keywords["oncall"] = sre.Username
	})

	// The government bond trader becomes co-owner of the desk room.
	s.add(1, s.clock(10, 0, 0), Action{Kind: PromoteOwner, Actor: head, User: id(roleGovies), Stream: rates}, nil)
	s.sayLine(1, s.clock(10, 0, 40), rates, topicRates, head, "", "{@0} is co-owner of this room now, ask either of us for access", id(roleGovies))

	// A lunch poll, and who answered it.
	poll := s.say(1, s.clock(11, 10, 0), lunch, acct, "", func(m *composer) message { return m.lunchForm(acct, nil) })
	for i, r := range []role{roleOffice, roleSwaps, roleGovies, roleSRE} {
		s.submit(1, s.clock(11, 14+3*i, 20), lunch, id(r), poll)
	}

	// A release approval with two approvers, then the deploy.
	approval := s.say(1, s.clock(14, 0, 0), releases, bot, "", func(m *composer) message { return m.releaseForm(bot, nil) })
	s.submit(1, s.clock(14, 6, 10), releases, platform, approval)
	s.submit(1, s.clock(14, 9, 45), releases, id(roleSRE), approval)
	s.say(1, s.clock(14, 32, 0), releases, bot, "", func(m *composer) message { return m.deployCard(bot, nil) })

	// Someone at another firm asks the account for a connection; still pending.
	s.add(1, s.clock(16, 20, 0), Action{Kind: RequestConnection, Actor: c.ext[extBluefin], User: acct}, nil)

	// End-of-day files.
	s.say(1, s.clock(17, 30, 0), rates, id(roleSupport), "", func(m *composer) message {
		return m.report(topicRates, id(roleSupport), w.members(rates))
	})

	slices.SortStableFunc(s.items, func(a, b scripted) int {
		if a.day != b.day {
			return cmp.Compare(b.day, a.day)
		}
		return cmp.Compare(a.at, b.at)
	})
	for i := range s.items {
		it := &s.items[i]
		if it.change != nil {
			it.change(w.room[it.a.Stream])
			it.a.Room = w.snapshot(it.a.Stream)
			continue
		}
		w.apply(it.a)
	}
	return s.items
}

// update plans a change of a room's properties.
func (s *scriptBuilder) update(day int, at time.Duration, actor int64, stream string, change func(r *Room)) {
	s.items = append(s.items, scripted{day: day, at: at, a: Action{Kind: UpdateRoom, Actor: actor, Stream: stream}, change: change})
}

// submit plans a form submission.
func (s *scriptBuilder) submit(day int, at time.Duration, stream string, actor int64, formKey string) {
	s.add(day, at, Action{Kind: SubmitForm, Actor: actor, Stream: stream, Target: formKey}, func(h *historyRun, a *Action) {
		f := h.forms[a.Target]
		a.FormID = f.id
		a.FormValues = h.m.formValues(f, a.Actor)
	})
}

// incident plans a P1: an alert storm, a bridge room and its chatter, the
// room deactivated once resolved and reactivated the next day for the
// post-mortem.
func (s *scriptBuilder) incident(c *cast) {
	id := c.id
	rng := s.rng
	bot, sre, platform, rates := id(roleSentinel), id(roleSRE), id(roleHeadPlatform), id(roleHeadRates)
	support, release, fxo := id(roleSupport), id(roleRelease), id(roleFXOptions)
	ops := c.rooms[roomOps]
	inc := "INC-" + strconv.Itoa(4000+rng.IntN(1000))
	const svc = "pricing-gateway"

	// Three alerts in the same millisecond, then a chime.
	storm := s.clock(10, 11, 7)
	for range 3 {
		s.say(3, storm, ops, bot, "", func(m *composer) message {
			msg, _ := m.alertCard(bot, nil, svc, inc)
			return msg
		})
	}
	s.say(3, s.clock(10, 11, 9), ops, bot, "", func(m *composer) message { return m.chime() })
	s.sayLine(3, s.clock(10, 12, 30), ops, topicOps, sre, "", "Acked "+inc+", investigating {e:warning}")

	bridge := streamID(rng)
	room := Room{
		ID:          bridge,
		Name:        inc + " " + svc + " latency",
		Description: "Bridge for " + inc + ": stale quotes from the " + svc + ". Desk impact updates here.",
		Keywords:    map[string]string{"incident": inc, "severity": "P1"},
		Creator:     sre,
		Members:     []int64{sre, platform, release, support, id(roleAccount), rates},
		Owners:      []int64{sre, platform},
		Active:      true,
	}
	s.add(3, s.clock(10, 14, 5), Action{Kind: CreateRoom, Actor: sre, Stream: bridge, Room: &room}, nil)
	s.sayLine(3, s.clock(10, 14, 40), ops, topicOps, sre, "", "Bridge room is open for "+inc+", join if the desk is affected")

	members := room.Members
	say := func(h, m, sec int, actor int64, target, tpl string) string {
		return s.say(3, s.clock(h, m, sec), bridge, actor, target, func(cm *composer) message {
			cm.preset("svc", svc)
			msg := cm.line(topicIncident, actor, members, tpl)
			return msg
		})
	}
	say(10, 15, 10, platform, "", "Joining. What do we know so far?")
	s.say(3, s.clock(10, 16, 2), bridge, sre, "", func(m *composer) message {
		m.preset("svc", svc)
		return m.logExcerpt(topicIncident, sre, members)
	})
	say(10, 17, 30, rates, "", "Desk reports stale {fx} quotes since 10:09 {e:warning}")
	say(10, 18, 11, support, "", "Customer impact so far: {n} RFQs rejected, sales is calling them back")

	// Posted in the wrong room, with a file, and withdrawn.
	wrong := s.say(3, s.clock(10, 19, 40), bridge, support, "", func(m *composer) message {
		return m.report(topicRates, support, members)
	})
	s.add(3, s.clock(10, 20, 5), Action{Kind: SuppressMessage, Actor: support, Stream: bridge, Target: wrong}, nil)

	s.say(3, s.clock(10, 21, 0), bridge, release, "", func(m *composer) message { return m.code(topicIncident, release, members) })

	// A typo, fixed half a minute later, and a reply to it.
	trigger := s.key()
	s.add(3, s.clock(10, 22, 10), Action{Kind: SendMessage, Actor: sre, Stream: bridge, Key: trigger}, func(h *historyRun, a *Action) {
		msg := h.m.line(topicIncident, sre, members, "Looks like the config push at 10:05 is the trigger, the quote throttle went from 500 to 50")
		h.content(a, msg)
		for range 20 {
			if bad, ok := typo(h.m.rng, msg.ml); ok {
				h.fixed[a.Key], a.MessageML = msg.ml, bad
				return
			}
		}
	})
	s.add(3, s.clock(10, 22, 41), Action{Kind: EditMessage, Actor: sre, Stream: bridge, Key: s.key(), Target: trigger},
		func(h *historyRun, a *Action) { a.MessageML = h.fixed[a.Target] })
	say(10, 24, 30, platform, trigger, "Agreed, roll it back and hold the deploy train {e:thumbsup}")
	say(10, 26, 0, sre, "", "Rolling back the config on {host}")

	// Someone not in the room asks to join; the owner adds them.
	s.add(3, s.clock(10, 31, 0), Action{Kind: RequestToJoin, Actor: fxo, Stream: bridge}, nil)
	s.add(3, s.clock(10, 32, 15), Action{Kind: JoinRoom, Actor: sre, User: fxo, Stream: bridge}, nil)
	say(10, 33, 0, fxo, "", "Thanks. Seeing stale {fx} quotes from Singapore too")
	say(10, 41, 0, sre, "", "Quotes are updating again {e:eyes}")
	say(10, 44, 0, rates, "", "Desk confirms prices look good now {e:thumbsup}")
	s.say(3, s.clock(10, 52, 0), ops, bot, "", func(m *composer) message { return m.resolvedCard(bot, nil, svc, inc) })
	say(11, 35, 0, sre, "", "Closing the bridge. Post-mortem tomorrow 09:30, I'll reopen this room for it")
	s.add(3, s.clock(16, 45, 0), Action{Kind: DeactivateRoom, Actor: sre, Stream: bridge}, nil)

	// The next morning: reopened and renamed for the post-mortem.
	s.add(2, s.clock(9, 30, 0), Action{Kind: ReactivateRoom, Actor: platform, Stream: bridge}, nil)
	s.update(2, s.clock(9, 30, 40), platform, bridge, func(r *Room) {
		r.Name = inc + " post-mortem"
		r.Description = "Post-mortem for " + inc + " (" + svc + " stale quotes). Timeline and actions in the doc."
		r.Keywords["status"] = "post-mortem"
	})
	pm := s.say(2, s.clock(9, 32, 0), bridge, platform, "", func(m *composer) message {
		m.begin(topicIncident, platform, members)
		m.pinned = append(m.pinned, sre, release, support)
		m.b.WriteString(`<messageML><h3>` + inc + ` post-mortem</h3><p>Impact: 31 minutes of stale quotes, `)
		m.expand(`{n} RFQs rejected. Trigger: a config push that cut the quote throttle tenfold.</p><p><b>Actions</b></p><ul>`)
		m.expand(`<li>Validate throttle values in CI ({@0})</li><li>Alert on quote age, not only latency ({@1})</li><li>Desk runbook for stale prices ({@2})</li></ul>`)
		m.b.WriteString(`<p><a href="https://wiki.larkspurcapital.com/incidents/` + inc + `">Incident doc</a></p></messageML>`)
		return message{ml: m.b.String()}
	})
	s.sayLine(2, s.clock(9, 40, 0), bridge, topicIncident, sre, pm, "I'll take the CI check, PR by Friday")
	s.sayLine(2, s.clock(9, 44, 30), bridge, topicIncident, rates, pm, "Thanks all. {@0} the runbook should include who to call on the desk", support)
}
