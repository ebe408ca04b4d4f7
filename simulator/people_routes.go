package simulator

import "net/http"

// peopleRoutes registers the pod's user directory, presence and
// connection endpoints that routes does not.
func (s *Server) peopleRoutes(add func(method, pattern string, h http.HandlerFunc)) {
	add(http.MethodPost, "/pod/v1/user/search", s.pod(s.handleUserSearch))
}
