package simulator

import (
	"crypto/sha256"
	"encoding/base64"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/tutti-chat/tutti/symphony"
)

// history returns a page of a stream's history at now: the messages
// history had at that point of the recording (of every pass so far, when
// looping), moved to the replay's time, filtered by q as the agent filters.
func (rp *replay) history(sid string, now time.Time, q historyQuery) ([]symphony.V4Message, error) {
	st := rp.streams[sid]
	if st == nil {
		if !rp.knownStream(sid) {
			return nil, badRequest("The stream %s does not exist", sid)
		}
		return nil, nil
	}
	k, pos := rp.clock.position(now)
	var out []symphony.V4Message
	skip := q.skip
	// page adds the messages of list as pass j shows them; false when the
	// page is full or past until.
	page := func(j int, list []*replayMessage) bool {
		if len(list) == 0 || rp.clock.millis(j, list[len(list)-1].msg.Timestamp) < q.since {
			return true
		}
		i := sort.Search(len(list), func(i int) bool { return rp.clock.millis(j, list[i].msg.Timestamp) >= q.since })
		for ; i < len(list); i++ {
			m := list[i]
			if len(out) >= q.limit || (q.hasUntil && rp.clock.millis(j, m.msg.Timestamp) > q.until) {
				return false
			}
			if !m.visibleAt(j, k, pos) {
				continue
			}
			if skip > 0 {
				skip--
				continue
			}
			out = append(out, rp.message(j, m.msg))
		}
		return true
	}
	if !page(0, st.past) {
		return out, nil
	}
	for j := 0; j <= k; j++ {
		if !page(j, st.live) {
			break
		}
	}
	return out, nil
}

// visibleAt reports whether history has the message in pass j when the
// present is pass k at position pos.
func (m *replayMessage) visibleAt(j, k int, pos time.Time) bool {
	if !reached(j, k, pos, m.visible) {
		return false
	}
	return m.suppressed.IsZero() || !reached(j, k, pos, m.suppressed)
}

// lookup finds a message by id at now, in whichever pass named it so.
func (rp *replay) lookup(id string, now time.Time) (symphony.V4Message, bool) {
	id = symphony.CanonicalID(id)
	k, pos := rp.clock.position(now)
	for j := 0; j <= k; j++ {
		orig := id
		if j > 0 {
			orig = originalID(id, j)
		}
		for _, st := range rp.streams {
			for _, list := range [][]*replayMessage{st.past, st.live} {
				for _, m := range list {
					if symphony.CanonicalID(m.msg.MessageID) != orig || (j > 0 && !rp.liveIDs[orig]) {
						continue
					}
					if !m.visibleAt(j, k, pos) {
						return symphony.V4Message{}, false
					}
					return rp.message(j, m.msg), true
				}
			}
		}
	}
	return symphony.V4Message{}, false
}

// message returns a message of the recording as pass j shows it: its
// timestamps moved to the pass and, after the first pass, the ids of the
// messages sent during the recording renamed, so that a client sees new
// messages again.
func (rp *replay) message(j int, m symphony.V4Message) symphony.V4Message {
	m.Timestamp = rp.clock.millis(j, m.Timestamp)
	m.InitialTimestamp = rp.clock.millis(j, m.InitialTimestamp)
	m.MessageID = rp.id(j, m.MessageID)
	m.ParentMessageID = rp.id(j, m.ParentMessageID)
	m.Replacing = rp.id(j, m.Replacing)
	m.ReplacedBy = rp.id(j, m.ReplacedBy)
	m.InitialMessageID = rp.id(j, m.InitialMessageID)
	if m.SharedMessage != nil {
		shared := rp.message(j, *m.SharedMessage)
		m.SharedMessage = &shared
	}
	return m
}

// id returns a message id as pass j names it.
func (rp *replay) id(j int, id string) string {
	if j == 0 || id == "" || !rp.liveIDs[symphony.CanonicalID(id)] {
		return id
	}
	return passID(symphony.CanonicalID(id), j)
}

// passID renames a canonical message id for pass j > 0: its bytes XORed
// with a key of the pass, so the new id has the same form and renaming it
// again gives the original back. An id that is not base64 gets a suffix.
func passID(id string, j int) string {
	raw, err := base64.RawURLEncoding.DecodeString(id)
	if err != nil || base64.RawURLEncoding.EncodeToString(raw) != id {
		return id + "~" + strconv.Itoa(j)
	}
	key := sha256.Sum256([]byte("tutti replay pass " + strconv.Itoa(j)))
	for i := range raw {
		raw[i] ^= key[i%len(key)]
	}
	return base64.RawURLEncoding.EncodeToString(raw)
}

// originalID returns the recording's id of a message id of pass j > 0.
func originalID(id string, j int) string {
	if orig, ok := strings.CutSuffix(id, "~"+strconv.Itoa(j)); ok {
		return orig
	}
	return passID(id, j) // the XOR undoes itself
}

// event returns a datafeed event of the recording as pass j delivers it:
// timestamps moved to the pass and, after the first pass, its id and the
// ids of the recording's messages renamed. What it changes is copied: the
// recorded event is shared by every pass.
func (rp *replay) event(j int, ev symphony.V4Event) symphony.V4Event {
	ev.Timestamp = rp.clock.millis(j, ev.Timestamp)
	if j > 0 && ev.ID != "" {
		ev.ID += "~" + strconv.Itoa(j)
	}
	ev.MessageID = rp.id(j, ev.MessageID)
	if ev.Payload == nil {
		return ev
	}
	p := *ev.Payload
	msg := func(m *symphony.V4Message) *symphony.V4Message {
		if m == nil {
			return nil
		}
		c := rp.message(j, *m)
		return &c
	}
	props := func(in *symphony.V4RoomProperties) *symphony.V4RoomProperties {
		if in == nil {
			return nil
		}
		c := *in
		c.CreatedDate = rp.clock.millis(j, c.CreatedDate)
		return &c
	}
	switch {
	case p.MessageSent != nil:
		p.MessageSent = &symphony.V4MessageSent{Message: msg(p.MessageSent.Message)}
	case p.SharedPost != nil:
		p.SharedPost = &symphony.V4SharedPost{Message: msg(p.SharedPost.Message), SharedMessage: msg(p.SharedPost.SharedMessage)}
	case p.MessageSuppressed != nil:
		c := *p.MessageSuppressed
		c.MessageID = rp.id(j, c.MessageID)
		p.MessageSuppressed = &c
	case p.SymphonyElementsAction != nil:
		c := *p.SymphonyElementsAction
		c.FormMessageID = rp.id(j, c.FormMessageID)
		p.SymphonyElementsAction = &c
	case p.RoomCreated != nil:
		c := *p.RoomCreated
		c.RoomProperties = props(c.RoomProperties)
		p.RoomCreated = &c
	case p.RoomUpdated != nil:
		c := *p.RoomUpdated
		c.NewRoomProperties = props(c.NewRoomProperties)
		p.RoomUpdated = &c
	case p.GenericSystemEvent != nil:
		c := *p.GenericSystemEvent
		c.EventTimestamp = rp.clock.millis(j, c.EventTimestamp)
		p.GenericSystemEvent = &c
	}
	ev.Payload = &p
	return ev
}
