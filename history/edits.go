package history

import (
	"strings"

	"github.com/tutti-chat/tutti/symphony"
)

// applyVersion merges one version of a message: a message, or an edit
// naming its first version in initialMessageId. ev is the datafeed event
// that carried it (srcLive only). When fresh is not nil, a new row is added
// to it instead of being placed (ApplyPage merges them at once).
func (t *Timeline) applyVersion(m *symphony.V4Message, src source, ev *symphony.V4Event, fresh *[]*entry) Change {
	vid := symphony.CanonicalID(m.MessageID)
	if !messageID(vid) {
		return Unchanged
	}
	root, rootTS, rank := rootOf(m, vid)
	e := t.ids[vid]
	if e == nil {
		e = t.ids[root]
	}
	if e == nil {
		e = &entry{
			row:      Row{Key: root, Kind: RowMessage, Timestamp: rootTS, Recovered: src == srcPage},
			rootSeen: vid == root,
			tsRank:   rank,
		}
		t.ids[root] = e
		if vid != root {
			t.ids[vid] = e
			e.versions = append(e.versions, vid)
		}
		t.wm.note(m.Timestamp, vid)
		e.row.Suppressed = t.isSuppressed(vid) || t.isSuppressed(root)
		t.show(e, m, vid)
		if src == srcLive {
			t.setEvent(e, ev)
		}
		if fresh != nil {
			*fresh = append(*fresh, e)
		} else {
			t.place(e)
		}
		return Inserted
	}

	ch := Unchanged
	if seen := t.ids[vid] == e && (vid != e.row.Key || e.rootSeen); !seen {
		if vid == e.row.Key {
			e.rootSeen = true
		} else {
			t.ids[vid] = e
			e.versions = append(e.versions, vid)
		}
		t.wm.note(m.Timestamp, vid)
		if !e.row.Suppressed && t.isSuppressed(vid) {
			t.tombstone(e)
			ch = Updated
		}
		if rank > e.tsRank || (rank == e.tsRank && rootTS < e.row.Timestamp) {
			e.tsRank = rank
			t.move(e, rootTS)
			ch = Updated
		}
		if cur := e.row.Message; cur == nil || newer(m.Timestamp, vid, cur.Timestamp, cur.ID) {
			t.show(e, m, vid)
			ch = Updated
		}
	}
	if src != srcPage && e.row.Recovered {
		e.row.Recovered = false
		ch = Updated
	}
	if src == srcLive && (e.row.Event == nil || newerEvent(m, vid, e.row.Event.Message())) {
		// The event is kept for inspection; alone it changes nothing
		// visible (the echo of a message already confirmed).
		t.setEvent(e, ev)
	}
	return ch
}

// rootOf returns the canonical id of the first version of a message, the
// timestamp of that first version and how well it is known. An edit names
// its first version in initialMessageId (with initialTimestamp); an edit
// that only names the version it replaces is put under that one.
func rootOf(m *symphony.V4Message, vid string) (string, int64, uint8) {
	if id := symphony.CanonicalID(m.InitialMessageID); messageID(id) && id != vid {
		if m.InitialTimestamp != 0 {
			return id, m.InitialTimestamp, rankInitial
		}
		return id, m.Timestamp, rankGuess
	}
	if id := symphony.CanonicalID(m.Replacing); messageID(id) && id != vid && m.InitialMessageID == "" {
		return id, m.Timestamp, rankGuess
	}
	return vid, m.Timestamp, rankOwn
}

// newer reports whether the version (ts, id) is newer than (bts, bid): a
// later timestamp, or the same and a greater canonical id.
func newer(ts int64, id string, bts int64, bid string) bool {
	if ts != bts {
		return ts > bts
	}
	return strings.Compare(id, bid) > 0
}

// newerEvent reports whether m, version vid, is newer than the message of
// an event; anything is newer than nil.
func newerEvent(m *symphony.V4Message, vid string, b *symphony.V4Message) bool {
	return b == nil || newer(m.Timestamp, vid, b.Timestamp, symphony.CanonicalID(b.MessageID))
}

// show makes m, version vid, the content of e.
func (t *Timeline) show(e *entry, m *symphony.V4Message, vid string) {
	c := compactMessage(m, vid)
	if vid == e.row.Key {
		c.ID = e.row.Key // one copy of the id
	}
	t.intern.message(c)
	if e.row.Suppressed {
		c = c.stripped()
	}
	e.row.Message = c
	e.row.Edited = vid != e.row.Key
}

// setEvent makes ev the event of e.
func (t *Timeline) setEvent(e *entry, ev *symphony.V4Event) {
	if ev == nil {
		return
	}
	c := cloneEvent(ev)
	if e.row.Suppressed {
		c = stripEvent(c)
	}
	e.row.Event = c
}

// ApplySuppressed marks a message removed, by the id of any of its versions:
// its row stays as a tombstone without content. A message not in the
// timeline is suppressed when it comes.
func (t *Timeline) ApplySuppressed(messageID string) Change {
	return t.suppress(messageID)
}

// suppress is ApplySuppressed; it evicts nothing.
func (t *Timeline) suppress(messageID string) Change {
	id := symphony.CanonicalID(messageID)
	if id == "" {
		return Unchanged
	}
	t.suppressed[id] = struct{}{}
	e := t.ids[id]
	if e == nil || e.row.Kind != RowMessage || e.row.Pending || e.row.Suppressed {
		return Unchanged
	}
	t.tombstone(e)
	return Updated
}

// isSuppressed reports whether a message id was suppressed.
func (t *Timeline) isSuppressed(id string) bool {
	if len(t.suppressed) == 0 {
		return false
	}
	_, ok := t.suppressed[id]
	return ok
}

// tombstone marks e suppressed and drops its content.
func (t *Timeline) tombstone(e *entry) {
	e.row.Suppressed = true
	if e.row.Message != nil {
		e.row.Message = e.row.Message.stripped()
	}
	if e.row.Event != nil {
		e.row.Event = stripEvent(e.row.Event)
	}
}

// stripMessage returns a copy of m without its content: what a tombstone
// shows (author, stream, time, ids).
func stripMessage(m *symphony.V4Message) *symphony.V4Message {
	c := *m
	c.Message, c.Data, c.Attachments, c.SharedMessage = "", "", nil, nil
	return &c
}

// stripEvent returns a copy of a message event without the message's
// content.
func stripEvent(ev *symphony.V4Event) *symphony.V4Event {
	p := ev.Payload
	if p == nil {
		return ev
	}
	c, cp := *ev, *p
	c.Payload = &cp
	if p.MessageSent != nil && p.MessageSent.Message != nil {
		cp.MessageSent = &symphony.V4MessageSent{Message: stripMessage(p.MessageSent.Message)}
	}
	if p.SharedPost != nil && p.SharedPost.Message != nil {
		cp.SharedPost = &symphony.V4SharedPost{Message: stripMessage(p.SharedPost.Message)}
	}
	return &c
}
