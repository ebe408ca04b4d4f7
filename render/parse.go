package render

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Limits on what one message may make the renderer do.
const (
	// MaxInputBytes is the most PresentationML (and, separately, EntityJSON)
	// read of one message; the rest is dropped with a visible note. The
	// agent refuses messages over 60 000 characters of text, so real
	// messages fit easily.
	MaxInputBytes = 512 << 10
	// MaxDepth is the deepest element nesting kept; deeper elements lose
	// their structure but keep their text.
	MaxDepth = 40
	// MaxNodes is the most elements and text nodes read of one message.
	MaxNodes = 30000
	// MaxTableRows and MaxTableColumns bound a table; the rest is counted
	// in a note.
	MaxTableRows    = 300
	MaxTableColumns = 24
	// MaxOutputLines bounds the lines one message lays out into, whatever
	// Options.MaxLines says.
	MaxOutputLines = 5000
)

// node is an element or a text node of the parsed tree. Nodes live in one
// slice and point at each other by index; -1 is "none".
type node struct {
	text   string    // text nodes: the text, character references decoded; elements of an unknown name: the name
	tag    atom.Atom // 0 for text nodes and for elements with an unknown name
	first  int32     // first child
	last   int32     // last child
	next   int32     // next sibling
	attr0  int32     // the element's attributes are tree.attrs[attr0 : attr0+nattr]
	nattr  uint16
	isText bool // a text node
}

// attribute is one attribute the renderer reads; the others are dropped
// while parsing.
type attribute struct {
	key, val string
}

// tree is a parsed message: node 0 is a synthetic root.
type tree struct {
	nodes     []node
	attrs     []attribute // every node's attributes, end to end
	size      int         // bytes of input read
	pieces    int         // an estimate of the inline pieces the text will make
	truncated bool        // the input was cut at a limit
}

// attr returns the value of n's attribute key, "" when absent.
func (t *tree) attr(n *node, key string) string {
	for _, a := range t.attrs[n.attr0 : n.attr0+int32(n.nattr)] {
		if a.key == key {
			return a.val
		}
	}
	return ""
}

// has reports whether n has the attribute key.
func (t *tree) has(n *node, key string) bool {
	for _, a := range t.attrs[n.attr0 : n.attr0+int32(n.nattr)] {
		if a.key == key {
			return true
		}
	}
	return false
}

// isElement reports whether n is an element (known or not).
func (n *node) isElement() bool { return !n.isText }

// is reports whether n is an element with the given name.
func (n *node) is(a atom.Atom) bool { return !n.isText && n.tag == a }

// voidElement reports elements that never have content.
func voidElement(a atom.Atom) bool {
	switch a {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img, atom.Input,
		atom.Link, atom.Meta, atom.Source, atom.Track, atom.Wbr, atom.Param, atom.Keygen:
		return true
	}
	return false
}

// parseTree reads PresentationML leniently into a tree. It never fails:
// unknown tags become nameless containers, stray end tags are ignored,
// unclosed elements are closed at the end, list items, cells, rows and
// options close their open predecessors as in HTML, and XHTML self-closing
// tags are honoured for every element.
//
// The scanner is written for PresentationML, which is XHTML, but reads
// HTML as a browser's tokenizer does in all that matters here: comments,
// CDATA sections, bogus comments, raw-text elements (script, style …),
// RCDATA (textarea, title), unquoted and valueless attributes, a "<" that
// starts no tag. Character references are decoded by x/net/html. Text and
// attribute values are cut out of the input, not copied, when they hold
// no reference and no carriage return: the tokenizer of x/net/html alone
// costs more than this whole function (a 4 KiB buffer and a copy of the
// input per message).
func parseTree(src0 string) *tree {
	src := src0
	if len(src) > MaxInputBytes {
		src = cutUTF8(src, MaxInputBytes)
	}
	// About one node per "<": an element per start tag, a text node
	// between tags.
	t := &tree{nodes: make([]node, 1, min(strings.Count(src, "<")*5/4+4, MaxNodes+1))}
	t.nodes[0] = node{first: -1, last: -1, next: -1}
	t.truncated = len(src) < len(src0)
	t.size = len(src)
	t.pieces = 4 + strings.Count(src, " ") + strings.Count(src, "<")/2
	t.attrs = make([]attribute, 0, min(strings.Count(src, "="), 4096))
	p := &scanner{t: t, src: src, stack: make([]int32, 1, 16)}
	p.run()
	return t
}

// scanner tokenises the input and builds the tree as it goes.
type scanner struct {
	t     *tree
	src   string
	stack []int32 // open elements; stack[0] is the root
}

func (p *scanner) run() {
	src := p.src
	for i := 0; i < len(src); {
		if len(p.t.nodes) >= MaxNodes {
			p.t.truncated = true
			return
		}
		if src[i] != '<' || !startsMarkup(src, i) {
			j := nextMarkup(src, i+1)
			p.text(src[i:j], true)
			i = j
			continue
		}
		switch c := src[i+1]; {
		case isASCIILetter(c):
			i = p.startTag(i + 1)
		case c == '/':
			switch {
			case i+2 < len(src) && isASCIILetter(src[i+2]):
				i = p.endTag(i + 2)
			case i+2 < len(src) && src[i+2] == '>':
				i += 3 // "</>" is nothing
			default:
				i = skipPast(src, i+2, ">")
			}
		case c == '!':
			switch {
			case strings.HasPrefix(src[i:], "<!--"):
				end := strings.Index(src[i+4:], "-->")
				if end < 0 {
					return
				}
				i += 4 + end + 3
			case strings.HasPrefix(src[i:], "<![CDATA["):
				end := strings.Index(src[i+9:], "]]>")
				if end < 0 {
					p.text(src[i+9:], false)
					return
				}
				p.text(src[i+9:i+9+end], false)
				i += 9 + end + 3
			default:
				i = skipPast(src, i+2, ">")
			}
		case c == '?':
			i = skipPast(src, i+2, ">")
		}
	}
}

// startsMarkup reports whether the "<" at src[i] starts a tag, a comment
// or a declaration; any other "<" is text.
func startsMarkup(src string, i int) bool {
	if i+1 >= len(src) {
		return false
	}
	c := src[i+1]
	return isASCIILetter(c) || c == '/' || c == '!' || c == '?'
}

// nextMarkup returns the index of the first "<" at or after i that starts
// markup, or len(src).
func nextMarkup(src string, i int) int {
	for i < len(src) {
		j := strings.IndexByte(src[i:], '<')
		if j < 0 {
			return len(src)
		}
		if startsMarkup(src, i+j) {
			return i + j
		}
		i += j + 1
	}
	return len(src)
}

// skipPast returns the index after the first end at or after i, or the
// end of src.
func skipPast(src string, i int, end string) int {
	if j := strings.Index(src[i:], end); j >= 0 {
		return i + j + len(end)
	}
	return len(src)
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'
}

// text adds text to the open element, decoding character references when
// decode is set.
func (p *scanner) text(s string, decode bool) {
	if s == "" {
		return
	}
	// Adjacent text nodes (around a comment, say) stay apart: joining
	// them would copy the text over and over.
	p.t.add(p.stack[len(p.stack)-1], node{text: cleanText(s, decode), isText: true})
}

// cleanText turns CR LF and CR into LF and decodes character references.
func cleanText(s string, decode bool) string {
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	if decode && strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	return s
}

// name reads a tag or attribute name at src[i] and returns its end.
func (p *scanner) name(i int) int {
	src := p.src
	for i < len(src) && !isHTMLSpace(src[i]) && src[i] != '/' && src[i] != '>' && src[i] != '=' {
		i++
	}
	return i
}

// lower returns the lower-case form of an ASCII name, using buf when it
// must change.
func lower(name string, buf []byte) string {
	for i := 0; i < len(name); i++ {
		if c := name[i]; c >= 'A' && c <= 'Z' {
			buf = append(buf[:0], name...)
			for j := i; j < len(buf); j++ {
				if buf[j] >= 'A' && buf[j] <= 'Z' {
					buf[j] += 'a' - 'A'
				}
			}
			return string(buf)
		}
	}
	return name
}

// startTag reads a start tag whose name begins at src[i] and returns the
// index after it.
func (p *scanner) startTag(i int) int {
	src := p.src
	var buf [32]byte
	end := p.name(i)
	name := lower(src[i:end], buf[:0])
	a := atom.Lookup([]byte(name))
	n := node{tag: a}
	if a == 0 {
		n.text = name
	}
	first := len(p.t.attrs)
	self := false
	j := end
	for {
		for j < len(src) && (isHTMLSpace(src[j]) || src[j] == '/') {
			self = src[j] == '/'
			j++
		}
		if j >= len(src) {
			return len(src) // a tag cut by the end of the input is dropped, as HTML does
		}
		if src[j] == '>' {
			j++
			break
		}
		self = false
		kEnd := p.name(j)
		if kEnd == j { // a stray "="
			kEnd = j + 1
		}
		key := src[j:kEnd]
		j = kEnd
		for j < len(src) && isHTMLSpace(src[j]) {
			j++
		}
		val := ""
		if j < len(src) && src[j] == '=' {
			j++
			for j < len(src) && isHTMLSpace(src[j]) {
				j++
			}
			if j < len(src) && (src[j] == '"' || src[j] == '\'') {
				q := src[j]
				vEnd := strings.IndexByte(src[j+1:], q)
				if vEnd < 0 {
					return len(src)
				}
				val = src[j+1 : j+1+vEnd]
				j += vEnd + 2
			} else {
				vStart := j
				for j < len(src) && !isHTMLSpace(src[j]) && src[j] != '>' {
					j++
				}
				val = src[vStart:j]
			}
		}
		if k := keptAttribute(lower(key, buf[:0])); k != "" && len(p.t.attrs)-first < 64 {
			p.t.attrs = append(p.t.attrs, attribute{key: k, val: cleanText(val, true)})
		}
	}
	n.attr0, n.nattr = int32(first), uint16(len(p.t.attrs)-first)
	p.stack = p.t.closeImplied(p.stack, a)
	if len(p.stack) > MaxDepth {
		return p.rawContent(j, a, self) // too deep: the element's content joins its parent
	}
	idx := p.t.add(p.stack[len(p.stack)-1], n)
	if !self && !voidElement(a) {
		p.stack = append(p.stack, idx)
	}
	return p.rawContent(j, a, self)
}

// rawContent reads the content of raw-text and RCDATA elements, which
// holds no tags, and returns where scanning continues.
func (p *scanner) rawContent(i int, a atom.Atom, self bool) int {
	if self {
		return i
	}
	var decode bool
	switch a {
	case atom.Script, atom.Style, atom.Xmp, atom.Iframe, atom.Noembed, atom.Noframes, atom.Noscript:
	case atom.Textarea, atom.Title:
		decode = true
	case atom.Plaintext:
		p.text(p.src[i:], false)
		return len(p.src)
	default:
		return i
	}
	name := a.String()
	src := p.src
	for j := i; ; {
		k := strings.Index(src[j:], "</")
		if k < 0 {
			p.text(src[i:], decode)
			return len(src)
		}
		k += j
		e := k + 2 + len(name)
		if e <= len(src) && strings.EqualFold(src[k+2:e], name) && (e == len(src) || isHTMLSpace(src[e]) || src[e] == '/' || src[e] == '>') {
			p.text(src[i:k], decode)
			return k // the end tag is read as one
		}
		j = k + 2
	}
}

// endTag reads an end tag whose name begins at src[i], closes the
// nearest open element of that name, if any, and returns the index after
// the tag.
func (p *scanner) endTag(i int) int {
	src := p.src
	var buf [32]byte
	end := p.name(i)
	name := lower(src[i:end], buf[:0])
	a := atom.Lookup([]byte(name))
	for k := len(p.stack) - 1; k > 0; k-- {
		n := &p.t.nodes[p.stack[k]]
		if n.tag == a && (a != 0 || n.text == name) {
			p.stack = p.stack[:k]
			break
		}
	}
	return skipPast(src, end, ">")
}

// add appends n as the last child of parent and returns its index.
func (t *tree) add(parent int32, n node) int32 {
	n.first, n.last, n.next = -1, -1, -1
	idx := int32(len(t.nodes))
	t.nodes = append(t.nodes, n)
	p := &t.nodes[parent]
	if p.last >= 0 {
		t.nodes[p.last].next = idx
	} else {
		p.first = idx
	}
	p.last = idx
	return idx
}

// closeImplied pops the elements that opening a at the top of stack closes
// implicitly, as HTML does for list items, cells, rows, table sections,
// options and paragraphs.
func (t *tree) closeImplied(stack []int32, a atom.Atom) []int32 {
	var closes, stops []atom.Atom
	switch a {
	case atom.Li:
		closes, stops = []atom.Atom{atom.Li}, []atom.Atom{atom.Ul, atom.Ol}
	case atom.Td, atom.Th:
		closes, stops = []atom.Atom{atom.Td, atom.Th}, []atom.Atom{atom.Tr, atom.Table}
	case atom.Tr:
		closes, stops = []atom.Atom{atom.Tr}, []atom.Atom{atom.Table, atom.Thead, atom.Tbody, atom.Tfoot}
	case atom.Thead, atom.Tbody, atom.Tfoot:
		closes, stops = []atom.Atom{atom.Thead, atom.Tbody, atom.Tfoot}, []atom.Atom{atom.Table}
	case atom.Option:
		closes, stops = []atom.Atom{atom.Option}, []atom.Atom{atom.Select}
	case atom.P:
		if top := t.nodes[stack[len(stack)-1]]; top.tag == atom.P {
			return stack[:len(stack)-1]
		}
		return stack
	default:
		return stack
	}
	for i := len(stack) - 1; i > 0; i-- {
		tag := t.nodes[stack[i]].tag
		if containsAtom(stops, tag) {
			return stack
		}
		if containsAtom(closes, tag) {
			return stack[:i]
		}
	}
	return stack
}

func containsAtom(list []atom.Atom, a atom.Atom) bool {
	for _, x := range list {
		if x == a {
			return true
		}
	}
	return false
}

// keptAttribute returns the interned name of an attribute the renderer
// reads, or "" for one it drops.
func keptAttribute(key string) string {
	switch key {
	case "class":
		return "class"
	case "href":
		return "href"
	case "src":
		return "src"
	case "alt":
		return "alt"
	case "title":
		return "title"
	case "type":
		return "type"
	case "name":
		return "name"
	case "value":
		return "value"
	case "label":
		return "label"
	case "placeholder":
		return "placeholder"
	case "checked":
		return "checked"
	case "selected":
		return "selected"
	case "required":
		return "required"
	case "multiple":
		return "multiple"
	case "colspan":
		return "colspan"
	case "rowspan":
		return "rowspan"
	case "start":
		return "start"
	case "datetime":
		return "datetime"
	case "language":
		return "language"
	case "data-entity-id":
		return "data-entity-id"
	case "data-format":
		return "data-format"
	case "data-language":
		return "data-language"
	case "data-icon-src":
		return "data-icon-src"
	case "data-accent-color":
		return "data-accent-color"
	case "data-state":
		return "data-state"
	case "data-variant":
		return "data-variant"
	case "data-action":
		return "data-action"
	case "data-user-ids":
		return "data-user-ids"
	case "data-stream-id":
		return "data-stream-id"
	case "data-title":
		return "data-title"
	case "data-name":
		return "data-name"
	case "data-placeholder":
		return "data-placeholder"
	case "data-value":
		return "data-value"
	case "data-required":
		return "data-required"
	case "data-masked":
		return "data-masked"
	case "data-richtext":
		return "data-richtext"
	case "data-icon":
		return "data-icon"
	case "data-width":
		return "data-width"
	case "data-side-by-side":
		return "data-side-by-side"
	}
	return ""
}

// cutUTF8 returns at most n bytes of s, not splitting a character.
func cutUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// hasClass reports whether the space-separated class list has name.
func hasClass(classes, name string) bool {
	for len(classes) > 0 {
		i := 0
		for i < len(classes) && classes[i] == ' ' {
			i++
		}
		classes = classes[i:]
		j := strings.IndexByte(classes, ' ')
		if j < 0 {
			j = len(classes)
		}
		if classes[:j] == name {
			return true
		}
		classes = classes[j:]
	}
	return false
}
