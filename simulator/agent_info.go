package simulator

import (
	"net"
	"net/http"
)

// agentInfo is the answer of GET /agent/v1/info (AgentInfo).
type agentInfo struct {
	IPAddress  string `json:"ipAddress"`
	Hostname   string `json:"hostname"`
	ServerFqdn string `json:"serverFqdn"`
	Version    string `json:"version"`
	URL        string `json:"url"`
	OnPrem     bool   `json:"onPrem"`
	MT         bool   `json:"mt"`
	CommitID   string `json:"commitId"`
}

// handleAgentInfo answers GET /agent/v1/info, which needs no
// authentication; clients read the version from it.
func (s *Server) handleAgentInfo(w http.ResponseWriter, r *http.Request) {
	host, _, err := net.SplitHostPort(r.Host)
	if err != nil {
		host = r.Host
	}
	writeJSON(w, http.StatusOK, agentInfo{
		IPAddress: "127.0.0.1", Hostname: "localhost", ServerFqdn: host, Version: apiVersion,
		URL: s.url + "/agent", OnPrem: true, CommitID: "simulator",
	})
}
