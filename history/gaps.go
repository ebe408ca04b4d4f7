package history

import (
	"cmp"
	"slices"

	"github.com/tutti-chat/tutti/symphony"
)

// AddGap shows a time range whose messages may be missing (a capped
// back-fill) as a gap row at g.From, after the messages of that
// millisecond. A gap that overlaps others is merged with them.
func (t *Timeline) AddGap(g Gap) {
	t.addGap(g)
	t.evict()
}

// addGap adds a gap row and returns its entry (nil when it exists).
func (t *Timeline) addGap(g Gap) *entry {
	if g.From > g.To {
		g.From, g.To = g.To, g.From
	}
	if t.ids[gapKey(g)] != nil {
		return nil
	}
	for _, o := range slices.Clone(t.gaps) {
		if og := *o.row.Gap; og.From <= g.To && g.From <= og.To {
			g = Gap{From: min(g.From, og.From), To: max(g.To, og.To)}
			t.drop(o)
		}
	}
	if t.ids[gapKey(g)] != nil {
		return nil
	}
	e := &entry{row: Row{Key: gapKey(g), Kind: RowGap, Timestamp: g.From, Gap: &g}}
	t.ids[e.row.Key] = e
	t.gaps = append(t.gaps, e)
	t.place(e)
	return e
}

// Gaps returns the gaps of the timeline, oldest first.
func (t *Timeline) Gaps() []Gap {
	out := make([]Gap, 0, len(t.gaps))
	for _, e := range t.gaps {
		out = append(out, *e.row.Gap)
	}
	slices.SortFunc(out, func(a, b Gap) int { return cmp.Compare(a.From, b.From) })
	return out
}

// FillGap replaces the range g of gap rows by the messages fetched for it
// (Pager.Fill). When the fill was partial, rest is the range still missing
// (Page.Gap) and stays a gap row; parts of a gap row outside g stay too. It
// returns the rows it inserted, gap rows included, in order.
func (t *Timeline) FillGap(g Gap, msgs []symphony.V4Message, rest *Gap) []Row {
	if g.From > g.To {
		g.From, g.To = g.To, g.From
	}
	var left []Gap
	for _, o := range slices.Clone(t.gaps) {
		og := *o.row.Gap
		if og.From > g.To || g.From > og.To {
			continue
		}
		t.drop(o)
		if og.From < g.From {
			left = append(left, Gap{From: og.From, To: g.From})
		}
		if og.To > g.To {
			left = append(left, Gap{From: g.To, To: og.To})
		}
	}
	fresh := t.applyPage(slices.Clone(msgs))
	if rest != nil {
		left = append(left, *rest)
	}
	for _, lg := range left {
		if e := t.addGap(lg); e != nil {
			fresh = append(fresh, e)
		}
	}
	t.evict()
	slices.SortFunc(fresh, compareEntries)
	out := make([]Row, 0, len(fresh))
	for _, e := range fresh {
		if e.placed {
			out = append(out, e.row)
		}
	}
	return out
}
