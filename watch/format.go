package watch

import "strings"

// Expr writes the rule on one line, as ParseExpr reads it: ParseExpr of
// Expr gives the rule back, its name aside (the name follows the
// expression). A signal's AllTags has no expression and is left out:
// those rules are read-only.
func (r Rule) Expr() string {
	var terms []string
	add := func(field string, values []string) {
		for _, v := range values {
			terms = append(terms, field+quoteValue(v))
		}
	}
	add("$", r.Cashtags)
	add("#", r.Hashtags)
	add("@", r.Mentions)
	add("by:", r.Authors)
	add("stream:", r.Streams)
	add("in:", r.StreamTypes)
	add("type:", r.Types)
	add("word:", r.Words)
	if r.Regex != "" {
		terms = append(terms, "re:"+quote(r.Regex))
	}
	return strings.Join(terms, " ")
}

// quoteValue writes a value as is when it is one plain token, quoted
// otherwise.
func quoteValue(v string) string {
	if v != "" && !strings.ContainsAny(v, " \t\n\"\\:") {
		return v
	}
	return quote(v)
}

// quote writes v in "…", with \" and \\ inside.
func quote(v string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(v) + `"`
}
