package render

import (
	"strconv"
	"strings"
	"time"
)

// ruleBlock is <hr>: a line across the available width.
type ruleBlock struct{}

func (ruleBlock) layout(l *layouter) {
	w := l.avail()
	l.begin()
	l.run(repeatRune("─", w), w, style{cls: clsBorder}, 0)
	l.end()
}

func (ruleBlock) plain(p *plainWriter) {
	p.line()
	p.b.WriteString("---")
}

// noteBlock is a dim line of our own ("… message truncated").
type noteBlock struct{ text string }

func (n *noteBlock) layout(l *layouter) { l.note(n.text) }

func (n *noteBlock) plain(p *plainWriter) {
	p.line()
	p.b.WriteString(n.text)
}

// quoteBlock is <blockquote>: its blocks behind a bar.
type quoteBlock struct{ blocks []block }

func (q *quoteBlock) layout(l *layouter) {
	bar := l.paint("│", style{cls: clsBorder}) + " "
	l.push(bar, bar, 2)
	layoutBlocks(l, q.blocks)
	l.pop()
}

func (q *quoteBlock) plain(p *plainWriter) {
	p.indented("> ", func() { plainBlocks(p, q.blocks) })
}

// dialogBlock is a <dialog>: shown, inert, behind a dotted bar and a label.
type dialogBlock struct {
	closed bool
	blocks []block
}

func (d *dialogBlock) layout(l *layouter) {
	bar := l.paint("┊", style{cls: clsBorder}) + " "
	l.push(bar, bar, 2)
	label := "dialog"
	if d.closed {
		label = "dialog (closed)"
	}
	l.note(label)
	layoutBlocks(l, d.blocks)
	l.pop()
}

func (d *dialogBlock) plain(p *plainWriter) { plainBlocks(p, d.blocks) }

// listBlock is ul or ol.
type listBlock struct {
	ordered bool
	start   int
	depth   int
	items   [][]block
}

// bullets are the markers of unordered lists, by depth.
const bullets = "•◦▪"

func (lb *listBlock) marker(i int) string {
	if lb.ordered {
		return strconv.Itoa(lb.start+i) + "."
	}
	r := []rune(bullets)
	return string(r[lb.depth%len(r)])
}

func (lb *listBlock) layout(l *layouter) {
	mw := 0
	for i := range lb.items {
		mw = max(mw, len(lb.marker(i)))
		if !lb.ordered {
			mw = 1
			break
		}
	}
	mst := style{cls: clsDim}
	if lb.ordered {
		mst = style{}
	}
	for i, item := range lb.items {
		if l.dead {
			return
		}
		m := lb.marker(i)
		first := l.paint(spaces(mw-textWidth(m))+m, mst) + " "
		l.push(first, spaces(mw+1), mw+1) // at absurd depths, no room: items follow unmarked
		before := l.mark()
		layoutBlocks(l, item)
		if l.mark() == before {
			l.blank()
		}
		l.pop()
	}
}

func (lb *listBlock) plain(p *plainWriter) {
	for i, item := range lb.items {
		m := lb.marker(i) + " "
		p.indented(m, func() { plainBlocks(p, item) })
	}
}

// layoutBlocks lays blocks out one after the other; an empty line
// separates two cards, whose bars would otherwise run together.
func layoutBlocks(l *layouter, blocks []block) {
	for i, bl := range blocks {
		if l.dead {
			return
		}
		if i > 0 && isBoxed(bl) && isBoxed(blocks[i-1]) {
			l.blank()
		}
		bl.layout(l)
	}
}

// isBoxed reports blocks drawn behind a bar of their own.
func isBoxed(bl block) bool {
	switch bl.(type) {
	case *cardBlock, *dialogBlock, *quoteBlock:
		return true
	}
	return false
}

// plainWriter collects the plain text of a document.
type plainWriter struct {
	doc    *Document
	o      *Options // formats time elements as Layout does; nil: in UTC
	b      strings.Builder
	indent []string // prefixes of the lines in the current containers
	first  []bool   // whether the prefix has been written once
}

// line starts a new line, with the indentation of the containers.
func (p *plainWriter) line() {
	if p.b.Len() > 0 {
		p.b.WriteByte('\n')
	}
	for i, in := range p.indent {
		if p.first[i] {
			p.b.WriteString(spaces(textWidth(in)))
			continue
		}
		p.b.WriteString(in)
		p.first[i] = true
	}
}

// indented writes what walk writes with a marker in front of its first
// line and matching spaces in front of the others.
func (p *plainWriter) indented(marker string, walk func()) {
	p.indent = append(p.indent, marker)
	p.first = append(p.first, false)
	walk()
	p.indent = p.indent[:len(p.indent)-1]
	p.first = p.first[:len(p.first)-1]
}

// timeText formats time element i for plain text: as Layout does with
// p.o, or in UTC without it.
func (p *plainWriter) timeText(i int32) string {
	if int(i) >= len(p.doc.times) {
		return ""
	}
	if p.o != nil {
		return formatTime(p.doc.times[i], p.o.Now, p.o.Location)
	}
	return formatTime(p.doc.times[i], time.Time{}, time.UTC)
}

// plainBlocks writes the plain text of blocks.
func plainBlocks(p *plainWriter, blocks []block) {
	for _, bl := range blocks {
		bl.plain(p)
	}
}

// PlainText returns the message as plain text, for search, notifications
// and text output: no escape sequences, no layout, sanitised, one line per
// paragraph, list item, table row and code line.
func (d *Document) PlainText() string {
	if d.failed {
		return "message could not be displayed"
	}
	p := &plainWriter{doc: d}
	plainBlocks(p, d.blocks)
	return strings.Trim(p.b.String(), "\n")
}

// OneLine returns the message as one line of plain text, for a preview
// such as the quote of a reply: the text of PlainText with its lines and
// runs of white space joined by single spaces, its time elements formatted
// as Layout formats them with o (o.Location and o.Now), so that it reads
// as the laid-out message does. When o.Width is positive the line is cut
// to that many cells and ends with "…". Like PlainText it is sanitised and
// holds no escape sequence; the other fields of o do not matter.
func (d *Document) OneLine(o Options) (line string) {
	const failed = "message could not be displayed"
	if d.failed {
		return oneLineWidth(failed, o.Width)
	}
	defer func() {
		if recover() != nil {
			line = oneLineWidth(failed, o.Width)
		}
	}()
	p := &plainWriter{doc: d, o: &o}
	plainBlocks(p, d.blocks)
	return oneLineWidth(strings.Join(strings.Fields(p.b.String()), " "), o.Width)
}

// oneLineWidth cuts line to w cells, ending it with "…", when w is
// positive and line is wider.
func oneLineWidth(line string, w int) string {
	if w <= 0 || textWidth(line) <= w {
		return line
	}
	fit, _ := truncateText(line, w-1)
	return fit + "…"
}
