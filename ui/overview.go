package ui

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tutti-chat/tutti/feed"
	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/internal/sanitize"
)

// The overview: activity at a glance. The busiest streams of the last
// hour and day with their sparklines, the pod's last minute, and the
// datafeed's health over time: its state changes and how late events
// arrive. It is drawn from what tutti has read, and drawn again every
// second while it is open.

// Bounds of the overview.
const (
	overviewStreams = 8            // streams listed per span
	dayBuckets      = 24           // the last day's sparkline, by hour
	maxFeedChanges  = 2000         // state changes of the feed kept
	lagBuckets      = sparkBuckets // the last hour's delivery lag, by 6 minutes
)

// feedChange is a change of the datafeed's state, when it happened.
type feedChange struct {
	at    time.Time
	state feed.State
}

// healthState is the datafeed's health over time: its state changes, and
// the delivery lag of live events (arrival time less the event's own) by
// six-minute bucket of the last hour.
type healthState struct {
	changes []feedChange
	lag     [lagBuckets]time.Duration // the largest lag of each bucket
	lagAt   [lagBuckets]int64         // the bucket each slot holds
	lastLag time.Duration
}

// noteState records a change of the feed's state at now.
func (h *healthState) noteState(now time.Time, s feed.State) {
	if n := len(h.changes); n > 0 && h.changes[n-1].state == s {
		return
	}
	if len(h.changes) == maxFeedChanges {
		h.changes = slices.Delete(h.changes, 0, maxFeedChanges/2)
	}
	h.changes = append(h.changes, feedChange{at: now, state: s})
}

// noteLag records the delivery lag of a live event of timestamp ts
// received at now.
func (h *healthState) noteLag(now time.Time, ts int64) {
	if ts <= 0 {
		return
	}
	lag := max(0, now.Sub(time.UnixMilli(ts)))
	width := (streamSpan / lagBuckets).Milliseconds()
	b := now.UnixMilli() / width
	k := int(b % lagBuckets)
	if h.lagAt[k] != b {
		h.lagAt[k], h.lag[k] = b, 0
	}
	h.lag[k] = max(h.lag[k], lag)
	h.lastLag = lag
}

// lagLine is the last hour's largest delivery lag by six minutes, as a
// sparkline, and the largest; "" with no live event in the hour.
func (h *healthState) lagLine(now time.Time) (spark string, worst time.Duration) {
	width := (streamSpan / lagBuckets).Milliseconds()
	cur := now.UnixMilli() / width
	counts := make([]int, lagBuckets)
	any := false
	for i := range lagBuckets {
		b := cur - int64(lagBuckets-1-i)
		k := int(b % lagBuckets)
		if h.lagAt[k] == b {
			// A bucket with events has a bar, however short its lag.
			counts[i] = int(h.lag[k].Milliseconds()) + 1
			worst = max(worst, h.lag[k])
			any = true
		}
	}
	if !any {
		return "", 0
	}
	return sparkline(counts, ' '), worst
}

// liveShare returns the share of [from, now] the feed spent live (or
// open), how many times it left that in the span, and the longest time
// out of it (the start's connecting included).
func (h *healthState) liveShare(from, now time.Time) (share float64, outages int, longest time.Duration) {
	span := now.Sub(from)
	if span <= 0 {
		return 1, 0, 0
	}
	up := func(s feed.State) bool { return s == feed.Live || s == feed.Opened }
	state, i := feed.Connecting, 0
	for ; i < len(h.changes) && !h.changes[i].at.After(from); i++ {
		state = h.changes[i].state
	}
	var live time.Duration
	cur, downSince := from, from
	for ; i < len(h.changes) && !h.changes[i].at.After(now); i++ {
		c := h.changes[i]
		switch {
		case up(state) && !up(c.state):
			live += c.at.Sub(cur)
			outages++
			downSince = c.at
		case up(state):
			live += c.at.Sub(cur)
		case up(c.state):
			longest = max(longest, c.at.Sub(downSince))
		}
		state, cur = c.state, c.at
	}
	if up(state) {
		live += now.Sub(cur)
	} else {
		longest = max(longest, now.Sub(downSince))
	}
	return float64(live) / float64(span), outages, longest
}

// firstUp returns when the feed was first live (or open), and whether it
// ever was.
func (h *healthState) firstUp() (time.Time, bool) {
	for _, c := range h.changes {
		if c.state == feed.Live || c.state == feed.Opened {
			return c.at, true
		}
	}
	return time.Time{}, false
}

// streamCounts counts s's messages in n buckets of width ending with the
// one now falls in, from the newest rows of its timeline back.
func streamCounts(s *stream, now time.Time, n int, width time.Duration) (counts []int, total int) {
	counts = make([]int, n)
	w := width.Milliseconds()
	end := (now.UnixMilli()/w + 1) * w
	start := end - int64(n)*w
	for i := s.tl.Len() - 1; i >= 0; i-- {
		r := s.tl.At(i)
		if r.Kind != history.RowMessage || r.Pending || r.Suppressed {
			continue
		}
		if r.Timestamp < start {
			break
		}
		if b := int((r.Timestamp - start) / w); b >= 0 && b < n {
			counts[b]++
			total++
		}
	}
	return counts, total
}

// overviewTitle is the overlay's title, which a tick uses to know it is
// open.
const overviewTitle = "overview"

// openOverview opens the overview over the timeline area.
func (m *Model) openOverview() {
	m.endTyping()
	if m.mode == modeComposer {
		m.leaveCompose()
	}
	m.overlayText = m.overview()
	m.cover(modeText)
}

// refreshOverview lays the overview out again, where it was scrolled to,
// when it is open.
func (m *Model) refreshOverview() {
	if m.mode != modeText || m.overlayText.title != overviewTitle {
		return
	}
	off := m.overlayText.off
	m.overlayText = m.overview()
	m.overlayText.off = off
}

// overview builds the overview's page.
func (m *Model) overview() textOverlay {
	now := m.now()
	o := textOverlay{title: overviewTitle, close: m.keys.Normal.Overview}
	type busy struct {
		s      *stream
		counts []int
		total  int
	}
	section := func(head string, n int, width time.Duration) {
		var list []busy
		for _, s := range m.streams {
			if s.kind.special() {
				continue
			}
			if counts, total := streamCounts(s, now, n, width); total > 0 {
				list = append(list, busy{s, counts, total})
			}
		}
		slices.SortFunc(list, func(a, b busy) int {
			return cmp.Or(cmp.Compare(b.total, a.total), strings.Compare(a.s.name, b.s.name))
		})
		o.add(head, true)
		if len(list) == 0 {
			o.add("  no message read in that time", false)
		}
		for _, b := range list[:min(len(list), overviewStreams)] {
			o.add(fmt.Sprintf("  %s %5d  %s %s", sparkline(b.counts, ' '), b.total, b.s.icon(), sanitize.Line(b.s.name)), false)
		}
		if len(list) > overviewStreams {
			o.add(fmt.Sprintf("  … and %d more streams with messages", len(list)-overviewStreams), false)
		}
		o.add("", false)
	}
	section("Busiest streams, the last hour (six-minute bars)", sparkBuckets, streamSpan/sparkBuckets)
	section("Busiest streams, the last day (hourly bars)", dayBuckets, time.Hour)

	o.add("Watch rules that matched most, since tutti started", true)
	type ruleHits struct {
		name string
		c    ruleCount
	}
	var rules []ruleHits
	for name, c := range m.watch.counts {
		rules = append(rules, ruleHits{name, *c})
	}
	slices.SortFunc(rules, func(a, b ruleHits) int {
		return cmp.Or(cmp.Compare(b.c.total, a.c.total), strings.Compare(a.name, b.name))
	})
	if len(rules) == 0 {
		o.add("  no match yet", false)
	}
	for _, r := range rules[:min(len(rules), overviewStreams)] {
		line := fmt.Sprintf("  %5d  ⚑ %s", r.c.total, sanitize.Line(r.name))
		if r.c.unseen > 0 {
			line += fmt.Sprintf(" (%d not seen)", r.c.unseen)
		}
		o.add(line, false)
	}
	o.add("", false)

	o.add("The pod", true)
	if spark := m.status.podSpark(now); spark != "" {
		o.add(fmt.Sprintf("  events, the last minute  %s  %s ev/s now", spark, strings.TrimSpace(rateText(m.status.rate(now)))), false)
	} else {
		o.add("  no event yet", false)
	}
	o.add("", false)

	h := &m.health
	o.add("Datafeed health", true)
	state := "connecting"
	if m.status.hasFeed {
		state = m.status.feed.State.String()
		if v := m.status.feed.Version; v != "" {
			state += " (" + v + ")"
		}
	}
	if n := len(h.changes); n > 0 {
		state += ", since " + h.changes[n-1].at.In(m.loc).Format("15:04:05")
	}
	o.add("  now: "+state, false)
	for _, span := range []struct {
		name string
		d    time.Duration
	}{{"the last hour", time.Hour}, {"the last day", 24 * time.Hour}} {
		from := now.Add(-span.d)
		if first, ok := h.firstUp(); !ok {
			o.add("  "+span.name+": not live yet", false)
			continue
		} else if from.Before(first) {
			from = first
		}
		share, outages, longest := h.liveShare(from, now)
		line := fmt.Sprintf("  %s: live %.1f%% of the time since the feed opened, %d outages", span.name, 100*share, outages)
		if outages > 0 {
			line += ", the longest " + longest.Round(time.Second).String()
		}
		o.add(line, false)
	}
	if spark, worst := h.lagLine(now); spark != "" {
		o.add(fmt.Sprintf("  delivery lag, the last hour  %s  worst %s, last %s", spark,
			worst.Round(time.Millisecond), h.lastLag.Round(time.Millisecond)), false)
	} else {
		o.add("  delivery lag: no live event in the last hour", false)
	}
	o.add("", false)
	o.add("What tutti has read since it started (and the history it loaded) is counted; lag is an event's arrival less its own time.", false)
	return o
}
