package ui

import (
	"cmp"
	"slices"
	"strings"
)

// activityRank is the priority of a stream with unread items for the next
// activity key: mentions first, then conversations, then the rest.
func activityRank(s *stream) int {
	switch {
	case s.mentions > 0:
		return 0
	case s.kind == KindIM:
		return 1
	}
	return 2
}

// nextActivity returns the id of the stream with unread items to open
// next, by activityRank then by most recent activity, or "" when nothing
// is unread.
func (m *Model) nextActivity() string {
	var best *stream
	for _, s := range m.streams {
		if s.unread == 0 && s.mentions == 0 || m.shown(s.id) || m.muted[s.id] && s.mentions == 0 {
			continue
		}
		if best == nil || compareActivity(s, best) < 0 {
			best = s
		}
	}
	if best == nil {
		return ""
	}
	return best.id
}

// compareActivity orders two streams with unread items for nextActivity.
func compareActivity(a, b *stream) int {
	if ra, rb := activityRank(a), activityRank(b); ra != rb {
		return cmp.Compare(ra, rb)
	}
	if a.last != b.last {
		return cmp.Compare(b.last, a.last)
	}
	if c := strings.Compare(strings.ToLower(a.name), strings.ToLower(b.name)); c != 0 {
		return c
	}
	return strings.Compare(a.id, b.id)
}

// openNextActivity opens the next stream with unread items and focuses its
// timeline, or says in the status bar that nothing is unread.
func (m *Model) openNextActivity() {
	id := m.nextActivity()
	if id == "" {
		m.notify("nothing unread", false)
		return
	}
	m.openStream(id)
	m.cursorID = id
	m.cursor = max(0, slices.Index(m.order, id))
	m.mode = modeTimeline
}
