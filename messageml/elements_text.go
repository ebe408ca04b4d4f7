package messageml

import (
	"strconv"
	"strings"
)

// Text and structure elements: the tags MessageML shares with HTML.

var rootSpec = &spec{
	kind: kindRoot,
	attr: func(_ *converter, e *element, a xattr) error {
		switch a.name {
		case "xmlns":
			return nil
		case "beta":
			if a.value != "true" && a.value != "false" {
				return errorf(`Attribute "beta" of element "messageML" can only be one of the following values: [true, false].`)
			}
			e.beta = a.value == "true"
			return nil
		}
		return baseAttr(nil, e, a)
	},
	validate: func(cv *converter, e *element) error {
		if e.beta {
			return errorf(`Attribute "beta" on element "messageML" is only allowed when MessageMLContext is initialized with beta=true`)
		}
		if err := assertNoAttributes(e); err != nil {
			return err
		}
		if e.chime && (len(e.children) != 1 || !e.children[0].is(kindChime)) {
			return errorf("Chime messages may not have any other content")
		}
		return cv.linkDialogs(e)
	},
	render: func(cv *converter, w *writer, e *element) {
		w.open("div", attr{name: "data-format", value: "PresentationML"}, attr{name: "data-version", value: messageMLVersion})
		cv.renderChildren(w, e)
		w.close()
	},
}

var (
	paragraphSpec = &spec{kind: kindParagraph}
	lineBreakSpec = &spec{
		kind: kindLineBreak, phrasing: true, void: true, attr: rejectAttr,
		validate: func(_ *converter, e *element) error { return firstError(assertNoContent(e), assertNoAttributes(e)) },
	}
	hrSpec = &spec{
		kind: kindHR, void: true, attr: rejectAttr,
		validate: func(_ *converter, e *element) error { return firstError(assertNoContent(e), assertNoAttributes(e)) },
	}
	boldSpec        = &spec{kind: kindBold, phrasing: true, validate: phrasingOnly}
	italicSpec      = &spec{kind: kindItalic, phrasing: true, validate: phrasingOnly}
	subscriptSpec   = &spec{kind: kindSubscript, phrasing: true}
	superscriptSpec = &spec{kind: kindSuperscript, phrasing: true}
	headerSpec      = &spec{kind: kindHeader, validate: phrasingOnly}
	preSpec         = &spec{
		kind:     kindPre,
		validate: phrasingOnly,
		render: func(cv *converter, w *writer, e *element) {
			w.keepNL++
			renderGeneric(cv, w, e, e.attrs)
			w.keepNL--
		},
	}
	spanSpec = &spec{
		kind: kindSpan, phrasing: true,
		attr: func(cv *converter, e *element, a xattr) error {
			switch a.name {
			case "data-entity-id", "data-title", "data-target-id":
				e.attrs.set(a.name, a.value)
				return nil
			}
			return baseAttr(cv, e, a)
		},
		validate: validateEntityClass,
		entity:   structuredObject,
	}
	divSpec = &spec{
		kind: kindDiv,
		attr: func(cv *converter, e *element, a xattr) error {
			switch a.name {
			case "data-entity-id", "data-icon-src", "data-accent-color", "data-state", "data-variant":
				e.attrs.set(a.name, a.value)
				return nil
			}
			return baseAttr(cv, e, a)
		},
		validate: func(cv *converter, e *element) error {
			if err := validateEntityClass(cv, e); err != nil {
				return err
			}
			classes := strings.Split(e.attrs.value("class"), " ")
			for _, c := range []struct{ attr, class string }{
				{"data-icon-src", "card"},
				{"data-accent-color", "card"},
				{"data-state", "expandable-card"},
				{"data-variant", "expandableCardBody"},
			} {
				if e.attrs.has(c.attr) && (!e.attrs.has("class") || classes[0] != c.class) {
					return errorf(`The attribute "%s" is only allowed if the element class is "%s".`, c.attr, c.class)
				}
			}
			return nil
		},
		entity: structuredObject,
	}
	codeSpec = &spec{
		kind: kindCode,
		attr: func(cv *converter, e *element, a xattr) error {
			if a.name == "language" || a.name == "data-language" {
				e.attrs.set(a.name, a.value)
				return nil
			}
			return baseAttr(cv, e, a)
		},
		validate: func(_ *converter, e *element) error {
			for _, name := range []string{"language", "data-language"} {
				if e.attrs.value(name) != "" {
					if err := assertValue(e, name, codeLanguages...); err != nil {
						return err
					}
				}
			}
			for _, c := range e.children {
				if !c.spec.phrasing && !c.is(kindPre) && !c.isBlankText() {
					return errorf(`Element "%s" is not allowed in "%s"`, c.tag, e.tag)
				}
			}
			return nil
		},
		render: func(cv *converter, w *writer, e *element) {
			var attrs []attr
			lang, ok := e.attrs.get("data-language")
			if !ok {
				lang, ok = e.attrs.get("language")
			}
			if ok {
				attrs = append(attrs, attr{name: "data-language", value: lang})
			}
			w.open("code", attrs...)
			cv.renderChildren(w, e)
			w.close()
		},
	}
	linkSpec = &spec{
		kind: kindLink, phrasing: true,
		attr: func(cv *converter, e *element, a xattr) error {
			if a.name != "href" {
				return baseAttr(cv, e, a)
			}
			if !isJavaURI(a.value) {
				return errorf(`Invalid input: href must be a URI value not "%s"`, a.value)
			}
			e.attrs.set("href", a.value)
			return nil
		},
		validate: func(_ *converter, e *element) error {
			href, ok := e.attrs.get("href")
			switch {
			case !ok:
				return errorf(`The attribute "href" is required`)
			case isBlank(href):
				return errorf(`The attribute "href" cannot be empty`)
			}
			scheme, ok := uriScheme(href)
			if !ok {
				return errorf(`The attribute "href" must contain an absolute URI`)
			}
			if !allowedSchemes[strings.ToLower(scheme)] {
				return errorf(`URI scheme "%s" is not supported by the pod.`, scheme)
			}
			return nil
		},
		render: func(cv *converter, w *writer, e *element) {
			w.open("a", e.attrs...)
			if len(e.children) == 0 {
				w.literal(e.attrs.value("href"))
			} else {
				cv.renderChildren(w, e)
			}
			w.close()
		},
	}
	imageSpec = &spec{
		kind: kindImage, phrasing: true, void: true,
		attr: func(cv *converter, e *element, a xattr) error {
			if a.name == "src" {
				e.attrs.set("src", a.value)
				return nil
			}
			return baseAttr(cv, e, a)
		},
		validate: func(_ *converter, e *element) error {
			if err := assertNoContent(e); err != nil {
				return err
			}
			if !e.attrs.has("src") {
				return errorf(`The attribute "src" is required`)
			}
			return nil
		},
	}
	bulletListSpec  = &spec{kind: kindBulletList, validate: validateList}
	orderedListSpec = &spec{kind: kindOrderedList, validate: validateList}
	listItemSpec    = &spec{
		kind: kindListItem,
		validate: func(_ *converter, e *element) error {
			return assertParent(e, kindOrderedList, kindBulletList)
		},
	}
	tableSpec = &spec{
		kind: kindTable,
		validate: func(_ *converter, e *element) error {
			return firstError(assertNoText(e), assertContent(e, kindTableHeader, kindTableBody, kindTableFooter, kindTableRow))
		},
	}
	tableHeaderSpec = &spec{kind: kindTableHeader, validate: rowsOnly}
	tableBodySpec   = &spec{kind: kindTableBody, validate: rowsOnly}
	tableFooterSpec = &spec{kind: kindTableFooter, validate: rowsOnly}
	tableRowSpec    = &spec{
		kind: kindTableRow,
		validate: func(_ *converter, e *element) error {
			return firstError(assertNoText(e), assertContent(e, kindTableHeaderCell, kindTableCell))
		},
	}
	tableHeaderCellSpec = &spec{kind: kindTableHeaderCell}
	tableCellSpec       = &spec{
		kind: kindTableCell,
		attr: func(cv *converter, e *element, a xattr) error {
			if a.name != "rowspan" && a.name != "colspan" {
				return baseAttr(cv, e, a)
			}
			n, err := parseLongAttr(a)
			if err != nil {
				return err
			}
			e.attrs.set(a.name, strconv.FormatInt(n, 10))
			return nil
		},
	}
)

// codeLanguages are the values of <code language>.
var codeLanguages = []string{
	"plaintext", "c", "cpp", "csharp", "css", "html", "java", "js", "jsx", "php", "python", "r",
	"typescript", "tsx", "markdown", "json", "scala", "shell", "yaml",
}

// allowedSchemes are the link schemes the pod accepts.
var allowedSchemes = setOf("http", "https", "mailto", "ftp", "tel")

// phrasingOnly is the validation of elements that hold phrasing content.
func phrasingOnly(_ *converter, e *element) error { return assertPhrasing(e) }

// rowsOnly is the validation of <thead>, <tbody> and <tfoot>.
func rowsOnly(_ *converter, e *element) error {
	return firstError(assertNoText(e), assertContent(e, kindTableRow))
}

// validateList checks a <ul> or <ol>: list items only, at least one.
func validateList(_ *converter, e *element) error {
	return firstError(assertNoText(e), assertContent(e, kindListItem), assertContainsChild(e, kindListItem))
}

// validateEntityClass checks data-entity-id against class="entity" on a
// <span> or <div>.
func validateEntityClass(_ *converter, e *element) error {
	class, hasClass := e.attrs.get("class")
	_, hasID := e.attrs.get("data-entity-id")
	if hasID && (!hasClass || class != "entity") {
		return errorf(`The attribute "data-entity-id" is only allowed if the element class is "entity".`)
	}
	if hasClass && class == "entity" && !hasID {
		return errorf(`The attribute "data-entity-id" is required if the element class is "entity".`)
	}
	return nil
}

// structuredObject returns the entity data object a <span>/<div
// class="entity"> refers to, so that entities inside it are added to it.
func structuredObject(e *element, parent *jobject) *jobject {
	id, ok := e.attrs.get("data-entity-id")
	if !ok {
		return nil
	}
	if v := parent.get(id); v != nil && v.kind == jObject {
		return v.obj
	}
	return nil
}

// firstError returns the first non-nil error. The checks are evaluated
// eagerly, which is fine because they have no side effects.
func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// isJavaURI approximates java.net.URI's syntax check: characters that are
// never allowed in a URI, and malformed percent escapes, are refused.
func isJavaURI(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c <= ' ' || c == 0x7f || strings.IndexByte("\"<>\\^`{|}", c) >= 0:
			return false
		case c == '%':
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return false
			}
		}
	}
	if strings.Count(s, "#") > 1 {
		return false
	}
	if scheme, ok := uriScheme(s); ok {
		return len(s) > len(scheme)+1 // "scheme:" alone has no scheme-specific part
	}
	// A relative reference may not have a colon in its first segment.
	colon := strings.IndexByte(s, ':')
	return colon < 0 || strings.ContainsAny(s[:colon], "/?#")
}

// isHex reports whether c is a hexadecimal digit.
func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// uriScheme returns the scheme of an absolute URI.
func uriScheme(s string) (string, bool) {
	i := strings.IndexByte(s, ':')
	if i <= 0 {
		return "", false
	}
	for j := 0; j < i; j++ {
		c := s[j]
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if j == 0 && !letter || !letter && !(c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
			return "", false
		}
	}
	return s[:i], true
}
