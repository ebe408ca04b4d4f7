package ui

import (
	"context"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tutti-chat/tutti/internal/desktop"
	"github.com/tutti-chat/tutti/internal/tuiconfig"
	"github.com/tutti-chat/tutti/render"
	"github.com/tutti-chat/tutti/symphony"
)

// RunFunc runs a program with its arguments (never through a shell) until
// it ends or ctx is done: how command notifications are shown.
type RunFunc func(ctx context.Context, name string, args ...string) error

// Bounds of desktop notifications.
const (
	// notifyPeriod is the least time between two notifications of a
	// stream; those in between are summed up in the next.
	notifyPeriod = 10 * time.Second
	// notifyTimeout bounds a notification command.
	notifyTimeout = 5 * time.Second
	// maxNotifyBatch is how many notifications one batch of events shows;
	// a burst across many streams says the rest in one.
	maxNotifyBatch = 3
)

// notifyWhy is why a message notifies.
type notifyWhy int

// Why a message notifies.
const (
	whyMention notifyWhy = iota
	whyIM
	whyWatch // a watch rule matched it
)

// deskState is the desktop notifications: how they show, what shows, and
// those due from the batch being applied.
type deskState struct {
	method  desktop.Method
	inTmux  bool
	set     tuiconfig.Notify
	dnd     bool // do not disturb, from the switcher
	limiter desktop.Limiter
	due     []desktop.Notification
	dropped int // notifications of the batch past maxNotifyBatch
}

// noteDesktop queues the notification of a message of s, when the
// settings ask for it (why: a mention, an IM, a match of the watch rule
// named rule), it is not muted, and neither do-not-disturb nor the quiet
// hours hold.
func (m *Model) noteDesktop(s *stream, msg *symphony.V4Message, why notifyWhy, rule string) {
	d := &m.desk
	if d.method == desktop.Off || d.dnd || m.muted[s.id] || d.set.Quiet(minuteOfDay(m.now().In(m.loc))) {
		return
	}
	switch why {
	case whyMention:
		if !d.set.Mention {
			return
		}
	case whyIM:
		if !d.set.IM {
			return
		}
	case whyWatch:
		if !d.set.Watch {
			return
		}
	}
	ok, held := d.limiter.Allow(s.id, m.now())
	if !ok {
		return
	}
	if len(d.due) == maxNotifyBatch {
		d.dropped++
		return
	}
	title := s.name + " · " + m.userName(msg.User)
	if held > 0 {
		title += fmt.Sprintf(" (+%d)", held)
	}
	if why == whyWatch {
		title = "[" + rule + "] " + title
	}
	body := render.Parse(msg.Message, msg.Data).OneLine(render.Options{Width: 200, Location: m.loc})
	d.due = append(d.due, desktop.Notification{Title: title, Body: body})
}

// minuteOfDay is t's minute of its day.
func minuteOfDay(t time.Time) int { return t.Hour()*60 + t.Minute() }

// desktopCmd shows the notifications due, and those held back whose
// period has passed as one summary; nil when there are none.
func (m *Model) desktopCmd() tea.Cmd {
	d := &m.desk
	if d.method == desktop.Off {
		return nil
	}
	due := d.due
	d.due = nil
	if d.dropped > 0 {
		due = append(due, desktop.Notification{Title: "tutti", Body: fmt.Sprintf("%d more streams with news", d.dropped)})
		d.dropped = 0
	}
	if held := d.limiter.Due(m.now()); len(held) > 0 && !d.dnd {
		n := 0
		for _, c := range held {
			n += c
		}
		body := fmt.Sprintf("%d more messages", n)
		if len(held) == 1 {
			for id, c := range held {
				body = fmt.Sprintf("%d more in %s", c, m.streamName(id))
			}
		}
		due = append(due, desktop.Notification{Title: "tutti", Body: body})
	}
	if len(due) == 0 {
		return nil
	}
	if d.method != desktop.Command {
		var out string
		for _, n := range due {
			out += desktop.Escape(d.method, n, d.inTmux)
		}
		return tea.Raw(out)
	}
	run, ctx := m.deps.Run, m.ctx
	if run == nil {
		return nil
	}
	return func() tea.Msg {
		for _, n := range due {
			name, args := desktop.CommandFor(n, "")
			cctx, cancel := context.WithTimeout(ctx, notifyTimeout)
			err := run(cctx, name, args...)
			cancel()
			if err != nil {
				return noticeMsg{text: "desktop notification: " + name + ": " + err.Error(), bad: true}
			}
		}
		return nil
	}
}

// toggleDND turns do-not-disturb on or off: no desktop notification, no
// bell.
func (m *Model) toggleDND() {
	m.desk.dnd = !m.desk.dnd
	if m.desk.dnd {
		m.notify("do not disturb: no notification, no bell (Do not disturb in the switcher again ends it)", false)
		return
	}
	m.notify("do not disturb ended", false)
}
