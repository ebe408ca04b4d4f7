package ui

import (
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tutti-chat/tutti/feed"
	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/internal/engine"
	"github.com/tutti-chat/tutti/render"
	"github.com/tutti-chat/tutti/symphony"
	"github.com/tutti-chat/tutti/watch"
)

// handleItems applies a batch of engine items and re-arms the listener.
func (m *Model) handleItems(msg itemsMsg) tea.Cmd {
	events := 0
	for i := range msg.Items {
		it := &msg.Items[i]
		if it.Status != nil {
			version := m.status.feed.Version
			m.status.feed, m.status.hasFeed = *it.Status, true
			if m.status.feed.Version == "" {
				m.status.feed.Version = version
			}
			m.recordFeed(m.status.feed)
			if it.Status.State == feed.Opened && it.Status.OtherFeeds > 0 {
				m.notify(fmt.Sprintf("this account has %d other datafeeds (a bot's?): tutti reads only its own", it.Status.OtherFeeds), false)
			}
			continue
		}
		if it.Progress != nil {
			m.status.catchUp = *it.Progress
			if it.Progress.Finished && it.Progress.Total > 0 {
				m.record(fmt.Sprintf("caught up %d streams from history in %s", it.Progress.Total,
					it.Progress.Elapsed.Round(100*time.Millisecond)), false)
			}
			continue
		}
		if it.Gap != nil || it.Warning != "" {
			m.applyLoss(it)
			continue
		}
		events++
		if !it.Recovered {
			m.health.noteLag(m.now(), it.Event.Timestamp)
		}
		m.apply(it)
	}
	m.status.count(m.now(), events)
	m.resortStreams()
	bell := tea.Batch(m.bellCmd(), m.desktopCmd())
	if msg.Closed {
		m.status.closed = true
		return bell
	}
	return tea.Batch(bell, listen(m.deps.Items))
}

// applyLoss shows what the engine could not hand on: a gap row where
// messages may be missing, and a notice when it says why (a gap alone is
// one a capped catch-up left to fill on demand).
func (m *Model) applyLoss(it *engine.Item) {
	s := m.streams[it.StreamID]
	if it.Gap != nil && s != nil {
		s.tl.AddGap(*it.Gap)
	}
	if it.Warning == "" {
		return
	}
	text := it.Warning
	if it.Gap != nil && s != nil {
		text = "messages of " + s.name + " may be missing (a gap row marks where): " + text
	}
	m.notify(text, true)
}

// apply merges one event into its stream, the activity stream and the
// counts.
func (m *Model) apply(it *engine.Item) {
	ev := &it.Event
	m.learn(ev)
	m.noteConnection(ev)
	// The pod's generic system events (a federation link's state…) are
	// noise unless asked for: kept only in a stream they name, never in
	// Activity or Connections.
	hidden := ev.Type == symphony.EventGenericSystemEvent && !m.systemEvents
	if hidden && it.StreamID == "" {
		return
	}
	var s *stream
	if it.StreamID == "" {
		s = m.streams[connectionsID]
	} else {
		s = m.streamFor(it.StreamID, ev)
	}
	change := s.tl.ApplyLive(*ev)
	act := m.streams[activityID]
	if !hidden {
		act.tl.ApplyLive(*ev)
	}
	m.liveResult(ev)
	if change == history.Unchanged {
		return
	}
	// The rules see what is new: not the history shown at start.
	var hits []watch.Hit
	if !hidden && !(it.Recovered && ev.Timestamp <= s.readTs) {
		hits = m.watchEvent(ev)
	}
	s.last = max(s.last, ev.Timestamp)
	if !hidden {
		act.last = max(act.last, ev.Timestamp)
	}
	msg := ev.Message()
	for _, o := range []*stream{s, act} {
		if change == history.Inserted && m.shown(o.id) && !o.view.follow && msg != nil && ev.Timestamp > o.view.ts {
			o.newBelow++
		}
	}
	// Recovered messages count when they are newer than where the reader
	// left the stream (the UI's start, or the saved read marker): missed by
	// a feed that died or while tutti was not running, not the history
	// shown at start.
	if change != history.Inserted || it.Recovered && ev.Timestamp <= s.readTs {
		return
	}
	shown := m.onScreen(s.id)
	if msg == nil {
		if s.kind == KindConnections && !shown {
			s.unread++
		}
		return
	}
	if msg.User != nil && msg.User.UserID == m.deps.Me && m.deps.Me != 0 {
		return
	}
	mention := m.meStr != "" && strings.Contains(msg.Data, m.meStr) && render.Parse(msg.Message, msg.Data).Mentions(m.deps.Me)
	if (!shown || m.blurred) && !m.muted[s.id] && m.bell.rings(mention, s.kind == KindIM, isChime(msg)) {
		m.bellDue = true
	}
	if !shown || m.blurred {
		switch {
		case mention:
			m.noteDesktop(s, msg, whyMention, "")
		case s.kind == KindIM:
			m.noteDesktop(s, msg, whyIM, "")
		case len(hits) > 0:
			m.noteDesktop(s, msg, whyWatch, hits[0].Rule.Name)
		}
	}
	if shown {
		return
	}
	s.unread++
	if mention {
		s.mentions++
	}
}

// streamFor returns the stream of id, adding it to the list when it is new.
func (m *Model) streamFor(id string, ev *symphony.V4Event) *stream {
	if s := m.streams[id]; s != nil {
		return s
	}
	typ := symphony.StreamRoom
	if st := ev.Stream(); st != nil {
		typ = st.StreamType
		m.names.LearnStream(st)
	}
	name := m.names.Title(id)
	if name == "" {
		name = "stream " + id[:min(8, len(id))]
	}
	s := m.newStream(id, name, kindOf(typ))
	s.readTs = m.started
	if st := ev.Stream(); st != nil {
		s.external = st.External != nil && *st.External || st.CrossPod != nil && *st.CrossPod
	}
	m.streams[id] = s
	return s
}

// learn takes the names, and the tags for completion, an event carries.
func (m *Model) learn(ev *symphony.V4Event) {
	m.names.Learn(ev)
	if msg := ev.Message(); msg != nil {
		m.comp.learnTags(msg.Data)
	}
	if st := ev.Stream(); st != nil {
		if s := m.streams[symphony.CanonicalID(st.StreamID)]; s != nil {
			if room, ok := m.names.Room(st.StreamID); ok {
				s.name = room
			}
		}
	}
}

// learnMessage takes the author's name and the tags of a history
// message.
func (m *Model) learnMessage(msg *symphony.V4Message) {
	m.names.LearnUser(msg.User)
	m.comp.learnTags(msg.Data)
}
