package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/internal/sanitize"
	"github.com/tutti-chat/tutti/render"
	"github.com/tutti-chat/tutti/symphony"
)

// maxItemLines collapses longer messages to this many lines in the timeline.
const maxItemLines = 40

// groupGap is how far apart two messages of one author may be and still be
// grouped under one header.
const groupGap = 5 * time.Minute

// itemCache is the render cache of one timeline row: its parsed document and
// its lines, valid while what they were laid out from (key) is the same.
type itemCache struct {
	key   layoutKey
	names int // the names' generation when the header was laid out
	doc   *render.Document
	body  []string

	day, header, marker bool
	lines               []string
}

// layoutKey is everything a row's body is laid out from; the body in the
// cache is valid while the row's key is equal to it.
type layoutKey struct {
	msg                                  *history.Message
	ev                                   *symphony.V4Event
	suppressed, edited, pending, filling bool
	failed                               string
	// parent is the message a reply quotes, as the timeline holds it
	// (nil while it is not loaded), and parentGone whether it was removed:
	// an edit or a removal of the parent changes the quote.
	parent     *history.Message
	parentGone bool
	// names is the names' generation for a body that shows names (an
	// event's summary, a reply's quote), 0 for the others.
	names int
	// expanded: the reader expanded the message (its cards and its
	// lines past maxItemLines).
	expanded   bool
	mode       rowMode
	run        int
	width, gen int
	// conn is a connection request's state (connections.go: connState).
	conn string
	// answered is the button pressed on the message's form (form.go).
	answered string
}

// layoutKeyOf returns the key of row shown in mode over run rows at width
// w.
func (m *Model) layoutKeyOf(s *stream, row history.Row, mode rowMode, run, w int) layoutKey {
	k := layoutKey{
		msg: row.Message, ev: row.Event, suppressed: row.Suppressed, edited: row.Edited,
		pending: row.Pending, failed: row.Failed, filling: s.filling == row.Key,
		mode: mode, run: run, width: w, gen: m.styles.gen, expanded: s.expanded[row.Key],
	}
	if row.Message != nil && row.Message.ParentID != "" {
		if p, ok := s.tl.Lookup(row.Message.ParentID); ok {
			k.parent, k.parentGone = p.Message, p.Suppressed
		}
	}
	if row.Kind != history.RowMessage || k.parent != nil {
		k.names = m.names.Generation()
	}
	k.conn = m.connState(row)
	if row.Message != nil {
		k.answered = m.forms.sent[row.Message.ID]
	}
	return k
}

// quotes reports whether a row shows the quote of the message it answers.
// Such a row always opens with its own header, even inside a run of one
// author's messages, so that its quote sits between the reply's header and
// its text. Without the header the quote line would sit right under the
// text of the message above, at the same indent, and read as a line of it;
// moving the quote under the reply's first line instead would split the
// reply's own text. A reply that breaks the group is what Discord does too.
func quotes(r history.Row) bool {
	return r.Kind == history.RowMessage && r.Message != nil && !r.Suppressed &&
		r.Message.ParentID != "" && r.Message.Shared() == nil
}

// authorID returns the user id of a row's author, 0 when it has none.
func authorID(r history.Row) int64 {
	if r.Message != nil && r.Message.User != nil {
		return r.Message.User.UserID
	}
	return 0
}

// streamOf returns the canonical stream id of a row's message, "" if none.
func streamOf(r history.Row) string {
	if r.Message != nil && r.Message.Stream != nil {
		return symphony.CanonicalID(r.Message.Stream.StreamID)
	}
	return ""
}

// dayOf returns a number that changes with the day of ts in loc.
func dayOf(ts int64, loc *time.Location) int {
	t := time.UnixMilli(ts).In(loc)
	return t.Year()*400 + t.YearDay()
}

// rowHeads reports whether row i of s opens a day (a date line above it)
// and whether it shows its author and time: a message that does not
// continue the one before it (another author, another stream in a merged
// stream, a pause, a quote, another day).
func (m *Model) rowHeads(s *stream, i int) (day, header bool) {
	row := s.tl.At(i)
	var prev history.Row
	hasPrev := i > 0
	if hasPrev {
		prev = s.tl.At(i - 1)
	}
	day = !hasPrev || dayOf(prev.Timestamp, m.loc) != dayOf(row.Timestamp, m.loc)
	header = row.Kind == history.RowMessage && (day || prev.Kind != history.RowMessage ||
		authorID(prev) != authorID(row) || row.Timestamp-prev.Timestamp > groupGap.Milliseconds() ||
		(s.kind.merges() && streamOf(prev) != streamOf(row)) || quotes(row) || s.kind == KindWatch)
	return day, header
}

// itemLines returns the lines of row i of s at width w, laying them out if
// the cache does not hold them. It is called from Update only.
func (m *Model) itemLines(s *stream, i, w int) []string {
	row := s.tl.At(i)
	day, header := m.rowHeads(s, i)

	c := s.cache[row.Key]
	if c == nil {
		c = &itemCache{}
		s.cache[row.Key] = c
	}
	mode, run := m.membershipMode(s, i)
	if key := m.layoutKeyOf(s, row, mode, run, w); c.key != key {
		if c.key.msg != row.Message {
			c.doc = nil
		}
		c.key = key
		switch mode {
		case modeHidden:
			c.body = nil
		case modeSummary:
			text := "  · " + m.summarizeRun(s, i, run) + "  " + m.clock(row.Timestamp)
			c.body = []string{m.styles.dim + ansi.Truncate(text, w, "…") + m.styles.reset}
		default:
			c.body = m.layoutBody(s, c, row, w)
		}
		c.lines = nil
	}
	marker := markerBefore(s, i)
	if c.lines == nil || c.day != day || c.header != header || c.marker != marker || header && c.names != m.names.Generation() {
		c.day, c.header, c.marker, c.names = day, header, marker, m.names.Generation()
		c.lines = c.lines[:0]
		if marker {
			c.lines = append(c.lines, m.markerLine(s.marker, w))
		}
		if day {
			c.lines = append(c.lines, m.dayLine(row.Timestamp, w))
		}
		if header {
			c.lines = append(c.lines, m.headerLine(s, row, w))
		}
		c.lines = append(c.lines, c.body...)
	}
	m.used[row.Key] = struct{}{}
	return c.lines
}

// layoutBody lays out what a row shows under its header.
func (m *Model) layoutBody(s *stream, c *itemCache, row history.Row, w int) []string {
	st := &m.styles
	bw := max(1, w-2)
	switch row.Kind {
	case history.RowGap:
		text := "  ⋯ messages may be missing here · select and " + firstKey(m.keys.Timeline.Compose) + " to load them"
		if c.key.filling {
			text = "  ⋯ loading the missing messages…"
		}
		return []string{st.warn + ansi.Truncate(text, w, "…") + st.reset}
	case history.RowMessage:
	default:
		text := "  · " + m.describe(row) + connNote(c.key.conn) + "  " + m.clock(row.Timestamp)
		if s.kind == KindWatch {
			text += m.watchRulesNote(row)
		}
		return []string{st.dim + ansi.Truncate(text, w, "…") + st.reset}
	}
	msg := row.Message
	if msg == nil || row.Suppressed {
		return []string{st.dim + "  message removed" + st.reset}
	}
	var lines []string
	src := msg
	if sh := msg.Shared(); sh != nil {
		src = sh
		lines = append(lines, st.dim+"  shared a post:"+st.reset)
	} else if msg.ParentID != "" {
		lines = append(lines, m.replyQuote(s, msg.ParentID, w))
	}
	if c.doc == nil {
		c.doc = render.Parse(src.PML, src.Data)
	}
	var words []string
	if s.kind == KindWatch {
		mk, _ := m.watchMarkOf(row)
		words = mk.words
	}
	for _, l := range c.doc.Layout(m.bodyOptions(bw, c.key.expanded)) {
		// In Watch, what the rules matched shows in reverse video.
		for _, word := range words {
			l = highlight(l, word)
		}
		lines = append(lines, "  "+l)
	}
	for _, a := range src.Attachments() {
		lines = append(lines, st.dim+ansi.Truncate(fmt.Sprintf("  ▪ %s (%s)", sanitize.Line(a.Name), render.ByteSize(a.Size)), w, "…")+st.reset)
	}
	var marks []string
	if row.Edited {
		marks = append(marks, "(edited)")
	}
	if row.Pending && row.Failed == "" {
		marks = append(marks, "sending…")
	}
	if row.Failed != "" {
		marks = append(marks, "not sent: "+sanitize.Line(row.Failed))
	}
	if a := c.key.answered; a != "" {
		marks = append(marks, "✓ you answered: "+a)
	}
	if len(marks) > 0 {
		mark := strings.Join(marks, " ")
		last := len(lines) - 1
		if last >= 0 && ansi.StringWidth(lines[last])+1+ansi.StringWidth(mark) <= w {
			lines[last] += " " + st.dim + mark + st.reset
		} else {
			lines = append(lines, "  "+st.dim+ansi.Truncate(mark, bw, "…")+st.reset)
		}
	}
	return lines
}

// replyQuote is the one-line quote of the message a reply answers: its
// author and the start of its text, or a word that it is not loaded. The
// text is the parent's document in one line (render.Document.OneLine), so
// that it reads as the parent's row does: a time element shows as the row
// shows it, in the timeline's zone, not as its raw datetime.
func (m *Model) replyQuote(s *stream, parentID string, w int) string {
	st := &m.styles
	text := "  ↳ reply to an earlier message"
	if p, ok := s.tl.Lookup(parentID); ok && p.Message != nil {
		text = "  ↳ " + m.userName(p.Message.User) + ": "
		body := ""
		if !p.Suppressed {
			body = m.parentDoc(s, p).OneLine(render.Options{Width: max(1, w-ansi.StringWidth(text)), Location: m.loc})
		}
		if body == "" {
			body = "message removed"
		}
		text += body
	}
	return st.dim + ansi.Truncate(text, w, "…") + st.reset
}

// parentDoc returns the document of row p, a reply's parent, as its own
// row shows it: from the row's cache when it holds it, parsed otherwise.
func (m *Model) parentDoc(s *stream, p history.Row) *render.Document {
	if c := s.cache[p.Key]; c != nil && c.key.msg == p.Message && c.doc != nil {
		return c.doc
	}
	src := p.Message
	if sh := src.Shared(); sh != nil {
		src = sh
	}
	return render.Parse(src.PML, src.Data)
}

// headerLine is the author and time line over a group of messages.
func (m *Model) headerLine(s *stream, row history.Row, w int) string {
	st := &m.styles
	var u *symphony.V4User
	if row.Message != nil {
		u = row.Message.User
	}
	name := m.userName(u)
	tail := "  " + m.clock(row.Timestamp)
	if s.kind.merges() {
		if id := streamOf(row); id != "" {
			if o := m.streams[id]; o != nil {
				tail += " · " + o.icon() + " " + o.name
			}
		}
	}
	if s.kind == KindWatch {
		tail += m.watchRulesNote(row)
	}
	nw := min(ansi.StringWidth(name), max(1, w/2))
	name = ansi.Truncate(name, nw, "…")
	return st.author(authorID(row)) + name + st.reset + st.dim + ansi.Truncate(tail, max(0, w-ansi.StringWidth(name)), "…") + st.reset
}

// dayLine is the separator in front of the first row of a day.
func (m *Model) dayLine(ts int64, w int) string {
	label := " " + time.UnixMilli(ts).In(m.loc).Format("Monday 2 January 2006") + " "
	lw := ansi.StringWidth(label)
	if lw+4 > w {
		return m.styles.dim + ansi.Truncate(label, w, "") + m.styles.reset
	}
	left := (w - lw) / 2
	return m.styles.dim + strings.Repeat("─", left) + label + strings.Repeat("─", w-lw-left) + m.styles.reset
}

// clock formats a timestamp as the time of day.
func (m *Model) clock(ts int64) string {
	return time.UnixMilli(ts).In(m.loc).Format(m.timeFormat)
}

// userName returns a user's sanitised name.
func (m *Model) userName(u *symphony.V4User) string { return m.names.User(u) }

// describe words an event row: who did what.
func (m *Model) describe(row history.Row) string {
	if row.Event == nil || row.Event.Payload == nil {
		return strings.ToLower(row.Kind.String())
	}
	return render.EventSummary(row.Event, m.userName)
}
