package messageml

import (
	"fmt"
	"strconv"
	"strings"
)

// Helpers shared by the element specs. Their messages are the agent's.

// notAllowedAttr is the error for an attribute an element does not accept.
func notAllowedAttr(e *element, a xattr) error {
	return errorf(`Attribute "%s" is not allowed in "%s"`, a.name, e.tag)
}

// baseAttr accepts the global attributes every element has: class, and a
// style whose properties are in the allow list.
func baseAttr(_ *converter, e *element, a xattr) error {
	switch a.name {
	case "class":
		e.attrs.set("class", a.value)
	case "style":
		if err := validateStyle(a.value); err != nil {
			return err
		}
		e.attrs.set("style", a.value)
	default:
		return notAllowedAttr(e, a)
	}
	return nil
}

// rejectAttr refuses every attribute.
func rejectAttr(_ *converter, e *element, a xattr) error {
	return notAllowedAttr(e, a)
}

// assertNoContent checks that e is empty.
func assertNoContent(e *element) error {
	if len(e.children) > 0 {
		return errorf(`Element "%s" may not have child elements or text content`, e.tag)
	}
	return nil
}

// assertNoAttributes checks that e has no attributes.
func assertNoAttributes(e *element) error {
	if len(e.attrs) > 0 {
		return errorf(`Element "%s" may not have attributes`, e.tag)
	}
	return nil
}

// assertNoText checks that e holds no text other than whitespace.
func assertNoText(e *element) error {
	for _, c := range e.children {
		if c.isText() && !isBlank(c.text) {
			return errorf(`Element "%s" may not have text content`, e.tag)
		}
	}
	return nil
}

// assertContent checks that every child that is not blank text is of one
// of the kinds.
func assertContent(e *element, allowed ...kind) error {
	for _, c := range e.children {
		if !c.is(allowed...) && !c.isBlankText() {
			return errorf(`Element "%s" is not allowed in "%s"`, c.tag, e.tag)
		}
	}
	return nil
}

// assertPhrasing checks that e holds phrasing content only.
func assertPhrasing(e *element) error {
	for _, c := range e.children {
		if !c.spec.phrasing && !c.isBlankText() {
			return errorf(`Element "%s" is not allowed in "%s"`, c.tag, e.tag)
		}
	}
	return nil
}

// classNames lists kinds as the agent names them in its messages.
func classNames(kinds []kind) string {
	names := make([]string, len(kinds))
	for i, k := range kinds {
		names[i] = kindNames[k]
		if k == kindText {
			names[i] = "text content"
		}
	}
	return strings.Join(names, ", ")
}

// assertParent checks e's direct parent.
func assertParent(e *element, allowed ...kind) error {
	if e.parent == nil || !e.parent.is(allowed...) {
		return errorf(`Element "%s" can only be a child of the following elements: [%s]`, e.tag, classNames(allowed))
	}
	return nil
}

// assertAncestor checks that e is somewhere inside one of the specs.
func assertAncestor(e *element, allowed ...kind) error {
	if !e.hasAncestor(allowed...) {
		return errorf(`Element "%s" can only be a inner child of the following elements: [%s]`, e.tag, classNames(allowed))
	}
	return nil
}

// assertContainsChild checks that e has a child of one of the specs.
func assertContainsChild(e *element, kinds ...kind) error {
	for _, c := range e.children {
		if c.is(kinds...) {
			return nil
		}
	}
	return errorf(`The "%s" element must have at least one child that is any of the following elements: [%s].`, e.tag, classNames(kinds))
}

// assertValue checks that the attribute, compared in lower case, is one of
// the allowed values.
func assertValue(e *element, name string, allowed ...string) error {
	v := strings.ToLower(e.attrs.value(name))
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return errorf(`Attribute "%s" of element "%s" can only be one of the following values: [%s].`, name, e.tag, strings.Join(allowed, ", "))
}

// assertOptionalValue is assertValue for an attribute that may be absent.
func assertOptionalValue(e *element, name string, allowed ...string) error {
	if !e.attrs.has(name) {
		return nil
	}
	return assertValue(e, name, allowed...)
}

// assertOptionalBool checks that the attribute, when present, is a boolean.
func assertOptionalBool(e *element, names ...string) error {
	for _, name := range names {
		if err := assertOptionalValue(e, name, "true", "false"); err != nil {
			return err
		}
	}
	return nil
}

// assertNotBlank checks that an attribute is set and not blank.
func assertNotBlank(e *element, name string) error {
	if v, ok := e.attrs.get(name); !ok || strings.TrimSpace(v) == "" {
		return errorf(`The attribute "%s" is required`, name)
	}
	return nil
}

// assertMaxLength checks the length of an attribute, when it is set.
func assertMaxLength(e *element, name string, max int) error {
	if v, ok := e.attrs.get(name); ok && javaLen(v) > max {
		return errorf(`The attribute "%s" length is bigger than maximum allowed [%d]`, name, max)
	}
	return nil
}

// assertID checks an id: present, without whitespace, at most 64 characters.
func assertID(e *element, name string) error {
	v := e.attrs.value(name)
	if v == "" || strings.ContainsFunc(v, isJavaWhitespace) {
		return errorf(`The attribute "%s" is required and must not contain any whitespace`, name)
	}
	return assertMaxLength(e, name, 64)
}

// checkInt parses an optional integer attribute that must be at least min.
func checkInt(e *element, name string, min int, msg string) (int, error) {
	v, ok := e.attrs.get(name)
	if !ok {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 32)
	if err != nil || int(n) < min {
		return 0, errorf("%s", msg)
	}
	return int(n), nil
}

// parseLongAttr reads an int64 attribute as Long.parseLong does.
func parseLongAttr(a xattr) (int64, error) {
	n, err := strconv.ParseInt(a.value, 10, 64)
	if err != nil {
		return 0, errorf(`Invalid input: %s must be a int64 value not "%s"`, a.name, a.value)
	}
	return n, nil
}

// javaLen is the length of s in UTF-16 code units, as String.length counts.
func javaLen(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// allowedStyles are the CSS properties the style attribute may set.
var allowedStyles = setOf(
	"align-content", "align-items", "align-self", "background", "background-attachment",
	"background-blend-mode", "background-clip", "background-color", "background-image",
	"background-position", "background-repeat", "background-size", "border", "border-bottom",
	"border-bottom-color", "border-bottom-left-radius", "border-bottom-right-radius",
	"border-bottom-style", "border-bottom-width", "border-collapse", "border-color", "border-image",
	"border-image-outset", "border-image-repeat", "border-image-slice", "border-image-source",
	"border-image-width", "border-left", "border-left-color", "border-left-style",
	"border-left-width", "border-radius", "border-right", "border-right-color",
	"border-right-style", "border-right-width", "border-spacing", "border-style", "border-top",
	"border-top-color", "border-top-left-radius", "border-top-right-radius", "border-top-style",
	"border-top-width", "border-width", "box-shadow", "box-sizing", "caption-side", "clear",
	"color", "content", "counter-increment", "counter-reset", "display", "empty-cells", "flex",
	"flex-basis", "flex-direction", "flex-flow", "flex-grow", "flex-shrink", "flex-wrap", "font",
	"font-family", "font-kerning", "font-size", "font-size-adjust", "font-stretch", "font-style",
	"font-variant", "font-weight", "gap", "grid", "grid-area", "grid-auto-columns",
	"grid-auto-flow", "grid-auto-rows", "grid-column", "grid-column-end", "grid-column-gap",
	"grid-column-start", "grid-gap", "grid-row", "grid-row-end", "grid-row-gap", "grid-row-start",
	"grid-template", "grid-template-areas", "grid-template-columns", "grid-template-rows",
	"height", "justify-content", "justify-items", "justify-self", "letter-spacing", "line-height",
	"list-style", "list-style-image", "list-style-position", "list-style-type", "margin",
	"margin-bottom", "margin-left", "margin-right", "margin-top", "max-height", "max-width",
	"min-height", "min-width", "opacity", "outline", "outline-color", "outline-offset",
	"outline-style", "outline-width", "overflow", "overflow-x", "overflow-y", "padding",
	"padding-bottom", "padding-left", "padding-right", "padding-top", "place-content",
	"place-items", "place-self", "table-layout", "text-align", "text-align-last",
	"text-decoration", "text-decoration-color", "text-decoration-line", "text-decoration-style",
	"text-indent", "text-justify", "text-overflow", "text-shadow", "text-transform", "visibility",
	"white-space", "width", "word-break", "word-spacing", "word-wrap",
)

// setOf returns a set of strings.
func setOf(values ...string) map[string]bool {
	m := make(map[string]bool, len(values))
	for _, v := range values {
		m[v] = true
	}
	return m
}

// validateStyle checks that a style attribute only sets allowed properties.
// Declarations are split on ';', except the one inside a "data:…;base64,"
// URI.
func validateStyle(style string) error {
	var bad []string
	seen := map[string]bool{}
	rest := style
	for rest != "" {
		var chunk string
		i := 0
		for {
			j := strings.IndexByte(rest[i:], ';')
			if j < 0 {
				chunk, rest = rest, ""
				break
			}
			i += j
			if strings.HasPrefix(rest[i+1:], "base64,") {
				i++
				continue
			}
			chunk, rest = rest[:i], rest[i+1:]
			break
		}
		if isBlank(chunk) {
			continue
		}
		colon := strings.IndexByte(chunk, ':')
		if colon < 0 {
			return errorf(`Unparseable "style" attribute: %s`, style)
		}
		prop := strings.TrimSpace(chunk[:colon])
		if !allowedStyles[prop] && !seen[prop] {
			seen[prop] = true
			bad = append(bad, prop)
		}
	}
	if len(bad) > 0 {
		return errorf(`Invalid property(s): [%s] in the "style" attribute`, strings.Join(bad, ","))
	}
	return nil
}

// errorf builds an *Error.
func errorf(format string, args ...any) *Error {
	return &Error{Message: fmt.Sprintf(format, args...)}
}
