package cli

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/tutti-chat/tutti/simulator/scenario"
	"github.com/tutti-chat/tutti/ui"
)

// TestUISearchFindsATickerInAStreamNotOpen runs the UI against the
// embedded simulator: a ticker posted in a room before the UI starts is
// found by typing it in the switcher, the results pane says the query and
// the count, and enter on the result opens the room.
func TestUISearchFindsATickerInAStreamNotOpen(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	logger := slog.New(slog.DiscardHandler)
	conn := connectDemo(t, ctx, 0.01)
	room, actor := demoRoom(t, conn)
	if err := conn.Sim.Apply(scenario.Action{Kind: scenario.SendMessage, Actor: actor, Stream: room.ID,
		MessageML: `<messageML>who axed <cash tag="ZZFLOW"/> at 99.5?</messageML>`}); err != nil {
		t.Fatal(err)
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
	for _, r := range "$ZZFLOW" {
		tm.Send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	// The renderer writes only what changed of a line: the row's start
	// comes whole when it first shows; the query typed after it, apart.
	waitOut("Search messages in every stream")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitOut("1 result") // apart from the query, for the same reason
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	tm.Send(tea.KeyPressMsg{Code: 'q', Text: "q"})
	final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*ui.Model)
	screen := ansi.Strip(final.View().Content)
	top, _, _ := strings.Cut(screen, "\n")
	if _, title, _ := strings.Cut(top, "│"); !strings.Contains(title, "# "+room.Name) {
		t.Errorf("enter on the result did not open %q:\n%s", room.Name, screen)
	}
}
