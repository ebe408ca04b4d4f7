package simulator

import (
	"net/http"
	"sort"

	"github.com/tutti-chat/tutti/symphony"
)

// History paging limits of the agent.
const (
	defaultHistoryLimit = 50
	maxHistoryLimit     = 500
)

// handleHistory answers GET /agent/v4/stream/{sid}/message?since=&until=&skip=&limit=:
// the messages with since ≤ timestamp (≤ until when given), ordered by
// (timestamp, messageId), after skipping skip of them, at most limit; 204
// when there is none. Suppressed messages are not returned.
func (s *Server) handleHistory(w http.ResponseWriter, r *http.Request, c caller) {
	if !r.URL.Query().Has("since") {
		writeError(w, http.StatusBadRequest, "The since parameter is required")
		return
	}
	since, _, err := queryInt(r, "since", 0)
	if err != nil {
		writeErr(w, err)
		return
	}
	until, hasUntil, err := queryInt(r, "until", 0)
	if err != nil {
		writeErr(w, err)
		return
	}
	skip, _, err := queryInt(r, "skip", 0)
	if err != nil {
		writeErr(w, err)
		return
	}
	limit, _, err := queryInt(r, "limit", defaultHistoryLimit)
	if err != nil {
		writeErr(w, err)
		return
	}
	switch {
	case skip < 0:
		writeError(w, http.StatusBadRequest, "The skip parameter must not be negative")
		return
	case limit < 0 || limit > maxHistoryLimit:
		writeError(w, http.StatusBadRequest, "The limit parameter must be between 0 and 500")
		return
	case limit == 0:
		limit = defaultHistoryLimit
	}
	sid := symphony.CanonicalID(r.PathValue("sid"))
	s.mu.Lock()
	out, err := s.st.history(sid, c.id, since, until, hasUntil, int(skip), int(limit))
	s.mu.Unlock()
	switch {
	case err != nil:
		writeErr(w, err)
	case len(out) == 0:
		writeNoContent(w)
	default:
		writeJSON(w, http.StatusOK, out)
	}
}

// history returns a page of a stream's messages for user u.
func (s *state) history(sid string, u, since, until int64, hasUntil bool, skip, limit int) ([]symphony.V4Message, error) {
	st := s.stream(sid)
	if st == nil {
		return nil, badRequest("The stream %s does not exist", sid)
	}
	if !st.isMember(u) {
		return nil, forbidden()
	}
	i := sort.Search(len(st.msgs), func(i int) bool { return st.msgs[i].msg.Timestamp >= since })
	var out []symphony.V4Message
	for ; i < len(st.msgs) && len(out) < limit; i++ {
		m := st.msgs[i]
		if hasUntil && m.msg.Timestamp > until {
			break
		}
		if m.suppressed {
			continue
		}
		if skip > 0 {
			skip--
			continue
		}
		out = append(out, historyMessage(m))
	}
	return out, nil
}

// handleGetMessage answers GET /agent/v1/message/{id}: the message, or 204
// when there is no such message (or it was suppressed).
func (s *Server) handleGetMessage(w http.ResponseWriter, r *http.Request, c caller) {
	id := symphony.CanonicalID(r.PathValue("id"))
	s.mu.Lock()
	m := s.st.messages[id]
	var out symphony.V4Message
	var err error
	switch {
	case m == nil || m.suppressed:
	case !m.stream.isMember(c.id):
		err = forbidden()
	default:
		out = historyMessage(m)
	}
	s.mu.Unlock()
	switch {
	case err != nil:
		writeErr(w, err)
	case out.MessageID == "":
		writeNoContent(w)
	default:
		writeJSON(w, http.StatusOK, out)
	}
}
