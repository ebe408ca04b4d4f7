package simulator_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/symphony"
)

// TestScenarioSignals: the scenario's company has signals from the start;
// the service account lists its own and the company-wide push signal, not
// another's that it never subscribed to, and a message search by its
// on-call signal finds the history's incidents.
func TestScenarioSignals(t *testing.T) {
	srv := start(t, simulator.Options{Scenario: "quiet"})
	c := newClient(t, srv)
	var list []symphony.Signal
	if status := c.callJSON(http.MethodGet, "/agent/v1/signals/list", nil, &list); status != http.StatusOK {
		t.Fatalf("list: %d", status)
	}
	var names []string
	onCall := ""
	for _, sg := range list {
		names = append(names, sg.Name)
		if sg.Name == "On call: incidents" {
			onCall = sg.ID
		}
	}
	if got := strings.Join(names, ", "); got != "On call: incidents, Treasuries, Releases" || onCall == "" {
		t.Fatalf("the account's signals: %s", got)
	}
	if !list[2].CompanyWide || list[0].CompanyWide {
		t.Errorf("company-wide: %+v", list)
	}
	var found []map[string]any
	status := c.callJSON(http.MethodPost, "/agent/v1/message/search", symphony.MessageSearchQuery{Signal: onCall}, &found)
	if status != http.StatusOK || len(found) == 0 {
		t.Errorf("search by the on-call signal: %d, %d messages", status, len(found))
	}
}
