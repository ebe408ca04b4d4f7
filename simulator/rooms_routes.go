package simulator

import "net/http"

// roomRoutes registers the pod's room endpoints that routes does not:
// creation, search, update, deactivation and membership changes.
func (s *Server) roomRoutes(add func(method, pattern string, h http.HandlerFunc)) {
	add(http.MethodPost, "/pod/v3/room/create", s.pod(s.handleRoomCreate))
	add(http.MethodPost, "/pod/v3/room/search", s.pod(s.handleRoomSearch))
	add(http.MethodPost, "/pod/v3/room/{id}/update", s.pod(s.handleRoomUpdate))
	add(http.MethodPost, "/pod/v1/room/{id}/setActive", s.pod(s.handleRoomSetActive))
	add(http.MethodPost, "/pod/v1/room/{id}/membership/add", s.pod(s.handleMembership(addMember)))
	add(http.MethodPost, "/pod/v1/room/{id}/membership/remove", s.pod(s.handleMembership(removeMember)))
	add(http.MethodPost, "/pod/v1/room/{id}/membership/promoteOwner", s.pod(s.handleMembership(promoteOwner)))
	add(http.MethodPost, "/pod/v1/room/{id}/membership/demoteOwner", s.pod(s.handleMembership(demoteOwner)))
}
