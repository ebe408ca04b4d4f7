package ui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/symphony"
)

// tallPage returns n messages of stream from index from, twenty minutes
// apart (so that a page spans days), of one to seven lines each.
func tallPage(stream string, from, n int) []symphony.V4Message {
	out := make([]symphony.V4Message, n)
	for i := range out {
		k := from + i
		text := fmt.Sprintf("message number %d", k)
		for j := 0; j < k%7; j++ {
			text += fmt.Sprintf("<br/>line %d of message %d", j+1, k)
		}
		out[i] = message(stream, fmt.Sprintf("%s-%06d", stream, k), int64(2+k/2%3), base+int64(k)*20*60_000, text)
	}
	return out
}

// paneTop returns the first line of the timeline pane under its title.
func paneTop(m *Model) string {
	for _, l := range m.pane().lines {
		if l := strings.TrimSpace(ansi.Strip(l)); l != "" {
			return l
		}
	}
	return ""
}

// TestScrollBackThroughHistory scrolls from the newest message back to the
// beginning of a conversation of several pages, as a reader does with g, k
// and page up at 120×40.
func TestScrollBackThroughHistory(t *testing.T) {
	m := newTestModel(t, 120, 40)
	const pages, per = 4, 60
	loadLatest(t, m, "roomA", tallPage("roomA", (pages-1)*per, per), false)
	s := m.streams["roomA"]
	if m.mode != modeTimeline {
		t.Fatal("opening a stream did not focus the timeline")
	}
	if s.view.follow && strings.Contains(screen(m), "loading…") {
		t.Fatal("the latest page fills less than the pane")
	}
	requests := 0
	// older delivers the older page in flight, as the Pager would.
	older := func() {
		t.Helper()
		if !s.loading || !m.deps.Pager.InFlight("roomA") {
			t.Fatalf("no request in flight at the top:\n%s", screen(m))
		}
		requests++
		from := (pages - 1 - requests) * per
		oldest, _ := s.tl.Oldest()
		update(m, pageMsg{Stream: "roomA", Gen: m.deps.Pager.Generation("roomA"), Older: true,
			Page: history.Page{Messages: tallPage("roomA", from, per), Reached: from == 0}})
		if n := s.tl.Len(); n != (requests+1)*per {
			t.Fatalf("after page %d: %d rows, want %d", requests, n, (requests+1)*per)
		}
		// The row that was the oldest is still on screen: the view did not
		// jump to the new rows.
		k := int((oldest - base) / (20 * 60_000))
		if !strings.Contains(screen(m), fmt.Sprintf("message number %d", k)) {
			t.Fatalf("after page %d the view left message %d:\n%s", requests, k, screen(m))
		}
	}

	// g goes to the top of what is loaded: the top row shows and an older
	// page is asked for, once.
	press(m, "g")
	out := screen(m)
	if !strings.Contains(out, "loading…") {
		t.Fatalf("g: no loading row at the top:\n%s", out)
	}
	first := fmt.Sprintf("message number %d", (pages-1)*per)
	if !strings.Contains(out, first) {
		t.Fatalf("g: the oldest loaded message is not shown:\n%s", out)
	}
	gen := m.deps.Pager.Generation("roomA")
	press(m, "k", "k", "k", "pgup")
	if m.deps.Pager.Generation("roomA") != gen {
		t.Fatal("a second request while one is in flight")
	}
	if !strings.Contains(screen(m), "loading…") {
		t.Fatalf("k at the top hid the loading row:\n%s", screen(m))
	}
	older()

	// Page up and k carry on into the loaded history, and load more at its
	// top, until the beginning.
	for i := 0; i < 200 && !s.reached; i++ {
		if i%2 == 0 {
			press(m, "pgup")
		} else {
			press(m, "k", "k", "k", "k", "k")
		}
		if s.loading {
			if !strings.Contains(screen(m), "loading…") {
				t.Fatalf("loading without the loading row:\n%s", screen(m))
			}
			older()
		}
	}
	if !s.reached || requests != pages-1 {
		t.Fatalf("reached %v after %d requests, want %d", s.reached, requests, pages-1)
	}
	for i := 0; i < 20; i++ {
		press(m, "pgup")
	}
	out = screen(m)
	if top := paneTop(m); top != "beginning of the conversation" {
		t.Errorf("top line %q, want the beginning:\n%s", top, out)
	}
	// The first row shows its day and author header.
	if !strings.Contains(out, "Monday 23 November 2026") || !strings.Contains(out, "User 2  09:00") ||
		!strings.Contains(out, "message number 0") {
		t.Errorf("the first row lacks its day or header:\n%s", out)
	}
	if s.loading {
		t.Error("a request after Reached")
	}
}

// TestTopOfShortStreamFollows checks that g in a stream shorter than the
// pane leaves it following, and that the title says so in the same frame.
func TestTopOfShortStreamFollows(t *testing.T) {
	m := newTestModel(t, 120, 40)
	loadLatest(t, m, "roomA", tallPage("roomA", 0, 3), true)
	s := m.streams["roomA"]
	press(m, "g")
	if !s.view.follow {
		t.Error("g in a short stream stopped following")
	}
	if title := ansi.Strip(m.pane().title); strings.Contains(title, "below") {
		t.Errorf("title %q after g in a short stream", title)
	}
	if top := paneTop(m); top != "beginning of the conversation" {
		t.Errorf("top line %q, want the beginning", top)
	}
}

// TestScrollLaysOutOnlyVisibleRows scrolls a long history one line at a
// time and checks each frame: only rows on screen are touched, and at most
// the one row that came into view is laid out; no row off screen is laid
// out again.
func TestScrollLaysOutOnlyVisibleRows(t *testing.T) {
	m := newTestModel(t, 120, 40)
	loadLatest(t, m, "roomA", tallPage("roomA", 0, 5000), true)
	s := m.streams["roomA"]
	// bodies identifies the laid-out body of each cached row: a new layout
	// makes a new slice.
	bodies := func() map[string]*string {
		out := make(map[string]*string, len(s.cache))
		for k, c := range s.cache {
			out[k] = &c.body[0]
		}
		return out
	}
	for range 3 {
		press(m, "pgup")
	}
	check := func(key string) {
		t.Helper()
		before := bodies()
		press(m, key)
		i := m.indexOf(s)
		below := 0
		if !s.view.follow {
			below = s.view.below
		}
		// The rows on screen: from the anchor up while lines are left.
		visible := map[string]bool{}
		for left := len(m.pane().lines) + below; i >= 0 && left > 0; i-- {
			r := s.tl.At(i)
			visible[r.Key] = true
			left -= len(s.cache[r.Key].lines)
		}
		for k := range m.used {
			if !visible[k] {
				t.Fatalf("%s: row %s, off screen, was touched", key, k)
			}
		}
		laidOut := 0
		for k, c := range s.cache {
			if p, ok := before[k]; ok && p == &c.body[0] {
				continue
			}
			laidOut++
			if !visible[k] {
				t.Fatalf("%s: row %s, off screen, was laid out", key, k)
			}
		}
		if laidOut > 1 {
			t.Fatalf("%s: %d rows laid out for one line", key, laidOut)
		}
	}
	for range 400 {
		check("k")
	}
	for range 400 {
		check("j")
	}
}
