package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/internal/engine"
	"github.com/tutti-chat/tutti/internal/tuiconfig"
	"github.com/tutti-chat/tutti/symphony"
)

// listRowY returns the screen row of stream id in the list.
func listRowY(t *testing.T, m *Model, id string) int {
	t.Helper()
	for i, r := range m.rows {
		if r.id == id {
			return i - m.listOff
		}
	}
	t.Fatalf("%s not in the list", id)
	return -1
}

// The mouse does nothing under the switcher, and closing it never gives a
// read-only stream the composer: nothing is ever sent to Activity.
func TestNoComposingInReadOnlyAfterSwitcher(t *testing.T) {
	m := newTestModel(t, 120, 30)
	var sentTo []string
	m.deps.Send = func(_ context.Context, stream, _, _ string) (symphony.V4Message, error) {
		sentTo = append(sentTo, stream)
		return symphony.V4Message{}, nil
	}
	openByKeys(t, m, "roomA")
	press(m, "i") // the composer of roomA
	update(m, tea.KeyPressMsg{Code: 'k', Mod: tea.ModCtrl})
	if m.mode != modeSwitcher {
		t.Fatal("switcher not open")
	}
	update(m, tea.MouseClickMsg{X: 2, Y: listRowY(t, m, activityID), Button: tea.MouseLeft})
	update(m, tea.KeyPressMsg{Code: tea.KeyEscape}) // close the switcher
	if m.mode == modeComposer && m.open == activityID {
		press(m, "h", "i")
		if cmd := update(m, tea.KeyPressMsg{Code: tea.KeyEnter}); cmd != nil {
			cmd() // runs Deps.Send (the batch holds only the send)
		}
		t.Errorf("composer has the focus on the read-only Activity stream; sent to %q, outbox %d", sentTo, len(m.outbox))
	}
}

// A click on another pane ends the search being typed, so keys never edit
// a search whose input line is not on screen.
func TestClickEndsSearchTyping(t *testing.T) {
	m := newTestModel(t, 200, 40)
	loadLatest(t, m, "roomA", page("roomA", 0, 50), true)
	press(m, "s") // a second pane, focused
	press(m, "shift+tab")
	if m.open != "roomA" {
		press(m, "tab")
	}
	press(m, "/")
	if m.mode != modeSearch {
		t.Fatal("no search")
	}
	other := m.visible[1-m.cur]
	x := m.layout.listW + 1 + other.x + 2
	update(m, tea.MouseClickMsg{X: x, Y: other.y + 2, Button: tea.MouseLeft})
	if m.mode == modeSearch && m.search.stream != m.open {
		press(m, "q") // goes to the hidden search of the other pane, does not quit
		t.Errorf("focus on %q while the search of %q takes the keys (query %q)", m.open, m.search.stream, m.search.query)
	}
}

// Esc in a pane clears that pane's selection, not another pane's search.
func TestLeaveActsOnItsOwnPane(t *testing.T) {
	m := newTestModel(t, 200, 40)
	loadLatest(t, m, "roomA", page("roomA", 0, 50), true)
	press(m, "/", "4", "enter") // search roomA for "4"
	if m.search.query != "4" || m.search.stream != "roomA" {
		t.Fatalf("search %+v", m.search)
	}
	press(m, "s")                                         // a second pane, focused
	loadLatest(t, m, "roomB", page("roomB", 0, 20), true) // roomB in it
	press(m, "k")                                         // select a row of roomB
	s := m.streams[m.open]
	if s.sel.key == "" {
		t.Fatalf("no selection in %q", m.open)
	}
	update(m, tea.KeyPressMsg{Code: tea.KeyEscape})
	if s.sel.key != "" {
		t.Errorf("esc in %q kept its selection and cleared the search of %q instead (search now %+v)", m.open, "roomA", m.search)
	}
}

// A click on the status bar opens nothing.
func TestClickOnStatusRowOpensNothing(t *testing.T) {
	streams := []StreamInfo{}
	for i := 0; i < 20; i++ {
		streams = append(streams, StreamInfo{ID: fmt.Sprintf("room%02d", i), Name: fmt.Sprintf("Room %02d", i), Type: symphony.StreamRoom})
	}
	m := newModelWith(t, 120, 10, streams)
	before := screen(m)
	update(m, tea.MouseClickMsg{X: 3, Y: 9, Button: tea.MouseLeft}) // the status bar
	if m.open != activityID {
		name := m.streams[m.open].name
		t.Errorf("a click on the status bar opened %q (on screen before: %v)", name, strings.Contains(before, name))
	}
}

// A click that moves the focus away from the list ends the typing of its
// filter: q quits from the timeline again.
func TestClickEndsFilterTyping(t *testing.T) {
	m := newTestModel(t, 120, 30)
	press(m, "tab") // the list
	if m.mode != modeList {
		t.Fatalf("focus %v", m.mode)
	}
	press(m, "/")
	if m.mode != modeFilter {
		t.Fatal("filter not typed")
	}
	update(m, tea.MouseClickMsg{X: m.layout.listW + 5, Y: 5, Button: tea.MouseLeft}) // the pane
	if m.mode != modeTimeline {
		t.Fatalf("focus %v", m.mode)
	}
	_, cmd := m.Update(tea.KeyPressMsg{Code: 'q', Text: "q"})
	if cmd == nil || fmt.Sprintf("%T", cmd()) != "tea.QuitMsg" {
		t.Errorf("q in the timeline does not quit while filter.typing is left set")
	}
}

// A full timeline (MaxRowsPerStream) asks for no older page: it would be
// evicted as soon as merged, and asked for again, forever.
func TestFullTimelineLoadsNoOlderPage(t *testing.T) {
	set := tuiconfig.Defaults()
	set.MaxRowsPerStream = 100
	m := newSettingsModel(t, set)
	update(m, tea.WindowSizeMsg{Width: 100, Height: 20})
	loadLatest(t, m, "roomA", page("roomA", 1000, 100), false)
	s := m.streams["roomA"]
	press(m, "g")
	requests := 0
	for i := 0; i < 5 && s.loading; i++ {
		requests++
		oldest, _ := s.tl.Oldest()
		update(m, pageMsg{Stream: "roomA", Gen: m.deps.Pager.Generation("roomA"), Older: true,
			Page: history.Page{Messages: page("roomA", 1000-50*(i+1), 50)}})
		if o, _ := s.tl.Oldest(); o != oldest {
			t.Logf("oldest moved")
		}
	}
	if requests >= 5 {
		o, _ := s.tl.Oldest()
		t.Errorf("%d older pages merged and evicted in a row, still loading: %v, rows %d, oldest %d (= first page's)", requests, s.loading, s.tl.Len(), (o-base)/60_000)
	}
}

// An IM in a pane hidden by a zoom is off screen: it rings.
func TestZoomedOutPaneRings(t *testing.T) {
	m := newTestModel(t, 200, 40)
	openByKeys(t, m, "roomA")
	press(m, "s")
	openByKeys(t, m, "imC") // the second pane shows the IM
	press(m, "shift+tab")   // back to the roomA pane
	if m.open != "roomA" {
		press(m, "shift+tab")
	}
	press(m, "z") // zoom roomA: the IM pane is off screen
	if !m.zoomed || m.open != "roomA" || len(m.visible) != 1 {
		t.Fatalf("zoomed %v open %q visible %d", m.zoomed, m.open, len(m.visible))
	}
	if rang(m, batch(live(message("imC", "c1", 3, base+1000, "psst")))) {
		return
	}
	t.Errorf("an IM off screen (zoomed out) did not ring; unread %d, screen:\n%s", m.streams["imC"].unread, screen(m))
}

// The switcher opens from anywhere (doc.go), even while the list filter or
// a search is typed.
func TestSwitcherKeyWhileTypingQueries(t *testing.T) {
	m := newTestModel(t, 120, 30)
	press(m, "tab", "/") // the list's filter
	update(m, tea.KeyPressMsg{Code: 'k', Mod: tea.ModCtrl})
	if m.mode != modeSwitcher {
		t.Error("ctrl+k while the list filter is typed did not open the switcher")
	}
	m = newTestModel(t, 120, 30)
	loadLatest(t, m, "roomA", page("roomA", 0, 20), true)
	press(m, "/")
	update(m, tea.KeyPressMsg{Code: 'k', Mod: tea.ModCtrl})
	if m.mode != modeSwitcher {
		t.Error("ctrl+k while a search is typed did not open the switcher")
	}
}

// A search started from the switcher while the list had the focus, on a
// terminal narrower than 80 columns, shows its input line.
func TestSearchFromSwitcherOnNarrowList(t *testing.T) {
	m := newTestModel(t, 60, 20)
	loadLatest(t, m, "roomA", page("roomA", 0, 20), true)
	press(m, "tab") // the list, which fills the screen at 60 columns
	if m.mode != modeList {
		t.Fatalf("focus %v", m.mode)
	}
	update(m, tea.KeyPressMsg{Code: 'k', Mod: tea.ModCtrl})
	for _, r := range "search the focused" {
		update(m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	if m.sw.sel != cmdPrefix+"search" {
		t.Fatalf("selected %q", m.sw.sel)
	}
	press(m, "enter")
	press(m, "x")
	if m.mode == modeSearch && !strings.Contains(screen(m), "/x") {
		t.Errorf("a search takes the keys but its line is not on screen:\n%s", screen(m))
	}
}

// A pane of two lines still shows its focused composer.
func TestComposerShowsInShortPane(t *testing.T) {
	m := newTestModel(t, 60, 15)
	openByKeys(t, m, "roomA")
	press(m, "s", "s")
	if len(m.panes) != 3 {
		t.Fatalf("%d panes", len(m.panes))
	}
	update(m, tea.WindowSizeMsg{Width: 60, Height: 7})
	openByKeys(t, m, "roomB")
	press(m, "i", "h", "e", "l", "l", "o")
	if m.mode != modeComposer || m.ed.Value() != "hello" {
		t.Fatalf("focus %v text %q", m.mode, m.ed.Value())
	}
	if !strings.Contains(screen(m), "hello") {
		t.Errorf("the composer takes the keys but is not on screen (pane %d lines):\n%s", m.pane().h, screen(m))
	}
}

// Split finds a stream for the new pane whatever the list filter hides.
func TestSplitWithListFilter(t *testing.T) {
	m := newTestModel(t, 200, 40)
	openByKeys(t, m, "roomA")
	press(m, "tab", "/", "A", "p", "h", "a", "enter") // filter "Apha" (see below for "l"), open it
	if len(m.order) != 1 {
		t.Fatalf("order %v", m.order)
	}
	press(m, "s")
	if len(m.panes) != 2 {
		t.Errorf("split refused with %d streams not in a pane: %q", len(m.streams)-1, m.status.notice)
	}
}

// The letter l (also the list's Open key) is text in the list filter.
func TestFilterTakesTheLetterL(t *testing.T) {
	m := newTestModel(t, 120, 30)
	press(m, "tab", "/", "B", "l")
	if string(m.filter.query) != "Bl" || m.mode != modeFilter {
		t.Errorf("typing \"Bl\" in the filter: query %q, typing %v, open %q", string(m.filter.query), m.mode == modeFilter, m.open)
	}
}

// A header shows a name learned after its row was laid out.
func TestHeaderTakesANameLearnedLater(t *testing.T) {
	m := newTestModel(t, 100, 20)
	anon := message("roomA", "x1", 5, base+1000, "who am I")
	anon.User = &symphony.V4User{UserID: 5}
	update(m, batch(live(anon)))
	openByKeys(t, m, "roomA")
	if !strings.Contains(screen(m), "user 5") {
		t.Fatalf("no placeholder name:\n%s", screen(m))
	}
	update(m, batch(joined("roomB", 5, "Eve", base+2000)))
	if out := screen(m); !strings.Contains(out, "Eve  09:00") {
		t.Errorf("the header kept the old name:\n%s", out)
	}
}

// The Activity pane counts the messages that arrive below it while it is
// scrolled back; a stream forgets its selection when it leaves its pane.
func TestActivityNewBelowAndSelectionPerVisit(t *testing.T) {
	m := newTestModel(t, 100, 20)
	var items []engine.Item
	for i := 0; i < 60; i++ {
		items = append(items, live(message("roomA", fmt.Sprintf("a%d", i), 2, base+int64(i)*1000, "line")))
	}
	update(m, batch(items...))
	press(m, "pgup")
	update(m, batch(live(message("roomB", "late", 2, base+100_000, "late"))))
	if s := m.streams[activityID]; s.newBelow != 1 {
		t.Errorf("Activity new below = %d, want 1", s.newBelow)
	}
	openByKeys(t, m, "roomA")
	press(m, "k")
	if m.streams["roomA"].sel.key == "" {
		t.Fatal("nothing selected")
	}
	openByKeys(t, m, "roomB")
	if m.streams["roomA"].sel.key != "" {
		t.Error("roomA kept its selection after it left the pane")
	}
}
