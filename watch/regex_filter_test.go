package watch

import (
	"regexp"
	"strings"
	"testing"
)

// TestRegexFilterKeepsMatches checks that the filter rules out a text only
// when the expression does not match it, over expressions and texts that
// differ in case, folding and the strings they hold.
func TestRegexFilterKeepsMatches(t *testing.T) {
	exprs := []string{
		`(?i)\bsev ?[12]\b`, `disk \d+% full`, `(?i)error rate \d+`, `INC-\d{4}`, `\b(100|150|250)m\b`,
		`(?i)ks`, `(?i)kelvin`, `Straße`, `(?i)straße`, `a|b`, `x?`, `(?i)[sk]ip`, `(?i)\x{17f}kip`,
	}
	texts := []string{
		"", "SEV 1 now", "Sev2", "ſev 1", "sev 3", "disk 93% full", "DISK 93% FULL", "Error Rate 12",
		"ERROR RATE 7", "inc-1234", "INC-1234", "sold 150m", "KS", "\u212as", "\u212aelvin", "ſkip", "ſ",
		"STRASSE", "Straße", "straße", "skip", "SKIP", "\u212aIP", "no match here", "İnc-1234",
	}
	for _, e := range exprs {
		re := regexp.MustCompile(e)
		f := newRegexFilter(e)
		for _, text := range texts {
			lower, _ := lowerWithOffsets(text)
			if f.rulesOut(lower) && re.MatchString(text) {
				t.Errorf("%s: ruled out %q, which it matches", e, text)
			}
		}
	}
}

// TestRegexFilterRulesOut checks that the filter spares the expression
// the texts that lack what it needs.
func TestRegexFilterRulesOut(t *testing.T) {
	for _, c := range []struct {
		expr, text string
		out        bool
	}{
		{`(?i)\bsev ?[12]\b`, "several people", true},
		{`(?i)\bsev ?[12]\b`, "SEV1 declared", false},
		{`INC-\d{4}`, "an incident", true},
		{`INC-\d{4}`, "see inc-12", false}, // holds inc-: the expression decides
		{`disk \d+% full`, "the disk is full", false},
		{`disk \d+% full`, "the drive is full", true},
		{`(?i)sev1`, "ſev1", false}, // (?i) reads ſ as s
		{`x?`, "anything", false},   // matches the empty string
	} {
		lower, _ := lowerWithOffsets(c.text)
		f := newRegexFilter(c.expr)
		if got := f.rulesOut(strings.Clone(lower)); got != c.out {
			t.Errorf("%s on %q: rulesOut %v, want %v", c.expr, c.text, got, c.out)
		}
	}
}
