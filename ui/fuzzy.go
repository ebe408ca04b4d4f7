package ui

import (
	"unicode"
	"unicode/utf8"
)

// foldSubsequence reports whether name holds the runes of query in order,
// case-insensitively: whether fuzzyScore matches, without scoring and
// without allocating.
func foldSubsequence(query, name string) bool {
	rest := query
	for _, r := range name {
		if rest == "" {
			return true
		}
		q, size := utf8.DecodeRuneInString(rest)
		if r == q || unicode.ToLower(r) == unicode.ToLower(q) {
			rest = rest[size:]
		}
	}
	return rest == ""
}

// Fuzzy-match scores: every matched rune earns fuzzyMatch, one at the start
// of a word earns fuzzyWordStart more, and one right after the previous
// match earns fuzzyRun more, so that "rates" ranks "Rates Desk" above a
// name that only holds the letters scattered.
const (
	fuzzyMatch     = 1
	fuzzyWordStart = 8
	fuzzyRun       = 10 // above fuzzyWordStart: a word typed whole beats initials scattered over words
	fuzzyFirst     = 4  // a match on the name's first rune
)

// fuzzyScore matches query as a case-insensitive subsequence of name and
// returns the best score of the match, or false when name does not hold
// the query's runes in order. An empty query matches with score 0.
func fuzzyScore(query, name string) (int, bool) {
	if !foldSubsequence(query, name) {
		return 0, false
	}
	q := []rune(query)
	if len(q) == 0 {
		return 0, true
	}
	n := []rune(name)
	if len(q) > len(n) {
		return 0, false
	}
	for i, r := range q {
		q[i] = unicode.ToLower(r)
	}
	ln := make([]rune, len(n))
	bonus := make([]int, len(n))
	for j, r := range n {
		ln[j] = unicode.ToLower(r)
		bonus[j] = fuzzyMatch
		switch {
		case j == 0:
			bonus[j] += fuzzyWordStart + fuzzyFirst
		case !isWordRune(n[j-1]) && isWordRune(r),
			unicode.IsLower(n[j-1]) && unicode.IsUpper(r):
			bonus[j] += fuzzyWordStart
		}
	}
	// prev[j] is the best score of q[:i] with q[i-1] matched at n[j], or
	// -1 when there is none.
	const none = -1
	prev := make([]int, len(n))
	cur := make([]int, len(n))
	for j := range n {
		prev[j] = none
		if ln[j] == q[0] {
			prev[j] = bonus[j]
		}
	}
	for i := 1; i < len(q); i++ {
		best := none // the best prev[k] for k < j-1
		for j := range n {
			cur[j] = none
			if j >= 2 && prev[j-2] > best {
				best = prev[j-2]
			}
			if ln[j] != q[i] || j == 0 {
				continue
			}
			if best != none {
				cur[j] = best + bonus[j]
			}
			if prev[j-1] != none && prev[j-1]+bonus[j]+fuzzyRun > cur[j] {
				cur[j] = prev[j-1] + bonus[j] + fuzzyRun
			}
		}
		prev, cur = cur, prev
	}
	top := none
	for _, s := range prev {
		top = max(top, s)
	}
	return top, top != none
}

// isWordRune reports whether r is part of a word: a letter or a digit.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
