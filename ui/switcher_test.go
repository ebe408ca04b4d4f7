package ui

import (
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/tutti-chat/tutti/symphony"
)

var (
	ctrlK = tea.KeyPressMsg{Code: 'k', Mod: tea.ModCtrl}
	esc   = tea.KeyPressMsg{Code: tea.KeyEscape}
	enter = tea.KeyPressMsg{Code: tea.KeyEnter}
)

func newDeskModel(t *testing.T) *Model {
	t.Helper()
	m := newModelWith(t, 120, 30, []StreamInfo{
		{ID: "rel", Name: "Platform Releases", Type: symphony.StreamRoom},
		{ID: "rates", Name: "Rates Desk", Type: symphony.StreamRoom},
		{ID: "ops", Name: "Ops", Type: symphony.StreamRoom},
	})
	// Platform Releases is the most recent stream after Activity.
	update(m, batch(
		live(message("rates", "r1", 2, base+1000, "bid")),
		live(message("rel", "p1", 2, base+2000, "v2")),
	))
	return m
}

func TestFuzzyScore(t *testing.T) {
	if _, ok := fuzzyScore("xyz", "Rates Desk"); ok {
		t.Error("xyz matches Rates Desk")
	}
	if s, ok := fuzzyScore("", "Rates Desk"); !ok || s != 0 {
		t.Errorf("empty query: %d %v", s, ok)
	}
	rd, _ := fuzzyScore("rd", "Rates Desk")
	ob, ok := fuzzyScore("rd", "Order Book")
	if !ok || rd <= ob {
		t.Errorf("rd: Rates Desk %d, Order Book %d: want word starts first", rd, ob)
	}
	whole, _ := fuzzyScore("lunch", "Lunch & Social")
	initials, ok := fuzzyScore("lunch", "Elena Donovan, Lucas Nakamura, Sofia Chen")
	if !ok || whole <= initials {
		t.Errorf("lunch: Lunch & Social %d, scattered initials %d: want the whole word first", whole, initials)
	}
	run, _ := fuzzyScore("rel", "Platform Releases")
	gap, ok := fuzzyScore("rel", "Rates Eval Log")
	if !ok || run <= gap-fuzzyWordStart*2 {
		t.Errorf("rel: run %d, scattered %d", run, gap)
	}
}

func TestSwitcherRanksAndOpens(t *testing.T) {
	m := newDeskModel(t)
	update(m, ctrlK)
	if m.mode != modeSwitcher {
		t.Fatal("ctrl+k did not open the switcher")
	}
	// Activity holds the newest event of all, then Platform Releases.
	if m.sw.results[0] != activityID || m.sw.results[1] != "rel" || !slices.Contains(m.sw.results, activityID) || !slices.Contains(m.sw.results, connectionsID) {
		t.Errorf("empty query: %v, want by activity with Activity and Connections", m.sw.results)
	}
	typeText(m, "rates")
	if got := m.sw.results; len(got) == 0 || got[0] != "rates" {
		t.Fatalf("rates ranks %v", got)
	}
	if i := slices.Index(m.sw.results, "rel"); i == 0 {
		t.Errorf("Platform Releases ranks first: %v", m.sw.results)
	}
	if s := screen(m); !strings.Contains(s, "switch to: rates") || !strings.Contains(s, "Rates Desk") {
		t.Errorf("switcher not drawn:\n%s", s)
	}
	update(m, enter)
	if m.mode == modeSwitcher || m.open != "rates" || m.mode != modeTimeline || m.cursorID != "rates" {
		t.Errorf("after enter: open %v stream %q focus %v cursor %q", m.mode == modeSwitcher, m.open, m.mode, m.cursorID)
	}
	if strings.Contains(screen(m), "switch to:") {
		t.Errorf("switcher still drawn:\n%s", screen(m))
	}
}

func TestSwitcherMovesEditsAndCloses(t *testing.T) {
	m := newDeskModel(t)
	update(m, ctrlK)
	typeText(m, "zzz")
	if len(m.sw.results) != 0 || !strings.Contains(screen(m), "no stream or command matches") {
		t.Errorf("zzz: %v", m.sw.results)
	}
	update(m, tea.KeyPressMsg{Code: tea.KeyBackspace})
	if string(m.sw.query) != "zz" {
		t.Errorf("backspace: %q", string(m.sw.query))
	}
	update(m, tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
	if len(m.sw.query) != 0 || m.sw.sel != activityID {
		t.Errorf("ctrl+u: %q sel %q", string(m.sw.query), m.sw.sel)
	}
	update(m, tea.KeyPressMsg{Code: tea.KeyDown})
	update(m, tea.KeyPressMsg{Code: tea.KeyDown})
	if m.sw.sel != "rates" {
		t.Errorf("down: sel %q, results %v", m.sw.sel, m.sw.results)
	}
	update(m, tea.KeyPressMsg{Code: 'p', Mod: tea.ModCtrl})
	if m.sw.sel != "rel" {
		t.Errorf("ctrl+p: sel %q", m.sw.sel)
	}
	update(m, esc)
	if m.mode == modeSwitcher || m.open != activityID || m.mode != modeTimeline {
		t.Errorf("after esc: open %v stream %q focus %v", m.mode == modeSwitcher, m.open, m.mode)
	}
}

func TestSwitcherKeysAreText(t *testing.T) {
	m := newDeskModel(t)
	openByKeys(t, m, "rates")
	view := m.streams["rates"].view
	update(m, ctrlK)
	if cmd := typeText(m, "qjkgG"); isQuit(cmd) {
		t.Fatal("q quit from the switcher")
	}
	update(m, tea.KeyPressMsg{Code: tea.KeyPgUp})
	if string(m.sw.query) != "qjkgG" || m.mode != modeSwitcher {
		t.Errorf("query %q open %v", string(m.sw.query), m.mode == modeSwitcher)
	}
	if m.streams["rates"].view != view || m.open != "rates" {
		t.Errorf("the timeline moved: %+v", m.streams["rates"].view)
	}
	if !isQuit(update(m, tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})) {
		t.Error("ctrl+c does not quit from the switcher")
	}
}

func TestSwitcherFromComposerKeepsDraft(t *testing.T) {
	m := newTestModel(t, 120, 30)
	openByKeys(t, m, "roomA")
	press(m, "i")
	typeText(m, "draft q")
	update(m, ctrlK)
	if m.mode != modeSwitcher {
		t.Fatal("ctrl+k in the composer did not open the switcher")
	}
	if m.ed.Value() != "draft q" {
		t.Errorf("ctrl+k changed the draft: %q", m.ed.Value())
	}
	update(m, esc)
	if m.mode != modeComposer || m.ed.Value() != "draft q" {
		t.Errorf("esc: focus %v draft %q", m.mode, m.ed.Value())
	}
	update(m, ctrlK)
	typeText(m, "bravo")
	update(m, enter)
	if m.open != "roomB" || m.mode != modeTimeline || m.drafts["roomA"] != "draft q" {
		t.Errorf("open %q focus %v drafts %v", m.open, m.mode, m.drafts)
	}
	update(m, ctrlK)
	typeText(m, "alpha")
	update(m, enter)
	if m.open != "roomA" || m.ed.Value() != "draft q" {
		t.Errorf("back: open %q draft %q", m.open, m.ed.Value())
	}
}

func TestSwitcherNarrowFromList(t *testing.T) {
	m := newDeskModel(t)
	update(m, tea.WindowSizeMsg{Width: 60, Height: 15})
	press(m, "tab")
	if m.mode != modeList {
		t.Fatal("no list focus")
	}
	update(m, ctrlK)
	typeText(m, "ops")
	if s := screen(m); !strings.Contains(s, "switch to: ops") {
		t.Errorf("switcher hidden in a narrow list:\n%s", s)
	}
	update(m, esc)
	if m.mode != modeList {
		t.Errorf("esc: focus %v", m.mode)
	}
}

func TestSwitcherRunsCommands(t *testing.T) {
	m := newDeskModel(t)
	update(m, ctrlK)
	typeText(m, "split")
	if len(m.sw.results) == 0 || m.sw.results[0] != cmdPrefix+"split" {
		t.Fatalf("split: %v", m.sw.results)
	}
	if !strings.Contains(screen(m), "› Split: add a pane") {
		t.Errorf("the command row is missing:\n%s", screen(m))
	}
	update(m, tea.KeyPressMsg{Code: tea.KeyEnter})
	if m.mode == modeSwitcher || len(m.panes) != 2 {
		t.Errorf("enter on split: open %v, %d panes", m.mode == modeSwitcher, len(m.panes))
	}
	// Streams rank before commands of equal score; an empty query lists
	// every command after the streams.
	update(m, ctrlK)
	last := m.sw.results[len(m.sw.results)-1]
	if last != cmdPrefix+"quit" || isCommand(m.sw.results[0]) {
		t.Errorf("empty query: %v", m.sw.results)
	}
	typeText(m, "quit tutti")
	if cmd := update(m, tea.KeyPressMsg{Code: tea.KeyEnter}); !isQuit(cmd) {
		t.Error("the quit command did not quit")
	}
}

// TestSwitcherMovesWithCtrlNAndCtrlP: ctrl+n moves down the results as
// ctrl+p moves up, as in fzf.
func TestSwitcherMovesWithCtrlNAndCtrlP(t *testing.T) {
	m := newTestModel(t, 120, 30)
	update(m, tea.KeyPressMsg{Code: 'k', Mod: tea.ModCtrl})
	first := m.sw.sel
	update(m, tea.KeyPressMsg{Code: 'n', Mod: tea.ModCtrl})
	if m.mode != modeSwitcher || m.sw.sel == first || m.sw.cursor != 1 {
		t.Fatalf("ctrl+n: mode %v, selection %q (cursor %d), was %q", m.mode, m.sw.sel, m.sw.cursor, first)
	}
	update(m, tea.KeyPressMsg{Code: 'p', Mod: tea.ModCtrl})
	if m.sw.sel != first {
		t.Errorf("ctrl+p: selection %q, want %q back", m.sw.sel, first)
	}
}
