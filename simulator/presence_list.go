package simulator

import (
	"cmp"
	"net/http"
	"slices"
	"time"

	"github.com/tutti-chat/tutti/symphony"
)

// Pages of the presence of all users, as the API documents them.
const (
	defaultAllPresenceLimit = 1000
	maxAllPresenceLimit     = 5000
)

// handleAllPresence answers GET /pod/v2/users/presence?lastUserId=&limit=:
// the presence of the pod's users by id ascending, from lastUserId on
// (the document: users with ids less than it are skipped), at most limit
// (1000 by default, 5000 at most).
func (s *Server) handleAllPresence(w http.ResponseWriter, r *http.Request, _ caller) {
	last, _, err := queryInt(r, "lastUserId", 0)
	if err != nil {
		writeErr(w, err)
		return
	}
	limit, given, err := queryInt(r, "limit", defaultAllPresenceLimit)
	if err != nil {
		writeErr(w, err)
		return
	}
	if given && (limit < 1 || limit > maxAllPresenceLimit) {
		writeError(w, http.StatusBadRequest, "The limit must be between 1 and 5000")
		return
	}
	now := s.now()
	s.mu.Lock()
	var users []*user
	for _, u := range s.st.users {
		if !u.external && u.id >= last {
			users = append(users, u)
		}
	}
	slices.SortFunc(users, func(a, b *user) int { return cmp.Compare(a.id, b.id) })
	users = users[:min(len(users), int(limit))]
	out := make([]symphony.V2Presence, 0, len(users))
	for _, u := range users {
		out = append(out, s.st.currentPresence(u, now))
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

// handlePresenceInterest answers POST /pod/v1/user/presence/register with a
// list of user ids: the caller's presence feeds follow the users of other
// pods among them from now on. Every id must be a user the pod knows (404
// otherwise, and nothing is registered).
func (s *Server) handlePresenceInterest(w http.ResponseWriter, r *http.Request, c caller) {
	var ids []int64
	if err := decodeJSON(w, r, &ids, false); err != nil {
		writeErr(w, err)
		return
	}
	if len(ids) == 0 {
		writeError(w, http.StatusBadRequest, "The list of user ids is empty")
		return
	}
	now := s.now()
	answerLocked(s, w, func(st *state) (symphony.SuccessResponse, error) {
		return textSuccess("OK"), st.registerPresenceInterest(c.id, ids, now)
	})
}

// registerPresenceInterest records caller's interest in the users of other
// pods among ids; each of the caller's feeds reports their presence from
// now on.
func (s *state) registerPresenceInterest(caller int64, ids []int64, now time.Time) error {
	for _, id := range ids {
		if s.users[id] == nil {
			return errorf(http.StatusNotFound, "User %d cannot be located", id)
		}
	}
	if s.presence.interest == nil {
		s.presence.interest = map[int64]map[int64]bool{}
	}
	if s.presence.interest[caller] == nil {
		s.presence.interest[caller] = map[int64]bool{}
	}
	for _, id := range ids {
		u := s.users[id]
		if !u.external || s.presence.interest[caller][id] {
			continue
		}
		s.presence.interest[caller][id] = true
		for _, f := range s.presence.feeds {
			if f.owner == caller {
				f.reported[id] = s.currentPresence(u, now).Category
			}
		}
	}
	return nil
}
