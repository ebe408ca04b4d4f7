package simulator

import (
	"hash/fnv"
	"net/http"
	"strconv"
	"time"

	"github.com/tutti-chat/tutti/symphony"
)

// presenceSlot is how long a simulated user keeps one presence: the
// company's people come and go at this pace.
const presenceSlot = 20 * time.Minute

// presenceCycle is what a simulated person's day is made of, weighted by
// repetition: mostly available, sometimes busy, in a meeting or away.
var presenceCycle = [...]string{
	symphony.PresenceAvailable, symphony.PresenceAvailable, symphony.PresenceAvailable,
	symphony.PresenceAvailable, symphony.PresenceBusy, symphony.PresenceInAMeeting,
	symphony.PresenceAway, symphony.PresenceBeRightBack, symphony.PresenceOnThePhone,
	symphony.PresenceOffline,
}

// presenceOf returns the presence of u at now: service accounts are always
// available; a person's changes every presenceSlot, the same for every
// caller and every run at the same time (a hash of the user and the slot).
func presenceOf(u *user, now time.Time) symphony.V2Presence {
	slot := now.Truncate(presenceSlot)
	p := symphony.V2Presence{Category: symphony.PresenceAvailable, UserID: u.id, Timestamp: slot.UnixMilli()}
	if u.system {
		return p
	}
	h := fnv.New32a()
	h.Write([]byte(strconv.FormatInt(u.id, 10) + "/" + strconv.FormatInt(slot.Unix(), 10)))
	p.Category = presenceCycle[h.Sum32()%uint32(len(presenceCycle))]
	return p
}

// handlePresence answers GET /pod/v3/user/{uid}/presence[?local=]: 400 for
// a malformed id, 404 for a user the pod does not know; with local=true an
// external user is OFFLINE, as the API documents.
func (s *Server) handlePresence(w http.ResponseWriter, r *http.Request, _ caller) {
	id, err := strconv.ParseInt(r.PathValue("uid"), 10, 64)
	if err != nil {
		writeError(w, http.StatusBadRequest, "Invalid uid: "+r.PathValue("uid"))
		return
	}
	now := s.now()
	s.mu.Lock()
	u := s.st.users[id]
	var out symphony.V2Presence
	if u != nil {
		out = s.st.currentPresence(u, now)
	}
	s.mu.Unlock()
	if u == nil {
		writeError(w, http.StatusNotFound, "User "+strconv.FormatInt(id, 10)+" cannot be located")
		return
	}
	if u.external && r.URL.Query().Get("local") == "true" {
		out.Category = symphony.PresenceOffline
	}
	writeJSON(w, http.StatusOK, out)
}
