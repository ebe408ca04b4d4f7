package cli

import (
	"context"
	"slices"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/tutti-chat/tutti/symphony"
)

// TestUICreateRoomAddMemberAndStartMIM runs the UI against the embedded
// simulator as a person would: + creates a room (the pod has it, owned by
// the account), A adds a colleague found by name (the pod lists them and
// the room's timeline shows them added, as the datafeed tells every
// member), and c with two people picked starts a MIM that the pod has too.
func TestUICreateRoomAddMemberAndStartMIM(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	conn := connectDemo(t, ctx, 0.01)
	me := conn.Sim.AccountID()
	var colleagues []symphony.UserV2
	company, myName := "", ""
	for _, u := range conn.Sim.Users() {
		if u.ID == me {
			company, myName = u.Company, u.DisplayName
		}
	}
	for _, u := range conn.Sim.Users() {
		if u.ID != me && u.Company == company && u.AccountType == "NORMAL" && u.LastName != "" && len(colleagues) < 2 {
			colleagues = append(colleagues, u)
		}
	}
	if len(colleagues) < 2 {
		t.Fatal("the demo has fewer than two colleagues of the account")
	}

	f, wait := startUIFlow(t, ctx, conn)
	defer wait()
	defer cancel()
	tm, waitOut, typeKeys := f.tm, f.waitOut, f.typeKeys
	enter := tea.KeyPressMsg{Code: tea.KeyEnter}
	waitOut("live")

	tm.Send(tea.KeyPressMsg{Code: '+', Text: "+"})
	waitOut("new room's name")
	typeKeys("Drill room")
	tm.Send(enter)
	waitOut("optional: enter leaves it empty")
	tm.Send(enter)
	waitOut("public? y/N")
	tm.Send(enter)
	// The room opens in the pane, its title written whole.
	waitOut("# Drill room")
	var room string
	for _, st := range conn.Sim.Streams() {
		if st.Name == "Drill room" {
			room = st.ID
			if !slices.Contains(st.Owners, me) {
				t.Errorf("the room's owners %v lack the account %d", st.Owners, me)
			}
		}
	}
	if room == "" {
		t.Fatal("the pod has no room named Drill room")
	}

	who := colleagues[0]
	tm.Send(tea.KeyPressMsg{Code: 'a', Text: "A", Mod: tea.ModShift})
	waitOut("add to Drill room")
	typeKeys(who.DisplayName)
	waitOut(who.DisplayName)
	tm.Send(enter)
	// The notice ("adding …", then "added …") is rewritten from where it
	// changes; the room's row of the datafeed's event appears whole.
	waitOut(myName + " added " + who.DisplayName)
	for _, st := range conn.Sim.Streams() {
		if st.ID == room && (len(st.Members) != 2 || !slices.Contains(st.Members, who.ID)) {
			t.Errorf("the pod's room has members %v, want the account and %d", st.Members, who.ID)
		}
	}

	tm.Send(tea.KeyPressMsg{Code: 'c', Text: "c"})
	waitOut("new chat with")
	for _, u := range colleagues {
		typeKeys(u.DisplayName)
		waitOut(u.DisplayName)
		tm.Send(tea.KeyPressMsg{Code: tea.KeyTab})
	}
	// The line "picked: A, B" changes only from its comma on.
	waitOut(", " + colleagues[1].DisplayName)
	tm.Send(enter)
	// The pod has the MIM once the UI asked for it (the notice saying so
	// is rewritten from where it changes, so the pod is asked instead).
	hasMIM := func() bool {
		for _, st := range conn.Sim.Streams() {
			if st.Type == symphony.StreamMIM && len(st.Members) == 3 && slices.Contains(st.Members, me) &&
				slices.Contains(st.Members, colleagues[0].ID) && slices.Contains(st.Members, colleagues[1].ID) {
				return true
			}
		}
		return false
	}
	for deadline := time.Now().Add(20 * time.Second); !hasMIM(); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the pod has no MIM of the account and the two colleagues")
		}
	}
	tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second))
}
