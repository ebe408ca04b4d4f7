package watch

import (
	"strings"
	"unicode/utf8"
)

// regexFilter is what the text of a message must hold for a rule's
// regular expression to match it: in lower case, one of lits (the strings
// every match holds one of, regex_need.go). It spares running the
// expression over the text of a message that the sketch let through.
type regexFilter struct {
	lits []string // lower-case ASCII; nil: rules nothing out
}

// newRegexFilter returns the filter of the expression expr.
func newRegexFilter(expr string) regexFilter {
	alts, ok := required(expr)
	if !ok || len(alts) == 0 {
		return regexFilter{}
	}
	lits := make([]string, 0, len(alts))
	for _, a := range alts {
		if a == "" || !isASCII(a) {
			return regexFilter{} // "" is in every text; folding past ASCII is not read
		}
		lits = append(lits, strings.ToLower(a))
	}
	return regexFilter{lits: lits}
}

// rulesOut reports whether the expression cannot match the text whose
// lower case is lower. A match holds one of the strings, in any case
// (?i) allows, and lower case turns the variants of an ASCII letter into
// the letter (the Kelvin sign into k), except the long s (ſ), which (?i)
// matches as s: a text that holds one rules nothing out.
func (f *regexFilter) rulesOut(lower string) bool {
	if f.lits == nil || strings.Contains(lower, "\u017f") {
		return false
	}
	for _, l := range f.lits {
		if strings.Contains(lower, l) {
			return false
		}
	}
	return true
}

// isASCII reports whether s is ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
