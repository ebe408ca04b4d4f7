package simulator

import "net/http"

// fileRoutes registers the pod's endpoints about files: the attachments
// of a stream's messages and the file types the pod allows.
func (s *Server) fileRoutes(add func(method, pattern string, h http.HandlerFunc)) {
	add(http.MethodGet, "/pod/v1/streams/{sid}/attachments", s.pod(s.handleStreamAttachments))
	add(http.MethodGet, "/pod/v1/files/allowedTypes", s.pod(s.handleAllowedFileTypes))
}
