package record

import (
	"bytes"
	"encoding/json"
	"html"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Entity types of EntityJSON that name users.
const (
	mentionEntity = "com.symphony.user.mention"
	userIDType    = "com.symphony.user.userId"
)

// entityJSON redacts the user ids of an EntityJSON string: every
// {"type":"com.symphony.user.userId","value":…} at any depth, the value
// kept a string or a number as it was. It returns the new string and the
// pseudonyms of the mention entities by entity id. EntityJSON that is not
// a JSON object is dropped: what it holds cannot be told.
func (r *Redactor) entityJSON(data string) (string, map[string]*person) {
	if strings.TrimSpace(data) == "" {
		return data, nil
	}
	dec := json.NewDecoder(strings.NewReader(data))
	dec.UseNumber()
	var root map[string]any
	if err := dec.Decode(&root); err != nil {
		return "", nil
	}
	mentions := map[string]*person{}
	for _, key := range slices.Sorted(maps.Keys(root)) {
		v := root[key]
		p := r.userIDs(v)
		if obj, ok := v.(map[string]any); ok && p != nil && obj["type"] == mentionEntity {
			mentions[key] = p
		}
	}
	out, err := encodeJSON(root)
	if err != nil {
		return "", nil
	}
	return string(bytes.TrimSpace(out)), mentions
}

// userIDs redacts the user ids under v and returns the pseudonym of the
// first one.
func (r *Redactor) userIDs(v any) *person {
	var first *person
	keep := func(p *person) {
		if first == nil {
			first = p
		}
	}
	switch x := v.(type) {
	case map[string]any:
		if x["type"] == userIDType {
			if p, val, ok := r.userIDValue(x["value"]); ok {
				x["value"] = val
				keep(p)
			}
		}
		for _, k := range slices.Sorted(maps.Keys(x)) {
			if k == "value" && x["type"] == userIDType {
				continue
			}
			if p := r.userIDs(x[k]); p != nil {
				keep(p)
			}
		}
	case []any:
		for _, child := range x {
			if p := r.userIDs(child); p != nil {
				keep(p)
			}
		}
	}
	return first
}

// userIDValue redacts a user id given as a string or a JSON number.
func (r *Redactor) userIDValue(v any) (*person, any, bool) {
	var s string
	switch x := v.(type) {
	case string:
		s = x
	case json.Number:
		s = x.String()
	default:
		return nil, v, false
	}
	id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || id == 0 {
		return nil, v, false
	}
	p := r.person(id)
	pseudo := strconv.FormatInt(p.id, 10)
	if _, isNumber := v.(json.Number); isNumber {
		return p, json.Number(pseudo), true
	}
	return p, pseudo, true
}

// mentionSpan matches an element with a data-entity-id and only text
// inside, as the agent writes a mention: <span class="entity"
// data-entity-id="mention1">@Ana Lima</span>.
var mentionSpan = regexp.MustCompile(`<(span|div)(\s[^>]*?)?\sdata-entity-id\s*=\s*(?:"([^"]*)"|'([^']*)')([^>]*)>([^<]*)</(?:span|div)>`)

// redactMentionSpans replaces the text of the mention spans whose entity
// ids are in mentions with the pseudonym's name.
func redactMentionSpans(pml string, mentions map[string]*person) string {
	if len(mentions) == 0 || !strings.Contains(pml, "data-entity-id") {
		return pml
	}
	return mentionSpan.ReplaceAllStringFunc(pml, func(span string) string {
		m := mentionSpan.FindStringSubmatch(span)
		id := html.UnescapeString(m[3] + m[4])
		p := mentions[id]
		if p == nil {
			return span
		}
		text := m[6]
		closeAt := len(span) - len("</"+m[1]+">")
		if !strings.HasSuffix(span, "</"+m[1]+">") {
			closeAt = strings.LastIndex(span, "</")
		}
		openEnd := closeAt - len(text)
		return span[:openEnd] + "@" + html.EscapeString(p.display) + span[closeAt:]
	})
}
