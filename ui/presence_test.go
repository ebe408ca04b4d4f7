package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/tutti-chat/tutti/symphony"
)

// TestUnreadablePresenceIsNotAskedAtEveryTick: a peer whose presence the
// pod does not give is read again with the others after a minute, not at
// every tick of the clock: the account's rate limit is shared.
func TestUnreadablePresenceIsNotAskedAtEveryTick(t *testing.T) {
	pm := newPodModel(t, 140, 40)
	m := pm.Model
	im := pm.firstOf(t, symphony.StreamIM)
	if m.imPeer(m.streams[symphony.CanonicalID(im.ID)]) == 0 {
		t.Fatal("no IM peer on screen")
	}
	m.deps.People = noPeople{} // every presence read fails
	runPeople(t, m, m.presenceCmdIfDue())
	if m.presenceCmdIfDue() != nil {
		t.Error("the presence that failed is asked again before a minute passed")
	}
	*pm.clock = pm.clock.Add(presenceEvery)
	if m.presenceCmdIfDue() == nil {
		t.Error("presence not asked again after a minute")
	}
}

// TestMIMPresenceMarkIsItsMostPresentPeer: a MIM's row in the list carries
// the mark of its most present peer, and the presence read covers every
// peer of the MIMs on screen.
func TestMIMPresenceMarkIsItsMostPresentPeer(t *testing.T) {
	pm := newPodModel(t, 140, 200)
	m := pm.Model
	mim := pm.firstOf(t, symphony.StreamMIM)
	s := m.streams[symphony.CanonicalID(mim.ID)]
	peers := m.imPeers(s)
	if len(peers) < 2 {
		t.Fatalf("the MIM has %d peers known, want 2 or more", len(peers))
	}
	row := func() string { _ = screen(m); return strings.TrimSpace(ansi.Strip(s.row)) }
	set := func(id int64, cat string) {
		m.people.presence.busy = true
		update(m, presenceMsg{cats: map[int64]string{id: cat}})
	}
	if r := row(); r == "" || strings.ContainsAny(r, "●◐○◌") {
		t.Fatalf("the MIM's row before any presence was read: %q", r)
	}
	set(peers[0], symphony.PresenceAway)
	if r := row(); !strings.HasSuffix(r, " ○") {
		t.Errorf("one peer away: the row is %q, want the away mark ○", r)
	}
	set(peers[1], symphony.PresenceInAMeeting)
	if r := row(); !strings.HasSuffix(r, " ◐") {
		t.Errorf("one peer away, one in a meeting: the row is %q, want the busy mark ◐", r)
	}
	set(peers[0], symphony.PresenceAvailable)
	if r := row(); !strings.HasSuffix(r, " ●") {
		t.Errorf("one peer available: the row is %q, want ●", r)
	}

	c := &m.people.presence
	*c = presenceCache{}
	if m.presenceCmdIfDue() == nil {
		t.Fatal("no presence read for the MIM's peers")
	}
	c.busy = false
	runPeople(t, m, m.presenceCmdIfDue())
	for _, p := range peers {
		if _, ok := c.cats[p]; !ok {
			t.Errorf("the presence of the MIM's peer %d was not read", p)
		}
	}
}
