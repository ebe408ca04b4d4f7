package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

func TestNextActivityOrder(t *testing.T) {
	m := newTestModel(t, 120, 30)
	mention := message("roomB", "b1", 3, base+1000, `hi <span class="entity" data-entity-id="0">@Me</span>`)
	mention.Data = `{"0":{"id":[{"type":"com.symphony.user.userId","value":"1"}],"type":"com.symphony.user.mention"}}`
	update(m, batch(
		live(mention),
		live(message("imC", "c1", 4, base+2000, "ping")),
		live(message("roomA", "a1", 2, base+3000, "newest")),
	))
	altA := tea.KeyPressMsg{Code: 'a', Mod: tea.ModAlt}
	for i, want := range []string{"roomB", "imC", "roomA"} {
		k := altA
		update(m, k)
		if m.open != want || m.mode != modeTimeline || m.cursorID != want {
			t.Fatalf("step %d: open %q focus %v, want %q", i, m.open, m.mode, want)
		}
		if s := m.streams[want]; s.unread != 0 || s.mentions != 0 {
			t.Errorf("%s: unread %d mentions %d after open", want, s.unread, s.mentions)
		}
	}
	update(m, altA)
	if m.open != "roomA" {
		t.Errorf("nothing unread moved to %q", m.open)
	}
	if s := screen(m); !strings.Contains(s, "nothing unread") {
		t.Errorf("no status message:\n%s", s)
	}
}

func TestNextActivityFromComposer(t *testing.T) {
	m := newTestModel(t, 120, 30)
	openByKeys(t, m, "roomA")
	press(m, "i")
	typeText(m, "x")
	update(m, batch(live(message("imC", "c1", 4, base+2000, "ping"))))
	update(m, tea.KeyPressMsg{Code: 'a', Mod: tea.ModAlt})
	if m.open != "imC" || m.mode != modeTimeline || m.drafts["roomA"] != "x" {
		t.Errorf("open %q focus %v drafts %v", m.open, m.mode, m.drafts)
	}
}
