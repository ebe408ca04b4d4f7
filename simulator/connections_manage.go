package simulator

import (
	"net/http"

	"github.com/tutti-chat/tutti/symphony"
)

// handleConnectionInfo answers GET /pod/v1/connection/user/{userId}/info:
// the caller's connection with that user, from the caller's side. Two users
// of the pod are connected implicitly (ACCEPTED); a user of another pod
// without a connection with the caller, like an unknown user, is a 404.
func (s *Server) handleConnectionInfo(w http.ResponseWriter, r *http.Request, c caller) {
	id, err := pathUserID(r, "userId")
	if err != nil {
		writeErr(w, err)
		return
	}
	answerLocked(s, w, func(st *state) (symphony.UserConnection, error) {
		return st.connectionInfo(c.id, id)
	})
}

// connectionInfo returns the connection of me with other, from my side.
func (s *state) connectionInfo(me, other int64) (symphony.UserConnection, error) {
	u, self := s.users[other], s.users[me]
	switch {
	case u == nil || other == me || self == nil:
		return symphony.UserConnection{}, errorf(http.StatusNotFound, "The user %d cannot be found", other)
	case !u.external && !self.external:
		return symphony.UserConnection{UserID: other, Status: symphony.ConnectionAccepted}, nil
	}
	cn := s.connections[connectionKey(me, other)]
	if cn == nil {
		return symphony.UserConnection{}, errorf(http.StatusNotFound, "Connection cannot be found: users %d and %d have no connection", me, other)
	}
	st := cn.status
	if st == connPending {
		st = symphony.ConnectionPendingIncoming
		if cn.from == me {
			st = symphony.ConnectionPendingOutgoing
		}
	}
	return symphony.UserConnection{
		UserID: other, Status: st, FirstRequestedAt: cn.firstRequestedAt.UnixMilli(),
		UpdatedAt: cn.updatedAt.UnixMilli(), RequestCounter: cn.counter,
	}, nil
}

// handleConnectionRemove answers POST /pod/v1/connection/user/{uid}/remove:
// the caller and that user, of another pod, are no longer connected, for
// either of them. Only an accepted connection can be removed: none is a
// 404, a pending or rejected one and the implicit connection of two users
// of the pod are a 400. The datafeed has no event for it.
func (s *Server) handleConnectionRemove(w http.ResponseWriter, r *http.Request, c caller) {
	id, err := pathUserID(r, "uid")
	if err != nil {
		writeErr(w, err)
		return
	}
	answerLocked(s, w, func(st *state) (symphony.SuccessResponse, error) {
		return textSuccess("Connection Removed."), st.removeConnection(c.id, id)
	})
}

// removeConnection removes the accepted connection of me and other.
func (s *state) removeConnection(me, other int64) error {
	u, self := s.users[other], s.users[me]
	switch {
	case u == nil || other == me || self == nil:
		return errorf(http.StatusNotFound, "The user %d cannot be found", other)
	case !u.external && !self.external:
		return badRequest("Users %d and %d are in the same pod: their connection is implicit and cannot be removed", me, other)
	}
	key := connectionKey(me, other)
	cn := s.connections[key]
	switch {
	case cn == nil:
		return errorf(http.StatusNotFound, "Connection cannot be found: users %d and %d have no connection", me, other)
	case cn.status != connAccepted:
		return badRequest("The connection with user %d is not accepted: it is %s", other, cn.status)
	}
	delete(s.connections, key)
	return nil
}
