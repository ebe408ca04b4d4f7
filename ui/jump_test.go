package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/internal/engine"
	"github.com/tutti-chat/tutti/symphony"
)

// shifted is the key press of an upper-case letter.
func shifted(r rune) tea.KeyPressMsg {
	return tea.KeyPressMsg{Code: r + 'a' - 'A', Text: string(r), Mod: tea.ModShift}
}

// olderHistory returns n messages of stream a minute apart, the newest a
// minute before the test models' now.
func olderHistory(stream string, n int) []symphony.V4Message {
	out := make([]symphony.V4Message, n)
	first := base + 3_600_000 - int64(n)*60_000
	for i := range out {
		out[i] = message(stream, fmt.Sprintf("%s-h%06d", stream, i), int64(2+i%3), first+int64(i)*60_000, fmt.Sprintf("old message %d", i))
	}
	return out
}

// runPages runs cmd and applies the history pages it brings, until none.
func runPages(m *Model, cmd tea.Cmd) {
	for i := 0; i < 10 && cmd != nil; i++ {
		pages := run[pageMsg](cmd)
		cmd = nil
		var cmds []tea.Cmd
		for _, p := range pages {
			cmds = append(cmds, update(m, p))
		}
		cmd = tea.Batch(cmds...)
	}
}

func TestEnterOnActivityRowJumpsToItsStream(t *testing.T) {
	m := newTestModel(t, 120, 30)
	for i := 0; i < 6; i++ {
		update(m, batch(live(message("roomA", fmt.Sprintf("a%d", i), 2, base+int64(i)*1000, fmt.Sprintf("alpha %d", i)))))
		update(m, batch(live(message("roomB", fmt.Sprintf("b%d", i), 3, base+int64(i)*1000+500, fmt.Sprintf("bravo %d", i)))))
	}
	openByKeys(t, m, activityID)
	press(m, "k", "k", "k") // the newest three rows: b5, a5, b4
	act := m.streams[activityID]
	if r := act.tl.At(m.selIndex(act)); r.Key != "b4" {
		t.Fatalf("selected %q in Activity, want b4", r.Key)
	}
	update(m, tea.KeyPressMsg{Code: tea.KeyEnter})
	if m.open != "roomB" || m.mode != modeTimeline {
		t.Fatalf("enter: open %q mode %v, want roomB's timeline", m.open, m.mode)
	}
	s := m.streams["roomB"]
	if i := m.selIndex(s); i < 0 || s.tl.At(i).Key != "b4" {
		t.Fatalf("roomB selects %d, want b4", i)
	}
	if !strings.Contains(screen(m), "bravo 4") {
		t.Errorf("the message is not on screen:\n%s", screen(m))
	}
}

func TestJumpLoadsTheHistoryAroundTheMessage(t *testing.T) {
	hist := olderHistory("roomA", 300)
	m := newTestModel(t, 120, 30)
	m.deps.Pager = history.NewPager(historyFetcher{hist}, history.PagerOptions{})
	loadLatest(t, m, "roomA", hist[250:], false)
	press(m, "tab")
	openByKeys(t, m, "roomB")
	target := hist[120]
	cmd := m.jumpTo("roomA", jumpTarget{key: target.MessageID, ts: target.Timestamp, missing: "gone"})
	if m.open != "roomA" {
		t.Fatalf("open %q, want roomA", m.open)
	}
	runPages(m, cmd)
	update(m, tea.WindowSizeMsg{Width: 120, Height: 30})
	s := m.streams["roomA"]
	if i := m.selIndex(s); i < 0 || s.tl.At(i).Key != target.MessageID {
		t.Fatalf("selected %d, want %s", i, target.MessageID)
	}
	if !strings.Contains(screen(m), "old message 120") {
		t.Errorf("the message is not on screen:\n%s", screen(m))
	}
}

func TestJumpFetchesAMessageMissingInsideWhatIsLoaded(t *testing.T) {
	hist := olderHistory("roomA", 300)
	m := newTestModel(t, 120, 30)
	m.deps.Pager = history.NewPager(historyFetcher{hist}, history.PagerOptions{})
	loaded := append(append([]symphony.V4Message{}, hist[240:270]...), hist[271:]...)
	loadLatest(t, m, "roomA", loaded, false)
	target := hist[270]
	runPages(m, m.jumpTo("roomA", jumpTarget{key: target.MessageID, ts: target.Timestamp, missing: "gone"}))
	s := m.streams["roomA"]
	if i := m.selIndex(s); i < 0 || s.tl.At(i).Key != target.MessageID {
		t.Fatalf("selected %d, want %s", i, target.MessageID)
	}
	if gaps := s.tl.Gaps(); len(gaps) != 0 {
		t.Errorf("gaps %v after the fill", gaps)
	}
}

func TestJumpToDateLoadsFromThatDayWithAGapBack(t *testing.T) {
	hist := olderHistory("roomA", 700) // from 2026-11-22 22:20 UTC: 100 before midnight
	m := newTestModel(t, 120, 30)
	m.deps.Pager = history.NewPager(historyFetcher{hist}, history.PagerOptions{})
	loadLatest(t, m, "roomA", hist[650:], false)
	update(m, shifted('J'))
	if m.mode != modePrompt || !strings.Contains(screen(m), "jump to date:") {
		t.Fatalf("J: mode %v\n%s", m.mode, screen(m))
	}
	for _, r := range "2026-11-23" {
		update(m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	cmd := update(m, tea.KeyPressMsg{Code: tea.KeyEnter})
	if m.mode != modeTimeline {
		t.Fatalf("enter: mode %v", m.mode)
	}
	runPages(m, cmd)
	s := m.streams["roomA"]
	midnight := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC).UnixMilli()
	i := m.selIndex(s)
	if i < 0 {
		t.Fatal("nothing selected after the jump")
	}
	r := s.tl.At(i)
	if r.Timestamp < midnight || r.Timestamp >= midnight+60_000 {
		t.Fatalf("selected %s at %d, want the first message since %d", r.Key, r.Timestamp, midnight)
	}
	if out := screen(m); !strings.Contains(out, "23 November 2026") || !strings.Contains(out, "old message 100") {
		t.Errorf("the day is not on screen:\n%s", screen(m))
	}
	gaps := s.tl.Gaps()
	if len(gaps) != 1 || gaps[0].From <= r.Timestamp || gaps[0].To > hist[650].Timestamp {
		t.Fatalf("gaps %v, want one back to what was loaded (%d)", gaps, hist[650].Timestamp)
	}
}

func TestParseDate(t *testing.T) {
	now := time.Date(2026, 12, 6, 15, 4, 0, 0, time.UTC)
	for in, want := range map[string]time.Time{
		"2026-12-01":       time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC),
		"2026-12-01 14:30": time.Date(2026, 12, 1, 14, 30, 0, 0, time.UTC),
		"today":            time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC),
		" Yesterday ":      time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC),
		"3d":               time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC),
		"2w":               time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC),
	} {
		got, err := parseDate(in, now)
		if err != nil || !got.Equal(want) {
			t.Errorf("parseDate(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "soon", "2026-13-01", "d", "-3d"} {
		if _, err := parseDate(in, now); err == nil {
			t.Errorf("parseDate(%q) took it", in)
		}
	}
}

func TestMarkAllRead(t *testing.T) {
	m := newTestModel(t, 120, 30)
	update(m, batch(
		live(message("roomA", "a1", 2, base+1000, "hello")),
		live(message("roomB", "b1", 3, base+2000, "hi")),
	))
	if !strings.Contains(screen(m), "2 unread") {
		t.Fatalf("no unread count:\n%s", screen(m))
	}
	update(m, tea.KeyPressMsg{Code: 'r', Mod: tea.ModAlt})
	for _, id := range []string{"roomA", "roomB"} {
		s := m.streams[id]
		if s.unread != 0 || s.mentions != 0 || s.readTs < base+3_600_000 {
			t.Errorf("%s: unread %d mentions %d read to %d", id, s.unread, s.mentions, s.readTs)
		}
	}
	if strings.Contains(screen(m), "unread") || m.windowTitle != "tutti" {
		t.Errorf("still unread: title %q\n%s", m.windowTitle, screen(m))
	}
}

func TestMuteKeepsAStreamQuietAndIsSaved(t *testing.T) {
	m := newTestModel(t, 120, 30)
	openByKeys(t, m, "roomA")
	press(m, "tab")
	for m.cursorID != "roomB" {
		press(m, "j")
	}
	update(m, shifted('M'))
	if !m.muted["roomB"] {
		t.Fatal("M did not mute roomB")
	}
	mention := message("roomB", "b1", 3, base+1000, `hi <span class="entity" data-entity-id="0">@Me</span>`)
	mention.Data = `{"0":{"id":[{"type":"com.symphony.user.userId","value":"1"}],"type":"com.symphony.user.mention"}}`
	if rang(m, batch(live(mention))) || strings.Contains(screen(m), "1 unread") || m.windowTitle != "tutti" {
		t.Errorf("a muted stream rang or counts: title %q\n%s", m.windowTitle, screen(m))
	}
	if row := m.streamRow(m.streams["roomB"], 30); !strings.Contains(row, m.styles.dim+"Bravo") {
		t.Errorf("the muted stream is not dimmed: %q", row)
	}
	sv := m.Snapshot()
	if len(sv.Muted) != 1 || sv.Muted[0] != "roomB" {
		t.Fatalf("saved muted %v", sv.Muted)
	}
	m2 := New(Deps{Streams: []StreamInfo{{ID: "roomB", Name: "Bravo", Type: symphony.StreamRoom}}, Saved: &sv})
	if !m2.muted["roomB"] {
		t.Fatal("the muted stream was not restored")
	}
	update(m, shifted('M'))
	if m.muted["roomB"] || len(m.Snapshot().Muted) != 0 {
		t.Error("M again did not unmute")
	}
}

func TestSwitcherRunsMarkReadMuteAndJumpCommands(t *testing.T) {
	m := newTestModel(t, 120, 30)
	for _, id := range []string{">jump-to-message", ">jump-to-date", ">mark-all-read", ">mute"} {
		if _, ok := m.commandByID(id); !ok {
			t.Errorf("no command %s", id)
		}
	}
	openByKeys(t, m, "roomA")
	c, _ := m.commandByID(">mute")
	c.run(m)
	if !m.muted["roomA"] {
		t.Error(">mute did not mute the focused stream")
	}
	c, _ = m.commandByID(">jump-to-date")
	c.run(m)
	if m.mode != modePrompt {
		t.Errorf(">jump-to-date: mode %v", m.mode)
	}
}

func TestDatePromptCancelsAndRefusesWhatIsNotADate(t *testing.T) {
	m := newTestModel(t, 120, 30)
	openByKeys(t, m, "roomA")
	update(m, shifted('J'))
	press(m, "x")
	update(m, tea.KeyPressMsg{Code: tea.KeyEscape})
	if m.mode != modeTimeline || m.prompt.answer != nil {
		t.Fatalf("esc: mode %v", m.mode)
	}
	update(m, shifted('J'))
	for _, r := range "soon" {
		update(m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	if cmd := update(m, tea.KeyPressMsg{Code: tea.KeyEnter}); len(run[pageMsg](cmd)) != 0 {
		t.Error("a page was asked for what is not a date")
	}
	if !strings.Contains(screen(m), "is not a date") {
		t.Errorf("no notice:\n%s", screen(m))
	}
	openByKeys(t, m, activityID)
	update(m, shifted('J'))
	if m.mode == modePrompt || !strings.Contains(screen(m), "no history to jump in") {
		t.Errorf("J in Activity: mode %v\n%s", m.mode, screen(m))
	}
}

// TestJumpShowsWhoWroteTheMessage: jumping from Activity to a message that
// continues its author's run, far above the bottom of its stream, shows
// the run's author and time line above it.
func TestJumpShowsWhoWroteTheMessage(t *testing.T) {
	m := newTestModel(t, 120, 20)
	var items []engine.Item
	for i := range 4 { // one run of User 3's, a second apart
		items = append(items, live(message("roomB", fmt.Sprintf("run%d", i), 3, base+int64(i)*1000, fmt.Sprintf("run line %d", i))))
	}
	for i := range 40 { // then others, a minute apart
		items = append(items, live(message("roomB", fmt.Sprintf("later%d", i), int64(4+i%2), base+60_000*int64(i+1), fmt.Sprintf("later %d", i))))
	}
	update(m, batch(items...))
	openByKeys(t, m, activityID)
	act := m.streams[activityID]
	for m.selIndex(act) < 0 || act.tl.At(m.selIndex(act)).Key != "run2" {
		if i := m.selIndex(act); i == 0 {
			t.Fatal("run2 is not in Activity")
		}
		press(m, "k")
	}
	update(m, tea.KeyPressMsg{Code: tea.KeyEnter})
	if m.open != "roomB" {
		t.Fatalf("enter opened %q", m.open)
	}
	got := screen(m)
	head := strings.Index(got, "User 3")
	at := strings.Index(got, "run line 2")
	if at < 0 || head < 0 || head > at {
		t.Errorf("the message's author is not shown above it:\n%s", got)
	}
}
