package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tutti-chat/tutti/feed"
	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/internal/engine"
	"github.com/tutti-chat/tutti/names"
	"github.com/tutti-chat/tutti/symphony"
)

const me = 1

// base is the time of the synthetic messages: 2026-11-23 09:00 UTC, in ms.
const base int64 = 1795424400000

// fakeFetcher serves no history: the tests deliver pages themselves.
type fakeFetcher struct{}

func (fakeFetcher) StreamMessages(context.Context, string, symphony.MessageQuery) ([]symphony.V4Message, error) {
	return nil, nil
}

func newTestModel(t testing.TB, w, h int) *Model {
	t.Helper()
	return newModelWith(t, w, h, []StreamInfo{
		{ID: "roomA", Name: "Alpha", Type: symphony.StreamRoom},
		{ID: "roomB", Name: "Bravo", Type: symphony.StreamRoom},
		{ID: "imC", Name: "Carol", Type: symphony.StreamIM},
	})
}

// newModelWith returns a model of the given streams at w×h, an hour after
// base, with no history to fetch.
func newModelWith(t testing.TB, w, h int, streams []StreamInfo) *Model {
	t.Helper()
	m := New(Deps{
		Items:    make(chan engine.Item),
		Pager:    history.NewPager(fakeFetcher{}, history.PagerOptions{}),
		Streams:  streams,
		Names:    knownNames(map[int64]string{me: "Me"}),
		Me:       me,
		Host:     "simulator",
		Now:      func() time.Time { return time.UnixMilli(base + 3_600_000) },
		Location: time.UTC,
		Send:     failingSend,
	})
	update(m, tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

// knownNames returns a directory that knows the users of byID, as a
// lookup at start would.
func knownNames(byID map[int64]string) *names.Directory {
	d := names.New()
	for id, n := range byID {
		d.Set(id, n)
	}
	return d
}

// update applies msg and returns the command.
func update(m *Model, msg tea.Msg) tea.Cmd {
	_, cmd := m.Update(msg)
	return cmd
}

func message(stream, id string, user int64, ts int64, text string) symphony.V4Message {
	return symphony.V4Message{
		MessageID: id, Timestamp: ts,
		Message: `<div data-format="PresentationML" data-version="2.0">` + text + `</div>`,
		User:    &symphony.V4User{UserID: user, DisplayName: fmt.Sprintf("User %d", user)},
		Stream:  &symphony.V4Stream{StreamID: stream, StreamType: symphony.StreamRoom},
	}
}

func live(msg symphony.V4Message) engine.Item {
	return engine.Item{StreamID: msg.Stream.StreamID, Event: symphony.V4Event{
		ID: "ev" + msg.MessageID, MessageID: msg.MessageID, Timestamp: msg.Timestamp, Type: symphony.EventMessageSent,
		Initiator: &symphony.V4Initiator{User: msg.User},
		Payload:   &symphony.V4Payload{MessageSent: &symphony.V4MessageSent{Message: &msg}},
	}}
}

func batch(items ...engine.Item) itemsMsg { return itemsMsg{Items: items} }

func press(m *Model, keys ...string) {
	for _, k := range keys {
		var msg tea.KeyPressMsg
		switch k {
		case "tab":
			msg = tea.KeyPressMsg{Code: tea.KeyTab}
		case "enter":
			msg = tea.KeyPressMsg{Code: tea.KeyEnter}
		case "pgup":
			msg = tea.KeyPressMsg{Code: tea.KeyPgUp}
		case "pgdown":
			msg = tea.KeyPressMsg{Code: tea.KeyPgDown}
		case "G":
			msg = tea.KeyPressMsg{Code: 'g', Text: "G", Mod: tea.ModShift}
		default:
			msg = tea.KeyPressMsg{Code: rune(k[0]), Text: k}
		}
		update(m, msg)
	}
}

func screen(m *Model) string { return ansi.Strip(m.View().Content) }

// openByKeys moves the list cursor to id and opens it with the keyboard.
func openByKeys(t *testing.T, m *Model, id string) {
	t.Helper()
	if m.mode != modeList {
		press(m, "tab")
	}
	press(m, "g")
	for i := 0; i < 20 && m.cursorID != id; i++ {
		press(m, "j")
	}
	if m.cursorID != id {
		t.Fatalf("cursor never reached %s: %v", id, m.order)
	}
	press(m, "enter")
	if m.open != id || m.mode != modeTimeline {
		t.Fatalf("open = %q focus = %v, want %q on the timeline", m.open, m.mode, id)
	}
}

func TestStreamsAppearSortAndCount(t *testing.T) {
	m := newTestModel(t, 120, 30)
	mention := message("roomB", "b2", 3, base+3000, `hi <span class="entity" data-entity-id="0">@Me</span>`)
	mention.Data = `{"0":{"id":[{"type":"com.symphony.user.userId","value":"1"}],"type":"com.symphony.user.mention"}}`
	cmd := update(m, batch(
		live(message("roomA", "a1", 2, base+1000, "one")),
		live(message("roomB", "b1", 2, base+2000, "two")),
		live(mention),
		live(message("roomB", "b3", me, base+4000, "mine")),
		live(message("roomNew", "n1", 4, base+5000, "new room")),
	))
	if cmd == nil {
		t.Fatal("the listener was not re-armed")
	}
	want := []string{activityID, watchID, connectionsID, "roomNew", "roomB", "roomA", "imC"}
	if !slices.Equal(m.order, want) {
		t.Fatalf("order = %v, want %v", m.order, want)
	}
	if s := m.streams["roomB"]; s.unread != 2 || s.mentions != 1 {
		t.Errorf("roomB unread %d mentions %d, want 2 and 1", s.unread, s.mentions)
	}
	if s := m.streams["roomA"]; s.unread != 1 || s.mentions != 0 {
		t.Errorf("roomA unread %d mentions %d, want 1 and 0", s.unread, s.mentions)
	}
	out := screen(m)
	for _, w := range []string{"Rooms", "Direct", "Alpha", "Bravo", "Carol", "@1 2", "4 unread", "new room"} {
		if !strings.Contains(out, w) {
			t.Errorf("screen lacks %q:\n%s", w, out)
		}
	}
	// A duplicate delivery changes no count.
	update(m, batch(live(message("roomA", "a1", 2, base+1000, "one"))))
	if s := m.streams["roomA"]; s.unread != 1 {
		t.Errorf("duplicate counted: unread %d", s.unread)
	}
	// Opening a stream clears its counts.
	openByKeys(t, m, "roomB")
	if s := m.streams["roomB"]; s.unread != 0 || s.mentions != 0 {
		t.Errorf("after open: unread %d mentions %d", s.unread, s.mentions)
	}
}

func TestClosedFeedStopsListening(t *testing.T) {
	m := newTestModel(t, 100, 20)
	if cmd := update(m, itemsMsg{Closed: true}); cmd != nil {
		t.Fatal("listener re-armed after the channel closed")
	}
	if !strings.Contains(screen(m), "stopped") {
		t.Errorf("status does not say stopped:\n%s", screen(m))
	}
}

func TestStatusBar(t *testing.T) {
	// Wide enough for every segment at the width it reserves, and the
	// whole key hint.
	m := newTestModel(t, 220, 20)
	now := m.now()
	update(m, batch(engine.Item{Status: &feed.Status{State: feed.Reconnecting, Version: "v2", Attempt: 2,
		NextTry: now.Add(3 * time.Second), Err: fmt.Errorf("503 \x1b]0;evil\x07")}}))
	out := screen(m)
	for _, w := range []string{"reconnecting in 3s (attempt 2): 503 ␛]0;evil␇", "datafeed v2", "simulator", "q quit"} {
		if !strings.Contains(out, w) {
			t.Errorf("status lacks %q:\n%s", w, out)
		}
	}
	update(m, batch(engine.Item{Status: &feed.Status{State: feed.Live, Version: "v2"}}))
	if !strings.Contains(screen(m), "● live") {
		t.Errorf("status not live:\n%s", screen(m))
	}
	update(m, batch(engine.Item{Status: &feed.Status{State: feed.Stopped, Version: "v2", Err: fmt.Errorf("403 Forbidden")}}))
	if !strings.Contains(screen(m), "stopped: 403 Forbidden") {
		t.Errorf("status lacks the reason:\n%s", screen(m))
	}
}

// TestStatusBarBadge shows a badge first, in the warning style, kept when
// the bar is too narrow for the rest.
func TestStatusBarBadge(t *testing.T) {
	m := New(Deps{Items: make(chan engine.Item), Host: "replay demo.jsonl", Badge: "REPLAY", Location: time.UTC})
	update(m, tea.WindowSizeMsg{Width: 120, Height: 10})
	update(m, batch(engine.Item{Status: &feed.Status{State: feed.Live, Version: "v2"}}))
	if !strings.HasPrefix(m.statusLine, m.styles.status+" "+m.styles.warn+"REPLAY") {
		t.Errorf("the badge does not open the status bar in the warning style: %q", m.statusLine)
	}
	if out := screen(m); !strings.Contains(out, "REPLAY · ● live") || !strings.Contains(out, "replay demo.jsonl") {
		t.Errorf("status bar:\n%s", out)
	}
	update(m, tea.WindowSizeMsg{Width: 30, Height: 10})
	if out := screen(m); !strings.Contains(out, "REPLAY") {
		t.Errorf("the badge is dropped from a narrow bar:\n%s", out)
	}
	hostile := New(Deps{Items: make(chan engine.Item), Badge: "REPLAY\x1b[2J"})
	update(hostile, tea.WindowSizeMsg{Width: 120, Height: 10})
	if strings.Contains(hostile.statusLine, "\x1b[2J") {
		t.Errorf("an escape sequence of the badge reached the terminal: %q", hostile.statusLine)
	}
	plain := newTestModel(t, 120, 10)
	if strings.Contains(screen(plain), "REPLAY") || !strings.HasPrefix(plain.statusLine, plain.styles.status+" ") {
		t.Errorf("a badge without Deps.Badge: %q", plain.statusLine)
	}
}

// page returns n messages of stream from index from, a minute apart.
func page(stream string, from, n int) []symphony.V4Message {
	out := make([]symphony.V4Message, n)
	for i := range out {
		k := from + i
		out[i] = message(stream, fmt.Sprintf("%s-%06d", stream, k), int64(2+k%3), base+int64(k)*60_000, fmt.Sprintf("message number %d", k))
	}
	return out
}

// loadLatest opens stream and delivers its latest page.
func loadLatest(t *testing.T, m *Model, stream string, msgs []symphony.V4Message, reached bool) {
	t.Helper()
	openByKeys(t, m, stream)
	s := m.streams[stream]
	if !s.loading || !m.deps.Pager.InFlight(stream) {
		t.Fatal("opening the stream started no history request")
	}
	update(m, pageMsg{Stream: stream, Gen: m.deps.Pager.Generation(stream), Page: history.Page{Messages: msgs, Reached: reached}})
	if s.loading || !s.loaded {
		t.Fatalf("after the page: loading %v loaded %v", s.loading, s.loaded)
	}
}

func TestOlderPagesWithGenerations(t *testing.T) {
	m := newTestModel(t, 100, 20)
	loadLatest(t, m, "roomA", page("roomA", 100, 30), false)
	s := m.streams["roomA"]
	if !strings.Contains(screen(m), "message number 129") {
		t.Fatalf("newest message not shown:\n%s", screen(m))
	}
	// Scroll to the top: an older page is requested, with a loading row.
	press(m, "g")
	if !s.loading {
		t.Fatal("reaching the top requested no older page")
	}
	if !strings.Contains(screen(m), "loading…") {
		t.Errorf("no loading row:\n%s", screen(m))
	}
	stale := m.deps.Pager.Generation("roomA")
	// The stream is reset while the request is in flight: its page is stale.
	m.deps.Pager.Invalidate("roomA")
	update(m, pageMsg{Stream: "roomA", Gen: stale, Older: true, Page: history.Page{Messages: page("roomA", 0, 100)}})
	if n := s.tl.Len(); n != 30 {
		t.Fatalf("stale page applied: %d rows", n)
	}
	// The next frame asks again, under the new generation.
	if !s.loading || m.deps.Pager.Generation("roomA") == stale {
		t.Fatalf("no new request after the stale page (loading %v)", s.loading)
	}
	update(m, pageMsg{Stream: "roomA", Gen: m.deps.Pager.Generation("roomA"), Older: true,
		Page: history.Page{Messages: page("roomA", 0, 100), Reached: true}})
	if n := s.tl.Len(); n != 130 {
		t.Fatalf("rows = %d, want 130", n)
	}
	// The view stays where it was: the row that was at the top is still on
	// screen, the new rows are above it.
	if !strings.Contains(screen(m), "message number 100") {
		t.Errorf("view jumped after the older page:\n%s", screen(m))
	}
	press(m, "g")
	out := screen(m)
	if !strings.Contains(out, "beginning of the conversation") || !strings.Contains(out, "message number 0") {
		t.Errorf("top of the conversation not shown:\n%s", out)
	}
	if s.loading {
		t.Error("a request after Reached")
	}
}

func TestScrollingAndAnchoring(t *testing.T) {
	m := newTestModel(t, 100, 20)
	loadLatest(t, m, "roomA", page("roomA", 0, 200), true)
	s := m.streams["roomA"]
	if !s.view.follow {
		t.Fatal("a new pane does not follow the newest row")
	}
	press(m, "k", "k", "k")
	if s.view.follow {
		t.Fatal("still following after scrolling up")
	}
	before := slices.Clone(m.pane().lines)
	// New messages below and an old one above: the view stays put.
	update(m, batch(live(message("roomA", "late", 2, base+500*60_000, "late news")),
		live(message("roomA", "early", 2, base-60_000, "early news"))))
	if !slices.Equal(before, m.pane().lines) {
		t.Errorf("view moved when events arrived:\nbefore %q\nafter  %q", before, m.pane().lines)
	}
	if !strings.Contains(ansi.Strip(m.pane().title), "1 new below") {
		t.Errorf("title lacks the newer-below hint: %q", ansi.Strip(m.pane().title))
	}
	press(m, "G")
	if !s.view.follow || !strings.Contains(screen(m), "late news") {
		t.Errorf("G did not go to the newest row:\n%s", screen(m))
	}
	// Following: a new message shows at once.
	update(m, batch(live(message("roomA", "later", 3, base+501*60_000, "later news"))))
	if !strings.Contains(screen(m), "later news") {
		t.Errorf("new message not shown while following:\n%s", screen(m))
	}
	// Page up and down come back to the bottom.
	press(m, "pgup", "pgup", "pgdown", "pgdown", "pgdown")
	if !s.view.follow {
		t.Error("page down did not come back to the bottom")
	}
	// A click in the list opens the stream under the pointer.
	for i, r := range m.rows {
		if r.id == "roomB" {
			update(m, tea.MouseClickMsg{X: 3, Y: i - m.listOff, Button: tea.MouseLeft})
		}
	}
	if m.open != "roomB" {
		t.Fatalf("click opened %q", m.open)
	}
	openByKeys(t, m, "roomA")
	// The wheel scrolls the pane under the pointer.
	update(m, tea.MouseWheelMsg{X: 60, Y: 5, Button: tea.MouseWheelUp})
	if s.view.follow {
		t.Error("the wheel did not scroll the pane")
	}
	update(m, tea.MouseWheelMsg{X: 60, Y: 5, Button: tea.MouseWheelDown})
	if !s.view.follow {
		t.Error("the wheel did not scroll back")
	}
}

func TestGroupingDaysAndEvents(t *testing.T) {
	m := newTestModel(t, 100, 30)
	msgs := []symphony.V4Message{
		message("roomA", "x1", 2, base, "first"),
		message("roomA", "x2", 2, base+60_000, "second, grouped"),
		message("roomA", "x3", 3, base+120_000, "third"),
		message("roomA", "x4", 3, base+86_400_000, "next day"),
	}
	loadLatest(t, m, "roomA", msgs, true)
	join := engine.Item{StreamID: "roomA", Event: symphony.V4Event{ID: "j1", Timestamp: base + 86_460_000, Type: "USERJOINEDROOM",
		Initiator: &symphony.V4Initiator{User: &symphony.V4User{UserID: 5, DisplayName: "Dora"}},
		Payload: &symphony.V4Payload{UserJoinedRoom: &symphony.V4UserJoinedRoom{
			Stream:       &symphony.V4Stream{StreamID: "roomA"},
			AffectedUser: &symphony.V4User{UserID: 5, DisplayName: "Dora"}}}}}
	update(m, batch(join))
	out := screen(m)
	if n := strings.Count(out, "User 2  09:0"); n != 1 {
		t.Errorf("author header of a group shown %d times:\n%s", n, out)
	}
	for _, w := range []string{"Monday 23 November 2026", "Tuesday 24 November 2026", "Dora joined", "next day"} {
		if !strings.Contains(out, w) {
			t.Errorf("screen lacks %q:\n%s", w, out)
		}
	}
}

func TestSmallTerminal(t *testing.T) {
	m := newTestModel(t, 60, 15)
	loadLatest(t, m, "roomA", page("roomA", 0, 50), true)
	check := func() {
		t.Helper()
		lines := strings.Split(m.View().Content, "\n")
		if len(lines) != 15 {
			t.Errorf("%d lines, want 15", len(lines))
		}
		for i, l := range lines {
			if w := ansi.StringWidth(l); w > 60 {
				t.Errorf("line %d is %d wide: %q", i, w, ansi.Strip(l))
			}
		}
	}
	if m.layout.list || !m.layout.timeline {
		t.Fatalf("at 60×15 the list should collapse: %+v", m.layout)
	}
	check()
	press(m, "tab")
	if !m.layout.list || m.layout.timeline {
		t.Fatalf("with the list focused it should take the screen: %+v", m.layout)
	}
	check()
	update(m, tea.WindowSizeMsg{Width: 200, Height: 60})
	if !m.layout.list || !m.layout.timeline {
		t.Fatalf("at 200×60 both parts show: %+v", m.layout)
	}
	update(m, tea.WindowSizeMsg{Width: 20, Height: 3})
	_ = m.View()
}

func TestNoEscapeResidue(t *testing.T) {
	m := newTestModel(t, 120, 30)
	evil := message("roomA", "e1", 9, base, "hi \x1b]52;c;ZXZpbA==\x07 there \x1b[2J\rCEO: wire money \u202e")
	evil.User.DisplayName = "Mallory\x1b[31m\x1b]0;title\x07"
	evil.Stream.RoomName = "Room\x1b[5m"
	update(m, batch(live(evil)))
	openByKeys(t, m, "roomA")
	out := m.View().Content
	if err := onlySGR(out); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsRune(out, '\r') {
		t.Error("a carriage return reached the screen")
	}
}

// onlySGR reports an escape sequence in s other than SGR.
func onlySGR(s string) error {
	for i := 0; i < len(s); i++ {
		if s[i] != 0x1b {
			continue
		}
		if i+1 >= len(s) || s[i+1] != '[' {
			return fmt.Errorf("non-CSI escape at %d: %q", i, s[i:min(len(s), i+12)])
		}
		j := i + 2
		for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';' || s[j] == ':') {
			j++
		}
		if j >= len(s) || s[j] != 'm' {
			return fmt.Errorf("non-SGR sequence at %d: %q", i, s[i:min(len(s), j+1)])
		}
	}
	return nil
}

func TestThemeFromBackground(t *testing.T) {
	m := newTestModel(t, 100, 20)
	gen := m.styles.gen
	update(m, tea.BackgroundColorMsg{Color: ansi.IndexedColor(15)})
	if m.styles.gen == gen || m.styles.theme.Name() == "dark" {
		t.Errorf("light background: theme %q gen %d", m.styles.theme.Name(), m.styles.gen)
	}
	m.deps.NoColor = true
	update(m, tea.BackgroundColorMsg{Color: ansi.IndexedColor(0)})
	if m.styles.theme.Name() != "nocolor" {
		t.Errorf("NO_COLOR: theme %q", m.styles.theme.Name())
	}
}

func TestRateRecoveredAndConnections(t *testing.T) {
	m := newTestModel(t, 160, 20)
	clock := time.UnixMilli(base)
	m.now = func() time.Time { return clock }
	var items []engine.Item
	for i := 0; i < 50; i++ {
		items = append(items, live(message("roomA", fmt.Sprintf("r%d", i), 2, base+int64(i), "x")))
	}
	rec := live(message("roomB", "old", 2, base-1000, "recovered"))
	rec.Recovered = true
	conn := engine.Item{Event: symphony.V4Event{ID: "c1", Timestamp: base, Type: "CONNECTIONREQUESTED",
		Initiator: &symphony.V4Initiator{User: &symphony.V4User{UserID: 7, DisplayName: "Vic"}},
		Payload: &symphony.V4Payload{ConnectionRequested: &symphony.V4ConnectionRequested{
			ToUser: &symphony.V4User{UserID: me}}}}}
	update(m, batch(append(items, rec, conn)...))
	if s := m.streams["roomB"]; s.unread != 0 || s.tl.Len() != 1 {
		t.Errorf("recovered message: unread %d rows %d, want 0 and 1", s.unread, s.tl.Len())
	}
	// Recovered after the start (a feed that died meanwhile): unread.
	missed := live(message("roomB", "missed", 2, m.started+1000, "missed while the feed was down"))
	missed.Recovered = true
	update(m, batch(missed))
	if s := m.streams["roomB"]; s.unread != 1 {
		t.Errorf("a message recovered after the start: unread %d, want 1", s.unread)
	}
	if s := m.streams[connectionsID]; s.unread != 1 || s.tl.Len() != 1 {
		t.Errorf("connections: unread %d rows %d, want 1 and 1", s.unread, s.tl.Len())
	}
	if n := m.streams[activityID].tl.Len(); n != 53 {
		t.Errorf("activity holds %d rows, want 53", n)
	}
	clock = clock.Add(2 * time.Second)
	update(m, tickMsg(clock))
	out := screen(m)
	for _, w := range []string{"10.6 ev/s", "last 2s ago", "52 unread"} {
		if !strings.Contains(out, w) {
			t.Errorf("status lacks %q:\n%s", w, out)
		}
	}
	openByKeys(t, m, connectionsID)
	if !strings.Contains(screen(m), "Vic asked Me to connect") {
		t.Errorf("connection row missing:\n%s", screen(m))
	}
}
