package history

import "slices"

// Watermark is how far a timeline has seen its stream's history: the
// newest message timestamp seen and the ids of the messages seen at exactly
// that timestamp. It is the cursor of a catch-up (Pager.CatchUp): since =
// Timestamp, skip = len(IDs). Take it when the datafeed may have lost
// events (before applying what arrives afterwards), so that the back-fill
// starts before the hole.
type Watermark struct {
	Timestamp int64    `json:"timestamp"`
	IDs       []string `json:"ids,omitempty"` // canonical ids, suppressed messages left out
}

// Skip returns the number of messages at Timestamp already seen: the skip
// of a history request with since = Timestamp.
func (w Watermark) Skip() int { return len(w.IDs) }

// IsZero reports whether nothing was seen.
func (w Watermark) IsZero() bool { return w.Timestamp == 0 && len(w.IDs) == 0 }

// watermark tracks a Watermark as message versions are seen.
type watermark struct {
	ts  int64
	ids []string
	set map[string]struct{} // ids as a set, once there are many
}

// manyAtOnce is how many ids at one timestamp the watermark keeps in a
// slice before it indexes them.
const manyAtOnce = 32

// note records that message id, of timestamp ts, was seen.
func (w *watermark) note(ts int64, id string) {
	switch {
	case ts > w.ts:
		w.ts, w.ids, w.set = ts, append(w.ids[:0], id), nil
	case ts == w.ts:
		if w.set != nil {
			if _, ok := w.set[id]; ok {
				return
			}
			w.set[id] = struct{}{}
		} else if slices.Contains(w.ids, id) {
			return
		}
		w.ids = append(w.ids, id)
		if w.set == nil && len(w.ids) > manyAtOnce {
			w.set = make(map[string]struct{}, 2*len(w.ids))
			for _, x := range w.ids {
				w.set[x] = struct{}{}
			}
		}
	}
}

// Watermark returns the newest message timestamp seen and the ids of the
// messages seen at that timestamp that history still returns (suppressed
// ones left out). Messages evicted by MaxRows still count.
func (t *Timeline) Watermark() Watermark {
	out := Watermark{Timestamp: t.wm.ts, IDs: make([]string, 0, len(t.wm.ids))}
	for _, id := range t.wm.ids {
		if !t.isSuppressed(id) {
			out.IDs = append(out.IDs, id)
		}
	}
	return out
}
