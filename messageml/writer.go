package messageml

import "strings"

// attr is an attribute to write. A json attribute holds a JSON document and
// is written between single quotes, so its double quotes stay readable, as
// messageml-utils writes data-disabled-date and friends.
type attr struct {
	name, value string
	json        bool
}

// writer produces compact PresentationML the way messageml-utils' XmlPrintStream
// does with no indentation and no line breaks. It also collects the text
// content of what it writes and counts entity references.
type writer struct {
	out      strings.Builder
	text     strings.Builder
	stack    []string
	keepNL   int // > 0 inside <pre>: newlines in text are kept
	entities int // data-entity-id attributes written
}

// startTag writes "<tag" and the attributes.
func (w *writer) startTag(tag string, attrs []attr) {
	w.out.WriteByte('<')
	w.out.WriteString(tag)
	for _, a := range attrs {
		if a.name == "data-entity-id" {
			w.entities++
		}
		w.out.WriteByte(' ')
		w.out.WriteString(a.name)
		if a.json {
			w.out.WriteString("='")
			w.out.WriteString(escapeJSONAttr(a.value))
			w.out.WriteByte('\'')
		} else {
			w.out.WriteString(`="`)
			w.out.WriteString(escape(a.value))
			w.out.WriteByte('"')
		}
	}
}

// open writes a start tag; close writes the matching end tag.
func (w *writer) open(tag string, attrs ...attr) {
	w.startTag(tag, attrs)
	w.out.WriteByte('>')
	w.stack = append(w.stack, tag)
}

// close writes the end tag of the innermost open element.
func (w *writer) close() {
	tag := w.stack[len(w.stack)-1]
	w.stack = w.stack[:len(w.stack)-1]
	w.out.WriteString("</")
	w.out.WriteString(tag)
	w.out.WriteByte('>')
}

// empty writes a self-closing element.
func (w *writer) empty(tag string, attrs ...attr) {
	w.startTag(tag, attrs)
	w.out.WriteString("/>")
}

// leaf writes an element whose only content is text.
func (w *writer) leaf(tag, text string, attrs ...attr) {
	w.open(tag, attrs...)
	w.literal(text)
	w.close()
}

// literal writes text as it is, escaped.
func (w *writer) literal(s string) {
	w.out.WriteString(escape(s))
	w.text.WriteString(s)
}

// textNode writes a text node. Outside <pre>, and unless keepNewlines says
// the parent is a <code> or <textarea>, each run of newlines becomes one
// space, as the agent does.
func (w *writer) textNode(s string, keepNewlines bool) {
	if w.keepNL == 0 && !keepNewlines {
		s = removeNewlines(s)
	}
	w.literal(s)
}

// removeNewlines replaces every run of '\n' with a single space.
func removeNewlines(s string) string {
	if strings.IndexByte(s, '\n') < 0 {
		return s
	}
	var b strings.Builder
	inNL := false
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			if !inNL {
				b.WriteByte(' ')
				inNL = true
			}
			continue
		}
		inNL = false
		b.WriteByte(s[i])
	}
	return b.String()
}

// escape escapes text and double-quoted attribute values.
func escape(s string) string {
	if !strings.ContainsAny(s, `<>&"`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&quot;")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// escapeJSONAttr escapes a single-quoted attribute value.
func escapeJSONAttr(s string) string {
	r := strings.NewReplacer("<", "&lt;", ">", "&gt;", "&", "&amp;", "'", "&apos;")
	return r.Replace(s)
}
