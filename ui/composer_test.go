package ui

import (
	"context"
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/messageml"
	"github.com/tutti-chat/tutti/symphony"
)

// fakeSend records the sends and answers them as told.
type fakeSend struct {
	calls []string // the MessageML sent
	fail  error
}

func (f *fakeSend) send(_ context.Context, stream, messageML, _ string) (symphony.V4Message, error) {
	f.calls = append(f.calls, messageML)
	if f.fail != nil {
		return symphony.V4Message{}, f.fail
	}
	return sentEcho(stream), nil
}

// sentEcho is the message the agent creates for a send, as the send's
// answer and as the feed's echo.
func sentEcho(stream string) symphony.V4Message {
	return message(stream, "sent-1", me, base+3_600_000, "hello <b>world</b>")
}

func newSendModel(t *testing.T) (*Model, *fakeSend) {
	t.Helper()
	m := newTestModel(t, 120, 30)
	f := &fakeSend{}
	m.deps.Send = f.send
	return m, f
}

// typeText presses the keys of s, one rune at a time.
func typeText(m *Model, s string) tea.Cmd {
	var cmd tea.Cmd
	for _, r := range s {
		cmd = update(m, tea.KeyPressMsg{Code: r, Text: string(r)})
		if isQuit(cmd) {
			return cmd
		}
	}
	return cmd
}

// run runs cmd and the commands of a batch it returns, and returns the
// messages of type T.
func run[T any](cmd tea.Cmd) []T {
	if cmd == nil {
		return nil
	}
	var out []T
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			out = append(out, run[T](c)...)
		}
	case T:
		out = append(out, msg)
	}
	return out
}

func isQuit(cmd tea.Cmd) bool { return len(run[tea.QuitMsg](cmd)) > 0 }

// sendKey presses enter in the composer and returns the answer of the send
// it started, if any.
func sendKey(t *testing.T, m *Model) (sentMsg, bool) {
	t.Helper()
	cmd := update(m, tea.KeyPressMsg{Code: tea.KeyEnter})
	got := run[sentMsg](cmd)
	if len(got) > 1 {
		t.Fatalf("%d sends for one key", len(got))
	}
	if len(got) == 0 {
		return sentMsg{}, false
	}
	return got[0], true
}

// rowsOf returns the rows of a stream.
func rowsOf(m *Model, stream string) []history.Row {
	s := m.streams[stream]
	out := make([]history.Row, s.tl.Len())
	for i := range out {
		out[i] = s.tl.At(i)
	}
	return out
}

func TestComposeSendAndEcho(t *testing.T) {
	for _, echoFirst := range []bool{false, true} {
		m, f := newSendModel(t)
		openByKeys(t, m, "roomA")
		press(m, "i")
		if m.mode != modeComposer {
			t.Fatalf("i in the timeline: focus %v", m.mode)
		}
		typeText(m, "hello **world**")
		if m.drafts["roomA"] != "hello **world**" {
			t.Fatalf("draft %q", m.drafts["roomA"])
		}
		answer, ok := sendKey(t, m)
		if !ok || len(f.calls) != 1 || !strings.Contains(f.calls[0], "<b>world</b>") {
			t.Fatalf("sent %v (%v)", f.calls, ok)
		}
		rows := rowsOf(m, "roomA")
		if len(rows) != 1 || !rows[0].Pending {
			t.Fatalf("rows after sending: %+v", rows)
		}
		if sc := screen(m); !strings.Contains(sc, "hello world") || !strings.Contains(sc, "sending…") {
			t.Fatalf("the pending message is not shown at once:\n%s", sc)
		}
		if m.ed.Value() != "" || m.drafts["roomA"] != "" || m.mode != modeComposer {
			t.Fatalf("after sending: composer %q, focus %v", m.ed.Value(), m.mode)
		}
		if echoFirst {
			update(m, batch(live(sentEcho("roomA"))))
			update(m, answer)
		} else {
			update(m, answer)
			update(m, batch(live(sentEcho("roomA"))))
		}
		rows = rowsOf(m, "roomA")
		if len(rows) != 1 || rows[0].Pending || rows[0].Key == "" {
			t.Fatalf("echo first %v: rows %+v", echoFirst, rows)
		}
		if sc := screen(m); strings.Count(sc, "hello world") != 1 || strings.Contains(sc, "sending…") {
			t.Fatalf("echo first %v: the message is not shown once:\n%s", echoFirst, sc)
		}
	}
}

func TestFailedSendRetries(t *testing.T) {
	m, f := newSendModel(t)
	openByKeys(t, m, "roomA")
	press(m, "i")
	typeText(m, "hello")
	f.fail = errors.New("503 service unavailable")
	answer, _ := sendKey(t, m)
	update(m, answer)
	rows := rowsOf(m, "roomA")
	if len(rows) != 1 || rows[0].Failed == "" {
		t.Fatalf("rows after a failure: %+v", rows)
	}
	sc := screen(m)
	if !strings.Contains(sc, "not sent: 503 service unavailable") || strings.Count(sc, "503 service unavailable") < 2 {
		t.Fatalf("the reason is not on the row and in the status line:\n%s", sc)
	}
	f.fail = nil
	answer, ok := sendKey(t, m) // an empty composer: retry
	if !ok || len(f.calls) != 2 || f.calls[0] != f.calls[1] {
		t.Fatalf("retry sent %v", f.calls)
	}
	if rows := rowsOf(m, "roomA"); len(rows) != 1 || rows[0].Failed != "" || !rows[0].Pending {
		t.Fatalf("rows while retrying: %+v", rows)
	}
	update(m, answer)
	if rows := rowsOf(m, "roomA"); len(rows) != 1 || rows[0].Pending {
		t.Fatalf("rows after the retry: %+v", rows)
	}
	if _, ok := sendKey(t, m); ok {
		t.Fatal("a second empty send retried a sent message")
	}
}

func TestEmptyMessageKeepsTheDraft(t *testing.T) {
	m, f := newSendModel(t)
	openByKeys(t, m, "roomA")
	press(m, "i")
	typeText(m, "bad \x01")
	long := strings.Repeat("x", messageml.MaxTextLength+1)
	update(m, tea.PasteMsg{Content: long})
	if m.ed.Value() != "bad "+long {
		t.Fatalf("a control character was typed: %q", m.ed.Value()[:8])
	}
	if _, ok := sendKey(t, m); ok || len(f.calls) != 0 {
		t.Fatalf("sent %d", len(f.calls))
	}
	if sc := screen(m); !strings.Contains(sc, "too long") {
		t.Fatalf("no reason in the status line:\n%s", sc)
	}
	if m.drafts["roomA"] != "bad "+long || len(rowsOf(m, "roomA")) != 0 {
		t.Fatal("the draft was not kept, or a row was added")
	}
	m.ed.Reset()
	m.saveDraft()
	if _, ok := sendKey(t, m); ok {
		t.Fatal("an empty composer sent")
	}
	if !strings.Contains(screen(m), "nothing to send") {
		t.Fatalf("no notice:\n%s", screen(m))
	}
}

func TestDraftsPerStream(t *testing.T) {
	m, _ := newSendModel(t)
	openByKeys(t, m, "roomA")
	press(m, "enter") // Timeline.Compose
	if m.mode != modeComposer {
		t.Fatalf("enter in the timeline: focus %v", m.mode)
	}
	typeText(m, "draft A")
	update(m, tea.KeyPressMsg{Code: tea.KeyEnter, Mod: tea.ModAlt})
	update(m, tea.KeyPressMsg{Code: 'j', Mod: tea.ModCtrl})
	typeText(m, "end")
	update(m, tea.KeyPressMsg{Code: tea.KeyEscape})
	if m.mode != modeTimeline || m.drafts["roomA"] != "draft A\n\nend" {
		t.Fatalf("after esc: focus %v, draft %q", m.mode, m.drafts["roomA"])
	}
	if sc := screen(m); !strings.Contains(sc, "┃ draft A") || !strings.Contains(sc, "┃ end") {
		t.Fatalf("the draft is not shown under the pane:\n%s", sc)
	}
	// i in the list composes in the stream under the cursor.
	press(m, "tab", "j", "i")
	if m.open != "roomB" || m.mode != modeComposer || m.ed.Value() != "" {
		t.Fatalf("i in the list: open %q focus %v composer %q", m.open, m.mode, m.ed.Value())
	}
	typeText(m, "draft B")
	update(m, tea.KeyPressMsg{Code: tea.KeyEscape})
	openByKeys(t, m, "roomA")
	press(m, "i")
	if m.ed.Value() != "draft A\n\nend" {
		t.Fatalf("back in roomA: %q", m.ed.Value())
	}
	typeText(m, "!")
	if m.drafts["roomA"] != "draft A\n\nend!" || m.drafts["roomB"] != "draft B" {
		t.Fatalf("drafts %q", m.drafts)
	}
}

func TestComposerKeysAreText(t *testing.T) {
	m, _ := newSendModel(t)
	openByKeys(t, m, "roomA")
	press(m, "i")
	cursor, open := m.cursorID, m.open
	if cmd := typeText(m, "qjkgG?tm"); isQuit(cmd) {
		t.Fatal("q in the composer quit")
	}
	update(m, tea.KeyPressMsg{Code: tea.KeyTab})
	if m.ed.Value() != "qjkgG?tm" || m.cursorID != cursor || m.open != open || m.mode != modeComposer {
		t.Fatalf("composer %q cursor %q open %q focus %v", m.ed.Value(), m.cursorID, m.open, m.mode)
	}
	update(m, tea.KeyPressMsg{Code: tea.KeyBackspace})
	update(m, tea.KeyPressMsg{Code: 'w', Mod: tea.ModCtrl})
	if m.ed.Value() != "" {
		t.Fatalf("after backspace and ctrl+w: %q", m.ed.Value())
	}
	if !isQuit(update(m, tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})) {
		t.Fatal("ctrl+c in the composer did not quit")
	}
}

func TestActivityIsReadOnly(t *testing.T) {
	m, f := newSendModel(t)
	for _, id := range []string{activityID, connectionsID} {
		openByKeys(t, m, id)
		press(m, "i")
		if m.mode == modeComposer {
			t.Fatalf("%s: the composer opened", id)
		}
		if !strings.Contains(screen(m), "read-only") {
			t.Fatalf("%s: no notice:\n%s", id, screen(m))
		}
		press(m, "tab", "i")
		if m.mode == modeComposer {
			t.Fatalf("%s: i in the list opened the composer", id)
		}
		press(m, "tab")
	}
	if len(f.calls) != 0 {
		t.Fatal("sent")
	}
}

func TestDirectoryResolvesMentions(t *testing.T) {
	m, f := newSendModel(t)
	m.names.Set(7, "Ana Silva")
	openByKeys(t, m, "roomA")
	press(m, "i")
	typeText(m, "hi @Ana Silva")
	if _, ok := sendKey(t, m); !ok || !strings.Contains(f.calls[0], `<mention uid="7"/>`) {
		t.Fatalf("sent %v", f.calls)
	}
	if !strings.Contains(screen(m), "@Ana Silva") {
		t.Fatalf("the pending mention is not shown:\n%s", screen(m))
	}
}

func TestEditor(t *testing.T) {
	var e editor
	e.Insert("abc\r\ndefgh\x1b[2J")
	if e.Value() != "abc\ndefgh[2J" {
		t.Fatalf("value %q", e.Value())
	}
	e.SetValue("abc\ndefgh")
	e.Up()
	e.Insert("X")
	if e.Value() != "abcX\ndefgh" {
		t.Fatalf("after up: %q", e.Value())
	}
	e.Home()
	e.Down()
	e.Backspace()
	if e.Value() != "abcXdefgh" {
		t.Fatalf("after down and backspace: %q", e.Value())
	}
	rows, cur := e.layout(4, false)
	if strings.Join(rows, "|") != "abcX|defg|h" || cur != 1 {
		t.Fatalf("layout %q, cursor row %d", rows, cur)
	}
	e.End()
	e.Insert(" two words")
	e.DeleteWordLeft()
	e.DeleteToLineStart()
	if e.Value() != "" {
		t.Fatalf("after deleting: %q", e.Value())
	}
}

// TestEditorWrapsAtWords: the composer wraps at the spaces between words,
// as the timeline will show the message; a word wider than a row is cut;
// the space a row breaks at does not start the next row.
func TestEditorWrapsAtWords(t *testing.T) {
	for _, c := range []struct {
		text string
		w    int
		want string
	}{
		{"one two three four", 9, "one two |three |four "},
		{"abcdefghijkl", 5, "abcde|fghij|kl "},
		{"abcde fgh", 5, "abcde|fgh "},
		{"@Callum Okafor word17 word18", 15, "@Callum Okafor |word17 word18 "},
		{"a\nbb cc", 4, "a|bb |cc "},
	} {
		var e editor
		e.SetValue(c.text)
		rows, _ := e.layout(c.w, false)
		if got := strings.Join(rows, "|"); got != c.want {
			t.Errorf("%q at %d: %q, want %q", c.text, c.w, got, c.want)
		}
		for _, r := range rows {
			if ansi.StringWidth(r) > c.w {
				t.Errorf("%q at %d: row %q is wider", c.text, c.w, r)
			}
		}
	}
	// The cursor on the space a row breaks at is shown, at the start of
	// the next row.
	var e editor
	e.SetValue("abcde fgh")
	e.cursor = 5
	if rows, cur := e.layout(5, false); strings.Join(rows, "|") != "abcde| fgh" || cur != 1 {
		t.Errorf("the cursor on the break: %q, row %d", rows, cur)
	}
}
