package simulator

import (
	"net/http"
)

// The simulator's administration API, on the same listener as the pod but
// not part of Symphony's API, and without authentication:
//
//	GET  /simulator/state   counts of the pod's state (State)
//	GET  /simulator/faults  the fault schedule, the armed faults and the
//	                        log of faults fired and applied
//	POST /simulator/faults  {"kind":"expire-feed"} fires one fault now;
//	                        answers {"fired":"<kind>"}

// faultsAnswer is the answer of GET /simulator/faults.
type faultsAnswer struct {
	Schedule string        `json:"schedule"`
	Pending  PendingFaults `json:"pending"`
	Log      []FaultRecord `json:"log"`
}

// handleFaultsList answers GET /simulator/faults.
func (s *Server) handleFaultsList(w http.ResponseWriter, _ *http.Request) {
	log, pending := s.faults.snapshot()
	if log == nil {
		log = []FaultRecord{}
	}
	writeJSON(w, http.StatusOK, faultsAnswer{Schedule: s.opts.Faults.String(), Pending: pending, Log: log})
}

// handleFaultsInject answers POST /simulator/faults {"kind": "..."}.
func (s *Server) handleFaultsInject(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Kind FaultKind `json:"kind"`
	}
	if err := decodeJSON(w, r, &body, false); err != nil {
		writeErr(w, err)
		return
	}
	if !validKind(body.Kind) {
		writeError(w, http.StatusBadRequest, "Unknown fault kind "+string(body.Kind)+" (known: "+kindList()+")")
		return
	}
	if err := s.fire(body.Kind, "admin"); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"fired": string(body.Kind)})
}

// handleState answers GET /simulator/state.
func (s *Server) handleState(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, s.State())
}
