package render

import (
	"strconv"
	"strings"

	"golang.org/x/net/html/atom"

	"github.com/tutti-chat/tutti/internal/sanitize"
)

// Symphony Elements forms are shown read-only: a field is a box with its
// value or, dimmed, its placeholder; choices are [x] and (•); buttons are
// < Label >. Nothing can be typed or submitted.

// fieldKind is the kind of a form field.
type fieldKind uint8

const (
	fieldText fieldKind = iota
	fieldTextarea
	fieldSelect
	fieldDate
	fieldTime
	fieldPerson
	fieldRoom
	fieldTimezone
)

// Limits of what a field shows.
const (
	maxOptions       = 12 // options of a select
	maxTextareaLines = 8
	minFieldWidth    = 18 // inner width of an empty box
)

// fieldBlock is a form field on a line (or a box) of its own.
type fieldBlock struct {
	kind        fieldKind
	value       string
	lines       []string // textarea
	placeholder string
	masked      bool
	required    bool
	multiple    bool
	options     []fieldOption
	more        int // options not shown
}

type fieldOption struct {
	text     string
	selected bool
}

// truthy reports a boolean attribute that is present and not "false".
func (t *tree) truthy(n *node, key string) bool {
	return t.has(n, key) && !strings.EqualFold(strings.TrimSpace(t.attr(n, key)), "false")
}

// input renders <input> by type.
func (b *builder) input(i int32, c ictx) {
	n := &b.t.nodes[i]
	typ := strings.ToLower(strings.TrimSpace(b.t.attr(n, "type")))
	switch typ {
	case "checkbox", "radio":
		mark := "[ ]"
		if typ == "radio" {
			mark = "( )"
		}
		if b.t.truthy(n, "checked") {
			mark = "[x]"
			if typ == "radio" {
				mark = "(•)"
			}
		}
		b.atom(mark, style{cls: clsLabel}, ictx{})
		b.spaceNext()
	case "hidden":
	case "submit", "button", "reset", "image":
		label := remoteLine(b.t.attr(n, "value"))
		if label == "" {
			label = typ
		}
		b.buttonAtom(label, b.t.attr(n, "class"), typ)
	default:
		f := &fieldBlock{
			kind:        fieldText,
			value:       remoteLine(b.t.attr(n, "value")),
			placeholder: b.t.placeholderOf(n),
			masked:      typ == "password" || b.t.truthy(n, "data-masked"),
			required:    b.t.truthy(n, "required"),
		}
		switch typ {
		case "date":
			f.kind = fieldDate
		case "time":
			f.kind = fieldTime
		}
		b.add(f)
	}
}

// placeholderOf returns a field's placeholder.
func (t *tree) placeholderOf(n *node) string {
	if p := remoteLine(t.attr(n, "placeholder")); p != "" {
		return p
	}
	return remoteLine(t.attr(n, "data-placeholder"))
}

// textarea renders <textarea>: its text in a box.
func (b *builder) textarea(i int32, c ictx) {
	n := &b.t.nodes[i]
	f := &fieldBlock{kind: fieldTextarea, placeholder: b.t.placeholderOf(n), required: b.t.truthy(n, "required")}
	value := strings.TrimRight(sanitize.Text(b.textOf(i, 64<<10)), "\n ")
	value = strings.TrimPrefix(value, "\n")
	if value != "" {
		for _, line := range strings.Split(value, "\n") {
			f.lines = append(f.lines, stripOrphan(clampText(line)))
		}
	}
	b.add(f)
}

// selectField renders <select> with its options.
func (b *builder) selectField(i int32, c ictx) {
	n := &b.t.nodes[i]
	f := &fieldBlock{kind: fieldSelect, placeholder: b.t.placeholderOf(n), required: b.t.truthy(n, "required"), multiple: b.t.truthy(n, "multiple")}
	var chosen []string
	var walk func(int32)
	walk = func(p int32) {
		for ch := b.t.nodes[p].first; ch >= 0; ch = b.t.nodes[ch].next {
			cn := &b.t.nodes[ch]
			if !cn.is(atom.Option) {
				if cn.isElement() {
					walk(ch)
				}
				continue
			}
			text := remoteLine(b.textOf(ch, 512))
			if text == "" {
				text = remoteLine(b.t.attr(cn, "label"))
			}
			if text == "" {
				text = remoteLine(b.t.attr(cn, "value"))
			}
			sel := b.t.truthy(cn, "selected")
			if sel {
				chosen = append(chosen, text)
			}
			if len(f.options) < maxOptions {
				f.options = append(f.options, fieldOption{text: text, selected: sel})
			} else {
				f.more++
			}
		}
	}
	walk(i)
	f.value = strings.Join(chosen, ", ")
	b.add(f)
}

// selector renders the person, room, time zone and date selectors.
func (b *builder) selector(i int32, c ictx, cls string) {
	n := &b.t.nodes[i]
	f := &fieldBlock{placeholder: b.t.placeholderOf(n), required: b.t.truthy(n, "data-required") || b.t.truthy(n, "required")}
	switch {
	case hasClass(cls, "person-selector"):
		f.kind = fieldPerson
	case hasClass(cls, "room-selector"):
		f.kind = fieldRoom
	case hasClass(cls, "timezone-picker"):
		f.kind = fieldTimezone
	default:
		f.kind = fieldDate
	}
	v := strings.TrimSpace(b.t.attr(n, "data-value"))
	v = strings.TrimSuffix(strings.TrimPrefix(v, "["), "]")
	var parts []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.Trim(strings.TrimSpace(p), `"'`); p != "" {
			parts = append(parts, p)
		}
	}
	f.value = remoteLine(strings.Join(parts, ", "))
	b.add(f)
}

// button renders <button>.
func (b *builder) button(i int32, c ictx) {
	n := &b.t.nodes[i]
	label := remoteLine(b.textOf(i, 512))
	if label == "" {
		label = remoteLine(b.t.attr(n, "name"))
	}
	if label == "" {
		label = "button"
	}
	b.buttonAtom(label, b.t.attr(n, "class"), strings.ToLower(strings.TrimSpace(b.t.attr(n, "type"))))
}

// buttonAtom adds a button, styled by its Symphony class.
func (b *builder) buttonAtom(label, cls, typ string) {
	st := style{cls: clsButton}
	switch {
	case strings.Contains(cls, "destructive"):
		st.cls = clsButtonDanger
	case strings.Contains(cls, "-link"), hasClass(cls, "tertiary"):
		st.cls = clsLink
	case hasClass(cls, "primary"):
		st.cls = clsButtonPrimary
	case hasClass(cls, "secondary"), typ == "reset", typ == "cancel":
	case strings.TrimSpace(cls) == "":
		st.cls = clsButtonPrimary // Symphony's default
	}
	b.atom("< "+label+" >", st, ictx{})
	b.spaceNext()
}

// hint is what an empty field says it is for.
func (f *fieldBlock) hint() string {
	switch f.kind {
	case fieldSelect:
		return "choose"
	case fieldDate:
		return "date"
	case fieldTime:
		return "time"
	case fieldPerson:
		return "person"
	case fieldRoom:
		return "room"
	case fieldTimezone:
		return "time zone"
	}
	return "text"
}

// ellipsize fits text into max cells, ending it with … when cut.
func ellipsize(text string, max int) (string, int) {
	if max <= 0 {
		return "", 0
	}
	if w := textWidth(text); w <= max {
		return text, w
	}
	fit, w := truncateText(text, max-1)
	return fit + "…", w + 1
}

func (f *fieldBlock) layout(l *layouter) {
	avail := l.avail()
	border := style{cls: clsBorder}
	req, rw := "", 0
	if f.required && avail >= 12 {
		req, rw = " *", 2
	}
	if f.kind == fieldTextarea {
		f.layoutBox(l, avail, req, rw)
		return
	}
	text, st := f.value, style{}
	if f.masked && text != "" {
		text = "••••••••"
	}
	if text == "" {
		text, st = f.placeholder, style{cls: clsPlaceholder}
	}
	if text == "" {
		text = f.hint()
	}
	arrow := ""
	if f.kind != fieldText && f.kind != fieldDate && f.kind != fieldTime {
		arrow = " ▾"
	}
	aw := textWidth(arrow)
	inner := max(textWidth(text)+aw, minFieldWidth)
	inner = max(min(inner, avail-4-rw), 1)
	if inner < aw+1 {
		arrow, aw = "", 0
	}
	fit, fw := ellipsize(text, inner-aw)
	l.begin()
	if avail >= 5 {
		l.run("[ ", 2, border, 0)
	}
	l.run(fit, fw, st, 0)
	l.run(spaces(inner-aw-fw)+arrow, inner-fw, border, 0)
	if avail >= 5 {
		l.run(" ]", 2, border, 0)
	}
	l.run(req, rw, style{cls: clsError}, 0)
	l.end()
	for _, o := range f.options {
		mark := "  ( ) "
		switch {
		case f.multiple && o.selected:
			mark = "  [x] "
		case f.multiple:
			mark = "  [ ] "
		case o.selected:
			mark = "  (•) "
		}
		mw := 6
		if avail < 10 {
			mark, mw = "", 0
		}
		ot, ow := ellipsize(o.text, avail-mw)
		l.begin()
		l.run(mark, mw, style{cls: clsLabel}, 0)
		l.run(ot, ow, style{}, 0)
		l.end()
	}
	if f.more > 0 {
		l.note("  … " + strconv.Itoa(f.more) + " more options")
	}
}

// layoutBox draws a textarea.
func (f *fieldBlock) layoutBox(l *layouter, avail int, req string, rw int) {
	border := style{cls: clsBorder}
	lines, st := f.lines, style{}
	if len(lines) == 0 {
		lines, st = []string{f.placeholder}, style{cls: clsPlaceholder}
		if f.placeholder == "" {
			lines[0] = f.hint()
		}
	}
	widest := 0
	for _, line := range lines {
		widest = max(widest, textWidth(line))
	}
	inner := max(min(max(widest, minFieldWidth), avail-4-rw), 1)
	var wrapped []string
	for _, line := range lines {
		wrapped = append(wrapped, wordWrap(line, inner)...)
		if len(wrapped) > maxTextareaLines {
			break
		}
	}
	more := len(wrapped) > maxTextareaLines
	if more {
		wrapped = wrapped[:maxTextareaLines-1]
	}
	if avail < 6 {
		for _, line := range wrapped {
			fit, fw := ellipsize(line, avail)
			l.begin()
			l.run(fit, fw, st, 0)
			l.end()
		}
		return
	}
	l.begin()
	l.run("┌"+repeatRune("─", inner+2)+"┐", inner+4, border, 0)
	l.end()
	row := func(text string, w int, st style) {
		l.begin()
		l.run("│ ", 2, border, 0)
		l.run(text, w, st, 0)
		l.run(spaces(inner-w)+" │", inner-w+2, border, 0)
		l.end()
	}
	for _, line := range wrapped {
		row(line, textWidth(line), st)
	}
	if more {
		row("…", 1, style{cls: clsDim})
	}
	l.begin()
	l.run("└"+repeatRune("─", inner+2)+"┘", inner+4, border, 0)
	l.run(req, rw, style{cls: clsError}, 0)
	l.end()
}

// wordWrap cuts text into lines of at most w cells, at spaces when it
// can, between grapheme clusters when a word is too long.
func wordWrap(text string, w int) []string {
	var out []string
	var line strings.Builder
	lw := 0
	for _, word := range strings.Split(text, " ") {
		word = stripOrphan(word) // it follows a space or a border
		ww := textWidth(word)
		switch {
		case lw > 0 && lw+1+ww <= w:
			line.WriteByte(' ')
			line.WriteString(word)
			lw += 1 + ww
			continue
		case lw > 0:
			out = append(out, line.String())
			line.Reset()
			lw = 0
		}
		if ww > w {
			parts := hardWrap(word, w)
			out = append(out, parts[:len(parts)-1]...)
			word = parts[len(parts)-1]
			ww = textWidth(word)
		}
		line.WriteString(word)
		lw = ww
	}
	return append(out, line.String())
}

// hardWrap cuts text into pieces of at most w cells, between grapheme
// clusters.
func hardWrap(text string, w int) []string {
	if text == "" {
		return []string{""}
	}
	var out []string
	for text != "" {
		fit, _ := truncateText(text, w)
		if fit == "" {
			size, _ := nextCluster(text)
			fit = "…"
			text = text[size:]
			out = append(out, fit)
			continue
		}
		out = append(out, fit)
		text = text[len(fit):]
	}
	return out
}

func (f *fieldBlock) plain(p *plainWriter) {
	p.line()
	switch {
	case len(f.lines) > 0:
		p.b.WriteString(strings.Join(f.lines, "\n"))
	case f.value != "" && !f.masked:
		p.b.WriteString("[" + f.value + "]")
	case f.placeholder != "":
		p.b.WriteString("[" + f.placeholder + "]")
	default:
		p.b.WriteString("[" + f.hint() + "]")
	}
	for _, o := range f.options {
		p.line()
		p.b.WriteString("  - " + o.text)
	}
}
