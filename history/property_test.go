package history

import (
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/tutti-chat/tutti/symphony"
)

// A world is what happened in a stream: messages and their versions,
// suppressions, membership events and our own messages.
type world struct {
	versions   []symphony.V4Message // first versions and edits
	events     []symphony.V4Event   // membership events
	suppressed []string             // ids (some unknown)
	own        []ownMessage
}

// ownMessage is a message we sent.
type ownMessage struct {
	local   string
	pending symphony.V4Message
	real    symphony.V4Message
	failed  bool
}

// op is one delivery.
type op struct {
	kind    string // live, page, suppress, event, pending, sent, failed
	msgs    []symphony.V4Message
	ev      symphony.V4Event
	id      string
	own     int
	touches []int // own messages this op refers to
}

// randomID returns a random canonical id of 18 bytes.
func randomID(r *rand.Rand) string {
	b := make([]byte, 18)
	for i := range b {
		b[i] = byte(r.UintN(256))
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// maybeStandard returns id in the standard alphabet now and then.
func maybeStandard(r *rand.Rand, id string) string {
	if r.IntN(4) == 0 {
		return symphony.StandardID(id)
	}
	return id
}

// newWorld generates a random world.
func newWorld(r *rand.Rand) world {
	var w world
	base := int64(1_700_000_000_000)
	roots := 1 + r.IntN(30)
	for i := range roots {
		root := msg(randomID(r), base+int64(r.IntN(12)), fmt.Sprintf("m%d", i))
		if r.IntN(5) == 0 {
			root.ParentMessageID = randomID(r)
		}
		w.versions = append(w.versions, root)
		prev := root
		for e := range r.IntN(4) * r.IntN(2) {
			v := edit(randomID(r), prev.Timestamp+int64(1+r.IntN(8)), fmt.Sprintf("m%d.%d", i, e+1), prev.MessageID, root.MessageID, root.Timestamp)
			w.versions = append(w.versions, v)
			prev = v
		}
	}
	for range r.IntN(6) {
		v := w.versions[r.IntN(len(w.versions))]
		w.suppressed = append(w.suppressed, v.MessageID)
	}
	if r.IntN(3) == 0 {
		w.suppressed = append(w.suppressed, randomID(r))
	}
	shared := fmt.Sprintf("room%d", r.IntN(3))
	for i := range r.IntN(6) {
		w.events = append(w.events, joinEvent(shared, int64(100+i), base+int64(r.IntN(12))))
	}
	for i := range r.IntN(4) {
		real := msg(randomID(r), base+int64(5+r.IntN(12)), fmt.Sprintf("own%d", i))
		pending := msg("", real.Timestamp-int64(r.IntN(3)), fmt.Sprintf("own%d draft", i))
		w.own = append(w.own, ownMessage{local: fmt.Sprintf("local%d", i), pending: pending, real: real, failed: r.IntN(4) == 0})
	}
	return w
}

// withID returns m with another spelling of its id.
func withID(m symphony.V4Message, id string) symphony.V4Message {
	m.MessageID = id
	return m
}

// liveSet picks the messages the datafeed delivers (the others come only
// from history).
func (w world) liveSet(r *rand.Rand) map[string]bool {
	live := map[string]bool{}
	for _, v := range w.versions {
		if r.IntN(3) > 0 {
			live[v.MessageID] = true
		}
	}
	for _, o := range w.own {
		if !o.failed && r.IntN(3) > 0 {
			live[o.real.MessageID] = true
		}
	}
	return live
}

// deliveries returns the world as a random interleaving of live events and
// history pages, with duplicates and overlaps, every item delivered at
// least once, the messages of liveIDs (and only them) on the datafeed.
func (w world) deliveries(r *rand.Rand, liveIDs map[string]bool) []op {
	var ops []op
	var paged []symphony.V4Message
	for _, v := range w.versions {
		live, pages := 0, r.IntN(3)
		if liveIDs[v.MessageID] {
			live = 1 + r.IntN(2)
		} else {
			pages = max(pages, 1)
		}
		for range live {
			ops = append(ops, op{kind: "live", ev: sentEvent(withID(v, maybeStandard(r, v.MessageID)))})
		}
		for range pages {
			paged = append(paged, withID(v, maybeStandard(r, v.MessageID)))
		}
	}
	for i, o := range w.own {
		if o.failed {
			ops = append(ops, op{kind: "failed", own: i, touches: []int{i}})
			continue
		}
		ops = append(ops, op{kind: "sent", own: i, touches: []int{i}})
		for range liveCount(r, liveIDs[o.real.MessageID]) {
			ops = append(ops, op{kind: "live", ev: sentEvent(o.real), touches: []int{i}})
		}
		if r.IntN(3) == 0 {
			paged = append(paged, o.real)
		}
	}
	// Pages: random slices of what is paged, shuffled, with duplicates.
	r.Shuffle(len(paged), func(i, j int) { paged[i], paged[j] = paged[j], paged[i] })
	for len(paged) > 0 {
		n := 1 + r.IntN(len(paged))
		page := slices.Clone(paged[:n])
		if r.IntN(2) == 0 {
			page = append(page, page[r.IntN(len(page))])
		}
		paged = paged[n:]
		var touches []int
		for i, o := range w.own {
			for _, m := range page {
				if m.MessageID == o.real.MessageID {
					touches = append(touches, i)
				}
			}
		}
		ops = append(ops, op{kind: "page", msgs: page, touches: touches})
	}
	for _, id := range w.suppressed {
		for range 1 + r.IntN(2) {
			ops = append(ops, op{kind: "suppress", id: maybeStandard(r, id)})
		}
	}
	for _, ev := range w.events {
		for range 1 + r.IntN(2) {
			ops = append(ops, op{kind: "event", ev: ev})
		}
	}
	r.Shuffle(len(ops), func(i, j int) { ops[i], ops[j] = ops[j], ops[i] })
	// Our own message is shown pending before anything else about it.
	for i := range w.own {
		first := slices.IndexFunc(ops, func(o op) bool { return slices.Contains(o.touches, i) })
		if first < 0 {
			first = len(ops)
		}
		ops = slices.Insert(ops, r.IntN(first+1), op{kind: "pending", own: i})
	}
	return ops
}

// liveCount returns how many times a message is delivered live.
func liveCount(r *rand.Rand, live bool) int {
	if !live {
		return 0
	}
	return 1 + r.IntN(2)
}

// apply performs an op.
func (w world) apply(tl *Timeline, o op, r *rand.Rand) {
	switch o.kind {
	case "live", "event":
		tl.ApplyLive(o.ev)
	case "page":
		tl.ApplyPage(o.msgs)
	case "suppress":
		if r.IntN(2) == 0 {
			tl.ApplySuppressed(o.id)
		} else {
			tl.ApplyLive(suppressEvent(o.id, 1))
		}
	case "pending":
		tl.ApplyPending(w.own[o.own].local, w.own[o.own].pending)
	case "sent":
		tl.ApplySent(w.own[o.own].local, w.own[o.own].real)
	case "failed":
		tl.ApplyFailed(w.own[o.own].local, "refused")
	}
}

// reference applies everything once, in order of time.
func (w world) reference(liveIDs map[string]bool) *Timeline {
	tl := NewTimeline(testStream, Options{})
	versions := slices.Clone(w.versions)
	sortMessages(versions)
	for _, v := range versions {
		if liveIDs[v.MessageID] {
			tl.ApplyLive(sentEvent(v))
		} else {
			tl.ApplyPage([]symphony.V4Message{v})
		}
	}
	for _, ev := range w.events {
		tl.ApplyLive(ev)
	}
	for _, id := range w.suppressed {
		tl.ApplySuppressed(id)
	}
	for _, o := range w.own {
		tl.ApplyPending(o.local, o.pending)
		if o.failed {
			tl.ApplyFailed(o.local, "refused")
			continue
		}
		tl.ApplySent(o.local, o.real)
		if liveIDs[o.real.MessageID] {
			tl.ApplyLive(sentEvent(o.real))
		}
	}
	return tl
}

// TestTimelineOrderIndependence checks that any interleaving of live events
// and history pages, with duplicates, gives the rows of applying
// everything once, in order.
func TestTimelineOrderIndependence(t *testing.T) {
	iterations := 1500
	if testing.Short() {
		iterations = 200
	}
	for seed := range uint64(iterations) {
		r := rand.New(rand.NewPCG(seed, 0x5eed))
		w := newWorld(r)
		liveIDs := w.liveSet(r)
		want := describe(w.reference(liveIDs).Rows())
		for round := range 3 {
			ops := w.deliveries(r, liveIDs)
			tl := NewTimeline(testStream, Options{})
			for _, o := range ops {
				w.apply(tl, o, r)
			}
			if err := tl.check(); err != nil {
				t.Fatalf("seed %d round %d: %v", seed, round, err)
			}
			if got := describe(tl.Rows()); !slices.Equal(got, want) {
				t.Fatalf("seed %d round %d:\n got  %s\n want %s\n ops %s", seed, round,
					strings.Join(got, "\n      "), strings.Join(want, "\n      "), opNames(ops))
			}
		}
	}
}

func opNames(ops []op) string {
	var b strings.Builder
	for _, o := range ops {
		b.WriteString(o.kind)
		switch o.kind {
		case "live":
			fmt.Fprintf(&b, "(%s)", o.ev.MessageID)
		case "page":
			fmt.Fprintf(&b, "(%d)", len(o.msgs))
		case "suppress":
			fmt.Fprintf(&b, "(%s)", o.id)
		}
		b.WriteByte(' ')
	}
	return b.String()
}
