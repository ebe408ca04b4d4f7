package simulator

import (
	"fmt"
	"net/http"
	"strings"
)

// datafeedVersion is the version of the datafeed service the simulator
// says it runs beside its agent.
const datafeedVersion = "2.11.6"

// The states of the health checks (V3HealthStatus) and the service
// account's authentication (V3HealthAuthType).
const (
	healthUp   = "UP"
	healthDown = "DOWN"
	authRSA    = "RSA"
)

// healthComponent is a service or a user of the extended health check
// (V3HealthComponent).
type healthComponent struct {
	Status   string `json:"status"`
	Version  string `json:"version,omitempty"`
	AuthType string `json:"authType,omitempty"`
	Message  string `json:"message,omitempty"`
}

// healthAnswer is the answer of the health checks (V3Health).
type healthAnswer struct {
	Status   string                     `json:"status"`
	Version  string                     `json:"version"`
	Services map[string]healthComponent `json:"services,omitempty"`
	Users    map[string]healthComponent `json:"users,omitempty"`
}

// isHealthPath reports whether p is one of the agent's health checks. The
// agent answers them itself, probing what is behind it: the injected
// faults do not answer them, they show in them.
func isHealthPath(p string) bool {
	return p == "/agent/v3/health" || strings.HasPrefix(p, "/agent/v3/health/")
}

// handleHealth answers GET /agent/v3/health, which needs no
// authentication: the agent is up whenever it answers.
func (s *Server) handleHealth(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, healthAnswer{Status: healthUp, Version: apiVersion})
}

// handleHealthExtended answers GET /agent/v3/health/extended, which needs
// no authentication: the state of the pod, the key manager and the
// datafeed service as the agent sees them, and of the agent's own users,
// 200 when all are UP, 503 when one is DOWN. The simulator's armed faults
// decide it truthfully (extendedHealth).
func (s *Server) handleHealthExtended(w http.ResponseWriter, _ *http.Request) {
	_, pending := s.faults.snapshot()
	out := extendedHealth(pending)
	status := http.StatusOK
	if out.Status == healthDown {
		status = http.StatusServiceUnavailable
	}
	writeJSON(w, status, out)
}

// extendedHealth is the extended health check under the armed faults: an
// armed 5xx makes the next pod and agent calls fail, so the pod and the
// datafeed service (whose reads are agent calls) are DOWN until those
// calls have been answered; an armed cut of a datafeed read makes the
// datafeed DOWN until a read has been cut. A 429 or a delay armed leaves
// everything UP: the pod answers, later or throttled. The key manager
// (/relay) takes no fault. Probing uses up nothing that is armed.
func extendedHealth(p PendingFaults) healthAnswer {
	up := func(version string) healthComponent { return healthComponent{Status: healthUp, Version: version} }
	pod, km, feed := up(apiVersion), up(apiVersion), up(datafeedVersion)
	var feedProblems []string
	if p.Error5xx > 0 {
		msg := fmt.Sprintf("the pod and the agent answer 5xx to their next %d calls", p.Error5xx)
		pod.Status, pod.Message = healthDown, msg
		feedProblems = append(feedProblems, msg)
	}
	if p.Drop > 0 {
		feedProblems = append(feedProblems, "the next datafeed read is cut")
	}
	if len(feedProblems) > 0 {
		feed.Status, feed.Message = healthDown, strings.Join(feedProblems, "; ")
	}
	out := healthAnswer{
		Status: healthUp, Version: apiVersion,
		Services: map[string]healthComponent{"pod": pod, "key_manager": km, "datafeed": feed},
		Users: map[string]healthComponent{
			"agentservice": {Status: healthUp, AuthType: authRSA},
			"ceservice":    {Status: healthUp, AuthType: authRSA},
		},
	}
	for _, c := range out.Services {
		if c.Status == healthDown {
			out.Status = healthDown
		}
	}
	return out
}
