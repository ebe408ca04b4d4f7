package simulator

import (
	"fmt"
	"time"

	"github.com/tutti-chat/tutti/simulator/scenario"
)

// loadSignals creates the signals of the scenario's company as their
// creators would have, a second apart before now, in order: each
// subscribed to their own, the company-wide ones pushed to every user. It
// needs Server.mu and the company's users.
func (s *state) loadSignals(signals []scenario.Signal, now time.Time) error {
	for i, sg := range signals {
		name, query, public, wide := sg.Name, sg.Query, sg.Public, sg.CompanyWide
		body := signalBody{Name: &name, Query: &query, VisibleOnProfile: &public, CompanyWide: &wide}
		at := now.Add(time.Duration(i-len(signals)) * time.Second)
		if _, err := s.createSignal(sg.Creator, body, at); err != nil {
			return fmt.Errorf("signal %q: %w", sg.Name, err)
		}
	}
	return nil
}
