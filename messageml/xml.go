package messageml

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// xkind is the kind of a parsed XML node.
type xkind int

const (
	xElement xkind = iota
	xText
	xComment
	xCDATA
	xPI
)

// xattr is an attribute as written in the document.
type xattr struct {
	name, value string
}

// xnode is a node of the parsed document. Elements keep their attributes in
// document order and their children; the other kinds only have text (a
// processing instruction's name is its target).
type xnode struct {
	kind     xkind
	name     string
	attrs    []xattr
	children []*xnode
	text     string
}

// attr returns the value of the named attribute.
func (n *xnode) attr(name string) (string, bool) {
	for _, a := range n.attrs {
		if a.name == name {
			return a.value, true
		}
	}
	return "", false
}

// domName is the name the Java DOM gives the node, used in error messages.
func (n *xnode) domName() string {
	switch n.kind {
	case xText:
		return "#text"
	case xComment:
		return "#comment"
	case xCDATA:
		return "#cdata-section"
	default:
		return n.name
	}
}

// maxDepth bounds element nesting so that hostile input cannot exhaust
// memory through recursion.
const maxDepth = 512

// xmlError is a well-formedness error, worded as Xerces words it.
type xmlError struct {
	msg string
}

// Error implements error.
func (e *xmlError) Error() string { return e.msg }

// parser is a strict, non-validating XML 1.0 parser for the subset MessageML
// needs: no DTD (a DOCTYPE is refused, as the agent refuses it), the five
// predefined entities and character references, comments, CDATA sections
// and processing instructions.
type parser struct {
	s     string
	pos   int
	depth int
}

// parseXML parses a whole document and returns its root element.
func parseXML(input string) (*xnode, error) {
	// Line-end normalisation (XML 1.0 §2.11).
	if strings.IndexByte(input, '\r') >= 0 {
		input = strings.ReplaceAll(input, "\r\n", "\n")
		input = strings.ReplaceAll(input, "\r", "\n")
	}
	if !utf8.ValidString(input) {
		return nil, &xmlError{"Invalid byte 1 of 1-byte UTF-8 sequence."}
	}
	p := &parser{s: strings.TrimPrefix(input, "\ufeff")}
	return p.document()
}

// fail returns a well-formedness error.
func (p *parser) fail(format string, args ...any) error {
	return &xmlError{fmt.Sprintf(format, args...)}
}

// eof reports whether the whole input has been read.
func (p *parser) eof() bool { return p.pos >= len(p.s) }

// has reports whether the input continues with prefix.
func (p *parser) has(prefix string) bool { return strings.HasPrefix(p.s[p.pos:], prefix) }

// skipSpace skips white space and reports whether there was any.
func (p *parser) skipSpace() bool {
	start := p.pos
	for !p.eof() && isSpace(p.s[p.pos]) {
		p.pos++
	}
	return p.pos > start
}

// isSpace is the S production of XML 1.0.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// document parses the prolog, the root element and what follows it.
func (p *parser) document() (*xnode, error) {
	if p.has("<?xml") && len(p.s) > 5 && (isSpace(p.s[5]) || p.s[5] == '?') {
		end := strings.Index(p.s, "?>")
		if end < 0 {
			return nil, p.fail("XML document structures must start and end within the same entity.")
		}
		p.pos = end + 2
	}
	if err := p.misc(); err != nil {
		return nil, err
	}
	if p.eof() {
		return nil, p.fail("Premature end of file.")
	}
	if p.has("<!DOCTYPE") {
		return nil, p.fail(`DOCTYPE is disallowed when the feature "http://apache.org/xml/features/disallow-doctype-decl" set to true.`)
	}
	if p.s[p.pos] != '<' {
		return nil, p.fail("Content is not allowed in prolog.")
	}
	root, err := p.element()
	if err != nil {
		return nil, err
	}
	if err := p.misc(); err != nil {
		return nil, err
	}
	if !p.eof() {
		if p.s[p.pos] == '<' {
			return nil, p.fail("The markup in the document following the root element must be well-formed.")
		}
		return nil, p.fail("Content is not allowed in trailing section.")
	}
	return root, nil
}

// misc skips whitespace, comments and processing instructions outside the
// root element.
func (p *parser) misc() error {
	for {
		p.skipSpace()
		switch {
		case p.has("<!--"):
			if _, err := p.comment(); err != nil {
				return err
			}
		case p.has("<?"):
			if _, err := p.pi(); err != nil {
				return err
			}
		default:
			return nil
		}
	}
}

// comment parses a comment starting at "<!--".
func (p *parser) comment() (*xnode, error) {
	p.pos += len("<!--")
	end := strings.Index(p.s[p.pos:], "--")
	if end < 0 {
		return nil, p.fail("XML document structures must start and end within the same entity.")
	}
	text := p.s[p.pos : p.pos+end]
	p.pos += end + 2
	if !p.has(">") {
		return nil, p.fail(`The string "--" is not permitted within comments.`)
	}
	p.pos++
	if err := checkChars(text); err != nil {
		return nil, err
	}
	return &xnode{kind: xComment, text: text}, nil
}

// pi parses a processing instruction starting at "<?".
func (p *parser) pi() (*xnode, error) {
	p.pos += len("<?")
	target := p.name()
	if target == "" {
		return nil, p.fail("The processing instruction must begin with the name of the target.")
	}
	if strings.EqualFold(target, "xml") {
		return nil, p.fail(`The processing instruction target matching "[xX][mM][lL]" is not allowed.`)
	}
	end := strings.Index(p.s[p.pos:], "?>")
	if end < 0 {
		return nil, p.fail("XML document structures must start and end within the same entity.")
	}
	text := p.s[p.pos : p.pos+end]
	p.pos += end + 2
	if text != "" && !isSpace(text[0]) {
		return nil, p.fail("White space is required between the processing instruction target and data.")
	}
	return &xnode{kind: xPI, name: target, text: strings.TrimLeft(text, " \t\n")}, nil
}

// name reads an XML Name at the current position, or returns "".
func (p *parser) name() string {
	start := p.pos
	for !p.eof() {
		r, size := utf8.DecodeRuneInString(p.s[p.pos:])
		if p.pos == start && !isNameStart(r) || p.pos > start && !isNameChar(r) {
			break
		}
		p.pos += size
	}
	return p.s[start:p.pos]
}

// element parses an element starting at "<", with its content.
func (p *parser) element() (*xnode, error) {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > maxDepth {
		return nil, p.fail("The element nesting is deeper than %d levels.", maxDepth)
	}
	p.pos++ // '<'
	name := p.name()
	if name == "" {
		return nil, p.fail("The content of elements must consist of well-formed character data or markup.")
	}
	n := &xnode{kind: xElement, name: name}
	for {
		spaced := p.skipSpace()
		if p.eof() {
			return nil, p.fail("XML document structures must start and end within the same entity.")
		}
		if p.has("/>") {
			p.pos += 2
			return n, nil
		}
		if p.s[p.pos] == '>' {
			p.pos++
			break
		}
		if !spaced {
			return nil, p.fail(`Element type "%s" must be followed by either attribute specifications, ">" or "/>".`, name)
		}
		attr, err := p.attribute(name)
		if err != nil {
			return nil, err
		}
		if _, dup := n.attr(attr.name); dup {
			return nil, p.fail(`Attribute "%s" was already specified for element "%s".`, attr.name, name)
		}
		n.attrs = append(n.attrs, attr)
	}
	if err := p.content(n); err != nil {
		return nil, err
	}
	return n, nil
}

// attribute parses name="value", normalising white space in the value.
func (p *parser) attribute(element string) (xattr, error) {
	name := p.name()
	if name == "" {
		return xattr{}, p.fail(`Element type "%s" must be followed by either attribute specifications, ">" or "/>".`, element)
	}
	p.skipSpace()
	if !p.has("=") {
		return xattr{}, p.fail(`Attribute name "%s" associated with an element type "%s" must be followed by the ' = ' character.`, name, element)
	}
	p.pos++
	p.skipSpace()
	if p.eof() || p.s[p.pos] != '"' && p.s[p.pos] != '\'' {
		return xattr{}, p.fail(`Open quote is expected for attribute "%s" associated with an  element type  "%s".`, name, element)
	}
	quote := p.s[p.pos]
	p.pos++
	var b strings.Builder
	for {
		if p.eof() {
			return xattr{}, p.fail("XML document structures must start and end within the same entity.")
		}
		c := p.s[p.pos]
		switch {
		case c == quote:
			p.pos++
			return xattr{name: name, value: b.String()}, nil
		case c == '<':
			return xattr{}, p.fail(`The value of attribute "%s" associated with an element type "%s" must not contain the '<' character.`, name, element)
		case c == '&':
			s, err := p.reference()
			if err != nil {
				return xattr{}, err
			}
			b.WriteString(s)
		case c == '\t' || c == '\n':
			b.WriteByte(' ') // attribute-value normalisation
			p.pos++
		default:
			r, size := utf8.DecodeRuneInString(p.s[p.pos:])
			if !isXMLChar(r) {
				return xattr{}, p.fail("An invalid XML character (Unicode: 0x%x) was found in the value of attribute \"%s\" and element is \"%s\".", r, name, element)
			}
			b.WriteString(p.s[p.pos : p.pos+size])
			p.pos += size
		}
	}
}

// content parses the children of n up to and including its end tag.
func (p *parser) content(n *xnode) error {
	var text strings.Builder
	flush := func() {
		if text.Len() > 0 {
			n.children = append(n.children, &xnode{kind: xText, text: text.String()})
			text.Reset()
		}
	}
	for {
		if p.eof() {
			return p.fail("XML document structures must start and end within the same entity.")
		}
		c := p.s[p.pos]
		switch {
		case c == '&':
			s, err := p.reference()
			if err != nil {
				return err
			}
			text.WriteString(s)
		case c == '<' && p.has("</"):
			p.pos += 2
			name := p.name()
			p.skipSpace()
			if name != n.name {
				return p.fail(`The element type "%s" must be terminated by the matching end-tag "</%s>".`, n.name, n.name)
			}
			if !p.has(">") {
				return p.fail(`The end-tag for element type "%s" must end with a '>' delimiter.`, n.name)
			}
			p.pos++
			flush()
			return nil
		case c == '<' && p.has("<!--"):
			flush()
			node, err := p.comment()
			if err != nil {
				return err
			}
			n.children = append(n.children, node)
		case c == '<' && p.has("<![CDATA["):
			flush()
			p.pos += len("<![CDATA[")
			end := strings.Index(p.s[p.pos:], "]]>")
			if end < 0 {
				return p.fail("The CDATA section must end with \"]]>\".")
			}
			cdata := p.s[p.pos : p.pos+end]
			if err := checkChars(cdata); err != nil {
				return err
			}
			p.pos += end + 3
			n.children = append(n.children, &xnode{kind: xCDATA, text: cdata})
		case c == '<' && p.has("<?"):
			flush()
			node, err := p.pi()
			if err != nil {
				return err
			}
			n.children = append(n.children, node)
		case c == '<':
			flush()
			child, err := p.element()
			if err != nil {
				return err
			}
			n.children = append(n.children, child)
		case c == ']' && p.has("]]>"):
			return p.fail(`The character sequence "]]>" must not appear in content unless used to mark the end of a CDATA section.`)
		default:
			r, size := utf8.DecodeRuneInString(p.s[p.pos:])
			if !isXMLChar(r) {
				return p.fail("An invalid XML character (Unicode: 0x%x) was found in the element content of the document.", r)
			}
			text.WriteString(p.s[p.pos : p.pos+size])
			p.pos += size
		}
	}
}

// predefined are the only named entities a document without a DTD has.
var predefined = map[string]string{"lt": "<", "gt": ">", "amp": "&", "apos": "'", "quot": `"`}

// reference decodes an entity or character reference starting at '&'.
func (p *parser) reference() (string, error) {
	p.pos++ // '&'
	if p.has("#") {
		p.pos++
		base, digits := 10, "0123456789"
		prefix := ""
		if p.has("x") {
			p.pos++
			base, digits, prefix = 16, "0123456789abcdefABCDEF", "x"
		}
		start := p.pos
		for !p.eof() && strings.IndexByte(digits, p.s[p.pos]) >= 0 {
			p.pos++
		}
		num := p.s[start:p.pos]
		if num == "" || !p.has(";") {
			return "", p.fail("The character reference must end with the ';' delimiter.")
		}
		p.pos++
		cp, err := strconv.ParseUint(num, base, 32)
		if err != nil || cp > utf8.MaxRune || !isXMLChar(rune(cp)) {
			return "", p.fail(`Character reference "&#%s%s" is an invalid XML character.`, prefix, num)
		}
		return string(rune(cp)), nil
	}
	name := p.name()
	if name == "" {
		return "", p.fail("The entity name must immediately follow the '&' in the entity reference.")
	}
	if !p.has(";") {
		return "", p.fail(`The reference to entity "%s" must end with the ';' delimiter.`, name)
	}
	p.pos++
	if s, ok := predefined[name]; ok {
		return s, nil
	}
	return "", p.fail(`The entity "%s" was referenced, but not declared.`, name)
}

// checkChars checks that s only holds XML characters.
func checkChars(s string) error {
	for _, r := range s {
		if !isXMLChar(r) {
			return &xmlError{fmt.Sprintf("An invalid XML character (Unicode: 0x%x) was found in the element content of the document.", r)}
		}
	}
	return nil
}

// isXMLChar is the Char production of XML 1.0.
func isXMLChar(r rune) bool {
	return r == 0x9 || r == 0xA || r == 0xD ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// isNameStart is the NameStartChar production of XML 1.0 (fifth edition).
func isNameStart(r rune) bool {
	switch {
	case r == ':' || r == '_' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z':
		return true
	case r >= 0xC0 && r <= 0xD6, r >= 0xD8 && r <= 0xF6, r >= 0xF8 && r <= 0x2FF,
		r >= 0x370 && r <= 0x37D, r >= 0x37F && r <= 0x1FFF, r >= 0x200C && r <= 0x200D,
		r >= 0x2070 && r <= 0x218F, r >= 0x2C00 && r <= 0x2FEF, r >= 0x3001 && r <= 0xD7FF,
		r >= 0xF900 && r <= 0xFDCF, r >= 0xFDF0 && r <= 0xFFFD, r >= 0x10000 && r <= 0xEFFFF:
		return true
	}
	return false
}

// isNameChar is the NameChar production of XML 1.0 (fifth edition).
func isNameChar(r rune) bool {
	return isNameStart(r) || r == '-' || r == '.' || r >= '0' && r <= '9' || r == 0xB7 ||
		r >= 0x300 && r <= 0x36F || r >= 0x203F && r <= 0x2040
}
