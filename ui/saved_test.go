package ui

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/internal/engine"
	"github.com/tutti-chat/tutti/symphony"
)

// restartedModel returns a model of the test streams that starts from sv.
func restartedModel(t *testing.T, sv *Saved, now int64) *Model {
	t.Helper()
	m := New(Deps{
		Items: make(chan engine.Item),
		Pager: history.NewPager(fakeFetcher{}, history.PagerOptions{}),
		Streams: []StreamInfo{
			{ID: "roomA", Name: "Alpha", Type: symphony.StreamRoom},
			{ID: "roomB", Name: "Bravo", Type: symphony.StreamRoom},
			{ID: "imC", Name: "Carol", Type: symphony.StreamIM},
		},
		Me:       me,
		Now:      func() time.Time { return time.UnixMilli(now) },
		Location: time.UTC,
		Saved:    sv,
		Send:     failingSend,
	})
	update(m, tea.WindowSizeMsg{Width: 200, Height: 40})
	return m
}

func TestSavedStateRoundTrip(t *testing.T) {
	m := newTestModel(t, 200, 40)
	t0 := m.started // messages after the start of the first run
	update(m, batch(live(message("roomA", "a1", 2, t0+1000, "read this")), live(message("roomB", "b1", 2, t0+2000, "and this"))))
	openByKeys(t, m, "roomA")
	press(m, "i")
	typeText(m, "half a thought")
	press(m, "esc", "s") // roomB in a second pane, focused
	sv := m.Snapshot()
	data, err := json.Marshal(sv)
	if err != nil {
		t.Fatal(err)
	}
	var back Saved
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if back.ReadMarkers["roomA"] != t0+1000 || back.ReadMarkers["roomB"] != t0+2000 || back.ReadMarkers["imC"] != t0 {
		t.Errorf("read markers %v", back.ReadMarkers)
	}

	// The next run: the same panes, focus and draft; messages missed
	// while tutti was not running are unread, older ones are not.
	later := t0 + 7_200_000
	r := restartedModel(t, &back, later)
	if got := paneStreams(r); !slices.Equal(got, []string{"roomA", "roomB"}) || r.open != "roomB" || r.cur != 1 {
		t.Fatalf("panes %v open %q cur %d", got, r.open, r.cur)
	}
	if r.drafts["roomA"] != "half a thought" {
		t.Errorf("drafts %v", r.drafts)
	}
	missed := live(message("imC", "c1", 2, t0+3000, "while away"))
	missed.Recovered = true
	old := live(message("imC", "c0", 2, t0-60_000, "before the first run"))
	old.Recovered = true
	update(r, batch(old, missed))
	if n := r.streams["imC"].unread; n != 1 {
		t.Errorf("imC unread %d, want 1: the message sent while tutti was not running", n)
	}
	missedA := live(message("roomA", "a2", 2, t0+4000, "missed in Alpha"))
	missedA.Recovered = true
	r.focusPane(0)
	r.openStream("imC") // roomA leaves its pane
	update(r, batch(missedA))
	if n := r.streams["roomA"].unread; n != 1 {
		t.Errorf("a message missed since the saved marker: unread %d, want 1", n)
	}
}

func TestSaveRunsFromTheClock(t *testing.T) {
	var saved []Saved
	m := newTestModel(t, 100, 20)
	m.deps.Save = func(sv Saved) error { saved = append(saved, sv); return nil }
	for i := 0; i < saveEvery; i++ {
		for _, msg := range run[tea.Msg](m.saveCmdIfDue()) {
			update(m, msg)
		}
	}
	if len(saved) != 1 {
		t.Errorf("%d saves in %d ticks, want 1", len(saved), saveEvery)
	}
	m.deps.Save = func(Saved) error { return errors.New("disk full") }
	for _, msg := range run[noticeMsg](m.saveCmd()) {
		update(m, msg)
	}
	if !strings.Contains(screen(m), "could not save the reading state: disk full") {
		t.Errorf("no notice of the failed save:\n%s", screen(m))
	}
}

// TestHugeDraftsAreRefused: a draft longer than the composer takes is not
// restored from a state file, and a paste that would make one is refused
// with a notice; the UI stays as it was.
func TestHugeDraftsAreRefused(t *testing.T) {
	huge := strings.Repeat("x", maxDraftRunes+1)
	m := restartedModel(t, &Saved{Drafts: map[string]string{"roomA": huge, "roomB": "fine"}}, base)
	if m.drafts["roomA"] != "" || m.drafts["roomB"] != "fine" {
		t.Fatalf("drafts restored: roomA %d characters, roomB %q", len(m.drafts["roomA"]), m.drafts["roomB"])
	}
	if !slices.ContainsFunc(m.log, func(e logEntry) bool { return strings.Contains(e.text, "1 saved drafts were not restored") }) {
		t.Error("the log does not say a draft was dropped")
	}
	openByKeys(t, m, "roomA")
	press(m, "i")
	update(m, tea.PasteMsg{Content: huge})
	if m.ed.Value() != "" || !strings.Contains(screen(m), "not pasted") {
		t.Errorf("a huge paste: %d characters in the composer\n%s", len(m.ed.Value()), screen(m))
	}
}

// TestRestoredPanesLoadTheirHistory: the panes a previous run left open
// load their history when the program starts (Init), not only after the
// first key.
func TestRestoredPanesLoadTheirHistory(t *testing.T) {
	items := make(chan engine.Item)
	close(items)
	m := New(Deps{
		Items:    items,
		Pager:    history.NewPager(historyFetcher{page("roomA", 0, 5)}, history.PagerOptions{}),
		Streams:  []StreamInfo{{ID: "roomA", Name: "Alpha", Type: symphony.StreamRoom}},
		Me:       me,
		Now:      func() time.Time { return time.UnixMilli(base + 3_600_000) },
		Location: time.UTC,
		Saved:    &Saved{Panes: []string{"roomA"}},
	})
	update(m, tea.WindowSizeMsg{Width: 100, Height: 30})
	batch, ok := m.Init()().(tea.BatchMsg)
	if !ok {
		t.Fatal("Init returns no batch")
	}
	// Each command of the batch on its own: the status clock's waits a
	// second, the others answer at once.
	pages := make(chan pageMsg, len(batch))
	for _, cmd := range batch {
		go func() {
			if cmd == nil {
				return
			}
			if p, ok := cmd().(pageMsg); ok {
				pages <- p
			}
		}()
	}
	select {
	case p := <-pages:
		update(m, p)
	case <-time.After(10 * time.Second):
		t.Fatal("Init started no history load for the restored pane")
	}
	if !strings.Contains(screen(m), "message number 4") {
		t.Errorf("the restored pane shows no history:\n%s", screen(m))
	}
}
