package ui

import (
	"strconv"
	"strings"

	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/symphony"
)

// maxRun bounds how far back a run of membership rows is collected for its
// summary, so that laying out one row stays cheap.
const maxRun = 200

// rowMode is how a row shows in the timeline.
type rowMode uint8

const (
	modeNormal  rowMode = iota
	modeHidden          // a membership row that shows nothing (its day line at most)
	modeSummary         // the last row of a run of membership rows: the run in one line
)

// membershipMode returns how row i of s shows: membership rows are hidden
// when the user turned them off; otherwise consecutive ones of one stream
// and one day show as one summary row, on the last of them. run is the
// number of rows the summary covers.
func (m *Model) membershipMode(s *stream, i int) (mode rowMode, run int) {
	row := s.tl.At(i)
	if row.Kind != history.RowMembership {
		return modeNormal, 1
	}
	if m.hideMembership {
		return modeHidden, 0
	}
	if i+1 < s.tl.Len() && m.sameRun(s.tl.At(i+1), row) {
		return modeHidden, 0
	}
	run = 1
	for j := i - 1; j >= 0 && run < maxRun && m.sameRun(s.tl.At(j), row); j-- {
		run++
	}
	if run == 1 {
		return modeNormal, 1
	}
	return modeSummary, run
}

// sameRun reports whether row o continues the run of membership row r: a
// membership row of the same stream on the same day.
func (m *Model) sameRun(o, r history.Row) bool {
	return o.Kind == history.RowMembership && eventStream(o) == eventStream(r) &&
		dayOf(o.Timestamp, m.loc) == dayOf(r.Timestamp, m.loc)
}

// eventStream returns the canonical stream id of an event row, "" if none.
func eventStream(r history.Row) string {
	if r.Event != nil {
		if st := r.Event.Stream(); st != nil {
			return symphony.CanonicalID(st.StreamID)
		}
	}
	return ""
}

// summarizeRun words the run of n membership rows that ends at row i:
// "Ana, Ben and 3 others joined; Carl left".
func (m *Model) summarizeRun(s *stream, i, n int) string {
	var joined, left []string
	others := 0
	seen := map[string]bool{}
	add := func(list *[]string, u *symphony.V4User) {
		name := m.userName(u)
		if !seen[name] {
			seen[name] = true
			*list = append(*list, name)
		}
	}
	for j := i - n + 1; j <= i; j++ {
		ev := s.tl.At(j).Event
		if ev == nil || ev.Payload == nil {
			others++
			continue
		}
		p := ev.Payload
		switch {
		case p.UserJoinedRoom != nil:
			add(&joined, affectedOrInitiator(p.UserJoinedRoom.AffectedUser, ev))
		case p.UserLeftRoom != nil:
			add(&left, affectedOrInitiator(p.UserLeftRoom.AffectedUser, ev))
		default:
			others++
		}
	}
	var parts []string
	if len(joined) > 0 {
		parts = append(parts, nameList(joined)+" joined")
	}
	if len(left) > 0 {
		parts = append(parts, nameList(left)+" left")
	}
	if others > 0 {
		parts = append(parts, plural(others, "other membership change"))
	}
	return strings.Join(parts, "; ")
}

// affectedOrInitiator returns the user a membership event is about.
func affectedOrInitiator(u *symphony.V4User, ev *symphony.V4Event) *symphony.V4User {
	if u == nil && ev.Initiator != nil {
		return ev.Initiator.User
	}
	return u
}

// nameList joins names as a sentence does, naming three at most.
func nameList(names []string) string {
	switch n := len(names); {
	case n == 1:
		return names[0]
	case n == 2:
		return names[0] + " and " + names[1]
	case n == 3:
		return names[0] + ", " + names[1] + " and " + names[2]
	default:
		return names[0] + ", " + names[1] + " and " + strconv.Itoa(n-2) + " others"
	}
}
