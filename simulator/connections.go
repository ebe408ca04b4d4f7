package simulator

import (
	"net/http"
	"time"

	"github.com/tutti-chat/tutti/symphony"
)

// handleConnectionAccept answers POST /pod/v1/connection/accept: the
// caller accepts the pending request of the user the body names, and both
// get CONNECTIONACCEPTED, the requester's datafeed included.
func (s *Server) handleConnectionAccept(w http.ResponseWriter, r *http.Request, c caller) {
	s.answerConnection(w, r, c, true)
}

// handleConnectionReject answers POST /pod/v1/connection/reject: the caller
// rejects the pending request of the user the body names. The datafeed has
// no event for it.
func (s *Server) handleConnectionReject(w http.ResponseWriter, r *http.Request, c caller) {
	s.answerConnection(w, r, c, false)
}

// answerConnection accepts or rejects the caller's pending incoming request
// from the user the body names.
func (s *Server) answerConnection(w http.ResponseWriter, r *http.Request, c caller, accept bool) {
	var req symphony.UserConnectionRequest
	if err := decodeJSON(w, r, &req, false); err != nil {
		writeErr(w, err)
		return
	}
	now := s.now()
	answerLocked(s, w, func(st *state) (symphony.UserConnection, error) {
		return st.answerConnection(c.id, req.UserID, accept, now)
	})
}

// answerConnection has me accept or reject the request of from, which must
// be pending and addressed to me: a request of me, one answered already and
// the implicit connection of two users of the pod are refused.
func (s *state) answerConnection(me, from int64, accept bool, ts time.Time) (symphony.UserConnection, error) {
	requester, self := s.users[from], s.users[me]
	switch {
	case requester == nil || from == me || self == nil:
		return symphony.UserConnection{}, errorf(http.StatusNotFound, "The user %d cannot be found", from)
	case !requester.external && !self.external:
		return symphony.UserConnection{}, badRequest("Users %d and %d are in the same pod: their connection is implicit", me, from)
	}
	cn := s.connections[connectionKey(me, from)]
	switch {
	case cn == nil:
		return symphony.UserConnection{}, errorf(http.StatusNotFound, "Connection cannot be found: user %d sent no request", from)
	case cn.status != connPending:
		return symphony.UserConnection{}, badRequest("The connection request of user %d is not pending: it is %s", from, cn.status)
	case cn.to != me:
		return symphony.UserConnection{}, badRequest("The connection request with user %d is the caller's own: only user %d can answer it", from, from)
	}
	cn.updatedAt = ts
	if accept {
		cn.status = connAccepted
		ev := s.newEvent(symphony.EventConnectionAccepted, me, ts)
		ev.Payload.ConnectionAccepted = &symphony.V4ConnectionAccepted{FromUser: requester.v4()}
		s.emit(ts, ev, me, from)
	} else {
		cn.status = connRejected
	}
	return symphony.UserConnection{
		UserID: from, Status: cn.status, FirstRequestedAt: cn.firstRequestedAt.UnixMilli(),
		UpdatedAt: ts.UnixMilli(), RequestCounter: cn.counter,
	}, nil
}

// handleConnectionCreate answers POST /pod/v1/connection/create: the
// caller asks the user the body names, of another pod, to connect; both
// get CONNECTIONREQUESTED.
func (s *Server) handleConnectionCreate(w http.ResponseWriter, r *http.Request, c caller) {
	var req symphony.UserConnectionRequest
	if err := decodeJSON(w, r, &req, false); err != nil {
		writeErr(w, err)
		return
	}
	now := s.now()
	answerLocked(s, w, func(st *state) (symphony.UserConnection, error) {
		return st.requestConnection(c.id, req.UserID, now)
	})
}

// requestConnection has me ask to to connect: refused for a user of the
// same pod (connected implicitly), one connected already, and one whose
// own request to me is pending (accept that instead). Asking again while
// pending counts another request.
func (s *state) requestConnection(me, to int64, ts time.Time) (symphony.UserConnection, error) {
	other, self := s.users[to], s.users[me]
	switch {
	case other == nil || to == me || self == nil:
		return symphony.UserConnection{}, errorf(http.StatusNotFound, "The user %d cannot be found", to)
	case !other.external && !self.external:
		return symphony.UserConnection{}, badRequest("Users %d and %d are in the same pod: their connection is implicit", me, to)
	}
	key := connectionKey(me, to)
	cn := s.connections[key]
	switch {
	case cn != nil && cn.status == connAccepted:
		return symphony.UserConnection{}, badRequest("Users %d and %d are connected already", me, to)
	case cn != nil && cn.status == connPending && cn.to == me:
		return symphony.UserConnection{}, badRequest("User %d asked to connect already: accept that request", to)
	case cn == nil:
		cn = &connection{firstRequestedAt: ts}
		s.connections[key] = cn
	}
	cn.from, cn.to, cn.status, cn.updatedAt = me, to, connPending, ts
	cn.counter++
	ev := s.newEvent(symphony.EventConnectionRequested, me, ts)
	ev.Payload.ConnectionRequested = &symphony.V4ConnectionRequested{ToUser: other.v4()}
	s.emit(ts, ev, me, to)
	return symphony.UserConnection{
		UserID: to, Status: symphony.ConnectionPendingOutgoing, FirstRequestedAt: cn.firstRequestedAt.UnixMilli(),
		UpdatedAt: ts.UnixMilli(), RequestCounter: cn.counter,
	}, nil
}
