package simulator

import "net/http"

// peopleRoutes registers the pod's user directory, presence and
// connection endpoints that routes does not.
func (s *Server) peopleRoutes(add func(method, pattern string, h http.HandlerFunc)) {
	add(http.MethodPost, "/pod/v1/user/search", s.pod(s.handleUserSearch))
	add(http.MethodPost, "/pod/v1/user/{uid}/follow", s.pod(s.handleFollow))
	add(http.MethodPost, "/pod/v1/user/{uid}/unfollow", s.pod(s.handleUnfollow))
	add(http.MethodGet, "/pod/v1/user/{uid}/followers", s.pod(s.handleFollowers))
	add(http.MethodGet, "/pod/v1/user/{uid}/following", s.pod(s.handleFollowing))

	add(http.MethodGet, "/pod/v2/user/presence", s.pod(s.handleOwnPresence))
	add(http.MethodPost, "/pod/v2/user/presence", s.pod(s.handleSetOwnPresence))
	add(http.MethodPost, "/pod/v3/user/presence", s.pod(s.handleSetUserPresence))
	add(http.MethodGet, "/pod/v2/users/presence", s.pod(s.handleAllPresence))
	add(http.MethodPost, "/pod/v1/user/presence/register", s.pod(s.handlePresenceInterest))
	add(http.MethodPost, "/pod/v1/presence/feed/create", s.pod(s.handlePresenceFeedCreate))
	add(http.MethodGet, "/pod/v1/presence/feed/{feedId}/read", s.pod(s.handlePresenceFeedRead))
	add(http.MethodPost, "/pod/v1/presence/feed/{feedId}/delete", s.pod(s.handlePresenceFeedDelete))

	add(http.MethodGet, "/pod/v1/connection/user/{userId}/info", s.pod(s.handleConnectionInfo))
	add(http.MethodPost, "/pod/v1/connection/user/{uid}/remove", s.pod(s.handleConnectionRemove))
}
