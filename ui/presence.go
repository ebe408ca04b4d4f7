package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tutti-chat/tutti/symphony"
)

// presenceEvery is how often the presence of the IM peers on screen is
// read again: a modest rate, one call per peer.
const presenceEvery = time.Minute

// maxPresencePerFetch bounds the users one presence fetch asks about.
const maxPresencePerFetch = 40

// presenceCache is the presence of the users asked about so far, by user
// id, and when it was last read.
type presenceCache struct {
	cats map[int64]string
	at   time.Time // when the last fetch started
	busy bool      // a fetch is in flight
}

// set records a user's presence category; it reports whether it changed.
func (c *presenceCache) set(id int64, cat string) bool {
	if c.cats == nil {
		c.cats = map[int64]string{}
	}
	old, ok := c.cats[id]
	c.cats[id] = cat
	return !ok || old != cat
}

// presenceGlyphOf returns the mark of a presence category and a space; ""
// when unknown: ● available, ◐ busy (in a meeting, on the phone, do not
// disturb), ○ away (be right back, out of office, off work), ◌ offline.
func presenceGlyphOf(cat string) string {
	switch cat {
	case symphony.PresenceAvailable:
		return "● "
	case symphony.PresenceBusy, symphony.PresenceDoNotDisturb, symphony.PresenceOnThePhone, symphony.PresenceInAMeeting:
		return "◐ "
	case symphony.PresenceAway, symphony.PresenceBeRightBack, symphony.PresenceOutOfOffice, symphony.PresenceOffWork:
		return "○ "
	case symphony.PresenceOffline:
		return "◌ "
	}
	return ""
}

// presenceWord is a presence category for people: "in a meeting".
func presenceWord(cat string) string {
	return strings.ToLower(strings.ReplaceAll(cat, "_", " "))
}

// presenceGlyph returns the presence mark of user id, "" when unknown.
func (m *Model) presenceGlyph(id int64) string {
	return presenceGlyphOf(m.people.presence.cats[id])
}

// imPeer returns the other member of an IM, 0 when it is not an IM with
// exactly one other member known.
func (m *Model) imPeer(s *stream) int64 {
	if peers := m.imPeers(s); len(peers) == 1 {
		return peers[0]
	}
	return 0
}

// imPeers returns the other members of an IM or MIM, as far as they are
// known; nil for a room.
func (m *Model) imPeers(s *stream) []int64 {
	if s.kind != KindIM {
		return nil
	}
	var peers []int64
	for _, id := range m.names.StreamMembers(s.id) {
		if id != m.deps.Me && !slices.Contains(peers, id) {
			peers = append(peers, id)
		}
	}
	return peers
}

// presenceRank orders the presence marks from the most present: available,
// busy, away, offline, then unknown.
func presenceRank(cat string) int {
	switch presenceGlyphOf(cat) {
	case "● ":
		return 0
	case "◐ ":
		return 1
	case "○ ":
		return 2
	case "◌ ":
		return 3
	}
	return 4
}

// presenceMark is the mark shown after an IM's or MIM's name in the list:
// the presence of an IM's peer; for a MIM, the most present of its peers
// (● when any is available). "" when none is known.
func (m *Model) presenceMark(s *stream) string {
	best := ""
	for _, id := range m.imPeers(s) {
		if cat := m.people.presence.cats[id]; presenceRank(cat) < presenceRank(best) {
			best = cat
		}
	}
	return strings.TrimSuffix(presenceGlyphOf(best), " ")
}

// presenceCmdIfDue returns the command that reads the presence of the
// peers of the IMs and MIMs the list shows, when a minute has passed since the last
// read or a peer on screen has none yet; nil otherwise, or while a read is
// in flight. Only reads: the reader's own presence is never set.
func (m *Model) presenceCmdIfDue() tea.Cmd {
	c := &m.people.presence
	if m.deps.People == nil || c.busy {
		return nil
	}
	var ids []int64
	missing := false
	end := min(len(m.rows), m.listOff+max(0, m.layout.paneH))
	for _, r := range m.rows[min(m.listOff, end):end] {
		s := m.streams[r.id]
		if r.id == "" || s == nil {
			continue
		}
		for _, peer := range m.imPeers(s) {
			if slices.Contains(ids, peer) {
				continue
			}
			ids = append(ids, peer)
			if _, ok := c.cats[peer]; !ok {
				missing = true
			}
		}
	}
	now := m.now()
	if len(ids) == 0 || !missing && now.Sub(c.at) < presenceEvery {
		return nil
	}
	ids = ids[:min(len(ids), maxPresencePerFetch)]
	c.busy, c.at = true, now
	return fetchPresence(m.ctx, m.deps.People, ids)
}

// fetchPresence returns the command that reads the presence of ids, one
// call each; a user whose presence could not be read gets none ("").
func fetchPresence(ctx context.Context, p People, ids []int64) tea.Cmd {
	return func() tea.Msg {
		out := presenceMsg{cats: map[int64]string{}}
		for _, id := range ids {
			pr, err := p.Presence(ctx, id)
			if err != nil {
				if out.err == nil {
					out.err = fmt.Errorf("presence of %d: %w", id, err)
				}
				// Read, with no mark: asked again with the others after
				// presenceEvery, not at every tick (the account's rate
				// limit is shared, with a bot perhaps).
				out.cats[id] = ""
				continue
			}
			out.cats[id] = pr.Category
		}
		return out
	}
}

// presenceChanged lays the IMs' and MIMs' list rows out again: a mark
// may differ.
func (m *Model) presenceChanged() {
	for _, s := range m.streams {
		if s.kind == KindIM {
			s.row = ""
		}
	}
}

// membersPresence returns the command that reads the presence of the
// members a room overlay lists (the first maxPresencePerFetch of them)
// that has not been read yet; nil when there are none, or while a read is
// in flight.
func (m *Model) membersPresence(members []symphony.MemberInfo) tea.Cmd {
	c := &m.people.presence
	if m.deps.People == nil || c.busy {
		return nil
	}
	var ids []int64
	for _, mi := range members {
		if _, ok := c.cats[mi.ID]; !ok && len(ids) < maxPresencePerFetch {
			ids = append(ids, mi.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	c.busy = true
	return fetchPresence(m.ctx, m.deps.People, ids)
}
