package simulator

import (
	"regexp"
	"strconv"
	"strings"
)

// The fields of a signal's query.
const (
	signalAuthor  = "author"
	signalHashtag = "hashtag"
	signalCashtag = "cashtag"
)

// signalTerm is one "field:value" pair of a signal's query, its value
// without the # or $ of a tag.
type signalTerm struct {
	field  string
	value  string // hashtags and cashtags lower-cased
	author int64
}

// signalQuery is a parsed query: terms joined by AND, groups of them
// joined by OR (AND binds first).
type signalQuery [][]signalTerm

// signalOperator splits a query at its operators, which spaces surround.
var signalOperator = regexp.MustCompile(`\s+(?i:(AND|OR))\s+`)

// parseSignalQuery reads a query as the agent documents it: "field:value"
// pairs joined by AND or OR, the fields author (a user id), hashtag and
// cashtag, case-insensitive, with at least one hashtag or cashtag.
func parseSignalQuery(q string) (signalQuery, error) {
	q = strings.TrimSpace(q)
	if q == "" {
		return nil, badRequest("The signal's query is required")
	}
	parts := signalOperator.Split(q, -1)
	ops := signalOperator.FindAllStringSubmatch(q, -1)
	out := signalQuery{nil}
	tagged := false
	for i, part := range parts {
		t, err := parseSignalTerm(part)
		if err != nil {
			return nil, err
		}
		tagged = tagged || t.field != signalAuthor
		if i > 0 && strings.EqualFold(ops[i-1][1], "OR") {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], t)
	}
	if !tagged {
		return nil, badRequest("The signal's query %q must hold at least one hashtag or cashtag", q)
	}
	return out, nil
}

// parseSignalTerm reads one "field:value" pair.
func parseSignalTerm(part string) (signalTerm, error) {
	field, value, ok := strings.Cut(strings.TrimSpace(part), ":")
	field, value = strings.ToLower(strings.TrimSpace(field)), strings.TrimSpace(value)
	if !ok || value == "" || strings.ContainsAny(value, " \t\n") {
		return signalTerm{}, badRequest("Invalid signal query term %q: want field:value, the fields author, hashtag and cashtag", part)
	}
	t := signalTerm{field: field}
	switch field {
	case signalAuthor:
		id, err := strconv.ParseInt(value, 10, 64)
		if err != nil || id <= 0 {
			return signalTerm{}, badRequest("Invalid signal query term %q: the author is a user id", part)
		}
		t.author = id
	case signalHashtag:
		t.value = strings.ToLower(strings.TrimPrefix(value, "#"))
	case signalCashtag:
		t.value = strings.ToLower(strings.TrimPrefix(value, "$"))
	default:
		return signalTerm{}, badRequest("Invalid signal query term %q: unknown field %q (author, hashtag, cashtag)", part, field)
	}
	if t.field != signalAuthor && t.value == "" {
		return signalTerm{}, badRequest("Invalid signal query term %q: the tag is empty", part)
	}
	return t, nil
}

// matches reports whether a message meets the query: every term of one
// of its groups. A hashtag or cashtag term needs the tag among the
// message's entities, an author term its author.
func (q signalQuery) matches(m *message) bool {
	e := messageEntities(m.msg.Data)
	for _, group := range q {
		all := true
		for _, t := range group {
			switch t.field {
			case signalAuthor:
				all = m.msg.User != nil && m.msg.User.UserID == t.author
			case signalHashtag:
				all = e.has(hashtagEntity, hashtagID, t.value)
			default:
				all = e.has(cashtagEntity, cashtagID, t.value)
			}
			if !all {
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}
