package ui

import (
	"fmt"
	"time"

	"github.com/tutti-chat/tutti/feed"
	"github.com/tutti-chat/tutti/internal/sanitize"
)

// maxLog bounds the log of notices and feed changes.
const maxLog = 500

// logEntry is one line of the log overlay.
type logEntry struct {
	at   time.Time
	text string // sanitised
	bad  bool
}

// record keeps a line in the log, dropping the oldest past maxLog.
func (m *Model) record(text string, bad bool) {
	if len(m.log) >= maxLog {
		m.log = append(m.log[:0], m.log[len(m.log)-maxLog+1:]...)
	}
	m.log = append(m.log, logEntry{at: m.now(), text: sanitize.Line(text), bad: bad})
}

// recordFeed keeps a change of the feed's state in the log, with its
// cause.
func (m *Model) recordFeed(f feed.Status) {
	m.health.noteState(m.now(), f.State)
	text := "datafeed " + f.State.String()
	if f.Version != "" {
		text += " (" + f.Version + ")"
	}
	switch f.State {
	case feed.Reconnecting, feed.Reauthenticating:
		text += fmt.Sprintf(", attempt %d, next in %s", f.Attempt, max(0, f.NextTry.Sub(m.now())).Round(100*time.Millisecond))
	case feed.Recreated:
		if !f.GapFrom.IsZero() {
			text += fmt.Sprintf(", events from %s to %s may be lost, caught up from history",
				f.GapFrom.In(m.loc).Format("15:04:05"), f.GapTo.In(m.loc).Format("15:04:05"))
		}
	}
	if f.Err != nil {
		text += ": " + f.Err.Error()
	}
	m.record(text, f.State == feed.Stopped || f.Err != nil && f.State != feed.Recreated)
}

// openLog opens the log overlay: notices and errors shown in the status
// bar, and every change of the feed's state, oldest first; an entry wider
// than the overlay is wrapped, never cut.
func (m *Model) openLog() {
	o := textOverlay{title: "log", close: m.keys.Normal.Log}
	if len(m.log) == 0 {
		o.add("nothing yet: notices, errors and changes of the datafeed show here", false)
	}
	for _, e := range m.log {
		mark := "  "
		if e.bad {
			mark = "! "
		}
		// A long entry (a reconnect's cause) continues under its text.
		o.addHung(e.at.In(m.loc).Format("15:04:05")+" "+mark+e.text, false, len("15:04:05 ")+len(mark))
	}
	o.off = scrollEnd // the newest at the bottom
	m.overlayText = o
	m.cover(modeText)
}
