package ui

import "slices"

// askPriority tells the engine which streams to catch up from history
// first: those of the panes, then those of the list's rows on screen. It
// asks again only when they change.
func (m *Model) askPriority() {
	if m.deps.Prioritize == nil {
		return
	}
	isStream := func(id string) bool { return id != "" && id != activityID && id != connectionsID }
	ids := make([]string, 0, len(m.panes)+m.layout.paneH)
	for _, p := range m.panes {
		if isStream(p.stream) && !slices.Contains(ids, p.stream) {
			ids = append(ids, p.stream)
		}
	}
	for i := m.listOff; i < len(m.rows) && i < m.listOff+m.layout.paneH; i++ {
		if id := m.rows[i].id; isStream(id) && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	if slices.Equal(ids, m.asked) {
		return
	}
	m.asked = ids
	m.deps.Prioritize(ids...)
}
