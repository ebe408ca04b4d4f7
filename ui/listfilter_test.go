package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/tutti-chat/tutti/symphony"
)

func TestListFilter(t *testing.T) {
	m := newDeskModel(t)
	press(m, "tab")
	if m.mode != modeList {
		t.Fatalf("focus %v", m.mode)
	}
	press(m, "/")
	typeText(m, "rates")
	var names []string
	for _, id := range m.order {
		names = append(names, m.streams[id].name)
	}
	if len(names) == 0 {
		t.Fatal("the filter kept nothing")
	}
	for _, n := range names {
		if !strings.Contains(strings.ToLower(n), "rates") {
			t.Errorf("the filter kept %q", n)
		}
	}
	// q and j are text while typing; the list stays.
	if !strings.Contains(screen(m), "/ rates") {
		t.Errorf("the filter line is missing:\n%s", screen(m))
	}
	want := m.order[0]
	press(m, "enter")
	if m.open != want || m.mode != modeTimeline || m.mode == modeFilter {
		t.Fatalf("enter: open %q focus %v typing %v", m.open, m.mode, m.mode == modeFilter)
	}
	// The filter stays until esc in the list.
	press(m, "tab")
	if len(m.order) != len(names) || !strings.Contains(screen(m), "esc clears") {
		t.Errorf("the filter did not stay:\n%s", screen(m))
	}
	update(m, tea.KeyPressMsg{Code: tea.KeyEscape})
	if m.filterShown() || len(m.order) != len(m.streams) {
		t.Errorf("esc: filter %+v, %d of %d streams", m.filter, len(m.order), len(m.streams))
	}
	// Nothing matches: the list says so, and quitting still needs ctrl+c.
	press(m, "/")
	typeText(m, "zzqq")
	if !strings.Contains(screen(m), "no stream matches") {
		t.Errorf("no word for an empty result:\n%s", screen(m))
	}
}

func TestExternalStreamsAreMarked(t *testing.T) {
	m := newModelWith(t, 120, 20, []StreamInfo{
		{ID: "x1", Name: "Shared Desk", Type: symphony.StreamRoom, External: true},
		{ID: "x2", Name: "Home Desk", Type: symphony.StreamRoom},
	})
	for _, l := range strings.Split(screen(m), "\n") {
		if strings.Contains(l, "Shared Desk") != strings.Contains(l, "ext") {
			t.Errorf("row %q", l)
		}
	}
}
