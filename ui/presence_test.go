package ui

import (
	"testing"

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
