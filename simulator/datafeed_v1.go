package simulator

import (
	"context"
	"net/http"
	"slices"
	"time"

	"github.com/tutti-chat/tutti/symphony"
)

// feedV1 is a datafeed v1: a queue of unread events, at-most-once. It dies
// when its unread events exceed the capacity. Its fields need Server.mu.
type feedV1 struct {
	id       string
	owner    int64
	created  time.Time
	timeouts int // long polls ended without events, to alternate 204 and 200 []
	mailbox
}

// handleCreateV1 answers POST /agent/v4/datafeed/create. Past the per-user
// limit the agent answers 503 "Max number of data feeds reached".
func (s *Server) handleCreateV1(w http.ResponseWriter, r *http.Request, c caller) {
	s.mu.Lock()
	n := 0
	for _, f := range s.st.feedsV1 {
		if f.owner == c.id {
			n++
		}
	}
	if n >= s.st.maxFeeds {
		s.mu.Unlock()
		writeError(w, http.StatusServiceUnavailable, "Max number of data feeds reached")
		return
	}
	f := &feedV1{id: newUUID(), owner: c.id, created: s.now(), mailbox: newMailbox()}
	s.st.feedsV1[f.id] = f
	if c.id == s.st.account {
		s.st.ledger.start()
	}
	s.st.takeBacklog(c.id, &f.mailbox)
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, symphony.Datafeed{ID: f.id})
}

// handleReadV1 answers GET /agent/v4/datafeed/{id}/read[?limit=]: the
// queued events, or after the long-poll delay 204 and 200 [] in turn.
func (s *Server) handleReadV1(w http.ResponseWriter, r *http.Request, c caller) {
	limit, _, err := queryInt(r, "limit", maxBatch)
	if err != nil {
		writeErr(w, err)
		return
	}
	if limit <= 0 {
		limit = maxBatch
	}
	if s.faults.takeDrop(r) {
		dropResponse(w, `[{"id":"`)
		return
	}
	events, err := s.readV1(r.Context(), c.id, r.PathValue("id"), int(limit))
	switch {
	case r.Context().Err() != nil:
		return
	case err != nil:
		writeErr(w, err)
	case events == nil:
		writeNoContent(w)
	default:
		writeJSON(w, http.StatusOK, events)
	}
}

// readV1 takes up to limit events from a v1 feed, waiting up to the
// long-poll delay. On a timeout it returns nil (answer 204) and an empty
// slice (answer 200 []) in turn.
func (s *Server) readV1(ctx context.Context, user int64, id string, limit int) ([]symphony.V4Event, error) {
	timer := time.NewTimer(s.opts.LongPoll)
	defer timer.Stop()
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.st.feedsV1[id]
	if f == nil || f.owner != user {
		return nil, badRequest(msgNoDatafeedV1)
	}
	for {
		if len(f.queue) > 0 {
			n := min(len(f.queue), limit)
			out := slices.Clone(f.queue[:n])
			f.queue = slices.Delete(f.queue, 0, n)
			return out, nil
		}
		wake := f.wake
		s.mu.Unlock()
		var err error
		timedOut := false
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
		if err != nil {
			return nil, err
		}
		if f.dead || s.st.feedsV1[id] != f {
			return nil, badRequest(msgNoDatafeedV1)
		}
		if timedOut && len(f.queue) == 0 {
			f.timeouts++
			if f.timeouts%2 == 1 {
				return nil, nil
			}
			return []symphony.V4Event{}, nil
		}
	}
}
