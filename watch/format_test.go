package watch

import (
	"reflect"
	"testing"
)

// TestExprRoundTrips: a rule written with Expr reads back the same.
func TestExprRoundTrips(t *testing.T) {
	for _, r := range []Rule{
		{Cashtags: []string{"UST10Y", "EURUSD"}, Hashtags: []string{"incident"}},
		{Words: []string{"margin call", "limit"}, Streams: []string{"Rates Desk"}, Authors: []string{"Ana Silva"}},
		{Mentions: []string{"7078106171744"}, StreamTypes: []string{"im"}, Types: []string{"MESSAGESENT"}},
		{Regex: `sev ?[12] "quoted" \d`, Streams: []string{`odd "room" \ name`}},
		{Types: []string{"USERJOINEDROOM"}, Streams: []string{"Ops Incidents"}},
	} {
		back, err := ParseExpr(r.Expr())
		if err != nil {
			t.Errorf("%q: %v", r.Expr(), err)
			continue
		}
		back.Name = ""
		if !reflect.DeepEqual(back, r) {
			t.Errorf("%q read back as\n%+v, want\n%+v", r.Expr(), back, r)
		}
	}
}
