package watch

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tutti-chat/tutti/internal/sanitize"
)

// ParseExpr reads a rule written on one line, in the words of the quick
// switcher's search across streams:
//
//	$UST10Y #incident @"Ana Silva" by:"Ben Ode" in:"Rates Desk" in:im
//	type:USERJOINEDROOM re:"sev ?[12]" margin call word:"limit breach"
//
// $TICKER is a cashtag, #tag a hashtag, @name (or mention:name) a person
// mentioned, by:name (or author:name) an author; a person is a name, a
// user id or an e-mail address. in:room, in:im, in:mim, in:chat and
// in:post are stream types; in: anything else (or stream:) a stream, by
// name or id. type: is an event type (or a stream type, as in:), re: (or
// regex:) the regular expression. Plain words one after the other make a
// phrase, as does word: (or words:) with a quoted value. A value with
// spaces is quoted: "…", with \" and \\ inside. Terms of one kind are
// alternatives (any one will do); terms of different kinds must all hold.
// The rule is named after the expression.
func ParseExpr(expr string) (Rule, error) {
	tokens, err := splitExpr(expr)
	if err != nil {
		return Rule{}, err
	}
	var r Rule
	var phrase []string
	flush := func() {
		if len(phrase) > 0 {
			r.Words = append(r.Words, strings.Join(phrase, " "))
			phrase = nil
		}
	}
	for _, tok := range tokens {
		if tok.plain && !tok.quoted {
			phrase = append(phrase, tok.value)
			continue
		}
		if tok.plain {
			flush()
			r.Words = append(r.Words, tok.value) // a quoted phrase
			continue
		}
		flush()
		if err := r.addTerm(tok); err != nil {
			return Rule{}, err
		}
	}
	flush()
	if r.empty() {
		return Rule{}, errors.New("nothing to match: say $TICKER, #tag, @name, by:name, in:stream, type:EVENT, re:\"…\" or words")
	}
	r.Name = exprName(expr)
	var problems []error
	for _, p := range r.Check() {
		problems = append(problems, p)
	}
	return r, errors.Join(problems...)
}

// addTerm adds a term other than a plain word.
func (r *Rule) addTerm(tok token) error {
	v := tok.value
	switch tok.field {
	case "$":
		r.Cashtags = append(r.Cashtags, v)
	case "#":
		r.Hashtags = append(r.Hashtags, v)
	case "@", "mention", "mentions":
		r.Mentions = append(r.Mentions, v)
	case "by", "author", "authors":
		r.Authors = append(r.Authors, v)
	case "word", "words":
		r.Words = append(r.Words, v)
	case "re", "regex":
		if r.Regex != "" {
			return errors.New("one re: per rule")
		}
		r.Regex = v
	case "stream", "streams":
		r.Streams = append(r.Streams, v)
	case "in":
		if !tok.quoted && streamTypeBits(v) != 0 {
			r.StreamTypes = append(r.StreamTypes, v)
		} else {
			r.Streams = append(r.Streams, v)
		}
	case "type", "types":
		switch {
		case typeBit(strings.ToUpper(v)) != 0:
			r.Types = append(r.Types, v)
		case streamTypeBits(v) != 0:
			r.StreamTypes = append(r.StreamTypes, v)
		default:
			return fmt.Errorf("type:%s: say an event type, such as MESSAGESENT or USERJOINEDROOM, or room, im, mim, chat or post", sanitize.Line(v))
		}
	case "from", "to", "since", "until", "after", "before":
		return fmt.Errorf("%s: a rule watches what comes; it has no dates", tok.field)
	default:
		return fmt.Errorf("%s: is not a field (the fields: by or author, mention, in or stream, type, re, word)", sanitize.Line(tok.field))
	}
	if strings.TrimSpace(v) == "" {
		return fmt.Errorf("%s: has no value", tok.field)
	}
	return nil
}

// token is a term of an expression: a plain word, or a field (or the $,
// # or @ of a sign) and its value.
type token struct {
	field  string // lower case; "" for a plain word
	value  string
	plain  bool
	quoted bool
}

// splitExpr reads the terms of an expression: separated by white space,
// values quoted with "…".
func splitExpr(expr string) ([]token, error) {
	var out []token
	for i := 0; i < len(expr); {
		r, size := utf8.DecodeRuneInString(expr[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		start := i
		var tok token
		switch {
		case (expr[i] == '$' || expr[i] == '#' || expr[i] == '@') && i+1 < len(expr) && !unicode.IsSpace(rune(expr[i+1])):
			tok.field = expr[i : i+1]
			i++
		default:
			if k := fieldEnd(expr[i:]); k > 0 {
				tok.field = strings.ToLower(expr[i : i+k])
				i += k + 1
			} else if f := emptyField(expr[i:]); f != "" {
				return nil, fmt.Errorf("%s: has no value", f)
			} else {
				tok.plain = true
			}
		}
		value, n, quoted, err := readValue(expr[i:])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", sanitize.Line(expr[start:min(len(expr), start+24)]), err)
		}
		tok.value, tok.quoted = value, quoted
		i += n
		out = append(out, tok)
	}
	return out, nil
}

// fieldEnd returns the length of the field name s starts with, followed by
// a colon and a value; 0 when s starts with no field.
func fieldEnd(s string) int {
	k := 0
	for k < len(s) && (s[k] >= 'a' && s[k] <= 'z' || s[k] >= 'A' && s[k] <= 'Z') {
		k++
	}
	if k == 0 || k+1 >= len(s) || s[k] != ':' || s[k+1] == ' ' {
		return 0
	}
	return k
}

// exprFields are the fields of an expression, besides the signs $, # and @.
var exprFields = []string{"by", "author", "authors", "mention", "mentions", "in", "stream", "streams",
	"type", "types", "re", "regex", "word", "words"}

// emptyField returns the field s starts with when its value is missing
// ("by:" at the end, or followed by a space); "" when s starts with no
// field. A word that merely ends with a colon ("Dashboard:") is a word.
func emptyField(s string) string {
	end := strings.IndexFunc(s, unicode.IsSpace)
	if end < 0 {
		end = len(s)
	}
	word := s[:end]
	name, ok := strings.CutSuffix(word, ":")
	if !ok || !slices.Contains(exprFields, strings.ToLower(name)) {
		return ""
	}
	return strings.ToLower(name)
}

// readValue reads a value: quoted, up to its closing quote, or up to the
// next white space. It returns the value and the bytes read.
func readValue(s string) (value string, n int, quoted bool, err error) {
	if !strings.HasPrefix(s, `"`) {
		end := strings.IndexFunc(s, unicode.IsSpace)
		if end < 0 {
			end = len(s)
		}
		return s[:end], end, false, nil
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && i+1 < len(s) && (s[i+1] == '"' || s[i+1] == '\\'):
			b.WriteByte(s[i+1])
			i++
		case c == '"':
			return b.String(), i + 1, true, nil
		default:
			b.WriteByte(c)
		}
	}
	return "", 0, false, errors.New("a quote is not closed")
}

// exprName names the rule of an expression: the expression on one line,
// cut to MaxNameLen bytes.
func exprName(expr string) string {
	name := strings.Join(strings.Fields(sanitize.Line(expr)), " ")
	if len(name) <= MaxNameLen {
		return name
	}
	cut := MaxNameLen - len("…")
	for cut > 0 && !utf8.RuneStart(name[cut]) {
		cut--
	}
	return name[:cut] + "…"
}
