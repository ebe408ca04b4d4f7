package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
)

// dateHelp is what the date prompt takes.
const dateHelp = "a date: 2026-12-01, 2026-12-01 14:30, today, yesterday, 3d, 2w"

// askDate asks for a date to jump to in the focused pane's stream.
func (m *Model) askDate() {
	s := m.streams[m.open]
	if s == nil {
		return
	}
	if s.kind.special() || m.deps.Pager == nil {
		m.notify(s.name+" has no history to jump in: open a room or a conversation", false)
		return
	}
	m.ask(promptState{label: "jump to date", help: dateHelp, verb: "jump", answer: func(m *Model, text string) tea.Cmd {
		return m.jumpToDate(s.id, text)
	}})
}

// jumpToDate shows stream id from the date text names: the first row
// since then selected at the top of its pane, loading the history from
// then when it is not loaded, with a gap row back to what is.
func (m *Model) jumpToDate(id, text string) tea.Cmd {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	now := m.now().In(m.loc)
	at, err := parseDate(text, now)
	if err != nil {
		m.notify(err.Error(), true)
		return nil
	}
	if at.After(now) {
		m.notify("“"+text+"” is in the future", true)
		return nil
	}
	label := at.Format("2006-01-02")
	if at.Hour() != 0 || at.Minute() != 0 {
		label = at.Format("2006-01-02 15:04")
	}
	return m.jumpTo(id, jumpTarget{ts: at.UnixMilli(), missing: "nothing since " + label + ": the newest rows show"})
}

// parseDate reads a date the way the prompt offers it, in the time zone
// of now: YYYY-MM-DD (its midnight), YYYY-MM-DD HH:MM, today, yesterday,
// or a number of days (3d) or weeks (2w) before today's midnight.
func parseDate(text string, now time.Time) (time.Time, error) {
	t := strings.ToLower(strings.TrimSpace(text))
	midnight := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	switch t {
	case "today":
		return midnight, nil
	case "yesterday":
		return midnight.AddDate(0, 0, -1), nil
	}
	for _, layout := range []string{"2006-01-02", "2006-01-02 15:04", "2006-01-02T15:04"} {
		if at, err := time.ParseInLocation(layout, t, now.Location()); err == nil {
			return at, nil
		}
	}
	if n := len(t); n >= 2 {
		if k, err := strconv.Atoi(t[:n-1]); err == nil && k >= 0 && k <= 10_000 {
			switch t[n-1] {
			case 'd':
				return midnight.AddDate(0, 0, -k), nil
			case 'w':
				return midnight.AddDate(0, 0, -7*k), nil
			}
		}
	}
	return time.Time{}, fmt.Errorf("jump to date: %q is not a date (%s)", text, dateHelp)
}
