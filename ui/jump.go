package ui

import (
	"slices"
	"sort"

	tea "charm.land/bubbletea/v2"

	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/symphony"
)

// jumpTarget is where a stream's pane is going once its history is loaded:
// a row by key (a message opened from Activity), or with no key the first
// row at or after ts (a date).
type jumpTarget struct {
	key string
	ts  int64
	// missing is the notice when the target is not there once its
	// history is loaded.
	missing string
}

// mergesStreams reports whether the rows of s come from many streams, so
// that enter on one of them opens it in its own stream (jumpToContext)
// rather than compose: Activity and the results of a search across
// streams.
func mergesStreams(s *stream) bool {
	return s.kind.merges()
}

// rowStream returns the canonical id of the stream row r belongs to, ""
// when it names none.
func rowStream(r history.Row) string {
	if r.Message != nil && r.Message.Stream != nil && r.Message.Stream.StreamID != "" {
		return symphony.CanonicalID(r.Message.Stream.StreamID)
	}
	if r.Event != nil {
		if st := r.Event.Stream(); st != nil && st.StreamID != "" {
			return symphony.CanonicalID(st.StreamID)
		}
	}
	return ""
}

// jumpToContext opens the stream of the selected row of s, a stream that
// merges streams, at that row (with nothing selected, the row copy would
// act on, which the notice names).
func (m *Model) jumpToContext(s *stream) tea.Cmd {
	i, picked := m.pickActionRow(s)
	if i < 0 {
		m.notify("nothing to jump to: "+s.name+" is empty", false)
		return nil
	}
	r := s.tl.At(i)
	id := rowStream(r)
	if id == "" || m.streams[id] == nil || id == s.id {
		m.notify("this row belongs to no stream to open", false)
		return nil
	}
	if picked != "" {
		m.notify("jumped to"+actedOn(picked), false)
	}
	return m.jumpTo(id, jumpTarget{key: r.Key, ts: r.Timestamp,
		missing: "the message is not in its stream's history any more: the nearest row is selected"})
}

// jumpTo opens stream id in a pane, its timeline focused, at target:
// selected when it is loaded, else once the history from its time is.
// It returns the command that loads that history, if any.
func (m *Model) jumpTo(id string, target jumpTarget) tea.Cmd {
	t := m.streams[id]
	if t == nil {
		return nil
	}
	m.openStream(id)
	m.cursorID = id
	m.cursor = max(0, slices.Index(m.order, id))
	m.mode = modeTimeline
	t.jump = false // the target, not the read marker
	t.target = nil
	if m.landOn(t, target, false) {
		return nil
	}
	t.target = &target
	return m.loadFrom(t, target.ts)
}

// landOn selects the row of target in t when it is loaded and reports
// whether it is; filled says that the history from the target's time was
// just loaded.
func (m *Model) landOn(t *stream, target jumpTarget, filled bool) bool {
	i := -1
	if target.key != "" {
		if _, ok := t.tl.Lookup(target.key); ok {
			i = findRow(t, target.key, target.ts)
		}
	} else if oldest, ok := t.tl.Oldest(); filled || ok && oldest <= target.ts || t.reached {
		i = m.firstRowFrom(t, target.ts)
	}
	if i < 0 {
		return false
	}
	m.selectAt(t, i, target.key == "")
	return true
}

// firstRowFrom returns the index of the first message or event row of t at
// or after ts, -1 when there is none.
func (m *Model) firstRowFrom(t *stream, ts int64) int {
	n := t.tl.Len()
	for i := sort.Search(n, func(i int) bool { return t.tl.At(i).Timestamp >= ts }); i < n; i++ {
		if t.tl.At(i).Kind != history.RowGap {
			return i
		}
	}
	return -1
}

// selectAt selects row i of t; top puts it at the top of the pane (a
// date: what follows it shows). A stream that is not in the focused pane
// keeps the selection and its anchor for when it is.
func (m *Model) selectAt(t *stream, i int, top bool) {
	r := t.tl.At(i)
	if m.open != t.id {
		t.sel = selection{key: r.Key, ts: r.Timestamp}
		m.setAnchor(t, i, 0)
		return
	}
	m.selectRow(t, i)
	if p := m.pane(); top && p.w > 0 {
		m.topAlign(t, i, p.w, m.rowsHeight(t, p.tlH))
	}
}

// loadFrom returns the command that loads the history of t from since up
// to the next message loaded (now when none is): a gap row over that range,
// filled as enter on it fills it, so that what one page does not reach
// stays a gap row back to what is loaded.
func (m *Model) loadFrom(t *stream, since int64) tea.Cmd {
	p := m.deps.Pager
	if p == nil || t.kind.special() {
		t.target = nil
		m.notify("no history to load here", false)
		return nil
	}
	to := m.now().UnixMilli()
	if next, ok := m.nextMessageAfter(t, since); ok {
		to = next
	}
	if since >= to {
		if t.target != nil {
			m.notify(t.target.missing, false)
		}
		t.target = nil
		t.sel, t.view = selection{}, anchor{follow: true}
		return nil
	}
	g := history.Gap{From: since, To: to}
	t.tl.AddGap(g)
	// The jump goes before a page in flight (older history, a search's
	// seek): that one becomes stale.
	p.Invalidate(t.id)
	gen, ok := p.Begin(t.id)
	if !ok {
		return nil
	}
	t.loading, t.filling = true, ""
	if i := m.gapRowAt(t, since); i >= 0 {
		t.filling = t.tl.At(i).Key
		g = *t.tl.At(i).Gap
	}
	return fetchGap(m.ctx, p, t.id, gen, g, gapPage)
}

// nextMessageAfter returns the time of the first message row of t newer
// than ts, pending messages aside.
func (m *Model) nextMessageAfter(t *stream, ts int64) (int64, bool) {
	n := t.tl.Len()
	for i := sort.Search(n, func(i int) bool { return t.tl.At(i).Timestamp > ts }); i < n; i++ {
		if r := t.tl.At(i); r.Kind == history.RowMessage && !r.Pending {
			return r.Timestamp, true
		}
	}
	return 0, false
}

// gapRowAt returns the index of the gap row of t that covers ts, or -1.
func (m *Model) gapRowAt(t *stream, ts int64) int {
	for i := 0; i < t.tl.Len(); i++ {
		if r := t.tl.At(i); r.Kind == history.RowGap && r.Gap.From <= ts && ts <= r.Gap.To {
			return i
		}
	}
	return -1
}

// resolveJump lands the pane of stream id on its target once a page of
// fill brought it; when the page came and the target is not there, it
// selects the nearest row and says so.
func (m *Model) resolveJump(msg pageMsg) {
	t := m.streams[msg.Stream]
	if t == nil || t.target == nil {
		return
	}
	target := *t.target
	if m.landOn(t, target, msg.Fill != nil && msg.Page.Err == nil) {
		t.target = nil
		return
	}
	if msg.Fill == nil || msg.Page.Err != nil {
		if msg.Page.Err != nil {
			t.target = nil
		}
		return
	}
	t.target = nil
	if i := m.nearest(t, target.ts); i >= 0 && target.key != "" {
		m.selectAt(t, i, false)
	}
	m.notify(target.missing, false)
}

// nearest returns the index of the row of t nearest ts, -1 when t is
// empty.
func (m *Model) nearest(t *stream, ts int64) int {
	n := t.tl.Len()
	if n == 0 {
		return -1
	}
	return min(sort.Search(n, func(i int) bool { return t.tl.At(i).Timestamp >= ts }), n-1)
}

// jumpCommand is the switcher's jump to the message: from the focused
// pane's stream when it merges streams (Activity), else it says where it
// works.
func (m *Model) jumpCommand() tea.Cmd {
	s := m.streams[m.open]
	if s == nil || !mergesStreams(s) || s.tl.Len() == 0 {
		m.notify("jump to the message works on a row of Activity: open Activity and select one", false)
		return nil
	}
	return m.jumpToContext(s)
}
