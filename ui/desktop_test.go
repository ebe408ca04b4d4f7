package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tutti-chat/tutti/internal/desktop"
	"github.com/tutti-chat/tutti/symphony"
)

// deskModel returns a model that notifies with method, at a clock the
// test moves, whose batches are not listened on after (so that their
// commands can be run).
func deskModel(t *testing.T, method desktop.Method) (*Model, *time.Time) {
	t.Helper()
	m := newTestModel(t, 120, 30)
	clock := time.UnixMilli(base + 3_600_000)
	m.now = func() time.Time { return clock }
	m.deps.Items = nil
	m.desk.method = method
	return m, &clock
}

// mentionOf is a message of stream that mentions the reader.
func mentionOf(stream, id string, ts int64, text string) symphony.V4Message {
	msg := message(stream, id, 3, ts, text+` <span class="entity" data-entity-id="0">@Me</span>`)
	msg.Data = `{"0":{"id":[{"type":"com.symphony.user.userId","value":"1"}],"type":"com.symphony.user.mention"}}`
	return msg
}

// escapesOf returns what the terminal escapes of cmd say.
func escapesOf(cmd tea.Cmd) string {
	var out strings.Builder
	for _, r := range run[tea.RawMsg](cmd) {
		out.WriteString(fmt.Sprint(r.Msg))
	}
	return out.String()
}

// TestDesktopNotificationOfAMention: a mention in a stream not on screen
// shows one notification through the terminal's escape, with the stream,
// the author and the first line; a second within the period is held and
// summed up after it; a muted stream and do-not-disturb show none.
func TestDesktopNotificationOfAMention(t *testing.T) {
	m, clock := deskModel(t, desktop.OSC9)
	got := escapesOf(update(m, batch(live(mentionOf("roomB", "b1", clock.UnixMilli(), "margin call on the book")))))
	if !strings.Contains(got, "\x1b]9;Bravo · User 3: margin call on the book @Me\a") {
		t.Fatalf("the notification: %q", got)
	}
	*clock = clock.Add(2 * time.Second)
	if got := escapesOf(update(m, batch(live(mentionOf("roomB", "b2", clock.UnixMilli(), "again"))))); strings.Contains(got, "\x1b]9;") {
		t.Errorf("a second notification within the period: %q", got)
	}
	*clock = clock.Add(10 * time.Second)
	if got := escapesOf(update(m, tickMsg(*clock))); !strings.Contains(got, "\x1b]9;tutti: 1 more in Bravo") {
		t.Errorf("the summary after the period: %q", got)
	}

	if m.muted == nil {
		m.muted = map[string]bool{}
	}
	m.muted["roomA"] = true
	*clock = clock.Add(time.Minute)
	if got := escapesOf(update(m, batch(live(mentionOf("roomA", "a1", clock.UnixMilli(), "muted"))))); got != "" {
		t.Errorf("a muted stream notified: %q", got)
	}
	update(m, tea.KeyPressMsg{Code: 'k', Mod: tea.ModCtrl})
	typeText(m, "do not disturb")
	update(m, tea.KeyPressMsg{Code: tea.KeyEnter})
	if !m.desk.dnd || !strings.Contains(screen(m), "DND") {
		t.Error("the status bar does not say DND")
	}
	if got := escapesOf(update(m, batch(live(mentionOf("roomB", "b3", clock.UnixMilli(), "quiet please"))))); got != "" {
		t.Errorf("do not disturb notified (or rang): %q", got)
	}
}

// TestDesktopNotificationByCommand: the command method runs notify-send
// (never a shell) with the text as its arguments; an IM notifies, a room
// message without a mention does not.
func TestDesktopNotificationByCommand(t *testing.T) {
	m, clock := deskModel(t, desktop.Command)
	var ran [][]string
	m.deps.Run = func(_ context.Context, name string, args ...string) error {
		ran = append(ran, append([]string{name}, args...))
		return nil
	}
	run[tea.Msg](update(m, batch(live(message("roomB", "b1", 3, clock.UnixMilli(), "no mention here")))))
	if len(ran) != 0 {
		t.Errorf("a room message without a mention notified: %q", ran)
	}
	im := message("imC", "c1", 3, clock.UnixMilli(), "lunch?")
	im.Stream.StreamType = symphony.StreamIM
	run[tea.Msg](update(m, batch(live(im))))
	if len(ran) != 1 || ran[0][len(ran[0])-2] != "Carol · User 3" || ran[0][len(ran[0])-1] != "lunch?" {
		t.Errorf("the IM's notification command: %q", ran)
	}
}

// TestQuietHoursHoldNotificationsAndTheBell: within tui.notify's quiet
// hours nothing notifies and the bell does not ring.
func TestQuietHoursHoldNotificationsAndTheBell(t *testing.T) {
	m, clock := deskModel(t, desktop.OSC9)
	minute := minuteOfDay(clock.In(m.loc))
	m.desk.set.QuietFrom, m.desk.set.QuietTo = minute, (minute+60)%(24*60)
	before := m.lastBell
	if got := escapesOf(update(m, batch(live(mentionOf("roomB", "b1", clock.UnixMilli(), "at night"))))); got != "" || !m.lastBell.Equal(before) {
		t.Errorf("in quiet hours: %q, bell rang %v", got, !m.lastBell.Equal(before))
	}
}
