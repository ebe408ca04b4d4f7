package messageml

import (
	"slices"
	"strings"
)

// format says whether an element was written in MessageML or in
// PresentationML (an entity <span>/<div> inside a MessageML message is the
// PresentationML form of a mention, hashtag or cashtag).
type format int

const (
	formatMessageML format = iota
	formatPresentationML
)

// attrList is an ordered attribute map: setting an existing name keeps its
// position, as Java's LinkedHashMap does.
type attrList []attr

// get returns the value of an attribute and whether it is set.
func (l attrList) get(name string) (string, bool) {
	for _, a := range l {
		if a.name == name {
			return a.value, true
		}
	}
	return "", false
}

// value returns the value of an attribute, "" when it is not set.
func (l attrList) value(name string) string {
	v, _ := l.get(name)
	return v
}

// has reports whether an attribute is set.
func (l attrList) has(name string) bool {
	_, ok := l.get(name)
	return ok
}

// set sets an attribute, in place when it is already set.
func (l *attrList) set(name, value string) {
	for i := range *l {
		if (*l)[i].name == name {
			(*l)[i].value = value
			return
		}
	}
	*l = append(*l, attr{name: name, value: value})
}

// del removes an attribute.
func (l *attrList) del(name string) {
	*l = slices.DeleteFunc(*l, func(a attr) bool { return a.name == name })
}

// spec is what an element kind knows: how it reads its attributes, what it
// accepts, how it renders and which entity it produces. Nil functions take
// the defaults of messageml-utils' Element class.
type spec struct {
	// kind identifies the spec; its name is the one the agent uses in
	// messages such as "can only be a child of".
	kind kind
	// attr reads one attribute; nil accepts class and style only.
	attr func(cv *converter, e *element, a xattr) error
	// validate checks the element once its subtree is built.
	validate func(cv *converter, e *element) error
	// render writes the element; nil writes the tag, the attributes and the
	// children.
	render func(cv *converter, w *writer, e *element)
	// entity adds the element's EntityJSON to parent and returns the object
	// its descendants add theirs to, or nil.
	entity func(e *element, parent *jobject) *jobject
	// phrasing elements may appear in <b>, <i>, <h1> and the like.
	phrasing bool
	// void elements are written as <tag …/>.
	void bool
	// hasID elements have an id that must be unique in the message.
	hasID bool
}

// element is a node of the MessageML tree: an element or, with textSpec, a
// text node.
type element struct {
	spec     *spec
	tag      string // the MessageML tag, used in error messages
	parent   *element
	children []*element
	attrs    attrList
	format   format
	text     string // text nodes only

	// Entities (mention, hash, cash, emoji, dateTime).
	entityID string
	presTag  string // <span> or <div> for entities read from PresentationML

	keyword    string // hash and cash
	hasKeyword bool

	uid      int64 // mention
	hasUID   bool
	email    string
	hasEmail bool
	fallback bool // strict="false"
	user     *User

	shortcode    string // emoji
	hasShortcode bool
	family       string
	hasFamily    bool
	size         string

	chime          bool   // the root holds a chime
	beta           bool   // the root asks for beta features
	presentationID string // dialog id as rendered
}

// textSpec is the spec of text nodes.
var textSpec = &spec{kind: kindText, phrasing: true}

// is reports whether e is of one of the kinds.
func (e *element) is(kinds ...kind) bool {
	return slices.Contains(kinds, e.spec.kind)
}

// isText reports whether e is a text node.
func (e *element) isText() bool { return e.spec.kind == kindText }

// isBlankText reports whether e is a text node of whitespace only.
func (e *element) isBlankText() bool {
	return e.isText() && isBlank(e.text)
}

// textContent is the concatenated text of e's subtree.
func (e *element) textContent() string {
	if e.isText() {
		return e.text
	}
	var b strings.Builder
	for _, c := range e.children {
		b.WriteString(c.textContent())
	}
	return b.String()
}

// hasAncestor reports whether one of e's ancestors is of one of the specs.
func (e *element) hasAncestor(kinds ...kind) bool {
	for p := e.parent; p != nil; p = p.parent {
		if p.is(kinds...) {
			return true
		}
	}
	return false
}

// find returns e and its descendants that match, depth first.
func (e *element) find(match func(*element) bool) []*element {
	var out []*element
	var walk func(*element)
	walk = func(n *element) {
		if match(n) {
			out = append(out, n)
		}
		for _, c := range n.children {
			walk(c)
		}
	}
	walk(e)
	return out
}

// isBlank is Java's StringUtils.isBlank for a non-null string.
func isBlank(s string) bool {
	return strings.TrimFunc(s, isJavaWhitespace) == ""
}

// isJavaWhitespace is Character.isWhitespace.
func isJavaWhitespace(r rune) bool {
	switch {
	case r >= 0x9 && r <= 0xD, r >= 0x1C && r <= 0x20:
		return true
	case r == 0xA0 || r == 0x2007 || r == 0x202F:
		return false
	case r == 0x1680, r >= 0x2000 && r <= 0x200A, r == 0x2028, r == 0x2029, r == 0x205F, r == 0x3000:
		return true
	}
	return false
}
