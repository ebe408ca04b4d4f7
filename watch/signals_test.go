package watch

import (
	"reflect"
	"strings"
	"testing"

	"github.com/tutti-chat/tutti/symphony"
)

func TestSignalRules(t *testing.T) {
	signals := []symphony.Signal{
		{ID: "s1", BaseSignal: symphony.BaseSignal{Name: "Rates", Query: "cashtag:$UST10Y and HASHTAG:#rates OR hashtag:curve AND author:71"}},
		{ID: "s2", BaseSignal: symphony.BaseSignal{Name: "Two authors", Query: "hashtag:a AND author:1 AND author:2 or hashtag:b"}},
		{ID: "s3", BaseSignal: symphony.BaseSignal{Name: "Bad", Query: "author:71"}},
		{ID: "s4", BaseSignal: symphony.BaseSignal{Name: "Worse", Query: "subject:x"}},
	}
	rules, errs := SignalRules(signals)
	types := []string{"MESSAGESENT", "SHAREDPOST"}
	want := []Rule{
		{Name: "Rates", Signal: "s1", Cashtags: []string{"UST10Y"}, Hashtags: []string{"rates"}, AllTags: true, Types: types},
		{Name: "Rates", Signal: "s1", Hashtags: []string{"curve"}, Authors: []string{"71"}, AllTags: true, Types: types},
		{Name: "Two authors", Signal: "s2", Hashtags: []string{"b"}, AllTags: true, Types: types},
	}
	if !reflect.DeepEqual(rules, want) {
		t.Errorf("rules\n%+v\nwant\n%+v", rules, want)
	}
	if len(errs) != 2 || !strings.Contains(errs[0].Error(), `signal "Bad": the query "author:71" holds no hashtag or cashtag`) ||
		!strings.Contains(errs[1].Error(), `signal "Worse": term "subject:x": unknown field "subject"`) {
		t.Errorf("errors %v", errs)
	}
	for _, r := range rules {
		if !r.ReadOnly() || len(r.Check()) > 0 {
			t.Errorf("rule %+v: read-only %v, problems %v", r, r.ReadOnly(), r.Check())
		}
	}

	// A message with both tags meets the first rule; one of them does not.
	dir, rates, _, ana, _ := testWorld()
	m, err := New(rules, dir)
	if err != nil {
		t.Fatal(err)
	}
	tag := func(id, typ, idType, v string) string {
		return `"` + id + `":{"type":"` + typ + `","version":"1.0","id":[{"type":"` + idType + `","value":"` + v + `"}]}`
	}
	data := "{" + tag("c", "org.symphonyoss.fin.security", "org.symphonyoss.fin.security.id.ticker", "ust10y") + "," +
		tag("h", "org.symphonyoss.taxonomy", "org.symphonyoss.taxonomy.hashtag", "Rates") + "}"
	both := `<span class="entity" data-entity-id="c">$ust10y</span> <span class="entity" data-entity-id="h">#Rates</span>`
	if got := hitNames(m.Match(message(rates, ana, both, data))); !reflect.DeepEqual(got, []string{"Rates"}) {
		t.Errorf("both tags: %v", got)
	}
	one := `<span class="entity" data-entity-id="c">$ust10y</span>`
	if got := m.Match(message(rates, ana, one, data)); got != nil {
		t.Errorf("one tag: %v", hitNames(got))
	}
}
