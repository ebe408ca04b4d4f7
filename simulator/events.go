package simulator

import (
	"slices"
	"time"

	"github.com/tutti-chat/tutti/symphony"
)

// newEvent starts an event of type typ initiated by actor at ts.
func (s *state) newEvent(typ string, actor int64, ts time.Time) symphony.V4Event {
	ev := symphony.V4Event{
		ID: newEventID(), Timestamp: ts.UnixMilli(), Type: typ,
		Payload: &symphony.V4Payload{},
	}
	if u := s.users[actor]; u != nil {
		ev.Initiator = &symphony.V4Initiator{User: u.v4()}
	}
	return ev
}

// emit delivers ev to the datafeeds (v1 and v2) of every recipient, once
// each, and writes it to the ledger when the primary service account is
// one of them. While history is replayed nothing is delivered.
func (s *state) emit(now time.Time, ev symphony.V4Event, recipients ...int64) {
	if s.replaying {
		return
	}
	s.events++
	rs := slices.Clone(recipients)
	slices.Sort(rs)
	rs = slices.Compact(rs)
	s.expireFeeds(now)
	for _, f := range s.feeds {
		if _, ok := slices.BinarySearch(rs, f.owner); ok {
			f.push(ev)
		}
	}
	for id, f := range s.feedsV1 {
		if _, ok := slices.BinarySearch(rs, f.owner); !ok {
			continue
		}
		f.push(ev)
		if len(f.queue) > s.v1Capacity {
			f.kill()
			delete(s.feedsV1, id)
		}
	}
	if _, ok := slices.BinarySearch(rs, s.account); ok {
		s.ledger.write(ev)
	}
}

// eventMessage returns the copy of a stored message that events carry:
// externalRecipients is only present on real-time messages.
func eventMessage(m *message) *symphony.V4Message {
	c := m.msg
	c.ExternalRecipients = boolPtr(m.stream.external)
	return &c
}

// historyMessage returns the copy of a stored message that history and the
// message endpoints return.
func historyMessage(m *message) symphony.V4Message { return m.msg }

// roomStream is a room as membership and room events carry it.
func roomStream(st *stream) *symphony.V4Stream { return st.v4() }

// bareStream is a stream with only its id and type.
func bareStream(st *stream) *symphony.V4Stream {
	return &symphony.V4Stream{StreamID: st.id, StreamType: st.kind}
}

// roomProperties are a room's current properties as events carry them.
func (s *state) roomProperties(st *stream) *symphony.V4RoomProperties {
	p := &symphony.V4RoomProperties{
		Name: st.name, Description: st.description, CreatedDate: st.created.UnixMilli(),
		External: boolPtr(st.external), CrossPod: boolPtr(st.crossPod), Public: boolPtr(st.public),
		CopyProtected: boolPtr(st.copyProtected), ReadOnly: boolPtr(st.readOnly),
		Discoverable: boolPtr(st.discoverable), MembersCanInvite: boolPtr(st.membersCanInvite),
		CanViewHistory: boolPtr(st.viewHistory),
	}
	if u := s.users[st.creator]; u != nil {
		p.CreatorUser = u.v4()
	}
	for _, k := range st.keywords {
		p.Keywords = append(p.Keywords, symphony.V4KeyValuePair(k))
	}
	return p
}

// v4Users returns the users of ids as events carry them.
func (s *state) v4Users(ids []int64) []*symphony.V4User {
	out := make([]*symphony.V4User, 0, len(ids))
	for _, id := range ids {
		if u := s.users[id]; u != nil {
			out = append(out, u.v4())
		} else {
			out = append(out, &symphony.V4User{UserID: id})
		}
	}
	return out
}
