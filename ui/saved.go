package ui

import (
	"fmt"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
)

// saveEvery is how often the UI hands its state to Deps.Save while it
// runs; the command that starts it saves once more at exit.
const saveEvery = 30

// Saved is what the UI keeps between runs in the account's state
// directory: where the reader left each stream, the drafts, and the panes.
type Saved struct {
	// ReadMarkers are the timestamps (ms) read up to, by stream id.
	ReadMarkers map[string]int64 `json:"readMarkers,omitempty"`
	// Drafts are the composer's unsent texts, by stream id.
	Drafts map[string]string `json:"drafts,omitempty"`
	// Panes are the streams of the panes, in order; Focused the index of
	// the focused one.
	Panes   []string `json:"panes,omitempty"`
	Focused int      `json:"focused"`
	Zoomed  bool     `json:"zoomed,omitempty"`
	// Muted are the ids of the muted streams.
	Muted []string `json:"muted,omitempty"`
}

// Snapshot returns the state to keep: streams on screen count as read up to
// their newest row.
func (m *Model) Snapshot() Saved {
	sv := Saved{ReadMarkers: map[string]int64{}, Drafts: map[string]string{}, Focused: m.cur, Zoomed: m.zoomed}
	for id, s := range m.streams {
		if s.kind.special() {
			continue
		}
		ts := s.readTs
		if newest, ok := s.tl.Newest(); ok && m.shown(id) {
			ts = max(ts, newest)
		}
		if ts > 0 {
			sv.ReadMarkers[id] = ts
		}
	}
	for id, d := range m.drafts {
		if d != "" {
			sv.Drafts[id] = d
		}
	}
	for _, p := range m.panes {
		sv.Panes = append(sv.Panes, p.stream)
	}
	if len(m.muted) > 0 {
		sv.Muted = m.mutedIDs()
	}
	return sv
}

// restore takes back what a previous run saved: read markers and drafts of
// the streams it knows, and the panes of those that exist.
func (m *Model) restore(sv *Saved) {
	if sv == nil {
		return
	}
	for id, ts := range sv.ReadMarkers {
		if s := m.streams[id]; s != nil && ts > 0 {
			s.readTs = ts
		}
	}
	for _, id := range sv.Muted {
		if m.muted == nil {
			m.muted = map[string]bool{}
		}
		m.muted[id] = true
	}
	dropped := 0
	for id, d := range sv.Drafts {
		if utf8.RuneCountInString(d) > maxDraftRunes {
			dropped++
			continue
		}
		m.drafts[id] = d
	}
	if dropped > 0 {
		m.record(fmt.Sprintf("%d saved drafts were not restored: longer than the composer takes", dropped), true)
	}
	var panes []*pane
	focused := 0
	for i, id := range sv.Panes {
		if m.streams[id] == nil || paneIn(panes, id) || len(panes) == maxPanes {
			continue
		}
		if i == sv.Focused {
			focused = len(panes)
		}
		panes = append(panes, &pane{stream: id})
	}
	if len(panes) == 0 {
		return
	}
	m.panes, m.cur = panes, focused
	m.zoomed = sv.Zoomed && len(panes) > 1
	m.open = m.panes[m.cur].stream
	m.cursorID = m.open
	m.loadDraft(m.open)
}

// paneIn reports whether one of panes shows stream id.
func paneIn(panes []*pane, id string) bool {
	for _, p := range panes {
		if p.stream == id {
			return true
		}
	}
	return false
}

// saveCmdIfDue counts a tick of the status clock and returns saveCmd on
// every saveEvery-th.
func (m *Model) saveCmdIfDue() tea.Cmd {
	if m.ticks++; m.ticks%saveEvery != 0 {
		return nil
	}
	return m.saveCmd()
}

// saveCmd returns the command that hands a snapshot to Deps.Save, or nil
// when nothing is saved.
func (m *Model) saveCmd() tea.Cmd {
	if m.deps.Save == nil {
		return nil
	}
	sv, save := m.Snapshot(), m.deps.Save
	return func() tea.Msg {
		if err := save(sv); err != nil {
			return noticeMsg{text: "could not save the reading state: " + err.Error(), bad: true}
		}
		return nil
	}
}
