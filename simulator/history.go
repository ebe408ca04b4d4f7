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

// historyQuery is the query of a history page: the messages with
// since ≤ timestamp (≤ until when hasUntil), after skipping skip of them,
// at most limit.
type historyQuery struct {
	since, until int64
	hasUntil     bool
	skip, limit  int
}

// parseHistoryQuery reads and checks the query of a history call as the
// agent does: since is required, limit is 1..500 (0 or none: 50).
func parseHistoryQuery(r *http.Request) (historyQuery, error) {
	if !r.URL.Query().Has("since") {
		return historyQuery{}, badRequest("The since parameter is required")
	}
	since, _, err := queryInt(r, "since", 0)
	if err != nil {
		return historyQuery{}, err
	}
	until, hasUntil, err := queryInt(r, "until", 0)
	if err != nil {
		return historyQuery{}, err
	}
	skip, limit, err := agentSkipLimit(r, defaultHistoryLimit, maxHistoryLimit)
	if err != nil {
		return historyQuery{}, err
	}
	return historyQuery{since: since, until: until, hasUntil: hasUntil, skip: skip, limit: limit}, nil
}

// handleHistory answers GET /agent/v4/stream/{sid}/message?since=&until=&skip=&limit=:
// the messages with since ≤ timestamp (≤ until when given), ordered by
// (timestamp, messageId), after skipping skip of them, at most limit; 204
// when there is none. Suppressed messages are not returned.
func (s *Server) handleHistory(w http.ResponseWriter, r *http.Request, c caller) {
	q, err := parseHistoryQuery(r)
	if err != nil {
		writeErr(w, err)
		return
	}
	sid := symphony.CanonicalID(r.PathValue("sid"))
	s.mu.Lock()
	out, err := s.st.history(sid, c.id, q)
	s.mu.Unlock()
	writeMessages(w, out, err)
}

// writeMessages answers a history page: the error, 204 when it is empty,
// else the messages.
func writeMessages(w http.ResponseWriter, out []symphony.V4Message, err error) {
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
func (s *state) history(sid string, u int64, q historyQuery) ([]symphony.V4Message, error) {
	st := s.stream(sid)
	if st == nil {
		return nil, badRequest("The stream %s does not exist", sid)
	}
	if !st.isMember(u) {
		return nil, forbidden()
	}
	i := sort.Search(len(st.msgs), func(i int) bool { return st.msgs[i].msg.Timestamp >= q.since })
	var out []symphony.V4Message
	skip := q.skip
	for ; i < len(st.msgs) && len(out) < q.limit; i++ {
		m := st.msgs[i]
		if q.hasUntil && m.msg.Timestamp > q.until {
			break
		}
		if m.suppressed || !st.sees(u, m) {
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
	case !m.stream.sees(c.id, m):
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
