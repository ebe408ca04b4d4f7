package simulator

import (
	"time"
)

// Pacing of live actions: delays shorter than minSleep are not slept but
// accumulated, so that fast scenarios apply actions in batches.
const minSleep = 5 * time.Millisecond

// runLive plays the scenario's live actions until it has no more or the
// server closes. Delays are scaled by 1/Speed and kept on a virtual
// schedule, so that oversleeping one delay shortens the next ones.
func (s *Server) runLive() {
	defer close(s.liveDone)
	due := time.Now()
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	for {
		a, after, ok := s.gen.Next()
		if !ok {
			s.log.Info("simulator: the scenario has no more live actions")
			return
		}
		due = due.Add(time.Duration(float64(after) / s.opts.Speed))
		if wait := time.Until(due); wait >= minSleep {
			timer.Reset(wait)
			select {
			case <-s.liveCtx.Done():
				return
			case <-timer.C:
			}
		} else if s.liveCtx.Err() != nil {
			return
		}
		if lag := time.Since(due); lag > time.Second {
			due = time.Now() // do not try to catch up after a long stall
		}
		a.Time = time.Time{}
		if err := s.Apply(a); err != nil {
			s.log.Debug("simulator: live action skipped", "err", err)
			s.mu.Lock()
			s.st.skipped++
			s.mu.Unlock()
		}
	}
}

// StopLive stops the scenario's live actions and returns once the last one
// has been applied: from then on the pod changes only through its API, Post
// and Apply. It is safe to call more than once, and without live actions.
func (s *Server) StopLive() {
	s.liveCancel()
	<-s.liveDone
}
