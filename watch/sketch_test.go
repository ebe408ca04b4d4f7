package watch

import (
	"strings"
	"testing"
	"unicode"
)

// TestFoldedLettersAreAllOfThem: foldedLetter knows every rune past ASCII
// that lower-cases, or case-folds, to an ASCII letter.
func TestFoldedLettersAreAllOfThem(t *testing.T) {
	for r := rune(0x80); r <= unicode.MaxRune; r++ {
		want := byte(0)
		if l := unicode.ToLower(r); l < 0x80 && unicode.IsLetter(l) {
			want = byte(l)
		}
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			if f < 0x80 && unicode.IsLetter(f) {
				want = byte(unicode.ToLower(f))
			}
		}
		if got := foldedLetter(r); got != want {
			t.Errorf("%U: foldedLetter %q, want %q", r, got, want)
		}
	}
}

// TestSketchRulesOut: the sketches of a plain message, of its
// PresentationML and of its EntityJSON, rule out what they do not hold,
// and hold what render may show; markup they cannot read opens them.
func TestSketchRulesOut(t *testing.T) {
	cases := []struct {
		body, data string
		open       bool     // the PresentationML's sketch is open
		dataOpen   bool     // the EntityJSON's is
		holds      []string // in the PresentationML's
		lacks      []string
		dataHolds  []string // in the EntityJSON's
		dataLacks  []string
	}{
		{body: "<p>got a <b>margin</b> call</p>", holds: []string{"margin", "call", "MARGIN"}, lacks: []string{"breach"}},
		{body: "mar<b>gin</b> and s*o*s", holds: []string{"margin", "sos"}},
		{body: "\u212aeep \u017fos", holds: []string{"keep", "sos"}},
		{body: "sev<b>:one:</b>", holds: []string{"sev1", "sev4"}, lacks: []string{"ev11"}},
		{body: "AT&amp;T &lt;sev&gt;", holds: []string{"sev"}, lacks: []string{"ampt"}},
		{body: `<a href="https://wiki.example.com">doc</a>`, holds: []string{"wiki", "link"}},
		{body: "the incident", data: `{"h":{"type":"org.symphonyoss.taxonomy","id":[{"value":"fomc"}]}}`,
			holds: []string{"incident"}, lacks: []string{"fomc"}, dataHolds: []string{"fomc"}, dataLacks: []string{"incident"}},
		{body: "&#115;ev", open: true},
		{body: "mar\u200bgin", open: true},
		{body: `<time datetime="2026-12-01T18:00:00Z">x</time>`, open: true},
		{body: `<div class="card">x</div>`, open: true},
		{body: `<ol><li>x</li></ol>`, open: true},
		{body: `<span class="entity" data-entity-id="m1"></span>`, open: true},
		{body: `<span class="entity" data-entity-id="e1">:x:</span>`, open: true},
		{body: `<a href="x"></a>`, open: true},
		{body: "x", data: `{"a":{"type":"fdc3.entity.action","label":"Go"}}`, open: true, dataHolds: []string{"label"}},
		{body: "x", data: `{"a":"\u0041"}`, open: true, dataOpen: true},
		{body: "x", data: `{"h":{"type":"org.symphonyoss.fin.security","id":[{"value":"U\ST10Y"}]}}`, dataHolds: []string{"ust10y"}},
		{body: "x", data: `{"a":{"type":"fdc3\.entity.action","label":"Go"}}`, open: true},
	}
	for _, c := range cases {
		var s, d sketch
		s.addPML(pml(c.body), c.data)
		d.addData(c.data)
		if s.open != c.open || d.open != c.dataOpen {
			t.Errorf("%q %q: open %v and %v", c.body, c.data, s.open, d.open)
			continue
		}
		for _, check := range []struct {
			sk           *sketch
			holds, lacks []string
		}{{&s, c.holds, c.lacks}, {&d, c.dataHolds, c.dataLacks}} {
			for _, w := range check.holds {
				if !check.sk.has(literalOf(w)) {
					t.Errorf("%q %q: a sketch lacks %q", c.body, c.data, w)
				}
			}
			for _, w := range check.lacks {
				if check.sk.has(literalOf(w)) {
					t.Errorf("%q %q: a sketch holds %q", c.body, c.data, w)
				}
			}
		}
	}
}

// TestRequiredOfRegexes: what a regular expression requires, as strings
// one of which is in every match.
func TestRequiredOfRegexes(t *testing.T) {
	for expr, want := range map[string][]string{
		`(?i)\bsev ?[12]\b`: {"sev1", "sev2", "sev 1", "sev 2"},
		`disk \d+% full`:    {"disk "},
		`INC-\d{4}`:         {"INC-"},
		`margin\s+call`:     {"margin"},
		`(a|b)*`:            nil,
		`.+`:                nil,
	} {
		got, ok := required(expr)
		if ok != (want != nil) || !sameSet(got, want) {
			t.Errorf("%s: %q %v, want %q", expr, got, ok, want)
		}
	}
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		found := false
		for _, y := range b {
			found = found || strings.EqualFold(x, y)
		}
		if !found {
			return false
		}
	}
	return true
}
