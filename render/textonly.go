package render

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/atom"

	"github.com/tutti-chat/tutti/internal/emoji"
	"github.com/tutti-chat/tutti/internal/sanitize"
)

// Text is what a message says, without its layout: what search and
// filters read.
type Text struct {
	// Text is the message's PlainText.
	Text string
	// Tags are the message's Tags.
	Tags []Tag
	// Mentioned are the message's MentionedUserIDs.
	Mentioned []int64
}

// TextOf returns the plain text, the tags and the mentioned users of a
// message: exactly what Parse(presentationML, entityJSON) gives through
// PlainText, Tags and MentionedUserIDs, for any input. The slices are the
// caller's.
//
// It reads the message as Parse does but, for the common chat markup
// (paragraphs, line breaks, inline styles, mentions, hashtags, cashtags,
// emoji, in text of characters that stand alone), writes the text
// directly, building no layout; for anything else (links, lists, tables,
// code, cards, forms, time elements, markdown leftovers, combining
// characters…) it builds the Document and reads it.
func TextOf(presentationML, entityJSON string) (out Text) {
	defer func() {
		if recover() != nil {
			out = textOfDocument(Parse(presentationML, entityJSON))
		}
	}()
	if len(entityJSON) > MaxInputBytes {
		entityJSON = "" // as parse does
	}
	t := parseTree(presentationML)
	if text, ok := plainTextOf(t, entityJSON); ok {
		return text
	}
	return textOfDocument(build(t, entityJSON))
}

// plainTextOf writes the text of t directly when it knows all of its
// markup; ok is false when it does not and the Document must be built.
func plainTextOf(t *tree, entityJSON string) (text Text, ok bool) {
	if t.truncated || !plainMarkup(t) {
		return Text{}, false
	}
	w := &textWalker{b: builder{t: t, ents: newEntityIndex(entityJSON), emoji: emoji.Table()}, ok: true}
	w.out.Grow(min(t.size, 4096))
	w.children(0)
	w.closePara()
	if !w.ok {
		return Text{}, false
	}
	return Text{Text: strings.Trim(w.out.String(), "\n"), Tags: w.tags, Mentioned: w.mentioned}, true
}

// textOfDocument reads d's text, tags and mentions.
func textOfDocument(d *Document) Text {
	return Text{Text: d.PlainText(), Tags: d.Tags(), Mentioned: d.MentionedUserIDs()}
}

// textWalker writes the plain text of a tree as build and PlainText would,
// for the markup it knows; ok turns false at the first node it does not.
type textWalker struct {
	b         builder // only its tree, entities and emoji are used
	out       strings.Builder
	last      pieceKind // the last piece of the open paragraph
	started   bool      // the open paragraph has a word, and its line is written
	brks      int       // line breaks of the open paragraph not written yet
	blank     bool      // the open paragraph is an empty <p>
	space     bool      // whitespace is pending before the next word
	paras     int       // paragraphs closed and kept so far
	tags      []Tag
	mentioned []int64
	ok        bool
}

// pieceKind is the kind of the last piece of a paragraph.
type pieceKind uint8

const (
	pieceNone  pieceKind = iota // no piece: no paragraph is open
	pieceText                   // a word
	pieceBreak                  // a <br>
)

// children walks the children of node i.
func (w *textWalker) children(i int32) {
	t := w.b.t
	for ch := t.nodes[i].first; ch >= 0 && w.ok; ch = t.nodes[ch].next {
		w.node(ch)
	}
}

// blockChildren walks the children of i as a block of its own.
func (w *textWalker) blockChildren(i int32) {
	w.closePara()
	w.children(i)
	w.closePara()
}

// node mirrors builder.node for the elements whose text is plain.
func (w *textWalker) node(i int32) {
	t := w.b.t
	n := &t.nodes[i]
	if n.isText {
		w.text(n.text)
		return
	}
	switch n.tag {
	case atom.Br:
		w.lineBreak()
	case atom.P:
		w.closePara()
		before := w.paras
		w.children(i)
		if !w.hasWords() && w.paras == before {
			w.blank, w.brks, w.last = true, 0, pieceNone
		}
		w.closePara()
	case atom.Div:
		w.div(i)
	case atom.Span:
		w.span(i)
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		w.blockChildren(i)
	case atom.B, atom.Strong, atom.I, atom.Em, atom.Cite, atom.Var, atom.Dfn, atom.U, atom.Ins,
		atom.S, atom.Strike, atom.Del, atom.Small, atom.Mark, atom.Label:
		w.children(i)
	case atom.Hr, atom.Sub, atom.Sup, atom.Kbd, atom.Samp, atom.Tt, atom.Q, atom.A, atom.Img,
		atom.Pre, atom.Code, atom.Ul, atom.Ol, atom.Li, atom.Blockquote, atom.Table, atom.Form,
		atom.Input, atom.Textarea, atom.Select, atom.Button, atom.Dialog, atom.Audio, atom.Time:
		w.ok = false
	case atom.Script, atom.Style, atom.Head, atom.Title, atom.Template, atom.Noscript, atom.Iframe, atom.Object:
		// Not content.
	case atom.Section, atom.Article, atom.Header, atom.Footer, atom.Main, atom.Nav, atom.Aside,
		atom.Figure, atom.Figcaption, atom.Details, atom.Summary, atom.Address, atom.Fieldset,
		atom.Legend, atom.Dl, atom.Dt, atom.Dd, atom.Center, atom.Body, atom.Html,
		atom.Thead, atom.Tbody, atom.Tfoot, atom.Tr, atom.Td, atom.Th, atom.Caption:
		w.blockChildren(i)
	default:
		w.children(i)
	}
}

// div mirrors builder.div.
func (w *textWalker) div(i int32) {
	t := w.b.t
	n := &t.nodes[i]
	cls := t.attr(n, "class")
	switch {
	case cls == "":
		w.blockChildren(i)
	case hasClass(cls, "entity") && t.has(n, "data-entity-id"):
		switch w.b.ents.lookup(t.attr(n, "data-entity-id")).kind {
		case entMention, entHashtag, entCashtag, entEmoji:
			w.entity(i)
		default:
			w.closePara()
			w.entity(i)
			w.closePara()
		}
	case hasClass(cls, "card"), hasClass(cls, "expandable-card"), hasClass(cls, "ui-action"),
		hasClass(cls, "checkbox-group"), hasClass(cls, "radio-group"),
		hasClass(cls, "person-selector"), hasClass(cls, "room-selector"),
		hasClass(cls, "timezone-picker"), hasClass(cls, "date-selector"):
		w.ok = false
	default:
		w.blockChildren(i)
	}
}

// span mirrors builder.span.
func (w *textWalker) span(i int32) {
	t := w.b.t
	n := &t.nodes[i]
	cls := t.attr(n, "class")
	switch {
	case cls == "":
		w.children(i)
	case hasClass(cls, "entity") && t.has(n, "data-entity-id"):
		w.entity(i)
	case hasClass(cls, "info-hint"):
		w.ok = false
	default:
		w.children(i)
	}
}

// entity mirrors builder.entity for mentions, tags and emoji.
func (w *textWalker) entity(i int32) {
	t := w.b.t
	e := w.b.ents.lookup(t.attr(&t.nodes[i], "data-entity-id"))
	empty := !w.b.hasText(i)
	switch e.kind {
	case entMention:
		if e.userID != 0 && !slices.Contains(w.mentioned, e.userID) {
			w.mentioned = append(w.mentioned, e.userID)
		}
		if empty {
			w.words("@" + strconv.FormatInt(e.userID, 10))
			return
		}
		w.children(i)
	case entHashtag, entCashtag:
		tag := Tag{Cash: e.kind == entCashtag, Value: remoteLine(e.value)}
		if tag.Value != "" && !slices.Contains(w.tags, tag) {
			w.tags = append(w.tags, tag)
		}
		if empty {
			sign := "#"
			if e.kind == entCashtag {
				sign = "$"
			}
			w.words(sign + remoteLine(e.value))
			return
		}
		w.children(i)
	case entEmoji:
		text := strings.TrimSpace(w.b.textOf(i, 256))
		if text != "" && !isShortcodeText(text) {
			w.children(i)
			return
		}
		glyph := remoteLine(e.value)
		if glyph == "" {
			glyph, _ = w.b.emoji.Lookup(e.code)
		}
		if glyph == "" {
			glyph = text
		}
		if glyph == "" && e.code != "" {
			glyph = ":" + remoteLine(e.code) + ":"
		}
		w.words(glyph)
	case entAction:
		w.ok = false
	case entImage, entVideo:
		if !empty {
			w.children(i)
			return
		}
		w.ok = false
	default:
		w.children(i)
	}
}

// text mirrors builder.text outside code: it takes text whose markdown
// leftovers and shortcodes would change nothing.
func (w *textWalker) text(raw string) {
	if strings.IndexByte(raw, '\t') >= 0 {
		raw = strings.ReplaceAll(raw, "\t", " ")
	}
	s := sanitize.Text(raw)
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '*', '_', '`':
			w.ok = false
			return
		case ':':
			if _, _, found := w.b.shortcode(s, i); found {
				w.ok = false
				return
			}
		}
	}
	w.words(s)
}

// words mirrors builder.words for text whose every character is a
// grapheme cluster of its own that no mark can join: its words are then
// its pieces, unchanged.
func (w *textWalker) words(s string) {
	if !standaloneText(s) {
		w.ok = false
		return
	}
	for i := 0; i < len(s); {
		if isSpaceByte(s[i]) {
			w.space = true
			i++
			continue
		}
		start := i
		for i < len(s) && !isSpaceByte(s[i]) {
			i++
		}
		w.word(s[start:i])
	}
}

// word mirrors builder.word and builder.place for a piece of text, and
// writes it as paragraph.plain would: the paragraph's line, then its
// pending line breaks, then the piece.
func (w *textWalker) word(text string) {
	space := w.space && w.last == pieceText
	w.space = false
	if !w.started {
		w.line()
		w.started = true
	}
	for ; w.brks > 0; w.brks-- {
		w.line()
	}
	if space {
		w.out.WriteByte(' ')
	}
	w.out.WriteString(text)
	w.last = pieceText
}

// lineBreak mirrors builder.lineBreak; the break is written when a word
// follows it in its paragraph, as a trailing one is dropped.
func (w *textWalker) lineBreak() {
	w.brks++
	w.last = pieceBreak
	w.space = false
}

// hasWords mirrors builder.hasWords.
func (w *textWalker) hasWords() bool {
	return w.started
}

// closePara mirrors builder.closePara and ends the paragraph as
// paragraph.plain does.
func (w *textWalker) closePara() {
	if w.last != pieceNone || w.blank {
		if w.brks > 0 {
			w.brks-- // a trailing <br> ends the line it is on and adds no empty line
		}
		if w.started || w.brks > 0 || w.blank {
			w.paras++
			if !w.started {
				w.line()
			}
			for ; w.brks > 0; w.brks-- {
				w.line()
			}
		}
	}
	w.started, w.blank, w.brks, w.last = false, false, 0, pieceNone
	w.space = false
}

// line mirrors plainWriter.line outside containers; a newline written
// first is trimmed with the others at the end, as PlainText trims.
func (w *textWalker) line() {
	w.out.WriteByte('\n')
}

// standaloneText reports whether every character of s is valid and a
// grapheme cluster of its own whatever surrounds it, one that lays out
// unchanged: ASCII, or in a block of letters or symbols that no
// combining mark, joiner, prepended or Hangul jamo character is part of.
func standaloneText(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\n' && c != ' ' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || !standaloneRune(r) {
			return false
		}
		i += size
	}
	return true
}

// standaloneRune reports a non-ASCII character of the blocks standaloneText
// accepts.
func standaloneRune(r rune) bool {
	switch {
	case r >= 0xa0 && r <= 0x2ff: // Latin-1, Latin Extended, IPA, spacing modifiers
		return r != 0xad
	case r >= 0x370 && r <= 0x482, r >= 0x48a && r <= 0x52f: // Greek, Cyrillic without its marks
		return true
	case r >= 0x2010 && r <= 0x2027, r >= 0x2030 && r <= 0x205e: // punctuation
		return true
	case r >= 0x20a0 && r <= 0x20c0, r >= 0x2100 && r <= 0x23ff: // currency, letterlike, arrows, maths, technical
		return true
	case r >= 0x2460 && r <= 0x27bf, r >= 0x27c0 && r <= 0x27ef, r >= 0x2b00 && r <= 0x2bff: // symbols, dingbats
		return r != 0x2800
	case r >= 0x3000 && r <= 0x3029, r >= 0x3030 && r <= 0x303f: // CJK punctuation without its marks
		return true
	case r >= 0x3041 && r <= 0x3096, r >= 0x30a0 && r <= 0x30ff: // kana without sound marks
		return true
	case r >= 0x4e00 && r <= 0x9fff, r >= 0xac00 && r <= 0xd7a3: // CJK ideographs, Hangul syllables
		return true
	case r >= 0xff01 && r <= 0xff9d: // full-width forms, half-width kana without sound marks
		return true
	case r >= 0x1f300 && r <= 0x1f3fa, r >= 0x1f400 && r <= 0x1f64f, r >= 0x1f680 && r <= 0x1f6ff,
		r >= 0x1f900 && r <= 0x1f9ff, r >= 0x1fa70 && r <= 0x1faff: // emoji without modifiers
		return true
	}
	return false
}

// plainMarkup reports whether t has none of the elements textWalker
// leaves to the Document, checked in one pass over the nodes so that a
// table or a card is not walked twice.
func plainMarkup(t *tree) bool {
	for i := range t.nodes {
		n := &t.nodes[i]
		if n.isText {
			continue
		}
		switch n.tag {
		case atom.Hr, atom.Sub, atom.Sup, atom.Kbd, atom.Samp, atom.Tt, atom.Q, atom.A, atom.Img,
			atom.Pre, atom.Code, atom.Ul, atom.Ol, atom.Li, atom.Blockquote, atom.Table, atom.Form,
			atom.Input, atom.Textarea, atom.Select, atom.Button, atom.Dialog, atom.Audio, atom.Time:
			return false
		}
	}
	return true
}
