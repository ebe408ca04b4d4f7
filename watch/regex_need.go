package watch

import (
	"regexp/syntax"
	"slices"
)

// maxRequired bounds the strings of what a regular expression requires or
// matches exactly; past it, they are not known.
const maxRequired = 16

// maxClass bounds the characters of a class read as the strings it
// matches.
const maxClass = 10

// required returns strings of which every match of the regular expression
// holds at least one (read as the sketch reads them: the case of letters
// does not matter); ok is false when no such strings are known, and the
// expression rules nothing out.
func required(expr string) (alts []string, ok bool) {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil, false
	}
	f := factsOf(re.Simplify())
	if f.exactOK {
		return f.exact, true
	}
	return f.req, f.reqOK
}

// facts are what is known of the matches of an expression: exactly the
// strings it matches (exactOK), or strings of which every match holds one
// (reqOK).
type facts struct {
	exact   []string
	exactOK bool
	req     []string
	reqOK   bool
}

// exactly returns the facts of an expression that matches exactly set.
func exactly(set ...string) facts {
	return facts{exact: set, exactOK: len(set) <= maxRequired}
}

// factsOf works out the facts of re.
func factsOf(re *syntax.Regexp) facts {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return exactly("")
	case syntax.OpLiteral:
		return exactly(string(re.Rune))
	case syntax.OpCharClass:
		var set []string
		for k := 0; k+1 < len(re.Rune); k += 2 {
			for r := re.Rune[k]; r <= re.Rune[k+1]; r++ {
				if len(set) == maxClass {
					return facts{}
				}
				set = append(set, string(r))
			}
		}
		return exactly(set...)
	case syntax.OpCapture:
		return factsOf(re.Sub[0])
	case syntax.OpQuest:
		if f := factsOf(re.Sub[0]); f.exactOK {
			return exactly(append(slices.Clone(f.exact), "")...)
		}
	case syntax.OpPlus:
		return requiring(factsOf(re.Sub[0]))
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return requiring(factsOf(re.Sub[0]))
		}
	case syntax.OpAlternate:
		return alternation(re.Sub)
	case syntax.OpConcat:
		return concatenation(re.Sub)
	}
	return facts{}
}

// requiring returns facts that say only what every match requires: what
// f matches exactly, or requires.
func requiring(f facts) facts {
	if f.exactOK {
		return facts{req: f.exact, reqOK: true}
	}
	return facts{req: f.req, reqOK: f.reqOK}
}

// alternation returns the facts of a choice of subs.
func alternation(subs []*syntax.Regexp) facts {
	out := facts{exactOK: true, reqOK: true}
	for _, sub := range subs {
		f := factsOf(sub)
		out.exactOK = out.exactOK && f.exactOK
		if out.exactOK {
			out.exact = append(out.exact, f.exact...)
		}
		r := requiring(f)
		out.reqOK = out.reqOK && r.reqOK
		if out.reqOK {
			out.req = append(out.req, r.req...)
		}
	}
	if len(out.exact) > maxRequired {
		out.exact, out.exactOK = nil, false
	}
	if !out.exactOK {
		out.exact = nil
	}
	if len(out.req) > maxRequired || !out.reqOK {
		out.req, out.reqOK = nil, false
	}
	return out
}

// concatenation returns the facts of subs one after the other: the
// product of the runs of parts matched exactly, and of what the parts
// require, the set that rules out most.
func concatenation(subs []*syntax.Regexp) facts {
	product := []string{""}
	var best []string
	bestScore := -1
	consider := func(set []string) {
		if s := score(set); s > bestScore {
			best, bestScore = set, s
		}
	}
	exact := true
	for _, sub := range subs {
		f := factsOf(sub)
		if f.exactOK && len(product)*len(f.exact) <= maxRequired {
			product = cross(product, f.exact)
			continue
		}
		exact = false
		consider(product)
		product = []string{""}
		if f.exactOK {
			product = f.exact
		} else if f.reqOK {
			consider(f.req)
		}
	}
	if exact {
		return exactly(product...)
	}
	consider(product)
	return facts{req: best, reqOK: bestScore > 0}
}

// cross returns every string of a followed by one of b.
func cross(a, b []string) []string {
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, x+y)
		}
	}
	return out
}

// score is how much a set of required strings rules out: the fewest
// trigrams any of them has.
func score(set []string) int {
	least := -1
	for _, s := range set {
		if n := len(literalOf(s)); least < 0 || n < least {
			least = n
		}
	}
	return least
}
