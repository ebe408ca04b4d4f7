package watch

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/tutti-chat/tutti/symphony"
)

// FuzzMatchesTheNaiveMatcher checks the Matcher against naiveMatch on
// any PresentationML and EntityJSON, with rules of every kind: whatever
// the sketches rule out must not match once parsed. The seeds are
// messages of the property test's generator; `go test -fuzz
// FuzzMatchesTheNaiveMatcher ./watch` searches beyond them.
func FuzzMatchesTheNaiveMatcher(f *testing.F) {
	rng := rand.New(rand.NewPCG(9, 0x66757a7a))
	g := newGen(rng)
	for range 64 {
		pml, data := g.message()
		f.Add(pml, data)
	}
	f.Add(`<div data-format="PresentationML" data-version="2.0"><span class="entity" data-entity-id="a">x</span></div>`,
		`{"a":{"type":"fdc3.entity\u002eaction","label":"margin call"}}`) // the escape is JSON's
	var rules []Rule
	var matchers []*Matcher
	for i := range 64 {
		rules = append(rules, g.rule(fmt.Sprintf("r%d", i)))
		if len(rules)%4 == 0 {
			m, err := New(rules[len(rules)-4:], g.dir)
			if err != nil {
				f.Fatal(err)
			}
			matchers = append(matchers, m)
		}
	}
	st := g.streams[0]
	author := g.people[1]
	f.Fuzz(func(t *testing.T, pml, data string) {
		ev := symphony.V4Event{ID: "e1", Type: symphony.EventMessageSent, Initiator: &symphony.V4Initiator{User: &author},
			Payload: &symphony.V4Payload{MessageSent: &symphony.V4MessageSent{Message: &symphony.V4Message{
				MessageID: "m1", Message: pml, Data: data, User: &author, Stream: &st,
			}}}}
		got := map[string]Hit{}
		for _, m := range matchers {
			for _, h := range m.Match(&ev) {
				got[h.Rule.Name] = h
			}
		}
		for _, r := range rules {
			ok, spans := naiveMatch(r, &ev, g.dir)
			h, hit := got[r.Name]
			if ok != hit {
				t.Fatalf("rule %+v: Match %v, naive %v on\n%q\n%q", r, hit, ok, pml, data)
			}
			if ok && !slices.Equal(h.Spans, spans) && (len(h.Spans) > 0 || len(spans) > 0) {
				t.Fatalf("rule %+v: spans %v, naive %v in %q", r, h.Spans, spans, h.Text)
			}
		}
	})
}
