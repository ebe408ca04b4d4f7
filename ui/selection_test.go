package ui

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tutti-chat/tutti/symphony"
)

// selectedText returns the plain text of the selected row of the open
// stream, "" when nothing is selected.
func selectedText(m *Model) string {
	s := m.streams[m.open]
	i := m.selIndex(s)
	if i < 0 {
		return ""
	}
	return m.plainOf(s.tl.At(i))
}

// markedLines returns the screen lines that carry the selection bar.
func markedLines(m *Model) []string {
	var out []string
	for _, l := range strings.Split(screen(m), "\n") {
		if strings.Contains(l, "▌") {
			out = append(out, l)
		}
	}
	return out
}

func TestSelectionMovesAndScrolls(t *testing.T) {
	m := newTestModel(t, 100, 20)
	loadLatest(t, m, "roomA", page("roomA", 0, 200), true)
	openByKeys(t, m, "roomA")
	s := m.streams["roomA"]
	press(m, "k")
	if got := selectedText(m); got != "message number 199" {
		t.Fatalf("k selected %q, want the newest", got)
	}
	if marked := markedLines(m); len(marked) != 1 || !strings.Contains(marked[0], "message number 199") {
		t.Errorf("selection bar on %q", marked)
	}
	// Moving up past the top of the pane scrolls it.
	for i := 0; i < 30; i++ {
		press(m, "k")
	}
	if got := selectedText(m); got != "message number 169" {
		t.Fatalf("30 more k selected %q", got)
	}
	if marked := markedLines(m); len(marked) != 1 || !strings.Contains(marked[0], "message number 169") {
		t.Errorf("the selected row is not on screen: %q\n%s", marked, screen(m))
	}
	// A message arriving below leaves the selection where it is.
	before := screen(m)
	update(m, batch(live(message("roomA", "new", 2, base+999*60_000, "brand new"))))
	if screen(m) == before && !strings.Contains(ansi.Strip(m.pane().title), "new below") {
		t.Error("no sign of the message that arrived below")
	}
	if got := selectedText(m); got != "message number 169" {
		t.Errorf("the selection moved to %q", got)
	}
	// Moving down past the newest row ends the selection and follows.
	for i := 0; i < 40; i++ {
		press(m, "j")
	}
	if s.sel.key != "" || !s.view.follow || !strings.Contains(screen(m), "brand new") {
		t.Errorf("j past the newest: sel %+v follow %v", s.sel, s.view.follow)
	}
	// esc clears a selection.
	press(m, "k", "esc")
	if s.sel.key != "" {
		t.Error("esc kept the selection")
	}
}

func TestSearchHighlightsAndMoves(t *testing.T) {
	m := newTestModel(t, 100, 20)
	loadLatest(t, m, "roomA", page("roomA", 0, 200), true)
	openByKeys(t, m, "roomA")
	press(m, "/")
	if m.mode != modeSearch || !strings.Contains(screen(m), "/") {
		t.Fatal("/ did not open the search input")
	}
	typeText(m, "NUMBER 12")
	// Incremental: the newest match at or above the bottom is selected.
	if got := selectedText(m); got != "message number 129" {
		t.Fatalf("typing selected %q", got)
	}
	press(m, "enter")
	if m.mode == modeSearch || m.search.query != "NUMBER 12" {
		t.Fatalf("enter: typing %v query %q", m.mode == modeSearch, m.search.query)
	}
	// Matches are in reverse video, case folded.
	raw := m.View().Content
	if !strings.Contains(raw, "\x1b[7mnumber 12\x1b[27m") {
		t.Errorf("no highlighted match in the frame")
	}
	press(m, "n")
	if got := selectedText(m); got != "message number 128" {
		t.Errorf("n selected %q", got)
	}
	press(m, "N", "N")
	if got := selectedText(m); got != "message number 129" {
		t.Errorf("N N selected %q", got)
	}
	for i := 0; i < 12; i++ {
		press(m, "n")
	}
	if got := selectedText(m); got != "message number 12" {
		t.Errorf("the oldest match is %q", got)
	}
	press(m, "n")
	if !strings.Contains(screen(m), "no older match") {
		t.Errorf("no word at the last match:\n%s", screen(m))
	}
	// esc while typing restores the pane and drops the search.
	press(m, "G", "/")
	typeText(m, "number 5")
	update(m, tea.KeyPressMsg{Code: tea.KeyEscape})
	s := m.streams["roomA"]
	if m.search.query != "" || !s.view.follow || s.sel.key != "" {
		t.Errorf("esc: query %q follow %v sel %+v", m.search.query, s.view.follow, s.sel)
	}
	if strings.Contains(m.View().Content, "\x1b[7m") && strings.Contains(m.View().Content, "\x1b[7mnumber") {
		t.Error("highlights remain after esc")
	}
}

func TestHighlightKeepsEscapes(t *testing.T) {
	line := "\x1b[1mHello\x1b[0m \x1b]8;;https://x.example\x07World\x1b]8;;\x07 hello"
	got := highlight(line, "hello")
	if ansi.Strip(got) != ansi.Strip(line) {
		t.Errorf("text changed: %q", ansi.Strip(got))
	}
	if strings.Count(got, "\x1b[7m") != 2 || strings.Count(got, "\x1b[27m") != 2 {
		t.Errorf("highlight = %q", got)
	}
	if err := onlySGR(strings.ReplaceAll(strings.ReplaceAll(got, "\x1b]8;;https://x.example\x07", ""), "\x1b]8;;\x07", "")); err != nil {
		t.Error(err)
	}
	if highlight(line, "absent") != line {
		t.Error("a line without a match changed")
	}
	if got := highlight("ÉCOLE école", "école"); strings.Count(got, "\x1b[7m") != 2 {
		t.Errorf("case folding: %q", got)
	}
}

func TestCopyOpenAndInspect(t *testing.T) {
	var opened []string
	m := newTestModel(t, 100, 24)
	m.deps.OpenURL = func(u string) error { opened = append(opened, u); return nil }
	msg := message("roomA", "l1", 2, base+1000,
		`see <a href="https://example.com/a">A</a> and <a href="javascript:alert(1)">B</a> and <a href="https://example.org/b">C</a> &amp; more`)
	ev := live(msg)
	update(m, batch(ev))
	openByKeys(t, m, "roomA")

	// y copies the row's text through OSC 52 (tea.SetClipboard).
	cmd := update(m, tea.KeyPressMsg{Code: 'y', Text: "y"})
	if got := selectedText(m); !strings.Contains(got, "see A and B and C & more") {
		t.Fatalf("y acted on %q", got)
	}
	if clip := fmt.Sprint(run[tea.Msg](cmd)); !strings.Contains(clip, "see A (example.com) and B") {
		t.Errorf("the clipboard command carries %s", clip)
	}
	// o opens the safe links in turn, never javascript:.
	for i := 0; i < 3; i++ {
		for _, msg := range run[tea.Msg](update(m, tea.KeyPressMsg{Code: 'o', Text: "o"})) {
			update(m, msg)
		}
	}
	if strings.Join(opened, " ") != "https://example.com/a https://example.org/b https://example.com/a" {
		t.Errorf("opened %v", opened)
	}
	// e shows the raw event and the last HTTP calls; y there copies it;
	// e closes.
	m.deps.Exchanges = func() []symphony.Exchange {
		return []symphony.Exchange{{At: time.UnixMilli(base), Op: "read datafeed", Method: "POST", Path: "/agent/v5/datafeeds/x/read", Status: 200, Duration: 1234 * time.Millisecond}}
	}
	press(m, "e")
	if m.mode != modeInspector || !strings.Contains(screen(m), `"messageId": "l1"`) || !strings.Contains(screen(m), "MESSAGESENT") {
		t.Fatalf("inspector:\n%s", screen(m))
	}
	press(m, "G", "G") // the end of the event, then the calls under it
	if !strings.Contains(screen(m), "09:00:00.000  POST   /agent/v5/datafeeds/x/read  200  1.234s") {
		t.Errorf("the inspector lacks the HTTP calls:\n%s", screen(m))
	}
	var back symphony.V4Event
	if err := json.Unmarshal([]byte(m.insp.json), &back); err != nil || back.ID != ev.Event.ID {
		t.Errorf("the inspector's JSON does not round-trip: %v %+v", err, back.ID)
	}
	if cmd := update(m, tea.KeyPressMsg{Code: 'q', Text: "q"}); isQuit(cmd) || m.mode == modeInspector {
		t.Errorf("q in the inspector: quit %v open %v", isQuit(cmd), m.mode == modeInspector)
	}
}

func TestInspectorShowsHostileTextSafely(t *testing.T) {
	m := newTestModel(t, 100, 24)
	update(m, batch(live(message("roomA", "h1", 2, base+1000, "bad \u202e\u009b31m text"))))
	openByKeys(t, m, "roomA")
	press(m, "e")
	if err := onlySGR(m.View().Content); err != nil {
		t.Error(err)
	}
	if strings.ContainsRune(m.View().Content, '\u202e') || strings.ContainsRune(m.View().Content, '\u009b') {
		t.Error("a BiDi or C1 control reached the frame")
	}
}

// TestInspectorFetchesAHistoryMessageWhole: a message known only from
// history is kept in part; the inspector shows that at once and the whole
// message once the pod answers, or says why it could not.
func TestInspectorFetchesAHistoryMessageWhole(t *testing.T) {
	m := newTestModel(t, 100, 24)
	var asked []string
	fail := false
	m.deps.FetchMessage = func(_ context.Context, id string) (symphony.V4Message, bool, error) {
		asked = append(asked, id)
		if fail {
			return symphony.V4Message{}, false, errors.New("503 Service Unavailable")
		}
		full := message("roomA", id, 2, base+1000, "from history")
		full.SID, full.UserAgent = "sid-of-"+id, "Agent-2.0"
		return full, true, nil
	}
	msg := message("roomA", "hist1", 2, base+1000, "from history")
	msg.SID = "sid-of-hist1"
	loadLatest(t, m, "roomA", []symphony.V4Message{msg}, true)
	press(m, "k")
	cmd := update(m, tea.KeyPressMsg{Code: 'e', Text: "e"})
	if m.mode != modeInspector || !strings.Contains(m.insp.title, "as kept") || strings.Contains(m.insp.json, "sid-of-hist1") {
		t.Fatalf("before the answer: %q\n%s", m.insp.title, m.insp.json)
	}
	for _, f := range run[fetchedMsg](cmd) {
		update(m, f)
	}
	if len(asked) != 1 || asked[0] != "hist1" {
		t.Fatalf("fetched %v, want hist1", asked)
	}
	if !strings.Contains(m.insp.json, `"sid": "sid-of-hist1"`) || strings.Contains(m.insp.title, "as kept") {
		t.Fatalf("after the answer: %q\n%s", m.insp.title, m.insp.json)
	}
	press(m, "e")
	fail = true
	cmd = update(m, tea.KeyPressMsg{Code: 'e', Text: "e"})
	for _, f := range run[fetchedMsg](cmd) {
		update(m, f)
	}
	if m.mode != modeInspector || !strings.Contains(m.insp.title, "fetching it whole failed: 503") || !strings.Contains(m.insp.json, "from history") {
		t.Fatalf("after a failed fetch: %q\n%s", m.insp.title, m.insp.json)
	}
}
