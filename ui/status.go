package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/tutti-chat/tutti/feed"
	"github.com/tutti-chat/tutti/internal/engine"
	"github.com/tutti-chat/tutti/internal/sanitize"
)

// rateWindow is how many seconds the event rate is averaged over.
const rateWindow = 5

// statusState is what the status bar reports: the feed's state and the
// traffic.
type statusState struct {
	feed    feed.Status
	hasFeed bool
	// catchUp is the engine's last word on its catch-up from history.
	catchUp   engine.Progress
	closed    bool
	lastEvent time.Time
	// Events per second: counts of the last rateWindow+1 seconds, by
	// unix second modulo the ring's length.
	ringSec [rateWindow + 1]int64
	ring    [rateWindow + 1]int
	// notice is a short message for the user (an error when bad), shown
	// until noticeUntil.
	notice      string
	noticeBad   bool
	noticeUntil time.Time
}

// minHint is the least width of a cut key hint in the status bar.
const minHint = 16

// noticeFor is how long a notice stays in the status bar.
const noticeFor = 10 * time.Second

// notify shows text in the status bar for a while, as an error when bad.
func (m *Model) notify(text string, bad bool) {
	m.status.notice, m.status.noticeBad = sanitize.Line(text), bad
	m.status.noticeUntil = m.now().Add(noticeFor)
	m.record(text, bad)
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

// prepareStatus lays out the status bar at width w.
func (m *Model) prepareStatus(w int) {
	st := &m.styles
	now := m.now()
	seg := func(style, text string) string { return style + text + st.reset + st.status }
	// Segments by priority: the least important are dropped first when the
	// bar is too narrow.
	type part struct {
		text string
		prio int
	}
	var parts []part
	if m.badge != "" {
		parts = append(parts, part{seg(st.warn, m.badge), 0})
	}
	switch {
	case m.status.closed && (!m.status.hasFeed || m.status.feed.State != feed.Stopped):
		parts = append(parts, part{seg(st.bad, "■ stopped"), 0})
	case !m.status.hasFeed:
		parts = append(parts, part{seg(st.warn, "○ connecting…"), 0})
	default:
		parts = append(parts, part{m.feedState(now, seg), 0})
	}
	if m.status.notice != "" && now.Before(m.status.noticeUntil) {
		style := st.warn
		if m.status.noticeBad {
			style = st.bad
		}
		parts = append(parts, part{seg(style, ansi.Truncate(m.status.notice, max(10, w/2), "…")), 0})
	}
	if c := m.status.catchUp; c.Total > 0 && !c.Finished {
		parts = append(parts, part{seg(st.warn, "catching up "+strconv.Itoa(c.Done)+"/"+strconv.Itoa(c.Total)), 1})
	}
	if v := m.status.feed.Version; v != "" {
		parts = append(parts, part{"datafeed " + sanitize.Line(v), 4})
	}
	parts = append(parts, part{strconv.FormatFloat(m.status.rate(now), 'f', 1, 64) + " ev/s", 3})
	if !m.status.lastEvent.IsZero() {
		parts = append(parts, part{"last " + ago(now.Sub(m.status.lastEvent)), 2})
	}
	unread := 0
	for _, s := range m.streams {
		unread += s.unread
	}
	m.windowTitle = "tutti"
	if unread > 0 {
		parts = append(parts, part{seg(st.bold, strconv.Itoa(unread)+" unread"), 1})
		m.windowTitle = "tutti (" + strconv.Itoa(unread) + ")"
	}
	parts = append(parts, part{m.host, 2})
	hint := m.hint() + " "
	hw := ansi.StringWidth(hint)
	compose := func(maxPrio int) string {
		var b strings.Builder
		b.WriteString(st.status + " ")
		n := 0
		for _, p := range parts {
			if p.prio > maxPrio {
				continue
			}
			if n > 0 {
				b.WriteString(" · ")
			}
			b.WriteString(p.text)
			n++
		}
		b.WriteString(" ")
		return b.String()
	}
	var line string
	for maxPrio := 4; ; maxPrio-- {
		left := compose(maxPrio)
		lw := ansi.StringWidth(left)
		if lw+hw+1 <= w {
			line = left + strings.Repeat(" ", w-lw-hw) + seg(st.dim, hint)
			break
		}
		if maxPrio <= 0 {
			line = truncate(left, w)
			if lw < w {
				line += strings.Repeat(" ", w-lw)
			}
			break
		}
		if maxPrio <= 1 && lw+minHint+1 <= w {
			// What fits of the hint: at least where the keys go.
			h := ansi.Truncate(hint, w-lw-1, "… ")
			line = left + strings.Repeat(" ", w-lw-ansi.StringWidth(h)) + seg(st.dim, h)
			break
		}
		if maxPrio <= 1 && lw <= w {
			line = left + strings.Repeat(" ", w-lw)
			break
		}
	}
	m.statusLine = line + st.reset
}

// feedState words the feed's state as a status segment.
func (m *Model) feedState(now time.Time, seg func(style, text string) string) string {
	st := &m.styles
	f := m.status.feed
	reason := ""
	if f.Err != nil {
		reason = sanitize.Line(f.Err.Error())
		if len(reason) > 60 {
			reason = ansi.Truncate(reason, 60, "…")
		}
	}
	switch f.State {
	case feed.Live:
		return seg(st.live, "● live")
	case feed.Reconnecting:
		in := max(0, f.NextTry.Sub(now))
		if in < 10*time.Second {
			in = in.Round(100 * time.Millisecond)
		} else {
			in = in.Round(time.Second)
		}
		return seg(st.warn, fmt.Sprintf("◌ reconnecting in %s (attempt %d)", in, f.Attempt))
	case feed.Reauthenticating:
		return seg(st.warn, fmt.Sprintf("◌ re-authenticating (attempt %d)", f.Attempt))
	case feed.Recreated:
		return seg(st.warn, "↻ feed recreated, catching up")
	case feed.Stopped:
		return seg(st.bad, "■ stopped: "+reason)
	}
	return seg(st.warn, "○ connecting…")
}

// ago formats a duration since an event, coarsely.
func ago(d time.Duration) string {
	switch {
	case d < time.Second:
		return "now"
	case d < time.Minute:
		return strconv.Itoa(int(d/time.Second)) + "s ago"
	case d < time.Hour:
		return strconv.Itoa(int(d/time.Minute)) + "m ago"
	}
	return strconv.Itoa(int(d/time.Hour)) + "h ago"
}
