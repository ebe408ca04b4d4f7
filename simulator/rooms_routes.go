package simulator

import "net/http"

// roomRoutes registers the pod's room endpoints that routes does not:
// creation and membership changes.
func (s *Server) roomRoutes(add func(method, pattern string, h http.HandlerFunc)) {
	add(http.MethodPost, "/pod/v3/room/create", s.pod(s.handleRoomCreate))
	add(http.MethodPost, "/pod/v1/room/{id}/membership/add", s.pod(s.handleMembership(addMember)))
}
