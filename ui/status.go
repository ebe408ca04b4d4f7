package ui

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/tutti-chat/tutti/feed"
	"github.com/tutti-chat/tutti/internal/engine"
	"github.com/tutti-chat/tutti/internal/sanitize"
	"github.com/tutti-chat/tutti/symphony"
)

// rateWindow is how many seconds the event rate is averaged over.
const rateWindow = 5

// podRing is how many seconds of event counts the status keeps: the
// pod's sparkline's minute and the second under way.
const podRing = int(podSpan/time.Second) + 1

// statusState is what the status bar reports: the feed's state and the
// traffic.
type statusState struct {
	feed    feed.Status
	hasFeed bool
	// catchUp is the engine's last word on its catch-up from history.
	catchUp   engine.Progress
	closed    bool
	lastEvent time.Time
	// Events per second: counts of the last minute and a second (the
	// rate reads its last rateWindow seconds, the pod's sparkline the
	// minute), by unix second modulo the ring's length.
	ringSec [podRing]int64
	ring    [podRing]int
	// notice is a short message for the user (an error when bad), shown
	// until noticeUntil.
	notice      string
	noticeBad   bool
	noticeUntil time.Time
}

// noticeFor is how long a notice stays in the status bar.
const noticeFor = 10 * time.Second

// notify shows text in the status bar for a while, as an error when bad.
func (m *Model) notify(text string, bad bool) {
	m.showNotice(text, bad)
	m.record(text, bad)
}

// showNotice puts text on the status bar for a while, sanitised.
func (m *Model) showNotice(text string, bad bool) {
	m.status.notice, m.status.noticeBad = sanitize.Line(text), bad
	m.status.noticeUntil = m.now().Add(noticeFor)
}

// notifyFailure says that what failed (e.g. "Ana not added to Rates"),
// with the reason the pod gave first, which a status bar cut short still
// shows: the status bar has the pod's message and status, the log (and
// the bar, when the pod gave no message) the whole chain of err.
func (m *Model) notifyFailure(what string, err error) {
	m.record(what+": "+err.Error(), true)
	reason := err.Error()
	var a *symphony.APIError
	if errors.As(err, &a) && strings.TrimSpace(a.Message) != "" {
		reason = strings.TrimSpace(a.Message) + " (" + strconv.Itoa(a.Status) + ")"
	}
	m.showNotice(what+": "+reason, true)
}

// count records n events received at now.
func (st *statusState) count(now time.Time, n int) {
	if n == 0 {
		return
	}
	sec := now.Unix()
	k := int(sec % int64(len(st.ring)))
	if st.ringSec[k] != sec {
		st.ringSec[k], st.ring[k] = sec, 0
	}
	st.ring[k] += n
	st.lastEvent = now
}

// rate returns the events per second over the last complete seconds.
func (st *statusState) rate(now time.Time) float64 {
	sec := now.Unix()
	total := 0
	for k, s := range st.ringSec {
		if s < sec && s >= sec-rateWindow {
			total += st.ring[k]
		}
	}
	return float64(total) / rateWindow
}

// statusPart is one segment of the status bar, or one entry of its key
// hint: the text as shown, with its styles; the width it takes whatever
// its value, its widest form, to which the text is padded so that neither
// the parts after it move nor the set of parts that fit changes as a value
// ticks; and its rank in the order of dropping.
type statusPart struct {
	text  string
	width int
	// drop orders the parts a short bar drops, whole, lowest first; 0
	// is never dropped.
	drop int
	// head is the hint's "context:", which a space follows rather than
	// " · ".
	head bool
	// detail continues the part before it, with no separator: the
	// attempt of a reconnect, the reason of a stop.
	detail bool
}

// The widest forms of the values that tick, which their parts reserve.
const (
	wideRate      = "999.9"      // rateText's widest
	wideAgo       = "59s ago"    // ago's widest but for its 100d+
	wideCountdown = "1m30s"      // a reconnect's countdown, 5 wide below an hour
	wideAttempt   = "10"         // the attempt of a reconnect below 100
	wideUnread    = "999 unread" // the unread count below 1000
)

// prepareStatus lays out the status bar at width w: the segments on the
// left, each at the width of its widest form, and the key hint from
// m.hint on the right. When they do not all fit it drops whole parts, in
// this order: the pod's sparkline, the datafeed's version, the event rate, the hint's entries
// from the last (with the first of them its context, when the help cue is
// not among them), the time of the last event, the host, the hint's context,
// the catch-up, the unread count and the details of the feed's state. It
// never drops the badge, the feed's state, a notice or, in the stream
// list and the timeline, the help cue; only when those alone do not fit
// is the left cut.
func (m *Model) prepareStatus(w int) {
	st := &m.styles
	now := m.now()
	seg := func(style, text string) string { return style + text + st.reset + st.status }

	// The key hint's entries; the help cue stays in the stream list and
	// the timeline.
	head, entries, _ := strings.Cut(m.hint(), ": ")
	var hint []string
	if entries != "" {
		hint = strings.Split(entries, " · ")
	}
	cue := ""
	if help := m.keys.Normal.Help; (m.mode == modeTimeline || m.mode == modeList) && help.Enabled() && len(help.Keys()) > 0 {
		cue = firstKey(help) + " " + help.Help().Desc
	}
	// The drop ranks, lowest dropped first.
	n := len(hint)
	dropSpark, dropVersion, dropRate, dropEntries := 1, 2, 3, 4 // the entries from the last
	dropLast, dropHost, dropHead := n+4, n+5, n+6
	dropCatchUp, dropUnread, dropDetail := n+7, n+8, n+9

	var left []statusPart
	add := func(text string, width, drop int) {
		left = append(left, statusPart{text: text, width: max(width, ansi.StringWidth(text)), drop: drop})
	}
	if m.badge != "" {
		add(seg(st.warn, m.badge), 0, 0)
	}
	if m.desk.dnd {
		add(seg(st.warn, "DND"), 0, 0)
	}
	switch {
	case m.status.closed && (!m.status.hasFeed || m.status.feed.State != feed.Stopped):
		add(seg(st.bad, "■ stopped"), 0, 0)
	case !m.status.hasFeed:
		add(seg(st.warn, "○ connecting…"), 0, 0)
	default:
		state, detail := m.feedState(now, seg)
		add(state.text, state.width, 0)
		if detail.text != "" {
			detail.drop, detail.detail = dropDetail, true
			detail.width = max(detail.width, ansi.StringWidth(detail.text))
			left = append(left, detail)
		}
	}
	if m.status.notice != "" && now.Before(m.status.noticeUntil) {
		style := st.warn
		if m.status.noticeBad {
			style = st.bad
		}
		add(seg(style, ansi.Truncate(m.status.notice, max(10, w/2), "…")), 0, 0)
	}
	if c := m.status.catchUp; c.Total > 0 && !c.Finished {
		total := strconv.Itoa(c.Total)
		add(seg(st.warn, "catching up "+strconv.Itoa(c.Done)+"/"+total), len("catching up "+total+"/"+total), dropCatchUp)
	}
	if v := m.status.feed.Version; v != "" {
		add("datafeed "+sanitize.Line(v), 0, dropVersion)
	}
	// The pod's last minute, from its first event on.
	if spark := m.status.podSpark(now); spark != "" {
		add(seg(st.dim, spark), sparkBuckets, dropSpark)
	}
	add(rateText(m.status.rate(now))+" ev/s", len(wideRate+" ev/s"), dropRate)
	if m.status.lastEvent.IsZero() {
		add("no events", len("last "+wideAgo), dropLast)
	} else {
		add("last "+ago(now.Sub(m.status.lastEvent)), len("last "+wideAgo), dropLast)
	}
	add(m.host, 0, dropHost)
	// The unread count keeps its place while there is none, blank.
	unread := m.unreadTotal()
	m.windowTitle = "tutti"
	if unread > 0 {
		add(seg(st.bold, strconv.Itoa(unread)+" unread"), len(wideUnread), dropUnread)
		m.windowTitle = "tutti (" + strconv.Itoa(unread) + ")"
	} else {
		left = append(left, statusPart{width: len(wideUnread), drop: dropUnread})
	}

	right := []statusPart{{text: head, width: ansi.StringWidth(head), drop: dropHead}}
	if n > 0 {
		right[0].text, right[0].width, right[0].head = head+":", right[0].width+1, true
		if !slices.Contains(hint, cue) {
			// "composer:" with no key after it says nothing: the context
			// goes with its last entry.
			right[0].drop = dropEntries + n - 1
		}
	}
	for i, e := range hint {
		d := dropEntries + n - 1 - i
		if e == cue {
			d = 0
		}
		right = append(right, statusPart{text: e, width: ansi.StringWidth(e), drop: d})
	}

	// Drop ranks 1 to cut, the least cut that fits: the left and the
	// hint, each with a space either side, and one more between.
	cut := 0
	for ; cut < dropDetail; cut++ {
		if 1+partsWidth(left, cut)+1+1+partsWidth(right, cut)+1 <= w {
			break
		}
	}
	l := " " + layoutParts(left, cut) + " "
	r := layoutParts(right, cut)
	if r != "" {
		r += " "
	}
	switch lw, rw := ansi.StringWidth(l), ansi.StringWidth(r); {
	case lw+1+rw <= w:
	case rw+12 <= w:
		// What is never dropped does not fit at the widths it reserves:
		// the help cue keeps its place while it leaves the left ten
		// columns, and the left is cut if it does not fit as it is.
		l = truncate(strings.TrimRight(l, " "), w-rw-2) + " "
	default:
		l, r = truncate(strings.TrimRight(l, " "), w), ""
	}
	line := st.status + l + strings.Repeat(" ", max(0, w-ansi.StringWidth(l)-ansi.StringWidth(r)))
	if r != "" {
		line += seg(st.dim, r)
	}
	m.statusLine = line + st.reset
}

// kept reports whether a part of drop rank d stays when ranks 1 to cut
// are dropped.
func kept(d, cut int) bool { return d == 0 || d > cut }

// partsWidth is the width of layoutParts(parts, cut) whatever the values
// of the parts: each part at its reserved width.
func partsWidth(parts []statusPart, cut int) int {
	w, n, head := 0, 0, false
	for _, p := range parts {
		if !kept(p.drop, cut) {
			continue
		}
		switch {
		case p.detail:
		case head:
			w++
		case n > 0:
			w += 3
		}
		w += p.width
		n, head = n+1, p.head
	}
	return w
}

// layoutParts joins the parts kept when ranks 1 to cut are dropped, each
// padded to its width, with " · " between two, a space after the hint's
// head and nothing before a detail, which the padding of the part before
// it follows; a blank part is all spaces, its separator too, so that it
// keeps its place.
func layoutParts(parts []statusPart, cut int) string {
	var b strings.Builder
	n, head, padding := 0, false, 0
	for _, p := range parts {
		if !kept(p.drop, cut) {
			continue
		}
		if !p.detail {
			b.WriteString(strings.Repeat(" ", padding))
			padding = 0
		}
		switch {
		case p.detail:
		case head:
			b.WriteString(" ")
		case n > 0 && p.text == "":
			b.WriteString("   ")
		case n > 0:
			b.WriteString(" · ")
		}
		b.WriteString(p.text)
		padding += max(0, p.width-ansi.StringWidth(p.text))
		n, head = n+1, p.head
	}
	b.WriteString(strings.Repeat(" ", padding))
	return b.String()
}

// rateText words an event rate in len(wideRate) columns, right aligned:
// "  0.0", "123.4", " 1.2k".
func rateText(r float64) string {
	switch {
	case r < 999.95:
		return fmt.Sprintf("%5.1f", r)
	case r < 99950:
		return fmt.Sprintf("%4.1fk", r/1000)
	}
	return fmt.Sprintf("%4.0fk", r/1000)
}

// feedState words the feed's state as a status segment, and its detail
// (the attempt of a reconnect, the reason of a stop), which a short bar
// drops; each with the width it reserves, that of its widest countdown
// and attempt, so that a reconnect's countdown moves nothing.
func (m *Model) feedState(now time.Time, seg func(style, text string) string) (state, detail statusPart) {
	st := &m.styles
	f := m.status.feed
	attempt := func(style string) statusPart {
		text := " (attempt " + strconv.Itoa(f.Attempt) + ")"
		if c := shortCause(f.Err); c != "" {
			text += ": " + c
		}
		return statusPart{text: seg(style, text), width: len(" (attempt "+wideAttempt+"): ") + maxCause}
	}
	switch f.State {
	case feed.Live, feed.Opened:
		// Opened: the feed is chosen and read; whatever happens from now
		// on reaches it. A quiet pod answers its first read only when the
		// long poll ends, which is no reason to say "connecting" meanwhile.
		return statusPart{text: seg(st.live, "● live")}, statusPart{}
	case feed.Reconnecting:
		in := max(0, f.NextTry.Sub(now))
		if in < 10*time.Second {
			in = in.Round(100 * time.Millisecond)
		} else {
			in = in.Round(time.Second)
		}
		text := "◌ reconnecting in " + in.String()
		return statusPart{text: seg(st.warn, text), width: ansi.StringWidth("◌ reconnecting in " + wideCountdown)}, attempt(st.warn)
	case feed.Reauthenticating:
		return statusPart{text: seg(st.warn, "◌ re-authenticating")}, attempt(st.warn)
	case feed.Recreated:
		return statusPart{text: seg(st.warn, "↻ feed recreated, catching up")}, statusPart{}
	case feed.Stopped:
		reason := ""
		if f.Err != nil {
			reason = sanitize.Line(f.Err.Error())
			if len(reason) > 60 {
				reason = ansi.Truncate(reason, 60, "…")
			}
		}
		return statusPart{text: seg(st.bad, "■ stopped")}, statusPart{text: seg(st.bad, ": "+reason)}
	}
	return statusPart{text: seg(st.warn, "○ connecting…")}, statusPart{}
}

// ago formats a duration since an event, coarsely, in at most
// len(wideAgo) columns below a hundred days.
func ago(d time.Duration) string {
	switch {
	case d < time.Second:
		return "now"
	case d < time.Minute:
		return strconv.Itoa(int(d/time.Second)) + "s ago"
	case d < time.Hour:
		return strconv.Itoa(int(d/time.Minute)) + "m ago"
	case d < 24*time.Hour:
		return strconv.Itoa(int(d/time.Hour)) + "h ago"
	}
	return strconv.Itoa(int(d/(24*time.Hour))) + "d ago"
}
