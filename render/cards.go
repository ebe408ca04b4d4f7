package render

import (
	"slices"
	"strconv"
	"strings"

	"golang.org/x/net/html/atom"
)

// cardBlock is a card or an expandable card: an accent bar down its left,
// the header (always shown), then the body.
type cardBlock struct {
	expandable bool
	state      string // of an expandable card: collapsed, cropped or expanded
	accent     class
	header     []block
	body       []block
}

// croppedLines is how much of a cropped expandable card's body shows.
const croppedLines = 3

// card builds a card from div.card or div.expandable-card.
func (b *builder) card(i int32, c ictx, expandable bool) {
	n := &b.t.nodes[i]
	cb := &cardBlock{expandable: expandable, accent: clsAccent}
	if acc, ok := accentOf(b.t.attr(n, "data-accent-color")); ok {
		cb.accent = acc
	}
	if expandable {
		cb.state = strings.ToLower(remoteLine(b.t.attr(n, "data-state")))
	}
	b.closePara()
	hc := b.withAttr(c, attrBold)
	headerStart := func() {
		if expandable {
			marker := "▸"
			if cb.state == "expanded" {
				marker = "▾"
			}
			b.words(marker, style{cls: cb.accent}, ictx{})
			b.spaceNext()
		}
		if icon := iconName(b.t.attr(n, "data-icon-src")); icon != "" {
			ic := ictx{st: style{cls: clsDim}, code: true}
			b.words("["+icon+"]", ic.st, ic)
			b.spaceNext()
		}
	}
	haveHeader := false
	for ch := n.first; ch >= 0; ch = b.t.nodes[ch].next {
		cn := &b.t.nodes[ch]
		cls := ""
		if cn.is(atom.Div) {
			cls = b.t.attr(cn, "class")
		}
		switch {
		case hasClass(cls, "cardHeader") || hasClass(cls, "expandableCardHeader"):
			b.into(&cb.header, func() {
				if !haveHeader {
					headerStart()
				}
				b.children(ch, hc)
			})
			haveHeader = true
		case hasClass(cls, "cardBody") || hasClass(cls, "expandableCardBody"):
			if strings.EqualFold(strings.TrimSpace(b.t.attr(cn, "data-variant")), "error") {
				cb.accent = clsError
			}
			b.into(&cb.body, func() { b.children(ch, c) })
		case cn.isText && strings.TrimSpace(cn.text) == "":
		default:
			b.into(&cb.body, func() { b.node(ch, c) })
		}
	}
	if !haveHeader && (expandable || b.t.attr(n, "data-icon-src") != "") {
		b.into(&cb.header, headerStart)
	}
	b.add(cb)
}

// accentOf reads a data-accent-color: a colour name, or a tempo class.
func accentOf(v string) (class, bool) {
	v = strings.ToLower(strings.TrimSpace(v))
	v = strings.TrimPrefix(v, "tempo-bg-color--")
	v = strings.TrimPrefix(v, "tempo-text-color--")
	return namedColour(v)
}

// iconName is what a card shows of its icon: the file name of its URL.
func iconName(src string) string {
	src = strings.TrimSpace(src)
	if src == "" {
		return ""
	}
	if strings.HasPrefix(strings.ToLower(src), "data:") {
		return "icon"
	}
	if j := strings.IndexAny(src, "?#"); j >= 0 {
		src = src[:j]
	}
	src = strings.TrimRight(src, "/")
	if j := strings.LastIndexByte(src, '/'); j >= 0 {
		src = src[j+1:]
	}
	name := remoteLine(src)
	if name == "" {
		return "icon"
	}
	if textWidth(name) > 24 {
		name, _ = truncateText(name, 23)
		name += "…"
	}
	return "icon: " + name
}

// shownHeader returns the card's header as laid out: when the reader
// expanded a card the message sends collapsed or cropped, its ▸ turns to
// ▾. The document stays as it is: a copy is changed.
func (cb *cardBlock) shownHeader(expand bool) []block {
	if !expand || !cb.expandable || cb.state == "expanded" || len(cb.header) == 0 {
		return cb.header
	}
	p, ok := cb.header[0].(*paragraph)
	if !ok || len(p.segs) == 0 || p.segs[0].text != "▸" {
		return cb.header
	}
	q := &paragraph{segs: slices.Clone(p.segs), blank: p.blank}
	q.segs[0].text = "▾"
	return append([]block{q}, cb.header[1:]...)
}

func (cb *cardBlock) layout(l *layouter) {
	bar := l.paint("┃", style{cls: cb.accent}) + " "
	l.push(bar, bar, 2)
	defer l.pop()
	layoutBlocks(l, cb.shownHeader(l.o.Expand))
	if !cb.expandable || cb.state == "expanded" || cb.state == "" || l.o.Expand {
		layoutBlocks(l, cb.body)
		return
	}
	keep := 0
	if cb.state == "cropped" {
		keep = croppedLines
	}
	m := l.mark()
	layoutBlocks(l, cb.body)
	n := l.mark() - m
	if n <= keep {
		return
	}
	l.cut(m + keep)
	l.note("… " + strconv.Itoa(n-keep) + " more lines")
}

func (cb *cardBlock) plain(p *plainWriter) {
	plainBlocks(p, cb.header)
	plainBlocks(p, cb.body)
}
