package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/internal/engine"
	"github.com/tutti-chat/tutti/symphony"
)

// timelineLines returns the lines of the screen right of the stream list,
// trimmed on the right.
func timelineLines(m *Model) []string {
	var out []string
	for _, l := range strings.Split(screen(m), "\n") {
		if i := strings.Index(l, "│"); i >= 0 {
			out = append(out, strings.TrimRight(l[i+len("│"):], " "))
		}
	}
	return out
}

// lineWith returns the index of the first line holding s, -1 if none.
func lineWith(lines []string, s string) int {
	for i, l := range lines {
		if strings.Contains(l, s) {
			return i
		}
	}
	return -1
}

func TestReplyInARunHasItsOwnHeader(t *testing.T) {
	m := newTestModel(t, 100, 30)
	parent := message("roomA", "p1", 3, base+1000, "Is the deploy still on for tonight?")
	first := message("roomA", "a1", 2, base+60_000, "back from lunch")
	reply := message("roomA", "r1", 2, base+120_000, "yes, at nine")
	reply.ParentMessageID = "p1"
	after := message("roomA", "a2", 2, base+180_000, "and the canary first")
	update(m, batch(live(parent), live(first), live(reply), live(after)))
	openByKeys(t, m, "roomA")
	lines := timelineLines(m)
	q := lineWith(lines, "↳ User 3: Is the deploy still on for tonight?")
	if q < 2 || q+1 >= len(lines) {
		t.Fatalf("no quote of the parent:\n%s", strings.Join(lines, "\n"))
	}
	// The quote sits between the reply's own header and its text, not
	// under the text of the message before it.
	if want := "User 2  " + m.clock(base+120_000); lines[q-1] != want {
		t.Errorf("the line over the quote is %q, want the reply's header %q:\n%s", lines[q-1], want, strings.Join(lines, "\n"))
	}
	if lines[q-2] != "  back from lunch" {
		t.Errorf("the line over the reply's header is %q, want the message before it:\n%s", lines[q-2], strings.Join(lines, "\n"))
	}
	if lines[q+1] != "  yes, at nine" {
		t.Errorf("the line under the quote is %q, want the reply's text:\n%s", lines[q+1], strings.Join(lines, "\n"))
	}
	// The author's run goes on under the reply's header.
	if q+2 >= len(lines) || lines[q+2] != "  and the canary first" {
		t.Errorf("the message after the reply is not grouped under it:\n%s", strings.Join(lines, "\n"))
	}
	if n := strings.Count(strings.Join(lines, "\n"), "User 2  "); n != 2 {
		t.Errorf("%d headers of User 2, want 2 (the run, the reply):\n%s", n, strings.Join(lines, "\n"))
	}
}

func TestReplyQuoteRendersItsParentAsItsRow(t *testing.T) {
	cet := time.FixedZone("CET", 3600)
	m := New(Deps{
		Items:    make(chan engine.Item),
		Pager:    history.NewPager(fakeFetcher{}, history.PagerOptions{}),
		Streams:  []StreamInfo{{ID: "roomA", Name: "Alpha", Type: symphony.StreamRoom}},
		Names:    knownNames(map[int64]string{me: "Me"}),
		Me:       me,
		Now:      func() time.Time { return time.UnixMilli(base + 3_600_000) },
		Location: cet,
	})
	update(m, tea.WindowSizeMsg{Width: 100, Height: 30})
	// A <dateTime format="time"/> as the agent delivers it: the time
	// element's text is the raw ISO value.
	parent := message("roomA", "p1", 3, base+1000, `Standup moved to <span><time data-entity-id="datetime1" datetime="2026-12-06T03:30:00Z" data-format="time">2026-12-06T03:30:00Z</time></span> tomorrow`)
	parent.Data = `{"datetime1":{"type":"org.symphonyoss","version":"1.0","data":{"value":"2026-12-06T03:30:00Z","type":"org.symphonyoss.datetime","format":"time"}}}`
	reply := message("roomA", "r1", 2, base+2000, "noted")
	reply.ParentMessageID = "p1"
	update(m, batch(live(parent), live(reply)))
	openByKeys(t, m, "roomA")
	lines := timelineLines(m)
	row := lineWith(lines, "  Standup moved to")
	q := lineWith(lines, "↳ User 3:")
	if row < 0 || q < 0 {
		t.Fatalf("no parent row or no quote:\n%s", strings.Join(lines, "\n"))
	}
	want := "Standup moved to 04:30 tomorrow"
	if got := strings.TrimSpace(lines[row]); got != want {
		t.Errorf("the parent's row shows %q, want %q", got, want)
	}
	if got := strings.TrimPrefix(lines[q], "  ↳ User 3: "); got != want {
		t.Errorf("the quote shows %q, want the parent's row %q", got, want)
	}
	if strings.Contains(strings.Join(lines, "\n"), "2026-12-06T") {
		t.Errorf("a raw datetime on screen:\n%s", strings.Join(lines, "\n"))
	}
}

func TestReplyQuoteIsCutAndSanitised(t *testing.T) {
	m := newTestModel(t, 120, 20)
	parent := message("roomA", "p1", 3, base+1000, "<p>first \x1b]52;c;ZXZpbA==\x07 para</p><p>second \x1b[2J\rpara "+strings.Repeat("long ", 30)+"</p>")
	reply := message("roomA", "r1", 2, base+2000, "ok")
	reply.ParentMessageID = "p1"
	update(m, batch(live(parent), live(reply)))
	openByKeys(t, m, "roomA")
	view := m.View().Content
	lines := timelineLines(m)
	q := lineWith(lines, "↳ User 3: first")
	if q < 0 {
		t.Fatalf("no quote:\n%s", strings.Join(lines, "\n"))
	}
	if !strings.Contains(lines[q], " para second ") || !strings.HasSuffix(lines[q], "…") {
		t.Errorf("the quote is not the parent's paragraphs in one cut line: %q", lines[q])
	}
	for _, bad := range []string{"\x1b]52", "\x1b[2J", "\x07", "\r"} {
		if strings.Contains(view, bad) {
			t.Errorf("the screen carries %q", bad)
		}
	}
}
