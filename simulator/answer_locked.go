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

// answerViewLocked is answerLocked for a compute that finds or makes a
// thing of the state (a room, a signal): the answer is what view makes of
// it, under the lock too.
func answerViewLocked[T, V any](s *Server, w http.ResponseWriter, compute func(st *state) (T, error), view func(T) V) {
	answerLocked(s, w, func(st *state) (V, error) {
		found, err := compute(st)
		if err != nil {
			var none V
			return none, err
		}
		return view(found), nil
	})
}
