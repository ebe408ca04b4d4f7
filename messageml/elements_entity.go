package messageml

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/tutti-chat/tutti/internal/emoji"
)

// Entity types of the standard entities.
const (
	mentionType = "com.symphony.user.mention"
	hashtagType = "org.symphonyoss.taxonomy"
	cashtagType = "org.symphonyoss.fin.security"
	emojiType   = "com.symphony.emoji"
)

// hashtagPattern is the agent's pattern for <hash tag>, quoted in its error.
const hashtagPattern = "[\\S]*[^\\s!@#$%^&*()+=<>,./?`~:;'\"\\\\|-]+[\\S]*$"

var (
	hashSpec = &spec{
		kind: kindHash, phrasing: true,
		attr: keywordAttr,
		validate: func(cv *converter, e *element) error {
			if !e.hasKeyword {
				return errorf(`The attribute "tag" is required`)
			}
			if !isHashtag(e.keyword) {
				return errorf("Values of the attribute 'tag' for the element 'hash' must match the pattern %s.", hashtagPattern)
			}
			return validateEntityID(e)
		},
		render: func(_ *converter, w *writer, e *element) { renderEntitySpan(w, e, "#"+e.keyword) },
		entity: func(e *element, parent *jobject) *jobject {
			return idEntity(e, parent, hashtagType, "org.symphonyoss.taxonomy.hashtag", e.keyword)
		},
	}
	cashSpec = &spec{
		kind: kindCash, phrasing: true,
		attr: keywordAttr,
		validate: func(cv *converter, e *element) error {
			if !e.hasKeyword {
				return errorf(`The attribute "tag" is required`)
			}
			return validateEntityID(e)
		},
		render: func(_ *converter, w *writer, e *element) { renderEntitySpan(w, e, "$"+e.keyword) },
		entity: func(e *element, parent *jobject) *jobject {
			return idEntity(e, parent, cashtagType, "org.symphonyoss.fin.security.id.ticker", e.keyword)
		},
	}
	mentionSpec = &spec{
		kind: kindMention, phrasing: true,
		attr: func(cv *converter, e *element, a xattr) error {
			switch a.name {
			case "email":
				e.email, e.hasEmail = a.value, true
			case "uid":
				uid, err := parseLongAttr(a)
				if err != nil {
					return err
				}
				e.uid, e.hasUID = uid, true
			case "strict":
				e.fallback = !strings.EqualFold(a.value, "true")
			default:
				return entityAttr(cv, e, a)
			}
			return nil
		},
		validate: func(cv *converter, e *element) error { return cv.resolveMention(e) },
		render:   renderMention,
		entity: func(e *element, parent *jobject) *jobject {
			if !e.hasUID {
				return nil
			}
			return idEntity(e, parent, mentionType, "com.symphony.user.userId", strconv.FormatInt(e.uid, 10))
		},
	}
	emojiSpec = &spec{
		kind: kindEmoji, phrasing: true,
		attr: func(_ *converter, e *element, a xattr) error {
			switch a.name {
			case "shortcode", "annotation":
				e.shortcode, e.hasShortcode = a.value, true
			case "family":
				e.family, e.hasFamily = a.value, true
			case "size":
				e.size = a.value
			default:
				return notAllowedAttr(e, a)
			}
			return nil
		},
		validate: func(_ *converter, e *element) error {
			if !e.hasShortcode {
				return errorf(`Either the attribute "shortcode" or "annotation" are required`)
			}
			if !isShortcode(e.shortcode) {
				return errorf("Shortcode or Annotation parameter may only contain alphanumeric characters, underscore, plus sign and dash")
			}
			return assertPhrasing(e)
		},
		render: func(cv *converter, w *writer, e *element) {
			w.open("span", attr{name: "class", value: "entity"}, attr{name: "data-entity-id", value: e.entityID})
			if len(e.children) == 0 {
				w.literal(emojiText(e.shortcode))
			} else {
				cv.renderChildren(w, e)
			}
			w.close()
		},
		entity: func(e *element, parent *jobject) *jobject {
			if existing, ok := existingEntity(e, parent); ok {
				return existing
			}
			data := newObject()
			data.set("shortcode", jstr(e.shortcode))
			data.set("annotation", jstr(e.shortcode))
			data.set("size", jstr(e.size))
			if glyph, ok := emoji.Table().Lookup(e.shortcode); ok {
				data.set("unicode", jstr(glyph))
			}
			if e.hasFamily {
				data.set("family", jstr(e.family))
			}
			node := newObject()
			node.set("type", jstr(emojiType))
			node.set("version", jstr("1.0"))
			node.set("data", jobj(data))
			parent.set(e.entityID, jobj(node))
			return node
		},
	}
	dateTimeSpec = &spec{
		kind: kindDateTime,
		attr: func(_ *converter, e *element, a xattr) error {
			if a.name != "value" && a.name != "format" {
				return notAllowedAttr(e, a)
			}
			e.attrs.set(a.name, a.value)
			return nil
		},
		validate: func(_ *converter, e *element) error {
			if err := assertNotBlank(e, "value"); err != nil {
				return err
			}
			if !isOffsetDateTime(e.attrs.value("value")) {
				return errorf(`Attribute "value" has invalid date format`)
			}
			return assertOptionalValue(e, "format", "date_time", "date", "time", "time_secs")
		},
		render: func(_ *converter, w *writer, e *element) {
			value := e.attrs.value("value")
			attrs := []attr{{name: "data-entity-id", value: e.entityID}, {name: "datetime", value: value}}
			if f, ok := e.attrs.get("format"); ok {
				attrs = append(attrs, attr{name: "data-format", value: f})
			}
			w.open("span")
			w.leaf("time", value, attrs...)
			w.close()
		},
		entity: func(e *element, parent *jobject) *jobject {
			if existing, ok := existingEntity(e, parent); ok {
				return existing
			}
			data := newObject()
			data.set("value", jstr(e.attrs.value("value")))
			data.set("type", jstr("org.symphonyoss.datetime"))
			if f, ok := e.attrs.get("format"); ok {
				data.set("format", jstr(f))
			} else {
				data.set("format", &jvalue{kind: jNull})
			}
			node := newObject()
			node.set("type", jstr("org.symphonyoss"))
			node.set("version", jstr("1.0"))
			node.set("data", jobj(data))
			parent.set(e.entityID, jobj(node))
			return node
		},
	}
)

// keywordAttr reads the attributes of <hash> and <cash>.
func keywordAttr(cv *converter, e *element, a xattr) error {
	if a.name == "tag" {
		e.keyword, e.hasKeyword = a.value, true
		return nil
	}
	return entityAttr(cv, e, a)
}

// entityAttr reads the attributes every entity has: its id, and in
// PresentationML the global attributes.
func entityAttr(cv *converter, e *element, a xattr) error {
	if a.name == "data-entity-id" {
		e.entityID = a.value
		return nil
	}
	if e.format == formatPresentationML {
		return baseAttr(cv, e, a)
	}
	return notAllowedAttr(e, a)
}

// validateEntityID checks that an entity read from PresentationML has an id.
func validateEntityID(e *element) error {
	if e.format == formatPresentationML && e.entityID == "" {
		return errorf(`The attribute "data-entity-id" is required`)
	}
	return nil
}

// renderEntitySpan writes <span class="entity" data-entity-id="…">text</span>
// (or a <div> for an entity read from one).
func renderEntitySpan(w *writer, e *element, text string) {
	w.leaf(e.presTag, text, attr{name: "class", value: "entity"}, attr{name: "data-entity-id", value: e.entityID})
}

// existingEntity returns the entity data already present under e's id.
// ok is true when there is something there, whatever it is.
func existingEntity(e *element, parent *jobject) (*jobject, bool) {
	v := parent.get(e.entityID)
	if v == nil {
		return nil, false
	}
	if v.kind == jObject {
		return v.obj, true
	}
	return nil, true
}

// idEntity adds {"type", "version": "1.0", "id": [{"type", "value"}]} under
// e's id, unless the data already has that id.
func idEntity(e *element, parent *jobject, typ, idType, value string) *jobject {
	if existing, ok := existingEntity(e, parent); ok {
		return existing
	}
	id := newObject()
	id.set("type", jstr(idType))
	id.set("value", jstr(value))
	node := newObject()
	node.set("type", jstr(typ))
	node.set("version", jstr("1.0"))
	node.set("id", &jvalue{kind: jArray, arr: []*jvalue{jobj(id)}})
	parent.set(e.entityID, jobj(node))
	return node
}

// resolveMention looks the mentioned user up. An unknown user is an error
// unless the mention says strict="false".
func (cv *converter) resolveMention(e *element) error {
	var (
		user  User
		found bool
		who   string
	)
	switch {
	case e.hasUID:
		who = strconv.FormatInt(e.uid, 10)
		if cv.resolver != nil {
			user, found = cv.resolver.UserByID(e.uid)
		}
	case e.hasEmail:
		who = e.email
		if cv.resolver != nil {
			user, found = cv.resolver.UserByEmail(e.email)
		}
	default:
		return nil
	}
	if !found {
		if e.fallback {
			return nil
		}
		return errorf(`Failed to lookup user "%s"`, who)
	}
	e.user = &user
	if !e.hasUID {
		e.uid, e.hasUID = user.ID, true
	}
	if !e.hasEmail && user.Email != "" {
		e.email, e.hasEmail = user.Email, true
	}
	return nil
}

// renderMention writes a resolved mention as an entity span, an unresolved
// one as its uid in the span, or as a mailto link.
func renderMention(cv *converter, w *writer, e *element) {
	switch {
	case e.user != nil:
		text := ""
		if !isBlank(e.user.DisplayName) {
			text = "@" + e.user.DisplayName
		}
		renderEntitySpan(w, e, text)
	case e.hasUID:
		renderEntitySpan(w, e, strconv.FormatInt(e.uid, 10))
	case e.hasEmail:
		w.open("a", attr{name: "href", value: "mailto:" + e.email})
		if len(e.children) == 0 {
			w.literal(e.email)
		} else {
			cv.renderChildren(w, e)
		}
		w.close()
	}
}

// isHashtag matches the agent's hashtag pattern: no whitespace, and at
// least one character that is neither whitespace nor punctuation.
func isHashtag(tag string) bool {
	significant := false
	for _, r := range tag {
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\v' || r == '\f' || r == '\r':
			return false
		case !strings.ContainsRune("!@#$%^&*()+=<>,./?`~:;'\"\\|-", r):
			significant = true
		}
	}
	return significant
}

// isShortcode matches [\p{Alnum}_+-]* (ASCII letters and digits).
func isShortcode(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '+' || c == '-') {
			return false
		}
	}
	return true
}

// emojiText is the glyph for a shortcode, or ":shortcode:" when it has none.
func emojiText(shortcode string) string {
	if glyph, ok := emoji.Table().Lookup(shortcode); ok {
		return glyph
	}
	return ":" + shortcode + ":"
}

// offsetDateTime is ISO_OFFSET_DATE_TIME: a date, 'T', a time with optional
// seconds and fraction, and Z or an offset.
var offsetDateTime = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{0,9})?)?(Z|[+-](\d{2}):(\d{2})(?::(\d{2}))?)$`)

// isOffsetDateTime reports whether s parses as ISO_OFFSET_DATE_TIME.
func isOffsetDateTime(s string) bool {
	m := offsetDateTime.FindStringSubmatch(s)
	if m == nil {
		return false
	}
	n := func(i int) int { v, _ := strconv.Atoi(m[i]); return v }
	return validDate(n(1), n(2), n(3)) &&
		n(4) <= 23 && n(5) <= 59 && n(6) <= 59 &&
		n(8) <= 18 && n(9) <= 59 && n(10) <= 59
}

// isoDate is ISO_DATE: a date with an optional offset.
var isoDate = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})(Z|[+-](\d{2}):(\d{2})(?::(\d{2}))?)?$`)

// isISODate reports whether s parses as ISO_DATE.
func isISODate(s string) bool {
	m := isoDate.FindStringSubmatch(s)
	if m == nil {
		return false
	}
	n := func(i int) int { v, _ := strconv.Atoi(m[i]); return v }
	return validDate(n(1), n(2), n(3)) && n(5) <= 18 && n(6) <= 59 && n(7) <= 59
}

// validDate reports whether year-month-day is a real date.
func validDate(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d
}
