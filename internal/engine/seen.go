package engine

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/symphony"
)

// seen remembers what has been handed on: per stream, the message ids of
// the last DedupeWindow and the newest timestamp; the keys of other events;
// and, from the previous run, a floor under which everything is done.
type seen struct {
	streams map[string]*streamSeen
	events  map[string]int64 // key of a non-message event → its timestamp
	newest  int64            // newest timestamp of any event handed on
	// eventsPruneAt is the size of events at which old keys are next pruned.
	eventsPruneAt int
	lastAlive     time.Time // from the previous run: when it last handed something on
	dirty         bool
}

type streamSeen struct {
	newest int64            // newest message timestamp handed on
	ids    map[string]int64 // message id → timestamp, within DedupeWindow of newest
	floor  history.Watermark
	// skipTo is the end of the last gap handed on: a catch-up starts there
	// rather than fill the gap, which its consumer fills on demand.
	skipTo int64
	// pruneAt is the size of ids at which old ids are next pruned.
	pruneAt int
}

func newSeen() *seen {
	return &seen{streams: map[string]*streamSeen{}, events: map[string]int64{}}
}

func (s *seen) stream(id string) *streamSeen {
	ss := s.streams[id]
	if ss == nil {
		ss = &streamSeen{ids: map[string]int64{}}
		s.streams[id] = ss
	}
	return ss
}

// streamIDs lists the streams seen so far.
func (s *seen) streamIDs() []string {
	ids := make([]string, 0, len(s.streams))
	for id := range s.streams {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// watermark returns where a catch-up of the stream starts.
func (s *seen) watermark(stream string) (history.Watermark, bool) {
	ss := s.streams[stream]
	if ss == nil {
		return history.Watermark{}, false
	}
	if ss.skipTo > max(ss.newest, ss.floor.Timestamp) {
		return history.Watermark{Timestamp: ss.skipTo}, true
	}
	if ss.newest == 0 {
		return ss.floor, ss.floor.Timestamp > 0
	}
	wm := history.Watermark{Timestamp: ss.newest}
	for id, ts := range ss.ids {
		if ts == ss.newest {
			wm.IDs = append(wm.IDs, id)
		}
	}
	slices.Sort(wm.IDs)
	return wm, true
}

// recency is the newest timestamp handed on for a stream, in this run or
// the previous one: how recently it was busy, as far as the engine knows.
func (s *seen) recency(stream string) int64 {
	ss := s.streams[stream]
	if ss == nil {
		return 0
	}
	return max(ss.newest, ss.floor.Timestamp)
}

// gap records that the messages of a stream up to ts were handed on as a
// gap: later catch-ups start after it.
func (s *seen) gap(stream string, ts int64) {
	ss := s.stream(stream)
	ss.skipTo = max(ss.skipTo, ts)
}

// live decides whether an event of the feed is new and builds its item.
func (s *seen) live(ev *symphony.V4Event) (Item, bool) {
	var streamID string
	if st := ev.Stream(); st != nil {
		streamID = symphony.CanonicalID(st.StreamID)
	}
	item := Item{StreamID: streamID, Event: *ev}
	if m := ev.Message(); m != nil {
		id := m.MessageID
		if id == "" {
			id = ev.MessageID
		}
		ts := m.Timestamp
		if ts == 0 {
			ts = ev.Timestamp
		}
		return item, s.acceptMessage(streamID, symphony.CanonicalID(id), ts)
	}
	key := eventKey(ev)
	if _, dup := s.events[key]; dup {
		return item, false
	}
	if ss := s.streams[streamID]; ss != nil && ev.Timestamp < ss.floor.Timestamp {
		return item, false
	}
	if streamID == "" && ev.Timestamp < s.lastAlive.UnixMilli() {
		return item, false
	}
	s.events[key] = ev.Timestamp
	s.advance(ev.Timestamp)
	return item, true
}

// recovered decides whether a message of history is new and builds its
// item: a MESSAGESENT event around it.
func (s *seen) recovered(streamID string, m *symphony.V4Message) (Item, bool) {
	ev := symphony.V4Event{
		MessageID: m.MessageID,
		Timestamp: m.Timestamp,
		Type:      symphony.EventMessageSent,
		Payload:   &symphony.V4Payload{MessageSent: &symphony.V4MessageSent{Message: m}},
	}
	if m.User != nil {
		ev.Initiator = &symphony.V4Initiator{User: m.User}
	}
	return Item{StreamID: streamID, Event: ev, Recovered: true},
		s.acceptMessage(streamID, symphony.CanonicalID(m.MessageID), m.Timestamp)
}

// acceptMessage records a message and reports whether it is new.
func (s *seen) acceptMessage(streamID, id string, ts int64) bool {
	ss := s.stream(streamID)
	if f := ss.floor; f.Timestamp > 0 && (ts < f.Timestamp || ts == f.Timestamp && slices.Contains(f.IDs, id)) {
		return false
	}
	if _, dup := ss.ids[id]; dup {
		return false
	}
	window := DedupeWindow.Milliseconds()
	if ts < ss.newest-window {
		return false
	}
	ss.ids[id] = ts
	if ts > ss.newest {
		ss.newest = ts
	}
	if len(ss.ids) > ss.pruneAt {
		// Prune when the set has doubled since the last prune: amortised
		// constant time per message.
		for k, t := range ss.ids {
			if t < ss.newest-window {
				delete(ss.ids, k)
			}
		}
		ss.pruneAt = max(2*len(ss.ids), 256)
	}
	s.advance(ts)
	return true
}

// advance moves the newest timestamp and prunes old event keys.
func (s *seen) advance(ts int64) {
	s.dirty = true
	if ts <= s.newest {
		return
	}
	s.newest = ts
	if len(s.events) > s.eventsPruneAt {
		for k, t := range s.events {
			if t < ts-DedupeWindow.Milliseconds() {
				delete(s.events, k)
			}
		}
		s.eventsPruneAt = max(2*len(s.events), 1024)
	}
}

// restore sets the floors from a previous run.
func (s *seen) restore(streams map[string]history.Watermark, lastAlive time.Time) {
	for id, wm := range streams {
		s.stream(symphony.CanonicalID(id)).floor = wm
	}
	s.lastAlive = lastAlive
}

// snapshot returns the watermarks to save.
func (s *seen) snapshot() (map[string]history.Watermark, time.Time) {
	out := make(map[string]history.Watermark, len(s.streams))
	for id := range s.streams {
		if wm, ok := s.watermark(id); ok {
			out[id] = wm
		}
	}
	last := s.lastAlive
	if s.newest > 0 {
		if t := time.UnixMilli(s.newest); t.After(last) {
			last = t
		}
	}
	return out, last
}

// eventKey identifies a non-message event: event ids alone are not unique
// (actions performed together share one).
func eventKey(ev *symphony.V4Event) string {
	var b strings.Builder
	b.WriteString(ev.Type)
	b.WriteByte('|')
	b.WriteString(ev.ID)
	b.WriteByte('|')
	b.WriteString(strconv.FormatInt(ev.Timestamp, 10))
	if ev.Initiator != nil && ev.Initiator.User != nil {
		b.WriteString("|by:" + strconv.FormatInt(ev.Initiator.User.UserID, 10))
	}
	if st := ev.Stream(); st != nil {
		b.WriteByte('|')
		b.WriteString(symphony.CanonicalID(st.StreamID))
	}
	if p := ev.Payload; p != nil {
		for _, u := range p.AffectedUsers() {
			if u != nil {
				b.WriteByte('|')
				b.WriteString(strconv.FormatInt(u.UserID, 10))
			}
		}
		if m := p.MessageSuppressed; m != nil {
			b.WriteString("|m:" + symphony.CanonicalID(m.MessageID))
		}
		if f := p.SymphonyElementsAction; f != nil {
			b.WriteString("|f:" + f.FormMessageID + "|" + f.FormID)
		}
	}
	return b.String()
}
