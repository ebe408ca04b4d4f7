package simulator

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/tutti-chat/tutti/symphony"
)

// presenceState is what the pod keeps of presence beyond the simulated
// one: the presences users set, the external users each caller registered
// interest in, and the presence feeds.
type presenceState struct {
	set      map[int64]*setPresence   // by user
	interest map[int64]map[int64]bool // caller → external users
	feeds    map[string]*presenceFeed // by id
}

// setPresence is a presence set through the API: it wins over the
// simulated one until set again.
type setPresence struct {
	category string
	at       time.Time // when it was set
	soft     bool
	// online is when a soft presence took effect: the user was OFFLINE when
	// it was set and it waits for the user to come online. Zero while
	// waiting; at for a presence that took effect at once.
	online time.Time
}

// settableCategories are the presence categories a user can be given:
// every category the API lists but UNDEFINED.
var settableCategories = []string{
	symphony.PresenceAvailable, symphony.PresenceBusy, symphony.PresenceDoNotDisturb,
	symphony.PresenceOnThePhone, symphony.PresenceBeRightBack, symphony.PresenceInAMeeting,
	symphony.PresenceAway, symphony.PresenceOutOfOffice, symphony.PresenceOffWork,
	symphony.PresenceOffline,
}

// parseCategory checks a presence category to set, case-insensitively.
func parseCategory(c string) (string, error) {
	up := strings.ToUpper(strings.TrimSpace(c))
	switch {
	case up == "":
		return "", badRequest("The presence category is required")
	case !slices.Contains(settableCategories, up):
		return "", badRequest("Invalid presence category %q: one of %s", c, strings.Join(settableCategories, ", "))
	}
	return up, nil
}

// currentPresence returns the presence of u at now: the one set through
// the API when there is one, otherwise the simulated one (presenceOf).
//
// A soft presence takes the user's state into account, as the API
// documents: set while the user was OFFLINE, it takes effect only when the
// user comes online (the first presenceSlot the simulated presence is not
// OFFLINE); and while the user is idle (the simulated presence is AWAY), an
// AVAILABLE or BUSY presence shows as AWAY.
func (s *state) currentPresence(u *user, now time.Time) symphony.V2Presence {
	sim := presenceOf(u, now)
	sp := s.presence.set[u.id]
	if sp == nil {
		return sim
	}
	if sp.soft && sp.online.IsZero() {
		for slot := sp.at.Truncate(presenceSlot); !slot.After(now); slot = slot.Add(presenceSlot) {
			if presenceOf(u, slot).Category != symphony.PresenceOffline {
				sp.online = maxTime(slot, sp.at)
				break
			}
		}
		if sp.online.IsZero() {
			return sim
		}
	}
	out := symphony.V2Presence{Category: sp.category, UserID: u.id, Timestamp: sp.online.UnixMilli()}
	if sp.soft && sim.Category == symphony.PresenceAway &&
		(sp.category == symphony.PresenceAvailable || sp.category == symphony.PresenceBusy) {
		out.Category, out.Timestamp = symphony.PresenceAway, max(sim.Timestamp, out.Timestamp)
	}
	return out
}

// maxTime returns the later of a and b.
func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// setUserPresence sets the presence of u at now and marks it changed in
// every presence feed; it returns the presence as the pod now answers it.
func (s *state) setUserPresence(u *user, category string, soft bool, now time.Time) symphony.V2Presence {
	if s.presence.set == nil {
		s.presence.set = map[int64]*setPresence{}
	}
	sp := &setPresence{category: category, at: now, soft: soft}
	if !soft || presenceOf(u, now).Category != symphony.PresenceOffline {
		sp.online = now
	}
	s.presence.set[u.id] = sp
	for _, f := range s.presence.feeds {
		f.changed[u.id] = true
	}
	return s.currentPresence(u, now)
}

// handleOwnPresence answers GET /pod/v2/user/presence: the caller's
// presence.
func (s *Server) handleOwnPresence(w http.ResponseWriter, _ *http.Request, c caller) {
	now := s.now()
	s.mu.Lock()
	out := s.st.currentPresence(c.user, now)
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

// presenceSetCall is what a presence set call asks: the category, checked,
// and whether the presence is soft.
type presenceSetCall struct {
	category string
	soft     bool
}

// readPresenceSetCall reads a presence set call: its body into body, the
// category the body holds (*category, checked by parseCategory) and soft
// from the query.
func readPresenceSetCall(w http.ResponseWriter, r *http.Request, body any, category *string) (presenceSetCall, error) {
	if err := decodeJSON(w, r, body, false); err != nil {
		return presenceSetCall{}, err
	}
	c, err := parseCategory(*category)
	if err != nil {
		return presenceSetCall{}, err
	}
	return presenceSetCall{category: c, soft: strings.EqualFold(r.URL.Query().Get("soft"), "true")}, nil
}

// handleSetOwnPresence answers POST /pod/v2/user/presence[?soft=]: the
// caller sets their presence from the body's category.
func (s *Server) handleSetOwnPresence(w http.ResponseWriter, r *http.Request, c caller) {
	var body symphony.V2PresenceStatus
	set, err := readPresenceSetCall(w, r, &body, &body.Category)
	if err != nil {
		writeErr(w, err)
		return
	}
	now := s.now()
	s.mu.Lock()
	out := s.st.setUserPresence(c.user, set.category, set.soft, now)
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

// handleSetUserPresence answers POST /pod/v3/user/presence[?soft=]: the
// caller sets the presence of the user the body names, a user of the pod.
// Only an account with the USER_PROVISIONING role may (403 otherwise, as
// the API documents); an unknown user is a 404.
func (s *Server) handleSetUserPresence(w http.ResponseWriter, r *http.Request, c caller) {
	var body symphony.V2UserPresence
	set, err := readPresenceSetCall(w, r, &body, &body.Category)
	if err != nil {
		writeErr(w, err)
		return
	}
	if body.UserID == 0 {
		writeError(w, http.StatusBadRequest, "The userId of the user whose presence to set is required")
		return
	}
	now := s.now()
	answerLocked(s, w, func(st *state) (symphony.V2Presence, error) {
		return st.setOtherPresence(c.user, body.UserID, set.category, set.soft, now)
	})
}

// setOtherPresence has admin set the presence of the user of id, a user of
// the pod: admin needs the USER_PROVISIONING role.
func (s *state) setOtherPresence(admin *user, id int64, category string, soft bool, now time.Time) (symphony.V2Presence, error) {
	if !slices.Contains(admin.roleNames(), roleUserProvisioning) {
		return symphony.V2Presence{}, forbidden()
	}
	u := s.users[id]
	switch {
	case u == nil:
		return symphony.V2Presence{}, errorf(http.StatusNotFound, "User %d cannot be located", id)
	case u.external:
		return symphony.V2Presence{}, badRequest("User %d is a user of another pod: only their pod sets their presence", id)
	}
	return s.setUserPresence(u, category, soft, now), nil
}
