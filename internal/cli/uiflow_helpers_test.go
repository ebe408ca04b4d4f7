package cli

import (
	"context"
	"log/slog"
	"slices"
	"testing"

	"github.com/charmbracelet/x/ansi"

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
