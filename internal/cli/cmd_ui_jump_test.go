package cli

import (
	"bytes"
	"context"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/simulator/scenario"
	"github.com/tutti-chat/tutti/symphony"
	"github.com/tutti-chat/tutti/ui"
)

// TestUIJumpFromActivityMuteAndMarkAllRead runs the UI against the
// embedded simulator: enter on a message in Activity opens its room (M
// then mutes the focused stream, which the notice names: the room);
// alt+r marks a message of another room read; the muted room is kept for
// the next run.
func TestUIJumpFromActivityMuteAndMarkAllRead(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	logger := slog.New(slog.DiscardHandler)
	conn := connectDemo(t, ctx, 0.01)
	me := conn.Sim.AccountID()
	var rooms []simulator.StreamSummary
	for _, st := range conn.Sim.Streams() {
		if st.Type == "ROOM" && st.Active && slices.Contains(st.Members, me) && len(st.Members) > 1 && st.Name != "" &&
			ansi.StringWidth(st.Name) < 20 {
			rooms = append(rooms, st)
		}
	}
	if len(rooms) < 2 {
		t.Fatal("fewer than two rooms with the account and others in the demo scenario")
	}
	say := func(room simulator.StreamSummary, messageML string) {
		t.Helper()
		actor := room.Members[0]
		if actor == me {
			actor = room.Members[1]
		}
		if err := conn.Sim.Apply(scenario.Action{Kind: scenario.SendMessage, Actor: actor, Stream: room.ID, MessageML: messageML}); err != nil {
			t.Fatal(err)
		}
	}

	model, wait := startUI(ctx, conn, time.Hour, nil, logger)
	defer wait()
	defer cancel()
	tm := teatest.NewTestModel(t, model, teatest.WithInitialTermSize(120, 40))
	waitOut := func(what string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(what)) },
			teatest.WithDuration(20*time.Second), teatest.WithCheckInterval(50*time.Millisecond))
	}
	waitOut("live")

	// Activity is open at start: select the newest row, the message just
	// sent, and jump to it; M mutes the stream it opened.
	say(rooms[0], "<messageML>jump here please</messageML>")
	waitOut("jump here please")
	tm.Send(tea.KeyPressMsg{Code: 'k', Text: "k"})
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	tm.Send(tea.KeyPressMsg{Code: 'm', Text: "M", Mod: tea.ModShift})
	waitOut(rooms[0].Name + " muted")

	// Back in Activity, a message of another room is unread until alt+r.
	tm.Send(tea.KeyPressMsg{Code: 'k', Mod: tea.ModCtrl})
	for _, r := range "Activity" {
		tm.Send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	say(rooms[1], "<messageML>read me later</messageML>")
	waitOut("read me later")
	tm.Send(tea.KeyPressMsg{Code: 'r', Mod: tea.ModAlt})
	waitOut("marked read")
	tm.Send(tea.KeyPressMsg{Code: 'q', Text: "q"})
	final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*ui.Model)
	if muted := final.Snapshot().Muted; !slices.Contains(muted, rooms[0].ID) {
		t.Errorf("saved muted %v, want %s", muted, rooms[0].ID)
	}
	lines := strings.Split(ansi.Strip(final.View().Content), "\n")
	if status := lines[len(lines)-1]; strings.Contains(status, "unread") {
		t.Errorf("unread after alt+r: %q", status)
	}
}

// TestUIJumpToDateLoadsOlderHistory runs the UI against the embedded
// simulator: in a room whose newest messages fill the pane days after its
// first message, J and that message's date show the history from that
// day, with its day line.
func TestUIJumpToDateLoadsOlderHistory(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	logger := slog.New(slog.DiscardHandler)
	conn := connectDemo(t, ctx, 0.01)
	me := conn.Sim.AccountID()
	day := func(ts int64) string { return time.UnixMilli(ts).In(time.Local).Format("2006-01-02") }
	var room simulator.StreamSummary
	var first int64
	for _, st := range conn.Sim.Streams() {
		if st.Type != "ROOM" || !st.Active || !slices.Contains(st.Members, me) || st.Name == "" ||
			ansi.StringWidth(st.Name) >= 20 || st.Messages < 40 || st.Messages > symphony.MaxMessagesPerPage {
			continue
		}
		msgs, err := conn.Client.StreamMessages(ctx, st.ID, symphony.MessageQuery{Since: st.Created.UnixMilli(), Limit: symphony.MaxMessagesPerPage})
		if err != nil {
			t.Fatal(err)
		}
		// The newest 30 messages fill more than the pane: their days show,
		// not the first message's.
		if n := len(msgs); n >= 40 && day(msgs[0].Timestamp) < day(msgs[n-30].Timestamp) {
			room, first = st, msgs[0].Timestamp
			break
		}
	}
	if room.ID == "" {
		t.Skip("no room in the demo scenario whose history spans more days than its newest page")
	}

	model, wait := startUI(ctx, conn, time.Hour, nil, logger)
	defer wait()
	defer cancel()
	tm := teatest.NewTestModel(t, model, teatest.WithInitialTermSize(120, 40))
	waitOut := func(what string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(what)) },
			teatest.WithDuration(20*time.Second), teatest.WithCheckInterval(50*time.Millisecond))
	}
	waitOut("live")
	tm.Send(tea.KeyPressMsg{Code: 'k', Mod: tea.ModCtrl})
	for _, r := range room.Name {
		tm.Send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	tm.Send(tea.KeyPressMsg{Code: 'j', Text: "J", Mod: tea.ModShift})
	waitOut("jump to date:")
	for _, r := range day(first) {
		tm.Send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitOut(time.UnixMilli(first).In(time.Local).Format("Monday 2 January 2006"))
	tm.Send(tea.KeyPressMsg{Code: 'q', Text: "q"})
	tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second))
}
