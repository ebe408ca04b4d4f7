package cli

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/simulator/scenario"
	"github.com/tutti-chat/tutti/ui"
)

// TestUIMentionExpiryAndScrollback runs the UI against the embedded
// simulator: after the account's datafeed is killed, the messages sent
// meanwhile all show once; the room scrolls back to its first message,
// loading older history on the way; and a mention of the account shows as
// a mention count in the room's row.
func TestUIMentionExpiryAndScrollback(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	logger := slog.New(slog.DiscardHandler)
	conn := connectDemo(t, ctx, 0.01)
	room, actor := demoRoom(t, conn)
	me := conn.Sim.AccountID()
	say := func(messageML string) {
		t.Helper()
		if err := conn.Sim.Apply(scenario.Action{Kind: scenario.SendMessage, Actor: actor, Stream: room.ID, MessageML: messageML}); err != nil {
			t.Fatal(err)
		}
	}

	model, wait := startUI(ctx, conn, time.Hour, nil, logger)
	defer wait()
	defer cancel()
	tm := teatest.NewTestModel(t, model, teatest.WithInitialTermSize(120, 40))
	waitOut := func(what string, cond func([]byte) bool) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), cond, teatest.WithDuration(20*time.Second), teatest.WithCheckInterval(50*time.Millisecond))
	}
	waitOut("live", func(b []byte) bool { return bytes.Contains(b, []byte("live")) })

	// The feed dies; what is sent meanwhile comes back from history.
	if err := conn.Sim.InjectFault(simulator.FaultExpireFeed); err != nil {
		t.Fatal(err)
	}
	const n = 5
	for i := range n {
		say(fmt.Sprintf("<messageML>expiry check %d</messageML>", i))
	}

	// Open the room with the switcher and wait for the last one.
	tm.Send(tea.KeyPressMsg{Code: 'k', Mod: tea.ModCtrl})
	for _, r := range room.Name {
		tm.Send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitOut("the messages sent while the feed was dead", func(b []byte) bool {
		return bytes.Contains(b, []byte(fmt.Sprintf("expiry check %d", n-1)))
	})

	// Scroll back to the first message, pressing g while older pages load.
	done := make(chan struct{})
	go func() {
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				tm.Send(tea.KeyPressMsg{Code: 'g', Text: "g"})
			}
		}
	}()
	waitOut("the beginning of the conversation", func(b []byte) bool {
		return bytes.Contains(b, []byte("beginning of the conversation"))
	})
	close(done)
	tm.Send(tea.KeyPressMsg{Code: 'G', Text: "G", Mod: tea.ModShift})

	// Back to Activity; a mention in the room counts apart from the unread
	// messages in its row.
	tm.Send(tea.KeyPressMsg{Code: 'k', Mod: tea.ModCtrl})
	for _, r := range "Activity" {
		tm.Send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	say(fmt.Sprintf(`<messageML>are you there <mention uid="%d"/>?</messageML>`, me))
	waitOut("the mention in Activity", func(b []byte) bool { return bytes.Contains(b, []byte("are you there")) })
	time.Sleep(300 * time.Millisecond)
	tm.Send(tea.KeyPressMsg{Code: 'q', Text: "q"})
	final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*ui.Model)
	screen := ansi.Strip(final.View().Content)
	for i := range n {
		if c := strings.Count(screen, fmt.Sprintf("expiry check %d", i)); c != 1 {
			t.Errorf("expiry check %d shows %d times:\n%s", i, c, screen)
		}
	}
	var row string
	for _, l := range strings.Split(screen, "\n") {
		if left, _, _ := strings.Cut(l, "│"); strings.Contains(left, "# "+room.Name) {
			row = left
		}
	}
	if !strings.Contains(row, "@1") {
		t.Errorf("the room's row %q has no mention count:\n%s", row, screen)
	}
}
