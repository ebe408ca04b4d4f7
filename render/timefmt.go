package render

import (
	"strings"
	"time"
)

// timeElem is a <time> element: an instant and the format the sender
// asked for (date, time, time_secs, or none).
type timeElem struct {
	t      time.Time
	format string
}

// parseDateTime reads a datetime attribute.
func parseDateTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	layouts := [...]string{
		time.RFC3339Nano,
		"2006-01-02T15:04:05.999999999Z0700",
		"2006-01-02T15:04:05",
		"2006-01-02T15:04",
		"2006-01-02 15:04:05",
		"2006-01-02",
	}
	for _, layout := range layouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// timeElement renders <time datetime=… data-format=…>: formatted at layout
// time, in the reader's zone; a datetime we cannot read shows the
// element's text.
func (b *builder) timeElement(i int32, c ictx) {
	n := &b.t.nodes[i]
	t, ok := parseDateTime(b.t.attr(n, "datetime"))
	if !ok || len(b.doc.times) >= maxLinks {
		b.children(i, c)
		return
	}
	b.doc.times = append(b.doc.times, timeElem{t: t, format: strings.TrimSpace(b.t.attr(n, "data-format"))})
	tc := c
	if tc.st.cls == clsText {
		tc.st.cls = clsTime
	}
	_, space := b.place(true)
	b.push(seg{kind: segTime, ref: int32(len(b.doc.times) - 1), st: tc.st, link: tc.link, brk: true, space: space})
	b.forceBrk = true
}

// formatTime formats a time element. With now set, times of yesterday,
// today and tomorrow say so.
func formatTime(te timeElem, now time.Time, loc *time.Location) string {
	t := te.t.In(location(loc))
	switch te.format {
	case "date":
		return t.Format("2 Jan 2006")
	case "time":
		return t.Format("15:04")
	case "time_secs":
		return t.Format("15:04:05")
	}
	if !now.IsZero() {
		n := now.In(t.Location())
		ty, tm, td := t.Date()
		today := time.Date(ty, tm, td, 0, 0, 0, 0, t.Location())
		ny, nm, nd := n.Date()
		days := int(time.Date(ny, nm, nd, 0, 0, 0, 0, t.Location()).Sub(today).Round(24*time.Hour) / (24 * time.Hour))
		switch days {
		case 0:
			return "today " + t.Format("15:04")
		case 1:
			return "yesterday " + t.Format("15:04")
		case -1:
			return "tomorrow " + t.Format("15:04")
		}
	}
	return t.Format("2 Jan 2006 15:04")
}
