package render

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/tutti-chat/tutti/internal/sanitize"
)

// Inline content is a paragraph: a list of pieces (segs) that the layout
// fills into lines. Words are split and measured once, while parsing;
// laying out at a new width only adds widths up.

// segKind is what a seg is.
type segKind uint8

const (
	segText  segKind = iota // a piece of a word; a line may break before it only when brk is set
	segBreak                // a forced line break (<br>)
	segTime                 // a time element: its text depends on Options
)

// seg is one piece of inline content.
type seg struct {
	text  string // sanitised text, no newline
	w     int32  // display width of text
	ref   int32  // segTime: index in Document.times; in a mention: 1 + index in Document.mentioned
	st    style
	link  int16 // 1-based index in Document.links, 0 for none
	kind  segKind
	brk   bool // a line may break before this piece
	space bool // a collapsible space comes before this piece (then brk is set too); it is dropped at the start of a line
}

// paragraph is a block of inline content.
type paragraph struct {
	segs  []seg
	blank bool // an empty <p>: one empty line
}

// ictx is the inline context inherited from enclosing elements.
type ictx struct {
	st     style
	link   int16
	who    int32 // in a mention: 1 + index in Document.mentioned
	code   bool  // inside code: no emoji shortcodes, no markdown leftovers
	choice bool  // inside a checkbox or radio group
}

// The pieces of the open paragraph are appended to one slice shared by
// the whole message (b.segs, from b.openAt on): only one paragraph is open
// at a time, so a message grows one slice instead of one per paragraph.

// push appends a piece to the open paragraph. When the shared slice is
// full, only the open paragraph moves to a new, larger one: the closed
// ones keep theirs.
func (b *builder) push(s seg) {
	if len(b.segs) == cap(b.segs) {
		open := b.segs[b.openAt:]
		grown := make([]seg, len(open), max(64, 2*len(open), cap(b.segs)))
		copy(grown, open)
		b.segs, b.openAt = grown, 0
	}
	b.segs = append(b.segs, s)
}

// para opens a paragraph if none is open.
func (b *builder) para() {
	if b.open == nil {
		b.open = &paragraph{}
		b.openAt = len(b.segs)
	}
}

// pieces returns the pieces of the open paragraph.
func (b *builder) pieces() []seg {
	if b.open == nil {
		return nil
	}
	return b.segs[b.openAt:]
}

// last returns the last piece of the open paragraph, nil when it has none.
func (b *builder) last() *seg {
	if b.open == nil || len(b.segs) == b.openAt {
		return nil
	}
	return &b.segs[len(b.segs)-1]
}

// hasWords reports whether the open paragraph has text.
func (b *builder) hasWords() bool {
	for _, s := range b.pieces() {
		if s.kind == segText || s.kind == segTime {
			return true
		}
	}
	return false
}

// closePara ends the open paragraph, if any, and appends it to the current
// container.
func (b *builder) closePara() {
	if p := b.open; p != nil {
		// A trailing <br> ends the line it is on and adds no empty line.
		if l := b.last(); l != nil && l.kind == segBreak {
			b.segs = b.segs[:len(b.segs)-1]
		}
		p.segs = b.segs[b.openAt:len(b.segs):len(b.segs)]
		if len(p.segs) > 0 || p.blank {
			b.stack = append(b.stack, p)
		}
		b.open = nil
	}
	b.space, b.forceBrk = false, false
}

// lineBreak adds a forced line break.
func (b *builder) lineBreak() {
	b.para()
	b.push(seg{kind: segBreak})
	b.space, b.forceBrk = false, false
}

// text adds a text node's text in the normal flow: whitespace collapses,
// markdown leftovers and :shortcodes: are turned into styles and glyphs.
func (b *builder) text(raw string, c ictx) {
	if strings.IndexByte(raw, '\t') >= 0 {
		raw = strings.ReplaceAll(raw, "\t", " ") // collapsing whitespace anyway
	}
	s := sanitize.Text(raw)
	if c.code {
		b.words(s, c.st, c)
		return
	}
	b.markup(s, c, 0)
}

// words splits s at whitespace into words and adds them. Wide characters
// (CJK, emoji) are words of their own, so that lines may break around
// them; over-long grapheme clusters are clamped.
func (b *builder) words(s string, st style, c ictx) {
	i := 0
	for i < len(s) {
		if isSpaceByte(s[i]) {
			b.space = true
			i++
			continue
		}
		start := i
		for i < len(s) && s[i] < utf8.RuneSelf && !isSpaceByte(s[i]) {
			i++ // a run of ASCII
		}
		if i < len(s) && s[i] >= utf8.RuneSelf && i > start {
			i-- // the last ASCII character may take a combining mark
		}
		w := i - start
		for i < len(s) && !isSpaceByte(s[i]) {
			if isASCIICluster(s, i) {
				w++
				i++
				continue
			}
			cl, cw := ansi.FirstGraphemeCluster(s[i:], ansi.GraphemeWidth)
			if len(cl) == 0 {
				i++
				continue
			}
			if len(cl) > maxClusterMarks*2+4 {
				if clamped, changed := clampCluster(cl); changed {
					b.word(s[start:i], w, st, c, false)
					b.word(clamped, textWidth(clamped), st, c, false)
					i += len(cl)
					start, w = i, 0
					continue
				}
			}
			if cw >= 2 {
				b.word(s[start:i], w, st, c, false)
				b.word(cl, cw, st, c, true)
				b.forceBrk = true
				i += len(cl)
				start, w = i, 0
				continue
			}
			w += cw
			i += len(cl)
		}
		b.word(s[start:i], w, st, c, false)
	}
}

// isSpaceByte reports the whitespace HTML collapses.
func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'
}

// word appends a piece of a word of width w. brk allows a line break
// before it even without a space.
func (b *builder) word(text string, w int, st style, c ictx, brk bool) {
	if text == "" {
		return
	}
	brk, space := b.place(brk)
	if brk {
		if t := stripOrphan(text); len(t) != len(text) {
			text, w = t, textWidth(t)
		}
	} else if ext := extenderPrefix(text); ext > 0 {
		// The piece starts with marks that belong to the previous piece's
		// last character: move them there, so that no grapheme cluster
		// straddles two pieces (and two styles); past a few, drop them,
		// as clampCluster would.
		if prev := b.last(); len(prev.text) < 32 {
			prev.text += text[:ext]
			prev.w = int32(textWidth(prev.text))
		}
		text = text[ext:]
		w = textWidth(text)
	}
	if text == "" {
		return
	}
	b.push(seg{kind: segText, text: text, w: int32(w), st: st, link: c.link, ref: c.who, brk: brk, space: space})
}

// place readies the open paragraph for a new piece: it reports whether a
// line may break before the piece, and whether a space comes before it
// (pending whitespace after some text on the same line).
func (b *builder) place(brk bool) (brkOut, space bool) {
	b.para()
	if b.space {
		b.space = false
		if l := b.last(); l != nil && l.kind != segBreak {
			space = true
		}
		brk = true
	}
	if b.forceBrk {
		b.forceBrk = false
		brk = true
	}
	if l := b.last(); l == nil || l.kind != segText {
		brk = true
	}
	return brk, space
}

// atom appends an unbreakable piece of our own (a button, a checkbox) with
// a break opportunity on both sides.
func (b *builder) atom(text string, st style, c ictx) {
	b.word(text, textWidth(text), st, c, true)
	b.forceBrk = true
}

// spaceNext makes the next word follow a space.
func (b *builder) spaceNext() {
	if b.last() != nil {
		b.space = true
	}
}

// extenderPrefix returns the length of the grapheme extenders (combining
// marks, variation selectors, ZWJ …) s starts with, which would attach to
// whatever precedes s.
func extenderPrefix(s string) int {
	if s == "" || s[0] < utf8.RuneSelf {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !mayExtend(r) {
		return 0
	}
	head := s
	if len(head) > 64 {
		head = cutUTF8(head, 64)
	}
	cl, _ := ansi.FirstGraphemeCluster("a"+head, ansi.GraphemeWidth)
	return len(cl) - 1
}

// stripOrphan drops the grapheme extenders s starts with: with nothing of
// their own to attach to, they would attach to the character before them
// on the line (a space, a border) and change its width.
func stripOrphan(s string) string {
	return s[extenderPrefix(s):]
}

// mayExtend reports runes that can continue a grapheme cluster.
func mayExtend(r rune) bool {
	switch {
	case r < 0x300:
		return false
	case r == 0x200d, r >= 0xfe00 && r <= 0xfe0f, r >= 0x1f3fb && r <= 0x1f3ff,
		r >= 0xe0000 && r <= 0xe0fff, r >= 0x1160 && r <= 0x11ff, r >= 0xd7b0 && r <= 0xd7ff:
		return true
	}
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc)
}

// markup adds s, turning markdown leftovers (**bold**, *italic*, _italic_,
// `code`) into styles and :shortcodes: into emoji. The agent returns a
// section as markdown when its sender left whitespace before a closing
// tag; the client does not send shortcodes as text, but people type them.
func (b *builder) markup(s string, c ictx, depth int) {
	if !hasMarkupByte(s) || depth > 3 {
		b.words(s, c.st, c)
		return
	}
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '*', '_':
			if b.misses > maxMarkupMisses {
				continue
			}
			delim := s[i : i+1]
			if s[i] == '*' && strings.HasPrefix(s[i:], "**") {
				delim = "**"
			}
			inner, end, ok, searched := emphasis(s, i, delim)
			if !ok {
				if searched {
					b.misses++
				}
				if len(delim) == 2 {
					i++
				}
				continue
			}
			b.words(s[start:i], c.st, c)
			ic := c
			if delim == "**" {
				ic.st.attr |= attrBold
			} else {
				ic.st.attr |= attrItalic
			}
			b.markup(inner, ic, depth+1)
			start, i = end, end-1
		case '`':
			j := strings.IndexByte(s[i+1:], '`')
			if j <= 0 || j > maxEmphasis {
				continue
			}
			b.words(s[start:i], c.st, c)
			ic := c
			ic.st.cls, ic.code = clsCode, true
			b.words(s[i+1:i+1+j], ic.st, ic)
			start, i = i+2+j, i+1+j
		case ':':
			glyph, end, ok := b.shortcode(s, i)
			if !ok {
				continue
			}
			b.words(s[start:i], c.st, c)
			b.words(glyph, c.st, c)
			start, i = end, end-1
		}
	}
	b.words(s[start:], c.st, c)
}

// Bounds on markdown leftovers, so that text full of stray * and _ stays
// linear to read: the longest emphasis recognised, and how many failed
// attempts a message gets.
const (
	maxEmphasis     = 2000
	maxMarkupMisses = 256
)

// hasMarkupByte reports whether s has a byte markup looks at.
func hasMarkupByte(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '*', '_', '`', ':':
			return true
		}
	}
	return false
}

// emphasis finds markdown emphasis opening with delim at s[i]: the opening
// delimiter follows a non-word character and precedes a non-space, the
// closing one follows a non-space and precedes a non-word character.
// searched reports whether a closing delimiter was looked for.
func emphasis(s string, i int, delim string) (inner string, end int, ok, searched bool) {
	if i > 0 && isWordByte(s[i-1]) {
		return "", 0, false, false
	}
	open := i + len(delim)
	if open >= len(s) || isSpaceByte(s[open]) || strings.HasPrefix(s[open:], delim[:1]) {
		return "", 0, false, false
	}
	for j := open + 1; j+len(delim) <= len(s) && j-open <= maxEmphasis; j++ {
		if s[j:j+len(delim)] != delim {
			continue
		}
		if isSpaceByte(s[j-1]) {
			continue
		}
		after := j + len(delim)
		if after < len(s) && (isWordByte(s[after]) || s[after] == delim[0]) {
			continue
		}
		return s[open:j], after, true, true
	}
	return "", 0, false, true
}

// isWordByte reports ASCII letters and digits, and any byte of a non-ASCII
// character (treated as a letter).
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= utf8.RuneSelf
}

// shortcode recognises ":name:" at s[i] (not preceded by a word
// character) and returns the emoji for it.
func (b *builder) shortcode(s string, i int) (glyph string, end int, ok bool) {
	if i > 0 && isWordByte(s[i-1]) {
		return "", 0, false
	}
	for j := i + 1; j < len(s) && j-i <= 48; j++ {
		c := s[j]
		if c == ':' {
			if j == i+1 {
				return "", 0, false
			}
			g, found := b.emoji.Lookup(s[i+1 : j])
			return g, j + 1, found
		}
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '+' || c == '-') {
			return "", 0, false
		}
	}
	return "", 0, false
}

// remoteLine cleans a remote one-line string (an attribute value, entity
// data) for display: sanitised, clamped, without orphan marks, with its
// whitespace collapsed.
func remoteLine(s string) string {
	s = sanitize.Line(s)
	s = strings.Join(strings.Fields(s), " ")
	return stripOrphan(clampText(s))
}

// clampText clamps every grapheme cluster of s (see clampCluster).
func clampText(s string) string {
	long := false
	for i := 0; i < len(s); {
		if isASCIICluster(s, i) {
			i++
			continue
		}
		cl, _ := ansi.FirstGraphemeCluster(s[i:], ansi.GraphemeWidth)
		if len(cl) == 0 {
			break
		}
		if _, changed := clampCluster(cl); changed {
			long = true
			break
		}
		i += len(cl)
	}
	if !long {
		return s
	}
	var out strings.Builder
	for i := 0; i < len(s); {
		size, _ := nextCluster(s[i:])
		cl, _ := clampCluster(s[i : i+size])
		out.WriteString(cl)
		i += size
	}
	return out.String()
}
