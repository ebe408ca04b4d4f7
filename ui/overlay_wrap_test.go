package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tutti-chat/tutti/feed"
	"github.com/tutti-chat/tutti/internal/engine"
	"github.com/tutti-chat/tutti/symphony"
)

// longPML returns a message whose PresentationML is n characters long and
// ends with end.
func longPML(id string, n int, end string) symphony.V4Message {
	msg := message("roomA", id, 2, base+1000, "")
	fill := n - len(msg.Message) - len(end)
	msg = message("roomA", id, 2, base+1000, strings.Repeat("word ", fill/5+1)[:fill]+end)
	return msg
}

// frameFits fails the test when a line of the frame is wider than w.
func frameFits(t *testing.T, m *Model, w int) {
	t.Helper()
	for i, l := range strings.Split(m.View().Content, "\n") {
		if n := ansi.StringWidth(l); n > w {
			t.Errorf("line %d of the frame is %d cells wide, more than %d: %q", i, n, w, ansi.Strip(l))
		}
	}
}

// TestInspectorWrapsLongValues: the PresentationML of a message, wider
// than the inspector, continues on the lines under it instead of being cut,
// so G reaches its end; a resize wraps it again.
func TestInspectorWrapsLongValues(t *testing.T) {
	const end = "THE-END-7Q"
	msg := longPML("p1", 400, end)
	if len(msg.Message) != 400 {
		t.Fatalf("the PresentationML is %d characters", len(msg.Message))
	}
	m := newTestModel(t, 80, 24)
	update(m, batch(live(msg)))
	openByKeys(t, m, "roomA")
	press(m, "e", "G")
	if m.mode != modeInspector {
		t.Fatal("e did not open the inspector")
	}
	if scr := screen(m); !strings.Contains(scr, end+"</div>") {
		t.Errorf("the end of the PresentationML is not on screen after G:\n%s", scr)
	}
	frameFits(t, m, 80)
	// Markup reads as sent, not as \u003c.
	press(m, "g")
	if scr := screen(m); !strings.Contains(scr, `"message": "<div data-format=`) {
		t.Errorf("the PresentationML's start:\n%s", scr)
	}
	// j scrolls by screen line.
	off := m.insp.off
	press(m, "j")
	if m.insp.off != off+1 {
		t.Errorf("j moved from %d to %d", off, m.insp.off)
	}

	// Another width wraps it again.
	for _, size := range []tea.WindowSizeMsg{{Width: 120, Height: 30}, {Width: 60, Height: 20}} {
		update(m, size)
		press(m, "G")
		if scr := screen(m); !strings.Contains(scr, end+"</div>") {
			t.Errorf("after a resize to %dx%d:\n%s", size.Width, size.Height, scr)
		}
		frameFits(t, m, size.Width)
	}
}

// TestInspectorWrapsWideCharacters: a value of wide characters wraps by
// cells: no line of the frame is wider than the window and no character is
// lost.
func TestInspectorWrapsWideCharacters(t *testing.T) {
	// Tall enough to show the whole JSON at once.
	m := newTestModel(t, 80, 60)
	update(m, batch(live(message("roomA", "w1", 2, base+1000, strings.Repeat("漢", 150)+"終わり👩‍💻"))))
	openByKeys(t, m, "roomA")
	press(m, "e")
	frameFits(t, m, 80)
	scr := screen(m)
	if n := strings.Count(scr, "漢"); n != 150 || !strings.Contains(scr, "終わり👩‍💻</div>") {
		t.Errorf("the inspector shows %d of 150 wide characters:\n%s", n, scr)
	}
}

// TestInspectorCopiesTheWholeJSON: y copies the JSON whole, as one text,
// never the screen's wrapped lines, and says so.
func TestInspectorCopiesTheWholeJSON(t *testing.T) {
	msg := longPML("c1", 400, "COPY-END")
	m := newTestModel(t, 80, 24)
	update(m, batch(live(msg)))
	openByKeys(t, m, "roomA")
	press(m, "e", "G")
	var clip []string
	for _, c := range run[tea.Msg](update(m, tea.KeyPressMsg{Code: 'y', Text: "y"})) {
		if fmt.Sprintf("%T", c) == "tea.setClipboardMsg" {
			clip = append(clip, fmt.Sprint(c))
		}
	}
	if len(clip) != 1 {
		t.Fatalf("y gave %d clipboard commands", len(clip))
	}
	if clip[0] != m.insp.json {
		t.Errorf("y copied %q, not the JSON", clip[0])
	}
	var back symphony.V4Event
	if err := json.Unmarshal([]byte(clip[0]), &back); err != nil {
		t.Fatalf("the copy is not JSON: %v", err)
	}
	if p := back.Payload.MessageSent; p == nil || p.Message.Message != msg.Message {
		t.Errorf("the copy lacks the whole PresentationML: %+v", p)
	}
	if scr := screen(m); !strings.Contains(scr, "copied the whole JSON") {
		t.Errorf("the status does not say what was copied:\n%s", scr)
	}
}

// TestLogWrapsALongFeedError: a reconnect's cause wider than the log shows
// whole, on the lines under its entry, and stays whole at the bottom after
// a resize.
func TestLogWrapsALongFeedError(t *testing.T) {
	var b strings.Builder
	for i := 0; b.Len() < 300; i++ {
		fmt.Fprintf(&b, "cause%03d ", i)
	}
	cause := strings.TrimSpace(b.String()[:300])
	m := newTestModel(t, 80, 24)
	update(m, itemsMsg{Items: []engine.Item{{Status: &feed.Status{State: feed.Reconnecting, Attempt: 3, Err: errors.New(cause)}}}})
	press(m, "L")
	for _, size := range []tea.WindowSizeMsg{{Width: 80, Height: 24}, {Width: 100, Height: 20}} {
		update(m, size)
		var shown []string
		for _, l := range m.overlay[1:] {
			shown = append(shown, strings.Fields(ansi.Strip(l))...)
		}
		if got, want := strings.Join(shown, " "), strings.Join(strings.Fields(cause), " "); !strings.Contains(got, want) {
			t.Errorf("at %dx%d the log shows:\n%s", size.Width, size.Height, screen(m))
		}
		frameFits(t, m, size.Width)
	}
}

// TestWrapLine: wrapping keeps every grapheme in order, splits none, and
// fits each screen line in the width.
func TestWrapLine(t *testing.T) {
	for _, s := range []string{
		"",
		"short",
		`    "message": "<div data-format=\"PresentationML\">` + strings.Repeat("a b ", 40) + `</div>",`,
		strings.Repeat("漢字", 40),
		strings.Repeat("x", 100),
		"👩‍💻 e\u0301t\u00e9 " + strings.Repeat("👍🏽 ", 30),
	} {
		for w := 2; w <= 40; w++ {
			hang := max(0, min(jsonHang(s), w/2, w-2))
			rows := wrapLine(nil, s, w, jsonHang(s))
			var back strings.Builder
			for i, r := range rows {
				if n := ansi.StringWidth(r); n > w {
					t.Errorf("w=%d: row %d is %d cells: %q", w, i, n, r)
				}
				if i > 0 {
					if !strings.HasPrefix(r, strings.Repeat(" ", hang)) {
						t.Errorf("w=%d: row %d does not hang by %d: %q", w, i, hang, r)
					}
					r = r[hang:]
				}
				back.WriteString(r)
			}
			if back.String() != s {
				t.Errorf("w=%d: %q wrapped and joined is %q", w, s, back.String())
			}
		}
	}
}
