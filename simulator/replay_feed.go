package simulator

import (
	"slices"
	"time"

	"github.com/tutti-chat/tutti/symphony"
)

// maxReplayBacklog bounds the events kept for an account that has no
// datafeed yet.
const maxReplayBacklog = 10_000

// runReplay delivers the recording's datafeed batches to the account's
// datafeeds, each when its time comes (ReplayDone reports the end), and
// starts over at the end when the replay loops. It ends with the server,
// or on StopLive.
func (s *Server) runReplay() {
	defer close(s.liveDone)
	rp := s.playback
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	wait := func(due time.Time) bool {
		if d := due.Sub(s.now()); d >= minSleep {
			timer.Reset(d)
			select {
			case <-s.liveCtx.Done():
				return false
			case <-timer.C:
			}
		}
		return s.liveCtx.Err() == nil
	}
	for k := 0; ; k++ {
		for _, b := range rp.batches {
			if !wait(rp.clock.wall(k, b.at)) {
				return
			}
			s.deliverReplay(k, b)
		}
		if !wait(rp.clock.passStart(k + 1)) {
			return
		}
		if !rp.clock.loop {
			s.log.Info("simulator: the recording has been replayed")
			close(s.replayDone)
			return
		}
		s.log.Info("simulator: the recording starts over", "pass", k+1)
	}
}

// deliverReplay delivers a recorded batch as pass k shows it.
func (s *Server) deliverReplay(k int, b replayBatch) {
	evs := make([]symphony.V4Event, len(b.events))
	for i := range b.events {
		evs[i] = s.playback.event(k, b.events[i])
	}
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, ev := range evs {
		s.st.emitReplay(now, ev)
	}
}

// emitReplay delivers a recorded event to every datafeed of the account.
// When the account has none, the event waits for the first one it creates
// (takeBacklog): a replay delivers every batch it recorded, even when the
// replaying client creates its feed later than the recording client did.
func (s *state) emitReplay(now time.Time, ev symphony.V4Event) {
	s.events++
	s.expireFeeds(now)
	delivered := false
	for _, f := range s.feeds {
		if f.owner == s.account {
			f.push(ev)
			delivered = true
		}
	}
	for id, f := range s.feedsV1 {
		if f.owner != s.account {
			continue
		}
		f.push(ev)
		delivered = true
		if len(f.queue) > s.v1Capacity {
			f.kill()
			delete(s.feedsV1, id)
		}
	}
	if !delivered {
		s.backlog = append(s.backlog, ev)
		if n := len(s.backlog); n > maxReplayBacklog {
			s.backlog = slices.Delete(s.backlog, 0, n-maxReplayBacklog)
		}
	}
	s.ledger.write(ev)
}

// takeBacklog queues the events that waited for a datafeed of the account
// on its new feed m; other users' feeds get nothing. Only a replay keeps
// such events.
func (s *state) takeBacklog(owner int64, m *mailbox) {
	if owner != s.account || len(s.backlog) == 0 {
		return
	}
	m.queue = append(m.queue, s.backlog...)
	m.signal()
	s.backlog = nil
}

// ReplayDone returns a channel closed once a replaying server has
// delivered the whole recording and reached its end; nil when the server
// does not replay. A looping replay never closes it.
func (s *Server) ReplayDone() <-chan struct{} {
	if s.playback == nil {
		return nil
	}
	return s.replayDone
}
