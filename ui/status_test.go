package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tutti-chat/tutti/feed"
	"github.com/tutti-chat/tutti/internal/engine"
)

// statusLabels are the parts the status bar of statusModel may show, by
// a text that shows only with its part.
var statusLabels = []string{"● live", "datafeed v2", " ev/s", "last ", "simulator", "5 unread",
	"timeline:", "j/k move", "i compose", "/ search", "s split", "? help", "q quit"}

// statusModel returns a model at w columns with a live feed, five unread
// messages and a clock the caller moves.
func statusModel(t *testing.T, w int) (*Model, *time.Time) {
	t.Helper()
	m := newTestModel(t, w, 20)
	clock := m.now()
	m.now = func() time.Time { return clock }
	var items []engine.Item
	for i := range 5 {
		items = append(items, live(message("roomA", fmt.Sprint("s", i), 2, base+int64(i), "x")))
	}
	items = append(items, engine.Item{Status: &feed.Status{State: feed.Live, Version: "v2"}})
	update(m, batch(items...))
	return m, &clock
}

// statusBar returns the status bar as shown, escapes stripped.
func statusBar(m *Model) string {
	lines := strings.Split(screen(m), "\n")
	return lines[len(lines)-1]
}

// shown returns where each of statusLabels is in bar, -1 when it is not.
func shown(bar string) []int {
	at := make([]int, len(statusLabels))
	for i, l := range statusLabels {
		at[i] = strings.Index(bar, l)
	}
	return at
}

// TestStatusBarKeepsStill: the parts of the status bar that show at a
// width, and where, do not change as the values tick: "last now" or
// "last 59s ago", 0.0 or 123.4 events a second.
func TestStatusBarKeepsStill(t *testing.T) {
	for _, w := range []int{140, 120, 100, 80, 60} {
		t.Run(fmt.Sprint(w), func(t *testing.T) {
			m, clock := statusModel(t, w)
			update(m, tickMsg(*clock))
			quiet := statusBar(m)
			if w >= 80 && !strings.Contains(quiet, "last now") || strings.Contains(quiet, "ev/s") && !strings.Contains(quiet, "0.0 ev/s") {
				t.Fatalf("not the quiet bar: %q", quiet)
			}
			// 617 events in the last five seconds, the last 59 s ago.
			*clock = clock.Add(time.Minute)
			m.status.count(clock.Add(-time.Second), 617)
			m.status.lastEvent = clock.Add(-59 * time.Second)
			update(m, tickMsg(*clock))
			busy := statusBar(m)
			if w >= 80 && !strings.Contains(busy, "last 59s ago") || strings.Contains(busy, "ev/s") && !strings.Contains(busy, "123.4 ev/s") {
				t.Fatalf("not the busy bar: %q", busy)
			}
			if a, b := shown(quiet), shown(busy); !slices.Equal(a, b) {
				t.Errorf("the bar moves as values tick:\n%q\n%q", quiet, busy)
			}
			for _, bar := range []string{quiet, busy} {
				if n := ansi.StringWidth(bar); n != w {
					t.Errorf("the bar is %d wide, want %d: %q", n, w, bar)
				}
			}
		})
	}
}

// TestStatusBarDropsWholeParts: a narrow bar drops whole segments and
// whole hint entries, never cuts one, and keeps the help cue in the
// timeline and the stream list.
func TestStatusBarDropsWholeParts(t *testing.T) {
	m, clock := statusModel(t, 80)
	*clock = clock.Add(12 * time.Second)
	update(m, tickMsg(*clock))
	full := strings.Split(strings.TrimPrefix(m.hint(), "timeline: "), " · ")
	for _, w := range []int{140, 80, 60, 40, 30, 20} {
		for _, md := range []string{"timeline", "list"} {
			update(m, tea.WindowSizeMsg{Width: w, Height: 20})
			if md == "list" {
				press(m, "tab")
			}
			bar := statusBar(m)
			if strings.Contains(bar, "…") {
				t.Errorf("%d columns, %s: a part is cut: %q", w, md, bar)
			}
			if !strings.Contains(bar, "? help") || !strings.Contains(bar, "● live") {
				t.Errorf("%d columns, %s: no help cue or feed state: %q", w, md, bar)
			}
			if n := ansi.StringWidth(bar); n != w {
				t.Errorf("%d columns, %s: the bar is %d wide: %q", w, md, n, bar)
			}
			if md == "timeline" {
				// Every hint entry shown is whole, in the order of the
				// full hint.
				_, hint, ok := strings.Cut(bar, "timeline: ")
				if !ok {
					hint = "? help" // the context dropped too
				}
				last := -1
				for _, e := range strings.Split(strings.TrimSpace(hint), " · ") {
					i := slices.Index(full, e)
					if i <= last {
						t.Errorf("%d columns: hint entry %q is not one of %q in order: %q", w, e, full, bar)
					}
					last = i
				}
			} else {
				press(m, "tab")
			}
		}
	}
	// At 80 columns the timeline shows its state, the unread count and
	// the most used keys; the datafeed's version goes first.
	update(m, tea.WindowSizeMsg{Width: 80, Height: 20})
	bar := statusBar(m)
	for _, want := range []string{"● live", "last 12s ago", "simulator", "5 unread", "timeline: j/k move", "? help"} {
		if !strings.Contains(bar, want) {
			t.Errorf("80 columns: %q lacks %q", bar, want)
		}
	}
	if strings.Contains(bar, "datafeed") {
		t.Errorf("80 columns: the version is kept before the keys: %q", bar)
	}
}

// TestStatusBarEveryWidth: at every width the bar is exactly as wide as
// the screen, whatever the feed says.
func TestStatusBarEveryWidth(t *testing.T) {
	m, clock := statusModel(t, 80)
	m.badge = "REPLAY"
	for _, st := range []feed.Status{
		{State: feed.Live, Version: "v2"},
		{State: feed.Reconnecting, Version: "v2", Attempt: 12, NextTry: clock.Add(95 * time.Second)},
		{State: feed.Stopped, Err: fmt.Errorf("%s", strings.Repeat("forbidden ", 10))},
	} {
		update(m, batch(engine.Item{Status: &st}))
		m.notify("a notice that takes some room on the bar", false)
		for w := 1; w <= 160; w++ {
			update(m, tea.WindowSizeMsg{Width: w, Height: 20})
			if n := ansi.StringWidth(m.statusLine); n != w {
				t.Errorf("%v at %d columns: the bar is %d wide: %q", st.State, w, n, ansi.Strip(m.statusLine))
			}
		}
	}
}

// TestStatusBarCountdownKeepsStill: a reconnect's countdown and attempt
// move nothing after them, and drop nothing.
func TestStatusBarCountdownKeepsStill(t *testing.T) {
	for _, w := range []int{140, 100, 80} {
		m, clock := statusModel(t, w)
		var first []int
		for i, c := range []struct {
			in      time.Duration
			attempt int
		}{{900 * time.Millisecond, 1}, {9900 * time.Millisecond, 9}, {12 * time.Second, 10}, {75 * time.Second, 12}} {
			update(m, batch(engine.Item{Status: &feed.Status{State: feed.Reconnecting, Version: "v2", Attempt: c.attempt, NextTry: clock.Add(c.in)}}))
			bar := statusBar(m)
			if !strings.Contains(bar, fmt.Sprintf("(attempt %d)", c.attempt)) {
				t.Errorf("%d columns: no attempt %d: %q", w, c.attempt, bar)
			}
			at := shown(bar)
			at[0] = 0 // "● live" is not there
			if i == 0 {
				first = at
			} else if !slices.Equal(at, first) {
				t.Errorf("%d columns: the bar moves with the countdown %v:\n%q", w, c.in, bar)
			}
		}
	}
}

// TestOpenedFeedIsLive: once the feed is chosen and read, the status bar
// says live, before a quiet pod answers the first read at the end of its
// long poll.
func TestOpenedFeedIsLive(t *testing.T) {
	m := newTestModel(t, 220, 30)
	if !strings.Contains(screen(m), "connecting") {
		t.Fatalf("before the feed opens:\n%s", screen(m))
	}
	update(m, itemsMsg{Items: []engine.Item{{Status: &feed.Status{State: feed.Opened, Version: "v2"}}}})
	if got := screen(m); !strings.Contains(got, "● live") || strings.Contains(got, "connecting") {
		t.Errorf("after the feed opened:\n%s", got)
	}
}

// TestStatusBarNoBareContext: where no key of the hint fits beside a
// notice, its context goes too: "composer:" with nothing after it says
// nothing.
func TestStatusBarNoBareContext(t *testing.T) {
	m, _ := statusModel(t, 80)
	openByKeys(t, m, "roomA")
	press(m, "i")
	if m.mode != modeComposer {
		t.Fatalf("i opened %v", m.mode)
	}
	m.notify("room Test Room ✓ created, you own it: A adds members, i writes", false)
	for w := 40; w <= 120; w++ {
		update(m, tea.WindowSizeMsg{Width: w, Height: 20})
		bar := strings.TrimRight(statusBar(m), " ")
		if strings.HasSuffix(bar, "composer:") {
			t.Errorf("%d columns: the hint's context alone: %q", w, bar)
		}
	}
}
