package ui

import (
	"sort"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// enterStream is called when stream s comes into a pane: its counts are
// cleared and, when it had unread items, the read marker goes where the
// reader left it, and the pane opens there.
func (m *Model) enterStream(s *stream) {
	s.marker = 0
	if s.unread > 0 && s.readTs > 0 {
		s.marker = s.readTs
		s.jump = true
	}
	s.unread, s.mentions = 0, 0
}

// leaveStream is called when stream s leaves the panes: everything it
// holds counts as read.
func (m *Model) leaveStream(s *stream) {
	if ts, ok := s.tl.Newest(); ok {
		s.readTs = max(s.readTs, ts)
	}
	s.marker, s.jump = 0, false
	s.sel = selection{} // a selection belongs to the visit
}

// markerBefore reports whether the read-marker line goes above row i of s:
// the first row newer than the marker, below an older one.
func markerBefore(s *stream, i int) bool {
	if s.marker == 0 || i == 0 {
		return false
	}
	return s.tl.At(i).Timestamp > s.marker && s.tl.At(i-1).Timestamp <= s.marker
}

// markerLine is the read-marker line: "new since 10:42".
func (m *Model) markerLine(ts int64, w int) string {
	label := " new since " + m.clock(ts) + " "
	lw := ansi.StringWidth(label)
	if lw+4 > w {
		return m.styles.mention + ansi.Truncate(label, w, "") + m.styles.reset
	}
	return m.styles.mention + strings.Repeat("─", 2) + label + strings.Repeat("─", w-lw-2) + m.styles.reset
}

// jumpToMarker scrolls a pane of w×h that has just opened s so that the
// first unread row is at its top, when the unread rows are more than a
// pane holds.
func (m *Model) jumpToMarker(s *stream, w, h int) {
	s.jump = false
	n := s.tl.Len()
	i := sort.Search(n, func(i int) bool { return s.tl.At(i).Timestamp > s.marker })
	if i >= n || h <= 0 {
		return
	}
	m.topAlign(s, i, w, h)
}
