package ui

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/internal/sanitize"
	"github.com/tutti-chat/tutti/internal/tuiconfig"
	"github.com/tutti-chat/tutti/symphony"
)

// Kind is the kind of a stream in the list.
type Kind int

// Kinds of streams, in the order of the list's sections.
const (
	KindActivity    Kind = iota // every event of every stream, merged
	KindWatch                   // the events that match a watch rule, merged (watch.go)
	KindConnections             // connection requests and system events
	KindSearch                  // the results of a search across streams (results.go)
	KindRoom
	KindIM // IMs and MIMs
	KindPost
)

// The ids of the two special streams; real stream ids never start with a
// space.
const (
	activityID    = " activity"
	connectionsID = " connections"
)

// StreamInfo describes a stream known at start.
type StreamInfo struct {
	ID   string // canonical id
	Name string // shown through sanitize.Line
	// Type is the stream type: symphony.StreamRoom, StreamIM, StreamMIM or
	// StreamPost.
	Type     string
	Inactive bool
	// External marks a stream shared with other pods or companies.
	External bool
}

// stream is one conversation the UI knows: its entry in the list, the
// loading of its history, and how a pane shows it. Its timeline is the
// merged history and live events, shared by all three.
type stream struct {
	streamEntry
	historyLoad
	streamView
	tl *history.Timeline
}

// streamEntry is a stream as the list shows it: what it is called, what
// kind it is, how recent and how unread.
type streamEntry struct {
	id   string
	name string // sanitised
	// lower is name in lower case, for sorting; lowerOf is the name it
	// was made from.
	lower, lowerOf string
	kind           Kind
	inactive       bool
	external       bool  // shared with another pod or company
	last           int64 // timestamp of the newest event, ms
	unread         int
	mentions       int
	readTs         int64 // the newest row read: shown in a pane, then left

	row    string // the list row, cached
	rowKey rowKey
	spark  sparkCache // the last hour's sparkline (spark.go)
}

// historyLoad is where loading a stream's history from the pod stands.
type historyLoad struct {
	loaded  bool // the latest page came (or the stream has no history)
	reached bool // no older message exists
	loading bool // a page request is in flight
	loadErr string
	filling string // the key of the gap row being filled, if any
}

// streamView is how a pane shows a stream: where it is scrolled, what is
// selected, the read marker, and the rows laid out for it.
type streamView struct {
	view     anchor
	sel      selection // the selected row, if any
	marker   int64     // while shown: the read marker's time, 0 for none
	jump     bool      // the pane opens at the read marker in its next frame
	newBelow int       // messages that arrived below the view while scrolled up
	cache    map[string]*itemCache
	expanded map[string]bool // the keys of the rows the reader expanded

	// target is where the pane goes once its history is loaded (jump.go).
	target *jumpTarget
}

// special reports whether streams of k are tutti's own rather than the
// pod's: Activity, Watch, Connections and search results, which have no
// history, take no message and are not muted.
func (k Kind) special() bool {
	return k == KindActivity || k == KindWatch || k == KindConnections || k == KindSearch
}

// merges reports whether streams of k hold rows of many streams, each
// named on its row, where enter jumps to the row's own stream.
func (k Kind) merges() bool {
	return k == KindActivity || k == KindWatch || k == KindSearch
}

// kindOf maps a stream type to a list kind.
func kindOf(t string) Kind {
	switch t {
	case symphony.StreamIM, symphony.StreamMIM:
		return KindIM
	case symphony.StreamPost:
		return KindPost
	}
	return KindRoom
}

// icon returns the type icon of a stream.
func (s *stream) icon() string {
	switch s.kind {
	case KindActivity:
		return "≡"
	case KindWatch:
		return "⚑"
	case KindConnections:
		return "⇄"
	case KindSearch:
		return "⌕"
	case KindIM:
		return "@"
	case KindPost:
		return "¶"
	}
	return "#"
}

// newStream returns a stream with an empty timeline that keeps the rows
// the settings allow.
func (m *Model) newStream(id, name string, kind Kind) *stream {
	s := &stream{
		streamEntry: streamEntry{id: id, name: sanitize.Name(name), kind: kind},
		streamView:  streamView{view: anchor{follow: true}, cache: map[string]*itemCache{}, expanded: map[string]bool{}},
	}
	tlID, opts := id, history.Options{MaxRows: m.maxRows}
	if kind == KindActivity || kind == KindWatch || kind == KindConnections {
		tlID = ""
		s.loaded, s.reached = true, true
	}
	s.tl = history.NewTimeline(tlID, opts)
	return s
}

// sectionName returns the heading of the list's section of a kind.
func sectionName(k Kind) string {
	switch k {
	case KindIM:
		return "Direct"
	case KindPost:
		return "Posts"
	}
	return "Rooms"
}

// listRow is one row of the stream list: a section heading or a stream.
type listRow struct {
	heading string
	id      string
}

// sortStreams orders the list: by kind (Activity, Connections, then
// rooms, conversations and posts), then by the list order of the tui:
// section (the most recently active first, or by name), keeping only the
// streams the filter matches. The cursor stays on its stream.
func (m *Model) sortStreams() {
	m.listStale = false
	q := string(m.filter.query)
	kept := make([]*stream, 0, len(m.streams))
	for _, s := range m.streams {
		if q == "" || foldSubsequence(q, s.name) {
			kept = append(kept, s)
		}
	}
	slices.SortFunc(kept, m.compareStreams)
	ids := make([]string, len(kept))
	for i, s := range kept {
		ids[i] = s.id
	}
	m.setOrder(ids)
}

// compareStreams orders two streams of the list.
func (m *Model) compareStreams(sa, sb *stream) int {
	if sa.kind != sb.kind {
		return cmp.Compare(sa.kind, sb.kind)
	}
	if m.listOrder != tuiconfig.ListOrderName && sa.last != sb.last {
		return cmp.Compare(sb.last, sa.last)
	}
	return compareNames(sa, sb)
}

// resortStreams orders the list again after activity, unless the list has
// the keys: then the streams keep their places under the cursor, new ones
// join the end of their section, and the list is sorted again once it
// loses the keys (prepare).
func (m *Model) resortStreams() {
	if m.base() != modeList {
		m.sortStreams()
		return
	}
	m.listStale = true
	in := make(map[string]bool, len(m.order))
	for _, id := range m.order {
		in[id] = true
	}
	q := string(m.filter.query)
	var added []*stream
	for id, s := range m.streams {
		if !in[id] && (q == "" || foldSubsequence(q, s.name)) {
			added = append(added, s)
		}
	}
	if len(added) == 0 {
		return
	}
	slices.SortFunc(added, m.compareStreams)
	ids := make([]string, 0, len(m.order)+len(added))
	a := 0
	for i, id := range m.order {
		ids = append(ids, id)
		k := m.streams[id].kind
		if i+1 < len(m.order) && m.streams[m.order[i+1]].kind == k {
			continue
		}
		for ; a < len(added) && added[a].kind <= k; a++ {
			ids = append(ids, added[a].id)
		}
	}
	for ; a < len(added); a++ {
		ids = append(ids, added[a].id)
	}
	m.setOrder(ids)
}

// setOrder makes ids the list's order, with its section headings, and
// keeps the cursor on its stream.
func (m *Model) setOrder(ids []string) {
	m.listGen++
	m.order = ids
	m.rows = m.rows[:0]
	prev := Kind(-1)
	for _, id := range ids {
		k := m.streams[id].kind
		if k != prev && k >= KindRoom {
			m.rows = append(m.rows, listRow{heading: sectionName(k)})
		}
		prev = k
		m.rows = append(m.rows, listRow{id: id})
	}
	if i := slices.Index(m.order, m.cursorID); i >= 0 {
		m.cursor = i
	} else {
		m.cursor = min(m.cursor, len(m.order)-1)
		if m.cursor >= 0 {
			m.cursorID = m.order[m.cursor]
		}
	}
}

// lowerName returns the stream's name in lower case, made once per name.
func (s *stream) lowerName() string {
	if s.lowerOf != s.name || s.lower == "" && s.name != "" {
		s.lower, s.lowerOf = strings.ToLower(s.name), s.name
	}
	return s.lower
}

// compareNames orders two streams by name, case-insensitively, then by id.
func compareNames(a, b *stream) int {
	if c := strings.Compare(a.lowerName(), b.lowerName()); c != 0 {
		return c
	}
	return strings.Compare(a.id, b.id)
}

// moveCursor moves the list cursor by d streams.
func (m *Model) moveCursor(d int) {
	if len(m.order) == 0 {
		return
	}
	m.cursor = max(0, min(len(m.order)-1, m.cursor+d))
	m.cursorID = m.order[m.cursor]
}

// prepareList lays out the visible rows of the stream list, each padded to
// exactly w cells.
func (m *Model) prepareList(w, h int) {
	m.listLines = m.listLines[:0]
	if w <= 0 || h <= 0 {
		return
	}
	if m.filterShown() {
		m.listLines = append(m.listLines, m.filterLine(w))
		h--
		if len(m.rows) == 0 && h > 0 {
			m.listLines = append(m.listLines, pad(m.styles.dim+truncate("   no stream matches", w)+m.styles.reset, w))
			h--
		}
	}
	// The row of the cursor, to keep it visible.
	cur := 0
	for i, r := range m.rows {
		if r.id != "" && r.id == m.cursorID {
			cur = i
		}
	}
	if cur < m.listOff {
		m.listOff = max(0, cur-1)
	}
	if cur >= m.listOff+h {
		m.listOff = cur - h + 1
	}
	m.listOff = max(0, min(m.listOff, len(m.rows)-h))
	st := &m.styles
	top := len(m.listLines)
	for i := m.listOff; i < len(m.rows) && len(m.listLines) < top+h; i++ {
		r := m.rows[i]
		if r.heading != "" {
			m.listLines = append(m.listLines, pad(st.section+ansi.Truncate(" "+r.heading, w, "…")+st.reset, w))
			continue
		}
		s := m.streams[r.id]
		line := m.streamRow(s, w)
		switch {
		case r.id == m.cursorID && m.base() == modeList:
			line = st.selected + ansi.Strip(line) + st.reset
		case r.id == m.open:
			line = st.current + line + st.reset
		}
		m.listLines = append(m.listLines, line)
	}
	for len(m.listLines) < top+h {
		m.listLines = append(m.listLines, strings.Repeat(" ", w))
	}
}

// rowKey is what a stream's list row depends on.
type rowKey struct {
	name             string
	unread, mentions int
	inactive         bool
	external         bool
	width, gen       int
	muted            bool
	spark            string
}

// streamRow returns the list row of s, w cells wide, from its cache when
// nothing it shows has changed.
func (m *Model) streamRow(s *stream, w int) string {
	spark := ""
	if w >= sparkListW && !s.kind.special() {
		spark = m.streamSpark(s)
	}
	k := rowKey{s.name, s.unread, s.mentions, s.inactive, s.external, w, m.styles.gen, m.muted[s.id], spark}
	if k == s.rowKey && s.row != "" {
		return s.row
	}
	st := &m.styles
	counts, cw := "", 0
	if s.mentions > 0 {
		c := "@" + strconv.Itoa(s.mentions)
		counts += st.mention + c + st.reset
		cw += len(c)
	}
	if s.unread > 0 {
		c := strconv.Itoa(s.unread)
		if cw > 0 {
			counts += " "
			cw++
		}
		style := st.unread
		if k.muted {
			style = st.dim
		}
		counts += style + c + st.reset
		cw += len(c)
	}
	ext, ew := "", 0
	if s.external {
		ext, ew = " "+st.tag+"ext"+st.reset, 4
	}
	// An IM's peer's presence (presence.go); a change of it clears s.row.
	if pm := m.presenceMark(s); pm != "" {
		ext, ew = ext+" "+pm, ew+2
	}
	// The tail: the counts, or the sparkline and the counts, which then
	// keep a width of their own so that the sparklines line up.
	tail, tw := counts, cw
	if spark != "" {
		tw = sparkBuckets + 1 + max(cw, len(wideCounts))
		tail = st.dim + spark + st.reset + strings.Repeat(" ", tw-sparkBuckets-cw) + counts
	}
	room := w - 3 - ew - 1 // the icon, the tag and a space at the end
	if tw > 0 {
		room -= tw + 1 // the tail and a space before it
	}
	name := ansi.Truncate(s.name, max(1, room), "…")
	nameStyle := ""
	switch {
	case s.inactive, k.muted:
		nameStyle = st.dim
	case s.unread > 0:
		nameStyle = st.bold
	}
	line := " " + s.icon() + " " + nameStyle + name + st.reset + ext
	if tw > 0 {
		used := 3 + ansi.StringWidth(name) + ew
		line += strings.Repeat(" ", max(1, w-used-tw-1)) + tail
	}
	s.row, s.rowKey = pad(line, w), k
	return s.row
}

// pad right-pads a styled line to w cells; the line must not be wider.
func pad(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

// truncate cuts a styled line to w cells.
func truncate(s string, w int) string {
	return ansi.Truncate(s, max(0, w), "…")
}
