package cli

import (
	"bytes"
	"context"
	"log/slog"
	"slices"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/tutti-chat/tutti/internal/session"
	"github.com/tutti-chat/tutti/simulator"
)

// connectDemo connects, as tutti without a configuration does, to a new
// embedded simulator playing the demo scenario (seed 1) at speed, for a UI
// flow test; the connection closes with the test.
func connectDemo(t *testing.T, ctx context.Context, speed float64) *session.Conn {
	t.Helper()
	t.Setenv("TUTTI_CONFIG", "")
	sim := embeddedSimFlags{scenario: "demo", seed: 1, speed: speed}.session()
	conn, err := session.Connect(ctx, session.Target{}, sim, session.Recording{}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

// demoRoom returns a room of the demo that the account shares with others,
// whose name is short enough to show whole in the list, and a member of it
// who is not the account.
func demoRoom(t *testing.T, conn *session.Conn) (room simulator.StreamSummary, actor int64) {
	t.Helper()
	me := conn.Sim.AccountID()
	for _, st := range conn.Sim.Streams() {
		if st.Type == "ROOM" && st.Active && slices.Contains(st.Members, me) && len(st.Members) > 1 && st.Name != "" &&
			ansi.StringWidth(st.Name) < 20 {
			room = st
			break
		}
	}
	if room.ID == "" {
		t.Fatal("no room with the account and others in the demo scenario")
	}
	actor = room.Members[0]
	if actor == me {
		actor = room.Members[1]
	}
	return room, actor
}

// uiFlow is the UI of a connection under teatest, at 140×40, for a flow
// test that types and waits for what the screen shows.
type uiFlow struct {
	t  *testing.T
	tm *teatest.TestModel
}

// startUIFlow starts the UI on conn under teatest; the UI stops with ctx
// (wait, which the test defers, waits for it).
func startUIFlow(t *testing.T, ctx context.Context, conn *session.Conn) (f uiFlow, wait func()) {
	t.Helper()
	model, wait := startUI(ctx, conn, time.Hour, nil, slog.New(slog.DiscardHandler))
	return uiFlow{t: t, tm: teatest.NewTestModel(t, model, teatest.WithInitialTermSize(140, 40))}, wait
}

// waitOut waits until the output holds what, written whole (the renderer
// writes only the changed part of a line: wait for strings that appear
// whole).
func (f uiFlow) waitOut(what string) {
	f.t.Helper()
	teatest.WaitFor(f.t, f.tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(what)) },
		teatest.WithDuration(20*time.Second), teatest.WithCheckInterval(50*time.Millisecond))
}

// typeKeys presses the keys of s, one rune at a time.
func (f uiFlow) typeKeys(s string) {
	for _, r := range s {
		f.tm.Send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}
