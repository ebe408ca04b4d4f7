package render

import (
	"slices"
	"strconv"
	"strings"

	"golang.org/x/net/html/atom"

	"github.com/tutti-chat/tutti/internal/emoji"
	"github.com/tutti-chat/tutti/internal/sanitize"
)

// builder turns a parsed tree into the blocks of a Document. Block
// elements close the open paragraph and add blocks to the current
// container; inline elements and text add to the open paragraph, with a
// style inherited through ictx.
type builder struct {
	t     *tree
	doc   *Document
	ents  *entityIndex
	emoji *emoji.Set

	// The blocks of the containers being built, end to end: a container
	// starts where the stack was when it opened (see container).
	stack  []block
	open   *paragraph // the open paragraph of the current container, or nil
	openAt int        // where its pieces start in segs
	segs   []seg      // the pieces of every paragraph, end to end

	space    bool // whitespace is pending before the next word
	forceBrk bool // the next word may start a line without a space (after a wide glyph, an atom)
	lists    int  // list nesting, for bullets
	misses   int  // failed attempts at markdown emphasis (see maxMarkupMisses)
}

// build turns t into a Document.
func build(t *tree, entityJSON string) *Document {
	b := &builder{t: t, doc: &Document{}, ents: newEntityIndex(entityJSON), emoji: emoji.Table()}
	b.segs = make([]seg, 0, t.pieces)
	b.stack = make([]block, 0, 16)
	blocks := b.container(0, ictx{})
	if t.truncated {
		blocks = append(blocks, &noteBlock{text: "… the rest of this message is too large to show"})
	}
	b.doc.blocks = blocks
	b.doc.size = t.size
	return b.doc
}

// children walks the children of node i.
func (b *builder) children(i int32, c ictx) {
	for ch := b.t.nodes[i].first; ch >= 0; ch = b.t.nodes[ch].next {
		b.node(ch, c)
	}
}

// boundary ends the open paragraph: what follows starts a new block.
func (b *builder) boundary() {
	b.closePara()
}

// add appends a block to the current container.
func (b *builder) add(bl block) {
	b.closePara()
	b.stack = append(b.stack, bl)
}

// container walks the children of i as a container of its own (a list
// item, a cell, a quote …) and returns its blocks.
func (b *builder) container(i int32, c ictx) []block {
	start := b.openContainer()
	b.children(i, c)
	return b.closeContainer(start)
}

// into walks with a new container and appends its blocks to dst.
func (b *builder) into(dst *[]block, walk func()) {
	start := b.openContainer()
	walk()
	b.closePara()
	*dst = append(*dst, b.stack[start:]...)
	b.stack = b.stack[:start]
}

// openContainer opens a container and returns where its blocks start.
func (b *builder) openContainer() int {
	b.closePara()
	return len(b.stack)
}

// closeContainer closes the container that started at start and returns
// its blocks, in a slice of their own.
func (b *builder) closeContainer(start int) []block {
	b.closePara()
	var blocks []block
	if len(b.stack) > start {
		blocks = slices.Clone(b.stack[start:])
	}
	b.stack = b.stack[:start]
	return blocks
}

// blockChildren walks the children of i as a block of its own.
func (b *builder) blockChildren(i int32, c ictx) {
	b.boundary()
	b.children(i, c)
	b.boundary()
}

// node dispatches one node.
func (b *builder) node(i int32, c ictx) {
	n := &b.t.nodes[i]
	if n.isText {
		b.text(n.text, c)
		return
	}
	switch n.tag {
	case atom.Br:
		b.lineBreak()
	case atom.P:
		b.boundary()
		before := len(b.stack)
		b.children(i, b.classes(c, b.t.attr(n, "class")))
		if !b.hasWords() && len(b.stack) == before {
			// An empty paragraph, or one holding only a <br>, is an empty
			// line in the desktop client.
			b.para()
			b.segs = b.segs[:b.openAt]
			b.open.blank = true
		}
		b.boundary()
	case atom.Div:
		b.div(i, c)
	case atom.Span:
		b.span(i, c)
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		hc := c
		hc.st.attr |= attrBold
		switch n.tag {
		case atom.H1:
			hc.st.cls = clsHeading1
		case atom.H2:
			hc.st.cls = clsHeading2
		default:
			hc.st.cls = clsHeading3
		}
		b.blockChildren(i, b.classes(hc, b.t.attr(n, "class")))
	case atom.Hr:
		b.add(&ruleBlock{})
	case atom.B, atom.Strong:
		b.children(i, b.withAttr(c, attrBold))
	case atom.I, atom.Em, atom.Cite, atom.Var, atom.Dfn:
		b.children(i, b.withAttr(c, attrItalic))
	case atom.U, atom.Ins:
		b.children(i, b.withAttr(c, attrUnderline))
	case atom.S, atom.Strike, atom.Del:
		b.children(i, b.withAttr(c, attrStrike))
	case atom.Small:
		b.children(i, b.withAttr(c, attrFaint))
	case atom.Sub, atom.Sup:
		b.script(i, c, n.tag == atom.Sup)
	case atom.Kbd, atom.Samp, atom.Tt:
		cc := c
		cc.st.cls, cc.code = clsCode, true
		b.children(i, cc)
	case atom.Mark:
		mc := c
		mc.st.bg = clsYellow
		b.children(i, mc)
	case atom.Q:
		b.words("“", c.st, c)
		b.children(i, c)
		b.words("”", c.st, c)
	case atom.A:
		b.anchor(i, c)
	case atom.Img:
		b.image(b.t.attr(n, "src"), b.t.attr(n, "alt"), b.t.attr(n, "title"), c)
	case atom.Pre:
		b.code(i, c, b.t.languageOf(n))
	case atom.Code:
		b.codeElement(i, c)
	case atom.Ul, atom.Ol:
		b.list(i, c)
	case atom.Li:
		// A list item outside a list: a list of one.
		b.add(&listBlock{depth: b.lists, items: [][]block{b.container(i, c)}})
	case atom.Blockquote:
		b.add(&quoteBlock{blocks: b.container(i, c)})
	case atom.Table:
		b.table(i, c)
	case atom.Form:
		b.blockChildren(i, c)
	case atom.Input:
		b.input(i, c)
	case atom.Textarea:
		b.textarea(i, c)
	case atom.Select:
		b.selectField(i, c)
	case atom.Button:
		b.button(i, c)
	case atom.Label:
		lc := c
		if !c.choice {
			lc.st.cls = clsLabel
			lc.st.attr |= attrBold
		}
		b.children(i, lc)
	case atom.Dialog:
		b.dialog(i, c)
	case atom.Audio:
		b.chime(c)
	case atom.Time:
		b.timeElement(i, c)
	case atom.Script, atom.Style, atom.Head, atom.Title, atom.Template, atom.Noscript, atom.Iframe, atom.Object:
		// Not content.
	case atom.Section, atom.Article, atom.Header, atom.Footer, atom.Main, atom.Nav, atom.Aside,
		atom.Figure, atom.Figcaption, atom.Details, atom.Summary, atom.Address, atom.Fieldset,
		atom.Legend, atom.Dl, atom.Dt, atom.Dd, atom.Center, atom.Body, atom.Html,
		atom.Thead, atom.Tbody, atom.Tfoot, atom.Tr, atom.Td, atom.Th, atom.Caption:
		b.blockChildren(i, b.classes(c, b.t.attr(n, "class")))
	default:
		// Unknown and other inline elements show their content.
		b.children(i, b.classes(c, b.t.attr(n, "class")))
	}
}

// withAttr returns c with attributes added.
func (b *builder) withAttr(c ictx, a attr) ictx {
	c.st.attr |= a
	return c
}

// classes applies the styling classes of Symphony (tempo colours, tokens,
// legacy hashtag and cashtag spans, labels) to c.
func (b *builder) classes(c ictx, classes string) ictx {
	if classes == "" {
		return c
	}
	for rest := classes; rest != ""; {
		var name string
		rest = strings.TrimLeft(rest, " \t\n")
		if j := strings.IndexAny(rest, " \t\n"); j >= 0 {
			name, rest = rest[:j], rest[j:]
		} else {
			name, rest = rest, ""
		}
		switch {
		case strings.HasPrefix(name, "tempo-text-color--"):
			colour := strings.TrimPrefix(name, "tempo-text-color--")
			if cls, ok := namedColour(colour); ok {
				c.st.cls = cls
			} else if colour == "normal" {
				c.st.cls = clsText
			}
		case strings.HasPrefix(name, "tempo-bg-color--"):
			if cls, ok := namedColour(strings.TrimPrefix(name, "tempo-bg-color--")); ok && cls != clsLink {
				c.st.bg = cls
			}
		case name == "tempo-token":
			c.st.cls = clsToken
		case name == "hashTag" || name == "hashtag":
			c.st.cls = clsHashtag
		case name == "cashTag" || name == "cashtag":
			c.st.cls = clsCashtag
		case name == "label":
			c.st.cls = clsLabel
		}
	}
	return c
}

// div dispatches the Symphony div classes.
func (b *builder) div(i int32, c ictx) {
	n := &b.t.nodes[i]
	cls := b.t.attr(n, "class")
	switch {
	case cls == "":
		b.blockChildren(i, c)
	case hasClass(cls, "entity") && b.t.has(n, "data-entity-id"):
		// A mention, hashtag or cashtag read from a <div> (as the agent
		// writes one a structured object became) stays in its sentence.
		switch b.ents.lookup(b.t.attr(n, "data-entity-id")).kind {
		case entMention, entHashtag, entCashtag, entEmoji:
			b.entity(i, c)
		default:
			b.boundary()
			b.entity(i, c)
			b.boundary()
		}
	case hasClass(cls, "card"):
		b.card(i, c, false)
	case hasClass(cls, "expandable-card"):
		b.card(i, c, true)
	case hasClass(cls, "ui-action"):
		b.uiAction(i, c)
	case hasClass(cls, "checkbox-group"), hasClass(cls, "radio-group"):
		cc := c
		cc.choice = true
		b.blockChildren(i, cc)
	case hasClass(cls, "person-selector"), hasClass(cls, "room-selector"),
		hasClass(cls, "timezone-picker"), hasClass(cls, "date-selector"):
		b.selector(i, c, cls)
	case hasClass(cls, "dialog-title"):
		b.blockChildren(i, b.withAttr(c, attrBold))
	default:
		b.blockChildren(i, b.classes(c, cls))
	}
}

// span dispatches the Symphony span classes.
func (b *builder) span(i int32, c ictx) {
	n := &b.t.nodes[i]
	cls := b.t.attr(n, "class")
	switch {
	case cls == "":
		b.children(i, c)
	case hasClass(cls, "entity") && b.t.has(n, "data-entity-id"):
		b.entity(i, c)
	case hasClass(cls, "info-hint"):
		if title := remoteLine(b.t.attr(n, "data-title")); title != "" {
			hc := c
			hc.st = style{cls: clsDim}
			b.spaceNext()
			b.words("("+title+")", hc.st, hc)
		}
	default:
		b.children(i, b.classes(c, cls))
	}
}

// entity renders an element with a data-entity-id through EntityJSON.
func (b *builder) entity(i int32, c ictx) {
	n := &b.t.nodes[i]
	e := b.ents.lookup(b.t.attr(n, "data-entity-id"))
	empty := !b.hasText(i)
	switch e.kind {
	case entMention:
		mc := c
		mc.st.cls, mc.who = clsMention, b.mention(e.userID)
		if empty {
			b.words("@"+strconv.FormatInt(e.userID, 10), mc.st, mc)
			return
		}
		b.children(i, mc)
	case entHashtag, entCashtag:
		b.tag(e)
		tc := c
		sign := "#"
		tc.st.cls = clsHashtag
		if e.kind == entCashtag {
			sign, tc.st.cls = "$", clsCashtag
		}
		if empty {
			b.words(sign+remoteLine(e.value), tc.st, tc)
			return
		}
		b.children(i, tc)
	case entEmoji:
		text := strings.TrimSpace(b.textOf(i, 256))
		if text != "" && !isShortcodeText(text) {
			b.children(i, c)
			return
		}
		glyph := remoteLine(e.value)
		if glyph == "" {
			glyph, _ = b.emoji.Lookup(e.code)
		}
		if glyph == "" {
			glyph = text
		}
		if glyph == "" && e.code != "" {
			glyph = ":" + remoteLine(e.code) + ":"
		}
		b.words(glyph, c.st, c)
	case entAction:
		label := remoteLine(e.value)
		if label == "" {
			label = remoteLine(b.textOf(i, 256))
		}
		if label == "" {
			label = "action"
		}
		b.atom("< "+label+" >", style{cls: clsButton}, ictx{})
	case entImage, entVideo:
		if !empty {
			b.children(i, c)
			return
		}
		kind := "image"
		if e.kind == entVideo {
			kind = "video"
		}
		b.media(kind, e.value, "", c)
	default:
		b.children(i, c)
	}
}

// isShortcodeText reports text of the form ":name:".
func isShortcodeText(s string) bool {
	return len(s) > 2 && s[0] == ':' && s[len(s)-1] == ':' && !strings.ContainsAny(s, " \n")
}

// mention records a mentioned user and returns 1 + its index in
// Document.mentioned, 0 for no user.
func (b *builder) mention(id int64) int32 {
	if id == 0 {
		return 0
	}
	for i, m := range b.doc.mentioned {
		if m == id {
			return int32(i + 1)
		}
	}
	b.doc.mentioned = append(b.doc.mentioned, id)
	return int32(len(b.doc.mentioned))
}

// hasText reports whether node i has text other than whitespace.
func (b *builder) hasText(i int32) bool {
	for ch := b.t.nodes[i].first; ch >= 0; ch = b.t.nodes[ch].next {
		n := &b.t.nodes[ch]
		if n.isText && strings.TrimSpace(n.text) != "" || !n.isText && n.tag != atom.Script && n.tag != atom.Style && b.hasText(ch) {
			return true
		}
	}
	return false
}

// textOf returns the text of node i and its descendants, up to about max
// bytes, raw (not sanitised).
func (b *builder) textOf(i int32, max int) string {
	n := &b.t.nodes[i]
	if n.isText {
		return n.text
	}
	var sb strings.Builder
	b.collectText(i, &sb, max)
	return sb.String()
}

func (b *builder) collectText(i int32, sb *strings.Builder, max int) {
	for ch := b.t.nodes[i].first; ch >= 0 && sb.Len() < max; ch = b.t.nodes[ch].next {
		n := &b.t.nodes[ch]
		switch {
		case n.isText:
			sb.WriteString(n.text)
		case n.tag == atom.Br:
			sb.WriteByte('\n')
		case n.tag == atom.Script || n.tag == atom.Style:
		default:
			b.collectText(ch, sb, max)
		}
	}
}

// script renders sub and sup: digits and signs as Unicode sub- and
// superscripts, anything else as ^(…) and _(…).
func (b *builder) script(i int32, c ictx, sup bool) {
	text := strings.Join(strings.Fields(sanitize.Line(b.textOf(i, 256))), " ")
	if text == "" {
		return
	}
	if s, ok := scriptDigits(text, sup); ok {
		b.words(s, c.st, c)
		return
	}
	mark := "_("
	if sup {
		mark = "^("
	}
	b.words(mark+text+")", c.st, c)
}

// scriptDigits maps text made of digits, signs and parentheses to Unicode
// super- or subscripts.
func scriptDigits(text string, sup bool) (string, bool) {
	const from = "0123456789+-=()"
	to := [...]rune{'₀', '₁', '₂', '₃', '₄', '₅', '₆', '₇', '₈', '₉', '₊', '₋', '₌', '₍', '₎'}
	if sup {
		to = [...]rune{'⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹', '⁺', '⁻', '⁼', '⁽', '⁾'}
	}
	var sb strings.Builder
	for _, r := range text {
		k := strings.IndexRune(from, r)
		if k < 0 {
			return "", false
		}
		sb.WriteRune(to[k])
	}
	return sb.String(), true
}

// chime marks the document as a chime and shows it.
func (b *builder) chime(c ictx) {
	b.doc.chime = true
	b.boundary()
	dc := ictx{st: style{cls: clsDim}}
	b.words("🔔", c.st, c)
	b.spaceNext()
	b.words("chime", dc.st, dc)
	b.boundary()
}

// uiAction renders a ui-action: its content (a button) and what it would
// do, as an inert label.
func (b *builder) uiAction(i int32, c ictx) {
	n := &b.t.nodes[i]
	b.boundary()
	b.children(i, c)
	var hint string
	switch action := remoteLine(b.t.attr(n, "data-action")); action {
	case "open-im":
		hint = "opens a chat"
	case "open-dialog":
		hint = "opens a dialog"
	case "":
	default:
		hint = "action: " + action
	}
	if hint != "" {
		b.spaceNext()
		dc := ictx{st: style{cls: clsDim}}
		b.words("→ "+hint, dc.st, dc)
	}
	b.boundary()
}

// dialog renders a dialog as an inert, labelled container.
func (b *builder) dialog(i int32, c ictx) {
	n := &b.t.nodes[i]
	d := &dialogBlock{closed: remoteLine(b.t.attr(n, "data-state")) == "close"}
	d.blocks = b.container(i, c)
	b.add(d)
}

// list renders ul and ol.
func (b *builder) list(i int32, c ictx) {
	n := &b.t.nodes[i]
	l := &listBlock{ordered: n.tag == atom.Ol, start: 1, depth: b.lists}
	if start := strings.TrimSpace(b.t.attr(n, "start")); start != "" {
		if s, err := strconv.Atoi(start); err == nil && s > -1e6 && s < 1e6 {
			l.start = s
		}
	}
	b.boundary()
	b.lists++
	for ch := n.first; ch >= 0; ch = b.t.nodes[ch].next {
		cn := &b.t.nodes[ch]
		switch {
		case cn.is(atom.Li):
			l.items = append(l.items, b.container(ch, c))
		case cn.isText && strings.TrimSpace(cn.text) == "":
			// Whitespace between items.
		case len(l.items) > 0:
			// Anything else (a nested list, text) joins the previous item.
			last := &l.items[len(l.items)-1]
			b.into(last, func() { b.node(ch, c) })
		default:
			var item []block
			b.into(&item, func() { b.node(ch, c) })
			l.items = append(l.items, item)
		}
	}
	b.lists--
	if len(l.items) > 0 {
		b.add(l)
	}
}
