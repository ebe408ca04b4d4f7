package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// paneStreams returns the streams of the panes, in order.
func paneStreams(m *Model) []string {
	var out []string
	for _, p := range m.panes {
		out = append(out, p.stream)
	}
	return out
}

// titleRow returns the screen row (0-based) whose text contains title, or -1.
func titleRow(m *Model, title string) (row, col int) {
	for r, l := range strings.Split(screen(m), "\n") {
		if i := strings.Index(l, title); i >= 0 {
			return r, len([]rune(l[:i]))
		}
	}
	return -1, -1
}

func TestSplitShowsTwoStreamsSideBySide(t *testing.T) {
	m := newTestModel(t, 200, 40)
	update(m, batch(
		live(message("roomA", "a1", 2, base+1000, "alpha text")),
		live(message("roomB", "b1", 2, base+2000, "bravo text")),
	))
	openByKeys(t, m, "roomA")
	press(m, "s")
	// The new pane shows the stream with unread items, and has the focus.
	if got := paneStreams(m); len(got) != 2 || got[0] != "roomA" || got[1] != "roomB" {
		t.Fatalf("panes = %v, want [roomA roomB]", got)
	}
	if m.cur != 1 || m.open != "roomB" || m.mode != modeTimeline {
		t.Fatalf("focus: cur %d open %q focus %v", m.cur, m.open, m.mode)
	}
	if m.streams["roomB"].unread != 0 {
		t.Errorf("the new pane's stream still counts %d unread", m.streams["roomB"].unread)
	}
	scr := screen(m)
	for _, want := range []string{"alpha text", "bravo text", "# Alpha", "▶ # Bravo"} {
		if !strings.Contains(scr, want) {
			t.Errorf("screen lacks %q:\n%s", want, scr)
		}
	}
	// Side by side at this width: both titles on the first row.
	ra, ca := titleRow(m, "# Alpha")
	rb, cb := titleRow(m, "# Bravo")
	if ra != 0 || rb != 0 || cb <= ca {
		t.Errorf("titles at (%d,%d) and (%d,%d), want both on row 0, Alpha left", ra, ca, rb, cb)
	}
	// Events of a stream in any pane are seen, not counted as unread.
	update(m, batch(live(message("roomA", "a2", 2, base+3000, "more alpha"))))
	if n := m.streams["roomA"].unread; n != 0 {
		t.Errorf("roomA shown in a pane counts %d unread", n)
	}
	if !strings.Contains(screen(m), "more alpha") {
		t.Errorf("the unfocused pane did not follow its stream:\n%s", screen(m))
	}
}

func TestSplitStacksOnNarrowTerminals(t *testing.T) {
	m := newTestModel(t, 120, 40)
	openByKeys(t, m, "roomA")
	press(m, "s")
	if len(m.panes) != 2 || len(m.visible) != 2 {
		t.Fatalf("panes %v, %d visible", paneStreams(m), len(m.visible))
	}
	top, bottom := m.visible[0], m.visible[1]
	if top.x != bottom.x || top.w != bottom.w || bottom.y != top.y+top.h {
		t.Fatalf("panes at %+v and %+v, want one above the other", *top, *bottom)
	}
	rows := strings.Split(screen(m), "\n")
	if !strings.Contains(rows[bottom.y], "▶ "+m.streams[m.open].icon()+" "+m.streams[m.open].name) || !strings.Contains(rows[0], "# Alpha") {
		t.Errorf("titles not on rows 0 and %d:\n%s", bottom.y, screen(m))
	}
	if lines := strings.Count(screen(m), "\n") + 1; lines != 40 {
		t.Errorf("frame has %d lines, want 40", lines)
	}
}

func TestFocusCloseAndZoom(t *testing.T) {
	m := newTestModel(t, 200, 40)
	openByKeys(t, m, "roomA")
	press(m, "s", "s", "s")
	if len(m.panes) != 4 {
		t.Fatalf("panes = %v, want four", paneStreams(m))
	}
	press(m, "s")
	if len(m.panes) != 4 || !strings.Contains(screen(m), "four panes at most") {
		t.Fatalf("a fifth pane: %v\n%s", paneStreams(m), screen(m))
	}
	// tab goes round the list and the four panes.
	start := m.cur
	var seen []string
	for i := 0; i < 5; i++ {
		press(m, "tab")
		if m.mode == modeList {
			seen = append(seen, "list")
		} else {
			seen = append(seen, m.open)
		}
	}
	if m.cur != start || m.mode != modeTimeline {
		t.Errorf("five tabs did not come back: cur %d focus %v", m.cur, m.mode)
	}
	if strings.Join(seen, " ") != "list "+strings.Join(paneStreams(m), " ") {
		t.Errorf("tab order %v, panes %v", seen, paneStreams(m))
	}

	// Zoom shows the focused pane alone; tab then only goes to the list.
	press(m, "z")
	if len(m.visible) != 1 || m.visible[0] != m.pane() || !strings.Contains(screen(m), "zoomed") {
		t.Fatalf("zoom: %d visible\n%s", len(m.visible), screen(m))
	}
	press(m, "z")
	if len(m.visible) != 4 {
		t.Fatalf("unzoom: %d visible", len(m.visible))
	}

	// ctrl+w closes the focused pane and focuses the one before it.
	closing := m.open
	before := m.cur
	update(m, tea.KeyPressMsg{Code: 'w', Mod: tea.ModCtrl})
	if len(m.panes) != 3 || m.shown(closing) || m.cur != max(0, before-1) {
		t.Fatalf("close: panes %v cur %d", paneStreams(m), m.cur)
	}
	for len(m.panes) > 1 {
		update(m, tea.KeyPressMsg{Code: 'w', Mod: tea.ModCtrl})
	}
	update(m, tea.KeyPressMsg{Code: 'w', Mod: tea.ModCtrl})
	if len(m.panes) != 1 || !strings.Contains(screen(m), "last pane stays") {
		t.Errorf("closing the last pane: %v\n%s", paneStreams(m), screen(m))
	}
}

func TestOpenStreamShownElsewhereFocusesItsPane(t *testing.T) {
	m := newTestModel(t, 200, 40)
	openByKeys(t, m, "roomA")
	press(m, "s") // the second pane shows another stream
	other := m.open
	openByKeys(t, m, "roomA")
	if m.open != "roomA" || m.cur != 0 || m.panes[1].stream != other {
		t.Fatalf("opening a shown stream: cur %d panes %v", m.cur, paneStreams(m))
	}
	// The composer follows the focused pane and keeps drafts per stream.
	press(m, "i")
	typeText(m, "draft for alpha")
	press(m, "esc", "tab", "tab")
	if m.open != other || m.ed.Value() != "" || m.drafts["roomA"] != "draft for alpha" {
		t.Fatalf("after moving focus: open %q composer %q drafts %v", m.open, m.ed.Value(), m.drafts)
	}
}

func TestMouseOnPanes(t *testing.T) {
	m := newTestModel(t, 200, 40)
	loadLatest(t, m, "roomA", page("roomA", 0, 300), true)
	openByKeys(t, m, "roomA")
	press(m, "s")
	if m.cur != 1 {
		t.Fatalf("cur = %d", m.cur)
	}
	left := m.visible[0]
	x := m.layout.listW + 1 + left.x + 2
	// The wheel scrolls the pane under the pointer, not the focused one.
	update(m, tea.MouseWheelMsg{X: x, Y: 5, Button: tea.MouseWheelUp})
	if m.streams["roomA"].view.follow {
		t.Error("the wheel did not scroll the pane under the pointer")
	}
	if m.cur != 1 {
		t.Error("the wheel moved the focus")
	}
	// A click focuses the pane.
	update(m, tea.MouseClickMsg{X: x, Y: 5, Button: tea.MouseLeft})
	if m.cur != 0 || m.open != "roomA" {
		t.Errorf("click: cur %d open %q", m.cur, m.open)
	}
}

func TestSplitOnSmallTerminalSaysWhy(t *testing.T) {
	m := newTestModel(t, 60, 15)
	press(m, "s", "s", "s")
	if len(m.panes) >= 4 {
		t.Fatalf("%d panes in 60×15", len(m.panes))
	}
	if !strings.Contains(screen(m), "no room for another pane") {
		t.Errorf("no reason given:\n%s", screen(m))
	}
	for _, p := range m.visible {
		if p.h < minPaneH {
			t.Errorf("pane %q is %d lines high", p.stream, p.h)
		}
	}
}
