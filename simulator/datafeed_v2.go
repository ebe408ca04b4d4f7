package simulator

import (
	"context"
	"net/http"
	"slices"
	"time"

	"github.com/tutti-chat/tutti/symphony"
)

// Datafeed v2 limits.
const (
	maxBatch     = 100 // events per read
	keptAckIDs   = 4   // earlier ackIds still accepted, as a retry of a lost answer
	maxTagLength = 100
)

// feedV2 is a datafeed v2 of one user: a queue of events not yet delivered
// and the batch in flight, delivered but not acknowledged. Its fields need
// Server.mu.
type feedV2 struct {
	id        string
	owner     int64
	tag       string
	invisible bool
	created   time.Time
	seq       int // creation order, for the per-user limit

	inflight []symphony.V4Event // delivered with ack, not yet acknowledged
	ack      string             // ackId of the last answer
	prevAcks []string           // earlier ackIds: reading with one delivers the batch in flight again
	acked    []symphony.V4Event // the last acknowledged batch (duplicate fault)

	lastRead time.Time
	readers  int
	mailbox
}

// v5 returns the feed as the API lists it.
func (f *feedV2) v5() symphony.V5Datafeed {
	return symphony.V5Datafeed{ID: f.id, CreatedAt: f.created.UnixMilli(), Type: "fanout"}
}

// expireFeeds removes the v2 feeds unread for longer than the feed TTL.
// A feed being read does not expire.
func (s *state) expireFeeds(now time.Time) {
	for id, f := range s.feeds {
		if f.readers == 0 && now.Sub(f.lastRead) > s.feedTTL {
			f.kill()
			delete(s.feeds, id)
		}
	}
}

// feedsOf returns the live v2 feeds of a user by creation order.
func (s *state) feedsOf(u int64) []*feedV2 {
	var out []*feedV2
	for _, f := range s.feeds {
		if f.owner == u {
			out = append(out, f)
		}
	}
	slices.SortFunc(out, func(a, b *feedV2) int { return a.seq - b.seq })
	return out
}

// nextFeedSeq counts the feeds created, to order them.
func (s *state) nextFeedSeq() int {
	s.feedCounter++
	return s.feedCounter
}

// overLimit reports whether f is one of its owner's feeds beyond the
// per-user limit: those are refused on read with 403, like the real
// service ("Too many feeds created").
func (s *state) overLimit(f *feedV2) bool {
	older := 0
	for _, g := range s.feeds {
		if g.owner == f.owner && g.seq < f.seq {
			older++
		}
	}
	return older >= s.maxFeeds
}

// handleListV2 answers GET /agent/v5/datafeeds[?tag=].
func (s *Server) handleListV2(w http.ResponseWriter, r *http.Request, c caller) {
	tag, hasTag := r.URL.Query().Get("tag"), r.URL.Query().Has("tag")
	if len(tag) > maxTagLength {
		writeError(w, http.StatusBadRequest, "The tag must not exceed 100 characters")
		return
	}
	s.mu.Lock()
	s.st.expireFeeds(s.now())
	out := []symphony.V5Datafeed{}
	for _, f := range s.st.feedsOf(c.id) {
		if !hasTag || f.tag == tag {
			out = append(out, f.v5())
		}
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

// handleCreateV2 answers POST /agent/v5/datafeeds with 201. A tag is
// unique per user: creating a feed with the tag of a live feed returns
// that feed.
func (s *Server) handleCreateV2(w http.ResponseWriter, r *http.Request, c caller) {
	var body symphony.V5DatafeedCreateBody
	if err := decodeJSON(w, r, &body, true); err != nil {
		writeErr(w, err)
		return
	}
	if len(body.Tag) > maxTagLength {
		writeError(w, http.StatusBadRequest, "The tag must not exceed 100 characters")
		return
	}
	now := s.now()
	s.mu.Lock()
	s.st.expireFeeds(now)
	if body.Tag != "" {
		for _, f := range s.st.feedsOf(c.id) {
			if f.tag == body.Tag {
				out := f.v5()
				s.mu.Unlock()
				writeJSON(w, http.StatusCreated, out)
				return
			}
		}
	}
	f := &feedV2{
		id: newHex(16) + "_f", owner: c.id, tag: body.Tag, invisible: body.IncludeInvisible,
		created: now, lastRead: now, seq: s.st.nextFeedSeq(), mailbox: newMailbox(),
	}
	s.st.feeds[f.id] = f
	if c.id == s.st.account {
		s.st.ledger.start()
	}
	s.st.takeBacklog(c.id, &f.mailbox)
	out := f.v5()
	s.mu.Unlock()
	s.log.Debug("simulator: datafeed v2 created", "id", f.id, "user", c.id)
	writeJSON(w, http.StatusCreated, out)
}

// handleDeleteV2 answers DELETE /agent/v5/datafeeds/{id} with 204.
func (s *Server) handleDeleteV2(w http.ResponseWriter, r *http.Request, c caller) {
	id := r.PathValue("id")
	s.mu.Lock()
	s.st.expireFeeds(s.now())
	f := s.st.feeds[id]
	if f == nil || f.owner != c.id {
		s.mu.Unlock()
		writeError(w, http.StatusBadRequest, "The datafeed "+id+" does not exist")
		return
	}
	f.kill()
	delete(s.st.feeds, id)
	s.mu.Unlock()
	writeNoContent(w)
}

// handleReadV2 answers POST /agent/v5/datafeeds/{id}/read.
func (s *Server) handleReadV2(w http.ResponseWriter, r *http.Request, c caller) {
	var body symphony.AckID
	if err := decodeJSON(w, r, &body, true); err != nil {
		writeErr(w, err)
		return
	}
	if s.faults.takeDrop(r) {
		dropResponse(w, `{"events":[{"id":"`)
		return
	}
	out, err := s.readV2(r.Context(), c.id, r.PathValue("id"), body.AckID)
	if err != nil {
		if r.Context().Err() != nil {
			return // the client is gone
		}
		writeErr(w, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// errFeedGone is the 400 of a v2 read on a feed that does not exist.
func errFeedGone(id string) *apiError {
	return badRequest("The datafeed %s does not exist or has expired, please create a new one", id)
}

// readV2 reads a v2 feed: it acknowledges the batch in flight when ack is
// the last ackId, then answers the batch in flight (unacknowledged) or the
// next one, waiting up to the long-poll delay for events.
func (s *Server) readV2(ctx context.Context, user int64, id, ack string) (symphony.V5EventList, error) {
	timer := time.NewTimer(s.opts.LongPoll)
	defer timer.Stop()
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.expireFeeds(now)
	f := s.st.feeds[id]
	if f == nil || f.owner != user {
		return symphony.V5EventList{}, errFeedGone(id)
	}
	if s.st.overLimit(f) {
		return symphony.V5EventList{}, errorf(http.StatusForbidden,
			"Too many feeds created: a user may have %d active feeds", s.st.maxFeeds)
	}
	switch {
	case ack == "":
		// First read, or a restart: the batch in flight is delivered again.
	case ack == f.ack:
		if len(f.inflight) > 0 {
			f.acked = f.inflight
		}
		f.inflight = nil
	case slices.Contains(f.prevAcks, ack):
		// A retry after a lost answer: deliver the batch in flight again.
	default:
		return symphony.V5EventList{}, badRequest("Invalid ackId %q for datafeed %s", ack, id)
	}
	if len(f.acked) > 0 && s.st.users[user].key != nil && s.faults.takeDuplicate() {
		f.inflight = append(slices.Clone(f.acked), f.inflight...)
		f.acked = nil
	}
	timedOut := false
	for {
		f.lastRead = now
		if len(f.inflight) == 0 && len(f.queue) > 0 {
			n := min(len(f.queue), maxBatch)
			f.inflight = slices.Clone(f.queue[:n])
			f.queue = slices.Delete(f.queue, 0, n)
		}
		if len(f.inflight) > 0 || timedOut {
			out := symphony.V5EventList{Events: slices.Clone(f.inflight), AckID: newAckID()}
			if out.Events == nil {
				out.Events = []symphony.V4Event{}
			}
			if f.ack != "" {
				f.prevAcks = append(f.prevAcks, f.ack)
				if len(f.prevAcks) > keptAckIDs {
					f.prevAcks = slices.Delete(f.prevAcks, 0, len(f.prevAcks)-keptAckIDs)
				}
			}
			f.ack = out.AckID
			return out, nil
		}
		wake := f.wake
		f.readers++
		s.mu.Unlock()
		var err error
		select {
		case <-wake:
		case <-timer.C:
			timedOut = true
		case <-ctx.Done():
			err = ctx.Err()
		case <-s.ctx.Done():
			err = errorf(http.StatusServiceUnavailable, msgUnavailable)
		}
		s.mu.Lock()
		f.readers--
		now = s.now()
		if err != nil {
			f.lastRead = now
			return symphony.V5EventList{}, err
		}
		if f.dead || s.st.feeds[id] != f {
			return symphony.V5EventList{}, errFeedGone(id)
		}
	}
}
