package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/symphony"
)

// paneLines returns the lines of the focused pane, without escapes.
func paneLines(m *Model) []string {
	screen(m) // lay out the frame
	var out []string
	for _, l := range m.pane().lines {
		out = append(out, strings.TrimRight(ansi.Strip(l), " "))
	}
	return out
}

// keptLine returns the line of the focused pane that starts with /, the
// line of a search kept after enter, or "".
func keptLine(m *Model) string {
	for _, l := range paneLines(m) {
		if strings.HasPrefix(l, "/") {
			return l
		}
	}
	return ""
}

// TestSearchCountsMatches: the search line says where the selection stands
// among the matches, counting from the newest, while the query is typed
// and after enter, in a line that stays until esc.
func TestSearchCountsMatches(t *testing.T) {
	m := newTestModel(t, 100, 20)
	loadLatest(t, m, "roomA", page("roomA", 0, 200), true)
	press(m, "/")
	typeText(m, "number 12")
	// "number 12" matches 12 and 120 to 129: eleven rows.
	if got := selectedText(m); got != "message number 129" {
		t.Fatalf("typing selected %q", got)
	}
	if l := keptLine(m); !strings.Contains(l, "/number 12") || !strings.Contains(l, "1/11") {
		t.Errorf("the search line while typing is %q, want the query and 1/11", l)
	}
	press(m, "enter")
	if l := keptLine(m); !strings.HasPrefix(l, "/number 12  1/11") {
		t.Errorf("after enter the pane's search line is %q, want /number 12  1/11", l)
	}
	press(m, "n", "n")
	if got := selectedText(m); got != "message number 127" {
		t.Fatalf("n n selected %q", got)
	}
	if l := keptLine(m); !strings.HasPrefix(l, "/number 12  3/11") {
		t.Errorf("after n n the search line is %q, want 3/11", l)
	}
	// The selected match shows above the search line.
	if marked := markedLines(m); len(marked) != 1 || !strings.Contains(marked[0], "message number 127") {
		t.Errorf("the selected match is not on screen: %q\n%s", marked, screen(m))
	}
	// Off a match, the count alone: 119 is above 120.
	press(m, "n", "n", "n", "n", "n", "n", "n")
	if l := keptLine(m); selectedText(m) != "message number 120" || !strings.HasPrefix(l, "/number 12  10/11") {
		t.Fatalf("on %q the search line is %q, want 10/11", selectedText(m), l)
	}
	press(m, "k")
	if l := keptLine(m); !strings.HasPrefix(l, "/number 12  11 matches") {
		t.Errorf("off a match the search line is %q", l)
	}
	// A message that matches, arriving below, counts.
	update(m, batch(live(message("roomA", "late", 2, base+999*60_000, "number 12 again"))))
	if l := keptLine(m); !strings.HasPrefix(l, "/number 12  12 matches") {
		t.Errorf("after a new match arrived the search line is %q", l)
	}
	// esc ends the search: the line goes, and the highlights.
	update(m, tea.KeyPressMsg{Code: tea.KeyEscape})
	if l := keptLine(m); l != "" {
		t.Errorf("the search line stays after esc: %q", l)
	}
	if strings.Contains(m.View().Content, "\x1b[7mnumber 12") {
		t.Error("highlights remain after esc")
	}
}

// needlePages returns n messages of roomA, a minute apart, where those of
// the indices at say "needle".
func needlePages(n int, at ...int) []symphony.V4Message {
	msgs := page("roomA", 0, n)
	for _, k := range at {
		msgs[k] = message("roomA", fmt.Sprintf("roomA-%06d", k), 2, base+int64(k)*60_000, fmt.Sprintf("needle number %d", k))
	}
	return msgs
}

// seekPages delivers the history pages that cmd and the updates they lead
// to fetch, as the program would, and returns how many came.
func seekPages(t *testing.T, m *Model, cmd tea.Cmd) int {
	t.Helper()
	n := 0
	for ; n < 100; n++ {
		pages := run[pageMsg](cmd)
		if len(pages) == 0 {
			return n
		}
		if len(pages) > 1 {
			t.Fatalf("%d pages in flight at once", len(pages))
		}
		cmd = update(m, pages[0])
	}
	t.Fatal("the search never stops loading")
	return n
}

// TestSearchGoesIntoOlderHistory: n past the oldest loaded match loads
// older pages, as scrolling to the top does, and selects the match one of
// them brings.
func TestSearchGoesIntoOlderHistory(t *testing.T) {
	msgs := needlePages(300, 30, 260)
	m := newTestModel(t, 100, 20)
	m.deps.Pager = history.NewPager(historyFetcher{msgs}, history.PagerOptions{PageSize: 50})
	loadLatest(t, m, "roomA", msgs[250:], false)
	s := m.streams["roomA"]
	press(m, "/")
	typeText(m, "needle")
	press(m, "enter")
	if got := selectedText(m); got != "needle number 260" {
		t.Fatalf("the search selected %q", got)
	}
	cmd := update(m, tea.KeyPressMsg{Code: 'n', Text: "n"})
	if !s.loading {
		t.Fatal("n past the oldest loaded match asked for no older page")
	}
	if l := keptLine(m); !strings.Contains(l, "searching older history") {
		t.Errorf("the search line says %q while it loads", l)
	}
	pages := seekPages(t, m, cmd)
	if got := selectedText(m); got != "needle number 30" {
		t.Fatalf("after %d pages n selected %q", pages, got)
	}
	// Pages of 50 from message 250 back: 200, 150, 100, 50 and 0.
	if pages != 5 {
		t.Errorf("%d pages loaded to find message 30, want 5", pages)
	}
	if marked := markedLines(m); len(marked) != 1 || !strings.Contains(marked[0], "needle number 30") {
		t.Errorf("the match found is not on screen: %q\n%s", marked, screen(m))
	}
	if l := keptLine(m); !strings.HasPrefix(l, "/needle  2/2") {
		t.Errorf("the search line is %q, want 2/2", l)
	}
	// Nothing older matches: n goes on to the beginning and says so.
	seekPages(t, m, update(m, tea.KeyPressMsg{Code: 'n', Text: "n"}))
	if got := selectedText(m); got != "needle number 30" {
		t.Errorf("n at the oldest match moved to %q", got)
	}
	if !s.reached || !strings.Contains(m.status.notice, "no older match for “needle” in the whole history") {
		t.Errorf("n at the oldest match of the whole history: reached %v, notice %q", s.reached, m.status.notice)
	}
}

// TestSearchIntoOlderHistoryStopsAtALimit: n loads at most searchPages
// pages at a time, then says so; n again goes on.
func TestSearchIntoOlderHistoryStopsAtALimit(t *testing.T) {
	msgs := needlePages(300, 5, 295)
	m := newTestModel(t, 100, 20)
	m.deps.Pager = history.NewPager(historyFetcher{msgs}, history.PagerOptions{PageSize: 10})
	loadLatest(t, m, "roomA", msgs[290:], false)
	s := m.streams["roomA"]
	press(m, "/")
	typeText(m, "needle")
	press(m, "enter")
	pages := seekPages(t, m, update(m, tea.KeyPressMsg{Code: 'n', Text: "n"}))
	if pages != searchPages {
		t.Fatalf("n loaded %d pages, want %d", pages, searchPages)
	}
	if got := selectedText(m); got != "needle number 295" {
		t.Errorf("the selection moved to %q", got)
	}
	want := fmt.Sprintf("no older match for “needle” in the last %d pages of history; n searches further", searchPages)
	if m.status.notice != want || s.loading {
		t.Errorf("after %d pages: notice %q, loading %v", pages, m.status.notice, s.loading)
	}
	// A key other than n stops a search under way.
	cmd := update(m, tea.KeyPressMsg{Code: 'n', Text: "n"})
	press(m, "k")
	if n := seekPages(t, m, cmd); n != 1 || m.search.seek.active {
		t.Errorf("k: %d pages, still seeking %v", n, m.search.seek.active)
	}
	press(m, "N") // back on the match
	if got := selectedText(m); got != "needle number 295" {
		t.Fatalf("N selected %q", got)
	}
	for i := 0; i < 5 && selectedText(m) != "needle number 5"; i++ {
		seekPages(t, m, update(m, tea.KeyPressMsg{Code: 'n', Text: "n"}))
	}
	if got := selectedText(m); got != "needle number 5" {
		t.Errorf("n again did not go on to message 5: %q", got)
	}
}
