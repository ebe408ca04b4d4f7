package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tutti-chat/tutti/internal/desktop"
	"github.com/tutti-chat/tutti/messageml"
	"github.com/tutti-chat/tutti/symphony"
	"github.com/tutti-chat/tutti/watch"
)

// taggedML is a message of roomA as the agent delivers MessageML: a hash
// tag, its entity and text.
func taggedML(t *testing.T, id string, ts int64, ml string) symphony.V4Message {
	t.Helper()
	res, err := messageml.Convert(ml, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	msg := message("roomA", id, 2, ts, "")
	msg.Message, msg.Data = res.PresentationML, res.EntityJSON
	return msg
}

// watchModel returns a model watching #incident and "margin call".
func watchModel(t *testing.T) *Model {
	t.Helper()
	m := newTestModel(t, 140, 30)
	m.initWatch([]watch.Rule{{Name: "incidents", Hashtags: []string{"incident"}}, {Name: "margin", Words: []string{"margin call"}}})
	return m
}

// TestWatchStreamGathersMatches: the events that match a rule fill the
// Watch stream, each marked with its rules and its words in reverse
// video; the rules' counts head it; Watch counts unread while not shown;
// enter on a row opens its own stream there.
func TestWatchStreamGathersMatches(t *testing.T) {
	m := watchModel(t)
	inc := taggedML(t, "i1", base+1000, `<messageML>pager fired <hash tag="incident"/></messageML>`)
	update(m, batch(
		live(inc),
		live(message("roomB", "b1", 3, base+2000, "we have a margin call on the book")),
		live(message("roomB", "b2", 3, base+3000, "lunch anyone?")),
	))
	ws := m.streams[watchID]
	if ws.tl.Len() != 2 || ws.unread != 2 {
		t.Fatalf("Watch holds %d rows, %d unread; want the 2 matches unread", ws.tl.Len(), ws.unread)
	}
	openByKeys(t, m, watchID)
	got := screen(m)
	for _, want := range []string{"matches since tutti started: incidents 1 · margin 1", "· # Alpha  ⚑ incidents", "· # Bravo  ⚑ margin", "we have a margin call on the book"} {
		if !strings.Contains(got, want) {
			t.Errorf("Watch lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "lunch anyone") {
		t.Errorf("an event no rule matches is in Watch:\n%s", got)
	}
	if !strings.Contains(m.View().Content, "\x1b[7mmargin call") {
		t.Error("the words matched are not in reverse video")
	}
	if ws.unread != 0 {
		t.Errorf("Watch shown, still %d unread", ws.unread)
	}
	press(m, "k") // the newest: the margin call
	pressKey(m, "enter")
	if m.open != "roomB" {
		t.Errorf("enter on a Watch row opened %q, want its stream roomB", m.open)
	}
}

// TestWatchMatchNotifies: a match in a stream not on screen shows a
// desktop notification named after the rule.
func TestWatchMatchNotifies(t *testing.T) {
	m := watchModel(t)
	clock := time.UnixMilli(base + 3_600_000)
	m.now = func() time.Time { return clock }
	m.deps.Items = nil
	m.desk.method = desktop.OSC9
	got := escapesOf(update(m, batch(live(message("roomB", "b1", 3, clock.UnixMilli(), "margin call at ten")))))
	if !strings.Contains(got, "\x1b]9;[margin] Bravo · User 3: margin call at ten\a") {
		t.Errorf("the watch notification: %q", got)
	}
}

// TestSignalsBecomeRules: the account's signals are read-only rules that
// fill Watch as the user's do.
func TestSignalsBecomeRules(t *testing.T) {
	m := newTestModel(t, 140, 30)
	var sig symphony.Signal
	sig.ID, sig.Name, sig.Query = "sig1", "Risk", "hashtag:risk"
	update(m, signalsMsg{signals: []symphony.Signal{sig}})
	risk := taggedML(t, "r1", base+1000, `<messageML>limits <hash tag="risk"/></messageML>`)
	update(m, batch(live(risk)))
	if ws := m.streams[watchID]; ws.tl.Len() != 1 {
		t.Fatalf("a message with #risk: Watch holds %d rows", ws.tl.Len())
	}
	if !strings.Contains(m.watchTop(), "Risk 1") {
		t.Errorf("the rules' line: %q", m.watchTop())
	}
}

// TestSignalAlternativesCountOnce: a signal's OR makes rules of one name,
// which count and mark a message once.
func TestSignalAlternativesCountOnce(t *testing.T) {
	m := newTestModel(t, 140, 30)
	var sig symphony.Signal
	sig.ID, sig.Name, sig.Query = "sig1", "On call", "hashtag:incident OR hashtag:oncall"
	update(m, signalsMsg{signals: []symphony.Signal{sig}})
	both := taggedML(t, "r1", base+1000, `<messageML><hash tag="incident"/> <hash tag="oncall"/> paging</messageML>`)
	update(m, batch(live(both)))
	if top := m.watchTop(); top != "matches since tutti started: On call 1 (1 new)" {
		t.Errorf("the rules' line: %q", top)
	}
	if mk, _ := m.watchMarkOf(m.streams[watchID].tl.At(0)); len(mk.rules) != 1 {
		t.Errorf("the row's marks: %+v", mk)
	}
}

// TestWatchMarksAreBounded: the marks of rows Watch no longer keeps are
// forgotten, those of the rows it shows stay.
func TestWatchMarksAreBounded(t *testing.T) {
	m := watchModel(t)
	m.maxRows = 100
	m.streams[watchID] = m.newStream(watchID, "Watch", KindWatch)
	for i := range 500 {
		update(m, batch(live(message("roomB", fmt.Sprintf("b%d", i), 3, base+int64(i)*1000, "margin call again"))))
	}
	ws := m.streams[watchID]
	if n := len(m.watch.marks); n > 2*m.maxRows {
		t.Errorf("%d marks kept for a Watch of %d rows", n, ws.tl.Len())
	}
	if _, ok := m.watchMarkOf(ws.tl.At(ws.tl.Len() - 1)); !ok {
		t.Error("the newest row lost its marks")
	}
}

// TestWatchCountsOnceAndMarksRead: a match counts once in the unread total
// and the window title, in its own stream and not again in Watch; mark all
// read moves Watch's read marker and its rules' new counts too.
func TestWatchCountsOnceAndMarksRead(t *testing.T) {
	m := watchModel(t)
	update(m, batch(
		live(message("roomB", "b1", 3, base+2000, "we have a margin call on the book")),
		live(message("roomB", "b2", 3, base+3000, "lunch anyone?")),
	))
	if ws := m.streams[watchID]; ws.unread != 1 {
		t.Fatalf("Watch has %d unread, want the match", ws.unread)
	}
	if got := m.unreadTotal(); got != 2 {
		t.Errorf("unread total %d, want 2: the match counted once", got)
	}
	m.now = func() time.Time { return time.UnixMilli(base + 3500) }
	update(m, tea.KeyPressMsg{Code: 'r', Mod: tea.ModAlt})
	ws := m.streams[watchID]
	if ws.readTs < base+3000 || strings.Contains(m.watchTop(), "new") {
		t.Errorf("mark all read left Watch read to %d; %q", ws.readTs, m.watchTop())
	}
	update(m, batch(live(message("roomB", "b3", 3, base+4000, "another margin call"))))
	openByKeys(t, m, watchID)
	got := screen(m)
	if !strings.Contains(got, "new since") {
		t.Fatalf("no read marker in Watch:\n%s", got)
	}
	before, _, _ := strings.Cut(got, "new since")
	if !strings.Contains(before, "we have a margin call") {
		t.Errorf("the match read before mark all read is under the marker:\n%s", got)
	}
}

// TestWatchTopFits: when the rules do not all fit on the Watch stream's top
// line, those with news come first, then those that matched most, and the
// rest are counted with where to see them.
func TestWatchTopFits(t *testing.T) {
	m := newTestModel(t, 140, 30)
	var rules []watch.Rule
	for i := range 12 {
		rules = append(rules, watch.Rule{Name: fmt.Sprintf("rule-%02d", i), Words: []string{fmt.Sprintf("word%02d", i)}})
	}
	m.initWatch(rules)
	update(m, batch(
		live(message("roomB", "b1", 3, base+1000, "word07 here")),
		live(message("roomB", "b2", 3, base+2000, "word07 again, and word11")),
	))
	full := m.watchTop()
	if !strings.HasPrefix(full, "matches since tutti started: rule-07 2 (2 new) · rule-11 1 (1 new) · rule-00 0 ·") {
		t.Errorf("the rules with news first: %q", full)
	}
	line := m.watchTopLine(80)
	if ansi.StringWidth(line) > 80 || !strings.Contains(line, "rule-07 2 (2 new)") || !strings.HasSuffix(line, "more in the overview (O)") {
		t.Errorf("fitted to 80 columns: %q", line)
	}
	if m.watchTopLine(ansi.StringWidth(full)) != full {
		t.Errorf("the whole line fits in its own width: %q", m.watchTopLine(ansi.StringWidth(full)))
	}
}
