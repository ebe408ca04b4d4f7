package ui

import "slices"

// markAllRead clears every stream's unread and mention counts and moves
// every read marker to now: what came before now is read.
func (m *Model) markAllRead() {
	now := m.now().UnixMilli()
	n := 0
	for _, s := range m.streams {
		if s.unread > 0 || s.mentions > 0 {
			n++
		}
		s.unread, s.mentions = 0, 0
		s.marker, s.jump = 0, false
		s.readTs = max(s.readTs, now)
	}
	m.seenWatch()
	if n == 0 {
		m.notify("nothing was unread: every read marker is at now", false)
		return
	}
	m.notify(plural(n, "stream")+" marked read", false)
}

// muteTarget returns the stream mute acts on: the list's cursor while the
// list has the keys, else the focused pane's stream.
func (m *Model) muteTarget() *stream {
	if m.base() == modeList {
		return m.streams[m.cursorID]
	}
	return m.streams[m.open]
}

// toggleMute mutes or unmutes a stream (muteTarget): a muted stream rings
// no bell, counts in neither the unread total nor the window title, is
// dimmed in the list, and is passed over by next unread unless it mentions
// the reader. The muted streams are kept in the state directory (Saved).
func (m *Model) toggleMute() {
	s := m.muteTarget()
	if s == nil {
		return
	}
	if s.kind.special() {
		m.notify(s.name+" cannot be muted: mute the streams in it", false)
		return
	}
	if m.muted[s.id] {
		delete(m.muted, s.id)
		m.notify(s.name+" unmuted", false)
		return
	}
	if m.muted == nil {
		m.muted = map[string]bool{}
	}
	m.muted[s.id] = true
	m.notify(s.name+" muted: no bell, not in the unread count ("+firstKey(m.keys.Normal.Mute)+" unmutes)", false)
}

// mutedIDs returns the muted streams' ids, sorted, for Saved.
func (m *Model) mutedIDs() []string {
	ids := make([]string, 0, len(m.muted))
	for id := range m.muted {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// unreadTotal is the unread count of the status bar and the window title:
// every stream's but the muted ones', each item once: the streams that
// merge others' rows (Watch, search results) count none of their own.
func (m *Model) unreadTotal() int {
	n := 0
	for id, s := range m.streams {
		if !m.muted[id] && !s.kind.merges() {
			n += s.unread
		}
	}
	return n
}
