package watch

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/tutti-chat/tutti/internal/sanitize"
	"github.com/tutti-chat/tutti/symphony"
)

// signalOperator splits a signal's query at its operators, which white
// space surrounds, as the agent reads them.
var signalOperator = regexp.MustCompile(`\s+(?i:(AND|OR))\s+`)

// SignalRules returns the account's Symphony signals as read-only rules of
// the same meaning. A signal's query is "field:value" terms — author (a
// user id), hashtag, cashtag; fields in any case, tags without their sign
// or with it — joined by AND and OR, AND binding first. Each group of
// terms joined by AND becomes a rule named after the signal, with the
// signal's id: its tags, every one of them required (AllTags), its author,
// and the event types of messages (MESSAGESENT, SHAREDPOST). A group that
// names two authors matches nothing and is left out; a signal whose query
// cannot be read is an error, and gives no rule.
func SignalRules(signals []symphony.Signal) ([]Rule, []error) {
	var rules []Rule
	var errs []error
	for _, sg := range signals {
		name := sanitize.Line(strings.TrimSpace(sg.Name))
		if name == "" {
			name = "signal " + sg.ID
		}
		groups, err := parseSignalQuery(sg.Query)
		if err != nil {
			errs = append(errs, fmt.Errorf("signal %q: %w", name, err))
			continue
		}
		for _, g := range groups {
			if len(g.Authors) > 1 && slices.ContainsFunc(g.Authors[1:], func(a string) bool { return a != g.Authors[0] }) {
				continue // two authors: no message has them both
			}
			g.Name, g.Signal = name, sg.ID
			g.Types = []string{symphony.EventMessageSent, symphony.EventSharedPost}
			g.AllTags = true
			rules = append(rules, g)
		}
	}
	return rules, errs
}

// parseSignalQuery reads a signal's query into its groups of terms joined
// by AND, each as a rule with its tags and authors.
func parseSignalQuery(q string) ([]Rule, error) {
	q = strings.TrimSpace(q)
	if q == "" {
		return nil, fmt.Errorf("the query is empty")
	}
	parts := signalOperator.Split(q, -1)
	ops := signalOperator.FindAllStringSubmatch(q, -1)
	groups := []Rule{{}}
	tagged := false
	for i, part := range parts {
		if i > 0 && strings.EqualFold(ops[i-1][1], "OR") {
			groups = append(groups, Rule{})
		}
		g := &groups[len(groups)-1]
		field, value, ok := strings.Cut(strings.TrimSpace(part), ":")
		field, value = strings.ToLower(strings.TrimSpace(field)), strings.TrimSpace(value)
		if !ok || value == "" || strings.ContainsAny(value, " \t\n") {
			return nil, fmt.Errorf("term %q: want field:value, the fields author, hashtag and cashtag", sanitize.Line(part))
		}
		switch field {
		case "author":
			id, err := strconv.ParseInt(value, 10, 64)
			if err != nil || id <= 0 {
				return nil, fmt.Errorf("term %q: the author is a user id", sanitize.Line(part))
			}
			g.Authors = append(g.Authors, strconv.FormatInt(id, 10))
		case "hashtag":
			g.Hashtags = append(g.Hashtags, strings.TrimPrefix(value, "#"))
			tagged = true
		case "cashtag":
			g.Cashtags = append(g.Cashtags, strings.TrimPrefix(value, "$"))
			tagged = true
		default:
			return nil, fmt.Errorf("term %q: unknown field %q (author, hashtag, cashtag)", sanitize.Line(part), sanitize.Line(field))
		}
	}
	if !tagged {
		return nil, fmt.Errorf("the query %q holds no hashtag or cashtag", sanitize.Line(q))
	}
	return groups, nil
}
