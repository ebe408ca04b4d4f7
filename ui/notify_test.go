package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// rang reports whether applying msg rang the bell: whether the model
// returned its bell command, which stamps lastBell. (The command itself
// is batched with the listener, which blocks, so it is not run here.)
func rang(m *Model, msg tea.Msg) bool {
	before := m.lastBell
	update(m, msg)
	return !m.lastBell.Equal(before)
}

func TestBellOnMentionIMAndChime(t *testing.T) {
	m := newTestModel(t, 120, 30)
	clock := time.UnixMilli(base + 3_600_000)
	m.now = func() time.Time { return clock }
	mention := message("roomB", "b1", 3, base+1000, `hi <span class="entity" data-entity-id="0">@Me</span>`)
	mention.Data = `{"0":{"id":[{"type":"com.symphony.user.userId","value":"1"}],"type":"com.symphony.user.mention"}}`
	if !rang(m, batch(live(mention))) {
		t.Error("a mention did not ring")
	}
	clock = clock.Add(time.Second)
	im := message("imC", "c1", 3, base+2000, "psst")
	if rang(m, batch(live(im))) {
		t.Error("a second bell within the gap rang")
	}
	clock = clock.Add(bellGap)
	if !rang(m, batch(live(message("imC", "c2", 3, base+3000, "psst again")))) {
		t.Error("a message in an IM did not ring")
	}
	clock = clock.Add(bellGap)
	if rang(m, batch(live(message("roomB", "b2", 3, base+4000, "plain room talk")))) {
		t.Error("a plain room message rang")
	}
	clock = clock.Add(bellGap)
	chime := message("roomB", "b3", 3, base+5000, `<audio src="https://example.com/chime.mp3" autoplay="true"></audio>`)
	if !rang(m, batch(live(chime))) {
		t.Error("a chime did not ring")
	}
	// A stream on screen does not ring, unless the terminal lost the focus.
	openByKeys(t, m, "imC")
	clock = clock.Add(bellGap)
	if rang(m, batch(live(message("imC", "c3", 3, base+6000, "seen")))) {
		t.Error("a message on screen rang")
	}
	update(m, tea.BlurMsg{})
	clock = clock.Add(bellGap)
	if !rang(m, batch(live(message("imC", "c4", 3, base+7000, "while away")))) {
		t.Error("a message on screen did not ring while the terminal was away")
	}
	// BellNever rings for nothing.
	m.bell = BellNever
	clock = clock.Add(bellGap)
	if rang(m, batch(live(chime), live(message("imC", "c5", 3, base+8000, "x")))) {
		t.Error("BellNever rang")
	}
	if v := m.View(); strings.Contains(v.WindowTitle, "psst") || !strings.HasPrefix(v.WindowTitle, "tutti") {
		t.Errorf("window title %q", v.WindowTitle)
	}
}

func TestReadMarker(t *testing.T) {
	m := newTestModel(t, 100, 20)
	// Read up to base+10 min, then leave the stream.
	loadLatest(t, m, "roomA", page("roomA", 0, 10), true)
	openByKeys(t, m, "roomA")
	openByKeys(t, m, "roomB")
	// Thirty new messages while away.
	b := itemsMsg{}
	for k := 0; k < 30; k++ {
		b.Items = append(b.Items, live(message("roomA", fmt.Sprintf("n%d", k), 2, base+3_600_000+int64(1+k)*60_000, fmt.Sprintf("unread %d", k))))
	}
	update(m, b)
	if m.streams["roomA"].unread != 30 {
		t.Fatalf("unread = %d", m.streams["roomA"].unread)
	}
	openByKeys(t, m, "roomA")
	out := screen(m)
	// The pane opens where the reader left off: the marker at its top,
	// the first unread message under it.
	if !strings.Contains(out, "new since") || !strings.Contains(out, "unread 0") || strings.Contains(out, "unread 29") {
		t.Errorf("the pane did not open at the read marker:\n%s", out)
	}
	// Leaving and coming back with nothing new: no marker.
	openByKeys(t, m, "roomB")
	openByKeys(t, m, "roomA")
	if strings.Contains(screen(m), "new since") {
		t.Errorf("a marker with nothing unread:\n%s", screen(m))
	}
}

func TestBellCommandRingsBEL(t *testing.T) {
	m := newTestModel(t, 80, 20)
	m.bellDue = true
	msgs := run[tea.RawMsg](m.bellCmd())
	if len(msgs) != 1 || msgs[0].Msg != "\a" {
		t.Errorf("bell command gives %v", msgs)
	}
}
