package simulator

import "net/http"

// bdkRoutes registers what a Symphony BDK bot commonly calls beyond what
// tutti needs: a message's status, the administration of its receipts and
// relationships, an article shared into a stream, signals, and the
// agent's health checks.
func (s *Server) bdkRoutes(add func(method, pattern string, h http.HandlerFunc)) {
	// Pod.
	add(http.MethodGet, "/pod/v1/message/{mid}/status", s.pod(s.handleMessageStatus))
	add(http.MethodGet, "/pod/v1/admin/messages/{mid}/receipts", s.pod(s.handleMessageReceipts))
	add(http.MethodGet, "/pod/v1/admin/messages/{mid}/metadata/relationships", s.pod(s.handleMessageRelationships))

	// Agent.
	add(http.MethodGet, "/agent/v3/health", s.handleHealth)
	add(http.MethodGet, "/agent/v3/health/extended", s.handleHealthExtended)
	add(http.MethodPost, "/agent/v3/stream/{sid}/share", s.agent(s.handleShare))
	add(http.MethodGet, "/agent/v1/signals/list", s.agent(s.handleSignalsList))
	add(http.MethodGet, "/agent/v1/signals/{id}/get", s.agent(s.handleSignalGet))
	add(http.MethodPost, "/agent/v1/signals/create", s.agent(s.handleSignalCreate))
	add(http.MethodPost, "/agent/v1/signals/{id}/update", s.agent(s.handleSignalUpdate))
	add(http.MethodPost, "/agent/v1/signals/{id}/delete", s.agent(s.handleSignalDelete))
	add(http.MethodPost, "/agent/v1/signals/{id}/subscribe", s.agent(s.handleSignalSubscribe))
	add(http.MethodPost, "/agent/v1/signals/{id}/unsubscribe", s.agent(s.handleSignalUnsubscribe))
	add(http.MethodGet, "/agent/v1/signals/{id}/subscribers", s.agent(s.handleSignalSubscribers))
}
