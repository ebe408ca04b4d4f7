// Golden screens of the terminal UI, so that a change of layout or style
// shows up in review as a diff of ui/testdata/TestGoldenScreens/.
//
// After an intended change, update the goldens and review their diff:
//
//	go test ./ui/ -run Golden -update
//
// Frames: the main screen (the stream list with unread counts, a mention,
// an external and an archived room, and Platform Ops open: two days of
// history, a read marker, a mention of the reader, a reply, a membership
// row and live traffic) at 120×40 and 80×24, and the help overlay over it
// at both sizes. Each frame has three goldens:
//
//   - layout.golden: the plain text of the frame, escape sequences
//     stripped. It is the same for both themes (the test checks it) and is
//     the readable one: a column moved, a row lost or a label changed shows
//     in its diff as it would on screen.
//   - dark.golden and light.golden: the same frame as the model writes it
//     in that theme, every escape sequence written out as a Go string
//     escape (\x1b[1m), one screen line per line, so that a change of style
//     is reviewable text too, and the two themes differ.
//
// Determinism: the model runs in a real Bubble Tea program (teatest), but
// everything it shows is fixed by the test: the clock (Deps.Now and the
// Pager's clock), the time zone (UTC), the streams, people and messages
// (built here: no simulator, no randomness), the theme (dark or light in
// the settings, never auto, which depends on the terminal's answer) and
// NO_COLOR (cleared). A frame is the model's View content, whose SGR codes
// the model writes itself (256-colour for the chrome, 24-bit for message
// text); it does not pass through the renderer, so the terminal's colour
// profile cannot change it (the program's is pinned to ANSI256 all the
// same). The inputs that arrive asynchronously, the engine's items and the
// history page, are awaited in turn through a probe that the program
// handles after every message, before the next key is sent; keys and
// probes go through the program's queue in order. The program's own
// commands (the one-second tick, the background-colour query) change
// nothing on screen under a fixed clock and an explicit theme.
package ui_test

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/tutti-chat/tutti/feed"
	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/internal/engine"
	"github.com/tutti-chat/tutti/internal/tuiconfig"
	"github.com/tutti-chat/tutti/symphony"
	"github.com/tutti-chat/tutti/ui"
)

// The desk's clock: Monday 23 November 2026, 10:00 UTC.
var deskNow = time.Date(2026, time.November, 23, 10, 0, 0, 0, time.UTC)

// The reader and the people of the desk.
const (
	deskMe = 1001 + iota
	deskAlice
	deskBob
	deskCarla
	deskDmitri
	deskEve
	deskFarid
	deskGina // of another company, in the external room
)

var deskNames = map[int64]string{
	deskMe: "Sam Reader", deskAlice: "Alice Martin", deskBob: "Bob Chen", deskCarla: "Carla Diaz",
	deskDmitri: "Dmitri Ivanov", deskEve: "Eve Okafor", deskFarid: "Farid Haddad", deskGina: "Gina Rossi",
}

// The desk's streams; ops is open in the only pane.
var deskStreams = []ui.StreamInfo{
	{ID: "opsRoom", Name: "Platform Ops", Type: symphony.StreamRoom},
	{ID: "relRoom", Name: "Releases", Type: symphony.StreamRoom},
	{ID: "deskRoom", Name: "Rates Desk", Type: symphony.StreamRoom, External: true},
	{ID: "lunchRoom", Name: "Lunch Club", Type: symphony.StreamRoom},
	{ID: "q3Room", Name: "Q3 Incident", Type: symphony.StreamRoom, Inactive: true},
	{ID: "teamMIM", Name: "Alice Martin, Bob Chen, Carla Diaz", Type: symphony.StreamMIM},
	{ID: "aliceIM", Name: "Alice Martin", Type: symphony.StreamIM},
	{ID: "bobIM", Name: "Bob Chen", Type: symphony.StreamIM},
}

// at returns the time of day hh:mm, days before deskNow's day, in ms.
func at(daysAgo, hh, mm int) int64 {
	y, mo, d := deskNow.Date()
	return time.Date(y, mo, d-daysAgo, hh, mm, 0, 0, time.UTC).UnixMilli()
}

// deskMessage is a message of user in stream at ts; text is PresentationML
// inside the message's div.
func deskMessage(stream, id string, user int64, ts int64, text string) symphony.V4Message {
	kind := symphony.StreamRoom
	if i := slices.IndexFunc(deskStreams, func(s ui.StreamInfo) bool { return s.ID == stream }); i >= 0 {
		kind = deskStreams[i].Type
	}
	return symphony.V4Message{
		MessageID: id, Timestamp: ts,
		Message: `<div data-format="PresentationML" data-version="2.0">` + text + `</div>`,
		User:    &symphony.V4User{UserID: user, DisplayName: deskNames[user]},
		Stream:  &symphony.V4Stream{StreamID: stream, StreamType: kind},
	}
}

// mentionOfMe is the PresentationML and EntityJSON of a mention of the
// reader, entity 0.
const (
	mentionOfMe     = `<span class="entity" data-entity-id="0">@Sam Reader</span>`
	mentionOfMeData = `{"0":{"id":[{"type":"com.symphony.user.userId","value":"1001"}],"type":"com.symphony.user.mention"}}`
)

// deskHistory is the history of the open room that the Pager serves.
func deskHistory() []symphony.V4Message {
	confirm := deskMessage("opsRoom", "ops-06", deskEve, at(0, 9, 31), mentionOfMe+` can you confirm the feature flag is off for EMEA?`)
	confirm.Data = mentionOfMeData
	reply := deskMessage("opsRoom", "ops-08", deskDmitri, at(0, 9, 40), `50% done, p99 latency 212 ms, no errors.`)
	reply.ParentMessageID = "ops-05"
	return []symphony.V4Message{
		deskMessage("opsRoom", "ops-01", deskAlice, at(1, 16, 2), `Deploy window for the <b>payments</b> service is tomorrow at 09:30.`),
		deskMessage("opsRoom", "ops-02", deskBob, at(1, 16, 5), `I'll take the canary. Runbook: <a href="https://wiki.example.com/runbooks/payments">payments runbook</a>`),
		deskMessage("opsRoom", "ops-03", deskBob, at(1, 16, 6), `Ping me if the dashboards look odd.`),
		deskMessage("opsRoom", "ops-04", deskDmitri, at(0, 9, 12), `Canary is at 10%, error rate flat.`),
		deskMessage("opsRoom", "ops-05", deskAlice, at(0, 9, 15), `<i>Nice.</i> Rolling to 50% at 09:30 unless someone objects.`),
		confirm,
		deskMessage("opsRoom", "ops-07", deskMe, at(0, 9, 33), `Confirmed: off for EMEA and APAC.`),
		reply,
	}
}

// deskItems are what the engine hands on after the page: the feed going
// live, a catch-up of the other streams, and live traffic in the open room,
// its newest message last.
func deskItems() []engine.Item {
	signOff := deskMessage("relRoom", "rel-02", deskBob, at(0, 9, 45), mentionOfMe+` sign-off needed on <b>4.12</b> before noon.`)
	signOff.Data = mentionOfMeData
	return []engine.Item{
		deskLive(deskMessage("deskRoom", "desk-01", deskGina, at(0, 8, 55), `Morning all, the curve looks steep today.`)),
		deskLive(deskMessage("relRoom", "rel-01", deskFarid, at(0, 9, 5), `Release notes for 4.12 are up.`)),
		deskLive(deskMessage("teamMIM", "mim-01", deskCarla, at(0, 9, 20), `Lunch at 12:30?`)),
		deskLive(signOff),
		deskLive(deskMessage("bobIM", "bob-01", deskBob, at(0, 9, 50), `Got a minute?`)),
		deskJoined("opsRoom", deskFarid, at(0, 9, 55)),
		deskLive(deskMessage("opsRoom", "ops-09", deskAlice, at(0, 9, 58), `All green. Closing the change at 10:00.`)),
		{Status: &feed.Status{State: feed.Live, Version: "v2"}},
	}
}

// deskLive is msg as the datafeed hands it on.
func deskLive(msg symphony.V4Message) engine.Item {
	return engine.Item{StreamID: msg.Stream.StreamID, Event: symphony.V4Event{
		ID: "ev-" + msg.MessageID, MessageID: msg.MessageID, Timestamp: msg.Timestamp, Type: symphony.EventMessageSent,
		Initiator: &symphony.V4Initiator{User: msg.User},
		Payload:   &symphony.V4Payload{MessageSent: &symphony.V4MessageSent{Message: &msg}},
	}}
}

// deskJoined is user joining stream at ts.
func deskJoined(stream string, user int64, ts int64) engine.Item {
	u := &symphony.V4User{UserID: user, DisplayName: deskNames[user]}
	return engine.Item{StreamID: stream, Event: symphony.V4Event{
		ID: fmt.Sprintf("ev-join-%d-%d", user, ts), Timestamp: ts, Type: symphony.EventUserJoinedRoom,
		Initiator: &symphony.V4Initiator{User: u},
		Payload: &symphony.V4Payload{UserJoinedRoom: &symphony.V4UserJoinedRoom{
			Stream: &symphony.V4Stream{StreamID: stream}, AffectedUser: u}},
	}}
}

// deskFetcher serves the open room's history as the agent does: since ≤
// timestamp ≤ until, ascending, then skip and limit.
type deskFetcher struct{ msgs []symphony.V4Message }

func (f deskFetcher) StreamMessages(_ context.Context, stream string, q symphony.MessageQuery) ([]symphony.V4Message, error) {
	var out []symphony.V4Message
	for _, m := range f.msgs {
		if m.Stream.StreamID == stream && m.Timestamp >= q.Since && (q.Until == 0 || m.Timestamp <= q.Until) {
			out = append(out, m)
		}
	}
	out = out[min(q.Skip, len(out)):]
	if q.Limit > 0 {
		out = out[:min(q.Limit, len(out))]
	}
	return out, nil
}

// probe asks the harness to close done once the screen (without escape
// sequences) satisfies ready.
type probe struct {
	ready func(screen string) bool
	done  chan struct{}
}

// harness runs the UI's model in the program and answers probes after
// every message, on the program's goroutine.
type harness struct {
	m     *ui.Model
	probe *probe
}

func (h *harness) Init() tea.Cmd { return h.m.Init() }

func (h *harness) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if p, ok := msg.(*probe); ok {
		h.probe = p
		msg = nil
	}
	var cmd tea.Cmd
	if msg != nil {
		_, cmd = h.m.Update(msg)
	}
	if h.probe != nil && h.probe.ready(ansi.Strip(h.m.View().Content)) {
		close(h.probe.done)
		h.probe = nil
	}
	return h, cmd
}

func (h *harness) View() tea.View { return h.m.View() }

// await sends a probe through the program and waits until the screen
// satisfies ready.
func await(t *testing.T, tm *teatest.TestModel, what string, ready func(string) bool) {
	t.Helper()
	p := &probe{ready: ready, done: make(chan struct{})}
	tm.Send(p)
	select {
	case <-p.done:
	case <-time.After(15 * time.Second):
		t.Fatalf("the screen never showed %s", what)
	}
}

// deskFrame runs the desk at w×h in theme, presses keys once the history
// and the items have arrived, quits, and returns the final frame.
func deskFrame(t *testing.T, w, h int, theme tuiconfig.Theme, keys ...tea.KeyPressMsg) string {
	t.Helper()
	set := tuiconfig.Defaults()
	set.Theme = theme
	items := make(chan engine.Item, 64)
	t.Cleanup(func() { close(items) })
	now := func() time.Time { return deskNow }
	m := ui.New(ui.Deps{
		Items:    items,
		Pager:    history.NewPager(deskFetcher{deskHistory()}, history.PagerOptions{Clock: now}),
		Streams:  deskStreams,
		Me:       deskMe,
		Host:     "simulator",
		Now:      now,
		Location: time.UTC,
		Settings: &set,
		// The reader had read Platform Ops up to 09:20.
		Saved: &ui.Saved{ReadMarkers: map[string]int64{"opsRoom": at(0, 9, 20)}},
	})
	// The engine's items wait in the channel before the program starts,
	// the feed's status last: once the status bar says live, every item
	// has been applied.
	for _, it := range deskItems() {
		items <- it
	}
	tm := teatest.NewTestModel(t, &harness{m: m}, teatest.WithInitialTermSize(w, h),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.ANSI256)))
	await(t, tm, "the feed live", func(s string) bool { return strings.Contains(s, "● live") })
	// Open Platform Ops with the quick switcher, as a reader would, and
	// wait for its history.
	tm.Send(tea.KeyPressMsg{Code: 'k', Mod: tea.ModCtrl})
	tm.Type("platform")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	await(t, tm, "the history page", func(s string) bool {
		return strings.Contains(s, "Confirmed: off for EMEA") && !strings.Contains(s, "loading…")
	})
	for _, k := range keys {
		tm.Send(k)
	}
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	final := tm.FinalModel(t, teatest.WithFinalTimeout(15*time.Second)).(*harness)
	return final.m.View().Content
}

// escaped writes every control character and escape sequence of frame as a
// Go string escape, line by line.
func escaped(frame string) string {
	lines := strings.Split(frame, "\n")
	for i, l := range lines {
		q := strconv.Quote(l)
		lines[i] = q[1 : len(q)-1]
	}
	return strings.Join(lines, "\n") + "\n"
}

func TestGoldenScreens(t *testing.T) {
	// NO_COLOR makes every theme mono; the goldens are of the colours.
	t.Setenv("NO_COLOR", "")
	help := tea.KeyPressMsg{Code: '?', Text: "?"}
	for _, tc := range []struct {
		name string
		w, h int
		keys []tea.KeyPressMsg
	}{
		{"main_120x40", 120, 40, nil},
		{"main_80x24", 80, 24, nil},
		{"help_120x40", 120, 40, []tea.KeyPressMsg{help}},
		{"help_80x24", 80, 24, []tea.KeyPressMsg{help}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dark := deskFrame(t, tc.w, tc.h, tuiconfig.ThemeDark, tc.keys...)
			light := deskFrame(t, tc.w, tc.h, tuiconfig.ThemeLight, tc.keys...)
			layout := ansi.Strip(dark)
			if got := ansi.Strip(light); got != layout {
				t.Errorf("the light theme changes the layout:\n%s\n\nthe dark one:\n%s", got, layout)
			}
			if dark == light {
				t.Error("the dark and light frames are the same")
			}
			if n := strings.Count(layout, "\n") + 1; n != tc.h {
				t.Errorf("the frame has %d lines, want %d", n, tc.h)
			}
			for i, l := range strings.Split(layout, "\n") {
				if w := ansi.StringWidth(l); w > tc.w {
					t.Errorf("line %d is %d wide, more than %d: %q", i+1, w, tc.w, l)
				}
			}
			t.Run("layout", func(t *testing.T) { teatest.RequireEqualOutput(t, []byte(layout+"\n")) })
			t.Run("dark", func(t *testing.T) { teatest.RequireEqualOutput(t, []byte(escaped(dark))) })
			t.Run("light", func(t *testing.T) { teatest.RequireEqualOutput(t, []byte(escaped(light))) })
		})
	}
}
