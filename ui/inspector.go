package ui

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/internal/sanitize"
	"github.com/tutti-chat/tutti/symphony"
)

// inspectorState is the inspector overlay: the raw JSON of one row, as the
// datafeed or the history endpoint gave it. A line wider than the area
// (the PresentationML of a message) continues on the screen lines under
// it, under the start of its value, so that nothing of it is cut.
type inspectorState struct {
	title string
	json  string   // indented; what copy copies, whole
	lines []string // sanitised for the screen
	hangs []int    // how far each line's continuation lines are indented
	page  wrapped  // the lines wrapped to the area's width
	json0 int      // how many of lines are the JSON's: the HTTP calls follow
	off   int      // the first screen line shown, of page.rows
	// fetching is the id of the message being fetched again from the pod
	// to show it whole; "" when none is.
	fetching string
}

// fetchedMsg is a message fetched again for the inspector.
type fetchedMsg struct {
	id    string
	msg   symphony.V4Message
	found bool
	err   error
}

// inspect opens the inspector on the action row of s: its datafeed event
// when it came live. A message known only from history is kept in part
// (history.Message): the inspector shows that at once and fetches the
// whole message from the pod.
func (m *Model) inspect(s *stream) tea.Cmd {
	i := m.actionRow(s)
	if i < 0 {
		return nil
	}
	r := s.tl.At(i)
	switch {
	case r.Event != nil:
		m.showInspector("datafeed event "+sanitize.Line(r.Event.Type), r.Event)
	case r.Message != nil && !r.Pending && m.deps.FetchMessage != nil:
		m.showInspector("message from history, as kept: fetching it whole from the pod…", r.Message)
		id, fetch, ctx := r.Message.ID, m.deps.FetchMessage, m.ctx
		m.insp.fetching = id
		return func() tea.Msg {
			msg, found, err := fetch(ctx, id)
			return fetchedMsg{id: id, msg: msg, found: found, err: err}
		}
	case r.Message != nil:
		m.showInspector("message, as kept", r.Message)
	case r.Kind == history.RowGap:
		m.notify("a gap has no event: messages may be missing here", false)
	default:
		m.notify("nothing to inspect in this row", false)
	}
	return nil
}

// showInspector opens the inspector on v as indented JSON. Markup stays as
// it is (<, > and & are not escaped), so PresentationML reads as the pod
// sent it.
func (m *Model) showInspector(title string, v any) {
	var raw strings.Builder
	enc := json.NewEncoder(&raw)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		m.notify("could not show the event: "+err.Error(), true)
		return
	}
	st := inspectorState{title: title, json: strings.TrimSuffix(raw.String(), "\n"), off: m.insp.off}
	if m.mode != modeInspector {
		st.off = 0
	}
	for _, l := range strings.Split(st.json, "\n") {
		// JSON escapes control characters, but not C1 or BiDi controls;
		// sanitize.Line shows those visibly.
		l = sanitize.Line(l)
		st.lines = append(st.lines, l)
		st.hangs = append(st.hangs, jsonHang(l))
	}
	st.json0 = len(st.lines)
	for _, l := range m.exchangeLines() {
		st.lines = append(st.lines, l)
		st.hangs = append(st.hangs, indentOf(l)+2)
	}
	m.insp = st
	m.cover(modeInspector)
}

// jsonHang returns how far the continuation lines of a line of indented
// JSON are indented: under the start of its value when it is a member
// ("key": value), else two cells under its own indentation.
func jsonHang(line string) int {
	n := indentOf(line)
	rest := line[n:]
	if !strings.HasPrefix(rest, `"`) {
		return n + 2
	}
	for i := 1; i < len(rest); i++ {
		switch rest[i] {
		case '\\':
			i++
		case '"':
			if strings.HasPrefix(rest[i+1:], ": ") {
				return n + ansi.StringWidth(rest[:i+3])
			}
			return n + 2
		}
	}
	return n + 2
}

// handleFetched shows a message fetched again, when the inspector still
// waits for it.
func (m *Model) handleFetched(msg fetchedMsg) {
	if m.mode != modeInspector || m.insp.fetching != msg.id {
		return
	}
	m.insp.fetching = ""
	switch {
	case msg.err != nil:
		m.insp.title = "message from history, as kept: fetching it whole failed: " + sanitize.Line(msg.err.Error())
	case !msg.found:
		m.insp.title = "message from history, as kept: the pod no longer has it"
	default:
		m.showInspector("message from history", msg.msg)
	}
}

// inspectorExchanges is how many of the last HTTP calls the inspector
// lists.
const inspectorExchanges = 30

// exchangeLines lists the client's last HTTP calls, newest first, with
// their status and duration, under the JSON.
func (m *Model) exchangeLines() []string {
	if m.deps.Exchanges == nil {
		return nil
	}
	ex := m.deps.Exchanges()
	lines := []string{"", "last HTTP calls, newest first:"}
	for i := len(ex) - 1; i >= 0 && len(ex)-i <= inspectorExchanges; i-- {
		e := ex[i]
		status := strconv.Itoa(e.Status)
		if e.Status == 0 {
			status = "failed: " + e.Err
		}
		lines = append(lines, sanitize.Line(fmt.Sprintf("  %s  %-6s %s  %s  %s  (%s)",
			e.At.In(m.loc).Format("15:04:05.000"), e.Method, e.Path, status, e.Duration.Round(time.Millisecond), e.Op)))
	}
	if len(ex) == 0 {
		lines = append(lines, "  none yet")
	}
	return lines
}

// handleInspectorKey scrolls, copies or closes the inspector.
func (m *Model) handleInspectorKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys.Inspector
	page := max(1, m.layout.paneH-2)
	switch {
	case key.Matches(msg, k.Close):
		m.insp = inspectorState{}
		m.uncover()
	case key.Matches(msg, k.Down):
		m.insp.off++
	case key.Matches(msg, k.Up):
		m.insp.off--
	case key.Matches(msg, k.PageDown):
		m.insp.off += page
	case key.Matches(msg, k.PageUp):
		m.insp.off -= page
	case key.Matches(msg, k.Top):
		m.insp.off = 0
	case key.Matches(msg, k.Bottom):
		m.insp.off = m.insp.bottom(max(0, m.layout.paneH-1))
	case key.Matches(msg, k.Copy):
		// The JSON as marshalled, never the screen's wrapped lines.
		text := sanitize.Text(m.insp.json)
		m.notify("copied the whole JSON, unwrapped: "+plural(strings.Count(text, "\n")+1, "line")+", "+
			plural(len(text), "byte")+" (through the terminal, OSC 52)", false)
		return tea.SetClipboard(text)
	}
	return nil
}

// bottom returns where Bottom scrolls with rows screen lines shown: to the
// end of the JSON, the event or message the inspector is for; from there,
// to the end of the HTTP calls under it.
func (in *inspectorState) bottom(rows int) int {
	end := -1 // the last screen line of the JSON
	for r, from := range in.page.from {
		if from < in.json0 {
			end = r
		}
	}
	if end < 0 || in.off+rows-1 >= end {
		return scrollEnd
	}
	return max(0, end-rows+1)
}

// prepareInspector lays out the inspector over the timeline area of w×h,
// wrapping its lines to w again when w changed.
func (m *Model) prepareInspector(w, h int) {
	st := &m.styles
	k := m.keys.Inspector
	in := &m.insp
	title := " ⓘ " + in.title + " · " + firstKey(k.Copy) + " copy · " + firstKey(k.Close) + " close"
	lines := append(m.swLines[:0], st.title+truncate(title, w)+st.reset)
	rows := max(0, h-1)
	in.page.fit(in.lines, in.hangs, w, rows, &in.off)
	in.off = max(0, min(in.off, len(in.page.rows)-rows))
	for i := in.off; i < len(in.page.rows) && len(lines) < h; i++ {
		lines = append(lines, truncate(in.page.rows[i], w))
	}
	m.swLines = lines
	m.overlay = lines
}
