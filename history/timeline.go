package history

import (
	"cmp"
	"slices"
	"strings"

	"github.com/tutti-chat/tutti/symphony"
)

// Options configure a Timeline.
type Options struct {
	// MaxRows caps the rows a timeline holds; past it, the oldest rows are
	// evicted and forgotten, so that a later page can bring them back.
	// Zero means no cap. Keep it well above a screen and a page.
	MaxRows int
}

// Timeline is the merge store of one stream: the ordered, deduplicated rows
// built from live events and history pages. It does no I/O and is not safe
// for concurrent use; see the package comment for its contract.
type Timeline struct {
	stream string
	opts   Options

	rows       []*entry            // ordered by (Timestamp, Key)
	ids        map[string]*entry   // row keys, and every version id of a message
	suppressed map[string]struct{} // canonical ids of suppressed messages
	gaps       []*entry            // the gap rows
	wm         watermark
	intern     interner // values that messages share
}

// entry is a row and what the timeline needs to merge into it.
type entry struct {
	row Row
	// versions are the ids of the message's versions other than row.Key,
	// all registered in Timeline.ids.
	versions []string
	placed   bool  // in Timeline.rows (false while a page is being merged)
	rootSeen bool  // the first version itself was delivered
	tsRank   uint8 // how row.Timestamp of a message is known (rank*)
}

// How a message row's timestamp is known, from the weakest to the
// strongest: the timestamp of an edit that names no first version's, the
// initialTimestamp an edit carries, the first version's own.
const (
	rankGuess uint8 = iota + 1
	rankInitial
	rankOwn
)

// source is where a message version comes from.
type source int

const (
	srcLive source = iota // the datafeed
	srcPage               // a history page
	srcSent               // the agent's answer to our own send
)

// NewTimeline returns an empty timeline of a stream. An empty streamID makes
// a timeline that accepts the events and messages of every stream (an
// activity or connections pane); otherwise those of other streams are
// ignored. Events without a stream (connection events) are accepted by any
// timeline.
func NewTimeline(streamID string, opts Options) *Timeline {
	return &Timeline{
		stream:     symphony.CanonicalID(streamID),
		opts:       opts,
		ids:        map[string]*entry{},
		suppressed: map[string]struct{}{},
	}
}

// StreamID returns the canonical id of the timeline's stream.
func (t *Timeline) StreamID() string { return t.stream }

// Len returns the number of rows.
func (t *Timeline) Len() int { return len(t.rows) }

// At returns row i, 0 ≤ i < Len(), in order.
func (t *Timeline) At(i int) Row { return t.rows[i].row }

// Rows returns the rows in order, as a new slice; the messages and events
// are shared, not copied.
func (t *Timeline) Rows() []Row {
	out := make([]Row, len(t.rows))
	for i, e := range t.rows {
		out[i] = e.row
	}
	return out
}

// Lookup returns the row of a message by the id of any of its versions (in
// either base64 alphabet), or any row by its key.
func (t *Timeline) Lookup(id string) (Row, bool) {
	e := t.ids[id]
	if e == nil {
		e = t.ids[symphony.CanonicalID(id)]
	}
	if e == nil || !e.placed {
		return Row{}, false
	}
	return e.row, true
}

// Oldest returns the timestamp of the oldest message row (pending messages
// aside): the until of the next Older page.
func (t *Timeline) Oldest() (int64, bool) {
	for _, e := range t.rows {
		if e.row.Kind == RowMessage && !e.row.Pending {
			return e.row.Timestamp, true
		}
	}
	return 0, false
}

// Newest returns the timestamp of the newest message row (pending messages
// aside).
func (t *Timeline) Newest() (int64, bool) {
	for i := len(t.rows) - 1; i >= 0; i-- {
		if e := t.rows[i]; e.row.Kind == RowMessage && !e.row.Pending {
			return e.row.Timestamp, true
		}
	}
	return 0, false
}

// ApplyLive merges one datafeed event: a message (MESSAGESENT, SHAREDPOST)
// or a new version of one, a suppression, or a room, membership,
// connection, form or system event. Events of another stream and of
// unknown types change nothing.
func (t *Timeline) ApplyLive(ev symphony.V4Event) Change {
	ch := t.applyLive(&ev)
	t.evict()
	return ch
}

// applyLive merges an event; it keeps copies, never ev itself.
func (t *Timeline) applyLive(ev *symphony.V4Event) Change {
	if !t.ofStream(ev.Stream()) {
		return Unchanged
	}
	switch ev.Type {
	case symphony.EventMessageSent, symphony.EventSharedPost:
		m := ev.Message()
		if m == nil {
			return Unchanged
		}
		if sp := ev.Payload.SharedPost; sp != nil && sp.SharedMessage != nil && m.SharedMessage == nil {
			// Keep the shared post with the post that shares it.
			c := *m
			c.SharedMessage = sp.SharedMessage
			m = &c
		}
		return t.applyVersion(m, srcLive, ev, nil)
	case symphony.EventMessageSuppressed:
		if ev.Payload == nil || ev.Payload.MessageSuppressed == nil {
			return Unchanged
		}
		return t.suppress(ev.Payload.MessageSuppressed.MessageID)
	}
	kind, ok := eventKind(ev.Type)
	if !ok {
		return Unchanged
	}
	stream := ""
	if s := ev.Stream(); s != nil {
		stream = symphony.CanonicalID(s.StreamID)
	}
	key := eventKey(ev, stream)
	if t.ids[key] != nil {
		return Unchanged
	}
	ts := ev.Timestamp
	if g := ev.Payload.GenericSystemEvent; ts == 0 && g != nil {
		ts = g.EventTimestamp
	}
	e := &entry{row: Row{Key: key, Kind: kind, Timestamp: ts, Event: cloneEvent(ev)}}
	t.ids[key] = e
	t.place(e)
	return Inserted
}

// ApplyPage merges a page of history: messages in any order, overlapping
// what the timeline holds, with duplicates. It returns the rows it
// inserted, in order; rows it updated are not returned. The timeline keeps
// compact records of msgs (Message), which share the user and stream
// records equal ones already hold; msgs itself is neither changed nor
// kept.
func (t *Timeline) ApplyPage(msgs []symphony.V4Message) []Row {
	fresh := t.applyPage(msgs)
	t.evict()
	out := make([]Row, 0, len(fresh))
	for _, e := range fresh {
		if e.placed {
			out = append(out, e.row)
		}
	}
	return out
}

// applyPage merges a page and returns the entries it created, in order.
func (t *Timeline) applyPage(msgs []symphony.V4Message) []*entry {
	var fresh []*entry
	for i := range msgs {
		if m := &msgs[i]; t.ofStream(m.Stream) {
			t.applyVersion(m, srcPage, nil, &fresh)
		}
	}
	t.merge(fresh)
	return fresh
}

// ofStream reports whether something of stream s belongs to the timeline.
func (t *Timeline) ofStream(s *symphony.V4Stream) bool {
	return t.stream == "" || s == nil || s.StreamID == "" || s.StreamID == t.stream ||
		symphony.CanonicalID(s.StreamID) == t.stream
}

// compareEntries orders entries by (Timestamp, Key).
func compareEntries(a, b *entry) int {
	if c := cmp.Compare(a.row.Timestamp, b.row.Timestamp); c != 0 {
		return c
	}
	return strings.Compare(a.row.Key, b.row.Key)
}

// place inserts e at its position; appending is the fast path.
func (t *Timeline) place(e *entry) {
	e.placed = true
	if n := len(t.rows); n == 0 || compareEntries(t.rows[n-1], e) < 0 {
		t.rows = append(t.rows, e)
		return
	}
	i, _ := slices.BinarySearchFunc(t.rows, e, compareEntries)
	t.rows = slices.Insert(t.rows, i, e)
}

// merge places entries not placed yet, in one pass over the rows.
func (t *Timeline) merge(fresh []*entry) {
	if len(fresh) == 0 {
		return
	}
	slices.SortFunc(fresh, compareEntries)
	for _, e := range fresh {
		e.placed = true
	}
	n := len(t.rows)
	if n == 0 || compareEntries(t.rows[n-1], fresh[0]) < 0 {
		t.rows = append(t.rows, fresh...)
		return
	}
	// Merge from the back, in place.
	t.rows = slices.Grow(t.rows, len(fresh))[:n+len(fresh)]
	i, j := n-1, len(fresh)-1
	for w := len(t.rows) - 1; j >= 0; w-- {
		if i >= 0 && compareEntries(t.rows[i], fresh[j]) > 0 {
			t.rows[w] = t.rows[i]
			i--
		} else {
			t.rows[w] = fresh[j]
			j--
		}
	}
}

// remove takes e out of the rows (it stays registered).
func (t *Timeline) remove(e *entry) {
	if !e.placed {
		return
	}
	if i, ok := slices.BinarySearchFunc(t.rows, e, compareEntries); ok && t.rows[i] == e {
		t.rows = slices.Delete(t.rows, i, i+1)
	}
	e.placed = false
}

// move changes the timestamp of e, keeping the rows ordered.
func (t *Timeline) move(e *entry, ts int64) {
	if e.row.Timestamp == ts {
		return
	}
	if !e.placed {
		e.row.Timestamp = ts
		return
	}
	t.remove(e)
	e.row.Timestamp = ts
	t.place(e)
}

// drop removes e and forgets it.
func (t *Timeline) drop(e *entry) {
	t.remove(e)
	t.forget(e)
}

// forget unregisters every key of e, so that it can come back.
func (t *Timeline) forget(e *entry) {
	if t.ids[e.row.Key] == e {
		delete(t.ids, e.row.Key)
	}
	for _, v := range e.versions {
		if t.ids[v] == e {
			delete(t.ids, v)
		}
	}
	if e.row.Kind == RowGap {
		t.gaps = slices.DeleteFunc(t.gaps, func(g *entry) bool { return g == e })
	}
	e.placed = false
}

// evict drops the oldest rows past Options.MaxRows.
func (t *Timeline) evict() {
	k := len(t.rows) - t.opts.MaxRows
	if t.opts.MaxRows <= 0 || k <= 0 {
		return
	}
	for _, e := range t.rows[:k] {
		t.forget(e)
	}
	clear(t.rows[:k])
	t.rows = t.rows[k:]
}

// cloneEvent returns a copy of an event that the timeline can keep.
func cloneEvent(ev *symphony.V4Event) *symphony.V4Event {
	c := *ev
	return &c
}
