package render

import (
	"strconv"
	"strings"
)

// entityKind is what an entity of EntityJSON is, as far as rendering goes.
type entityKind uint8

const (
	entUnknown entityKind = iota // a structured object: show its fallback content
	entMention                   // com.symphony.user.mention
	entHashtag                   // org.symphonyoss.taxonomy
	entCashtag                   // org.symphonyoss.fin.security
	entEmoji                     // com.symphony.emoji
	entAction                    // fdc3.entity.action
	entImage                     // com.symphony.media.image
	entVideo                     // com.symphony.media.video
)

// entity is the part of one EntityJSON value the renderer uses. Strings
// are raw remote text: sanitise before showing them.
type entity struct {
	kind    entityKind
	userID  int64  // mention
	value   string // hashtag or cashtag without its sign; emoji glyph; action label; media URL
	code    string // emoji shortcode
	present bool   // the id was found in the data
}

// entityIndex looks entities up by data-entity-id in EntityJSON, reading
// the text in place (see jsonscan.go). Small data is scanned at each
// lookup; larger data is indexed once, on the first lookup, so that many
// lookups stay linear. Entities that the agent nested inside a structured
// object are found too.
type entityIndex struct {
	data    string
	indexed bool
	byID    map[string]string // id → raw entity object, top level first
}

// smallEntityData is the size of EntityJSON scanned at each lookup rather
// than indexed.
const smallEntityData = 2048

func newEntityIndex(data string) *entityIndex {
	data = strings.TrimSpace(data)
	if strings.HasPrefix(data, `"`) {
		// The object given as a JSON string, as some producers do.
		if inner, ok := jsonText(data); ok {
			data = strings.TrimSpace(inner)
		}
	}
	return &entityIndex{data: data}
}

// lookup returns the entity with the given id; present is false when the
// data has none.
func (x *entityIndex) lookup(id string) entity {
	if len(x.data) <= smallEntityData {
		if raw := findEntity(x.data, id, 3); raw != "" {
			return interpret(raw)
		}
		return entity{}
	}
	if !x.indexed {
		x.indexed = true
		x.byID = map[string]string{}
		x.index(x.data, 3)
	}
	raw, ok := x.byID[id]
	if !ok {
		return entity{}
	}
	return interpret(raw)
}

// findEntity returns the raw object member id of the object s, or of its
// object values, depth levels deep, nearest first; "" when there is none.
func findEntity(s, id string, depth int) string {
	var found string
	nested := false
	jsonMembers(s, func(key, val string) bool {
		if val == "" || val[0] != '{' {
			return true
		}
		if jsonKeyIs(key, id) {
			found = val
			return false
		}
		nested = true
		return true
	})
	if found != "" || !nested || depth <= 1 {
		return found
	}
	jsonMembers(s, func(key, val string) bool {
		if val != "" && val[0] == '{' {
			found = findEntity(val, id, depth-1)
		}
		return found == ""
	})
	return found
}

// index records the object members of s, then those of its object values,
// depth levels deep; an id seen nearer the top wins.
func (x *entityIndex) index(s string, depth int) {
	var nested []string
	jsonMembers(s, func(key, val string) bool {
		if val == "" || val[0] != '{' {
			return true
		}
		if id, ok := jsonText(key); ok {
			if _, dup := x.byID[id]; !dup {
				x.byID[id] = val
			}
		}
		if depth > 1 {
			nested = append(nested, val)
		}
		return true
	})
	for _, v := range nested {
		x.index(v, depth-1)
	}
}

// interpret reads an entity object.
func interpret(raw string) entity {
	out := entity{present: true}
	var typ, ids, data, label, url string
	jsonMembers(raw, func(key, val string) bool {
		switch {
		case jsonKeyIs(key, "type"):
			typ, _ = jsonText(val)
		case jsonKeyIs(key, "id"):
			ids = val
		case jsonKeyIs(key, "data"):
			data = val
		case jsonKeyIs(key, "label"):
			label, _ = jsonText(val)
		case jsonKeyIs(key, "url"):
			url, _ = jsonText(val)
		}
		return true
	})
	switch typ {
	case "com.symphony.user.mention":
		out.kind = entMention
		v := firstID(ids, "com.symphony.user.userId")
		out.userID, _ = strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	case "org.symphonyoss.taxonomy":
		out.kind = entHashtag
		out.value = firstID(ids, "org.symphonyoss.taxonomy.hashtag")
	case "org.symphonyoss.fin.security":
		out.kind = entCashtag
		out.value = firstID(ids, "org.symphonyoss.fin.security.id.ticker")
	case "com.symphony.emoji":
		out.kind = entEmoji
		out.value = jsonField(data, "unicode")
		out.code = jsonField(data, "shortcode")
		if out.code == "" {
			out.code = jsonField(data, "annotation")
		}
	case "fdc3.entity.action":
		out.kind = entAction
		out.value = label
	case "com.symphony.media.image", "com.symphony.media.video":
		out.kind = entImage
		if typ == "com.symphony.media.video" {
			out.kind = entVideo
		}
		out.value = firstNonEmpty(url, jsonField(data, "url"))
	}
	return out
}

// firstID returns the value of the first id of the preferred type, or of
// the first id at all, from the raw "id" array.
func firstID(ids, preferred string) string {
	var first, best string
	haveFirst := false
	jsonElements(ids, func(el string) bool {
		var typ, value string
		jsonMembers(el, func(key, val string) bool {
			switch {
			case jsonKeyIs(key, "type"):
				typ, _ = jsonText(val)
			case jsonKeyIs(key, "value"):
				value, _ = jsonText(val)
			}
			return true
		})
		if !haveFirst {
			first, haveFirst = value, true
		}
		if typ == preferred {
			best = value
			return false
		}
		return true
	})
	if best != "" {
		return best
	}
	return first
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
