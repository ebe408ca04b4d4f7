package simulator

import "net/http"

// answerLocked answers what compute makes of the state, run under the
// server's lock: 200 with its value as the JSON body, or its error. The
// lock is released before the answer is written.
func answerLocked[T any](s *Server, w http.ResponseWriter, compute func(st *state) (T, error)) {
	s.mu.Lock()
	out, err := compute(s.st)
	s.mu.Unlock()
	if err != nil {
		writeErr(w, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}
