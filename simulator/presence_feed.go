package simulator

import (
	"cmp"
	"net/http"
	"slices"
	"time"

	"github.com/tutti-chat/tutti/symphony"
)

// maxPresenceFeedRead is how many presences one read of a presence feed
// returns at most, as the API documents; the others wait for the next read.
const maxPresenceFeedRead = 500

// presenceFeed is a presence feed: the category of each user it last
// reported (or found at its creation), and the users whose presence was
// set since, a change even when the category is the same.
type presenceFeed struct {
	owner    int64
	reported map[int64]string
	changed  map[int64]bool
}

// presenceWatched returns the users a presence feed of owner follows: the
// pod's users, and the users of other pods owner registered interest in.
func (s *state) presenceWatched(owner int64) []*user {
	var out []*user
	for _, u := range s.users {
		if !u.external || s.presence.interest[owner][u.id] {
			out = append(out, u)
		}
	}
	slices.SortFunc(out, func(a, b *user) int { return cmp.Compare(a.id, b.id) })
	return out
}

// newPresenceFeed creates a presence feed of owner, which reports the
// changes from now on.
func (s *state) newPresenceFeed(owner int64, now time.Time) string {
	f := &presenceFeed{owner: owner, reported: map[int64]string{}, changed: map[int64]bool{}}
	for _, u := range s.presenceWatched(owner) {
		f.reported[u.id] = s.currentPresence(u, now).Category
	}
	if s.presence.feeds == nil {
		s.presence.feeds = map[string]*presenceFeed{}
	}
	id := newUUID()
	s.presence.feeds[id] = f
	return id
}

// presenceFeedOf finds the presence feed id of caller.
func (s *state) presenceFeedOf(caller int64, id string) (*presenceFeed, error) {
	f := s.presence.feeds[id]
	if f == nil || f.owner != caller {
		return nil, badRequest("Presence feed %s does not exist", id)
	}
	return f, nil
}

// read returns the presences that changed since the feed's
// last read, by user id, at most maxPresenceFeedRead: a category other
// than the one reported last, or a presence set since.
func (f *presenceFeed) read(s *state, now time.Time) []symphony.V2Presence {
	out := []symphony.V2Presence{}
	for _, u := range s.presenceWatched(f.owner) {
		if len(out) == maxPresenceFeedRead {
			break
		}
		p := s.currentPresence(u, now)
		last, known := f.reported[u.id]
		if !f.changed[u.id] && known && last == p.Category {
			continue
		}
		if !f.changed[u.id] && !known {
			// A user the pod did not have at the feed's creation (an
			// account added since): reported from now on.
			f.reported[u.id] = p.Category
			continue
		}
		out = append(out, p)
		f.reported[u.id] = p.Category
		delete(f.changed, u.id)
	}
	return out
}

// handlePresenceFeedCreate answers POST /pod/v1/presence/feed/create: a new
// presence feed of the caller, by id.
func (s *Server) handlePresenceFeedCreate(w http.ResponseWriter, _ *http.Request, c caller) {
	now := s.now()
	s.mu.Lock()
	id := s.st.newPresenceFeed(c.id, now)
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, symphony.StringID{ID: id})
}

// handlePresenceFeedRead answers GET /pod/v1/presence/feed/{feedId}/read:
// the presences of the pod's users that changed since the last read (a
// simulated person's changes every presenceSlot; a presence set is a
// change), at most 500 a read; 400 for a feed the caller does not have.
func (s *Server) handlePresenceFeedRead(w http.ResponseWriter, r *http.Request, c caller) {
	now := s.now()
	answerLocked(s, w, func(st *state) ([]symphony.V2Presence, error) {
		f, err := st.presenceFeedOf(c.id, r.PathValue("feedId"))
		if err != nil {
			return nil, err
		}
		return f.read(st, now), nil
	})
}

// handlePresenceFeedDelete answers POST /pod/v1/presence/feed/{feedId}/delete:
// the feed is gone and its id answered; 400 for a feed the caller does not
// have.
func (s *Server) handlePresenceFeedDelete(w http.ResponseWriter, r *http.Request, c caller) {
	id := r.PathValue("feedId")
	answerLocked(s, w, func(st *state) (symphony.StringID, error) {
		if _, err := st.presenceFeedOf(c.id, id); err != nil {
			return symphony.StringID{}, err
		}
		delete(st.presence.feeds, id)
		return symphony.StringID{ID: id}, nil
	})
}
