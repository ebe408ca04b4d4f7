package render

import (
	"strconv"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// block is a block of a Document: it knows how to lay itself out and how
// to write its plain text.
type block interface {
	layout(l *layouter)
	plain(p *plainWriter)
}

// prefix is written at the start of every line inside a container (a quote
// bar, a list bullet, a card's accent bar): first on its first line, rest
// on the others. Both are ready to write (styled or not) and w cells wide.
type prefix struct {
	first, rest string
	w           int
	used        bool
}

// layouter lays blocks out into lines. All lines go into one byte buffer,
// cut into strings at the end, so a layout allocates little more than its
// output.
type layouter struct {
	doc    *Document
	o      *Options
	th     Theme
	styled bool

	width int
	buf   []byte
	ends  []int // end of each finished line in buf
	wids  []int // display width of each finished line
	pfx   []prefix
	pfxW  int
	limit int  // lines the layout may write (MaxOutputLines)
	dead  bool // the limit is reached: everything else is dropped

	// The line being written.
	open    bool
	start   int   // its start in buf
	x       int   // its width so far
	cur     style // the style in effect (styled output)
	curOn   bool  // an SGR sequence is in effect
	curLink int16 // the hyperlink in effect
}

// Layout lays the document out at o.Width and returns its lines. Every
// line is at most o.Width cells wide and, unless o.Plain, carries its own
// styles and resets them at its end.
func (d *Document) Layout(o Options) (lines []string) {
	if o.Width < 1 {
		o.Width = 1
	}
	if d.failed {
		return failedLines(&o)
	}
	defer func() {
		if recover() != nil {
			lines = failedLines(&o)
		}
	}()
	return d.layout(o)
}

// layout is Layout without the recovery, for tests that must see panics.
func (d *Document) layout(o Options) []string {
	if o.Width < 1 {
		o.Width = 1
	}
	l := &layouter{doc: d, o: &o, th: o.Theme, styled: !o.Plain, width: o.Width, limit: MaxOutputLines}
	l.buf = make([]byte, 0, 128+d.size)
	layoutBlocks(l, d.blocks)
	if l.dead {
		l.pfx, l.pfxW, l.dead = nil, 0, false
		l.limit++
		l.note("… message truncated")
	}
	return l.lines()
}

// failedLines is the layout of a message that could not be parsed.
func failedLines(o *Options) []string {
	text := "⚠ message could not be displayed"
	fit, _ := truncateText(text, o.Width)
	if o.Plain {
		return []string{fit}
	}
	return []string{string(o.Theme.appendSGR(nil, style{cls: clsError})) + fit + "\x1b[m"}
}

// lines cuts the buffer into lines, drops leading and trailing empty
// lines and applies MaxLines.
func (l *layouter) lines() []string {
	all := string(l.buf)
	out := make([]string, 0, len(l.ends)+1)
	start := 0
	for _, end := range l.ends {
		out = append(out, all[start:end])
		start = end
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	for len(out) > 0 && out[0] == "" {
		out = out[1:]
	}
	if max := l.o.MaxLines; max > 0 && len(out) > max {
		hidden := len(out) - (max - 1)
		l.buf, l.ends, l.wids = l.buf[:0], l.ends[:0], l.wids[:0]
		l.pfx, l.pfxW, l.dead = nil, 0, false
		l.note("… " + strconv.Itoa(hidden) + " more lines")
		out = append(out[:max-1], string(l.buf))
	}
	return out
}

// note writes a dim line of our own.
func (l *layouter) note(text string) {
	l.begin()
	fit, w := truncateText(text, l.avail())
	l.run(fit, w, style{cls: clsDim}, 0)
	l.end()
}

// avail returns the width left for content inside the current prefixes.
func (l *layouter) avail() int {
	if w := l.width - l.pfxW; w > 0 {
		return w
	}
	return 1
}

// minContent is the narrowest content a container keeps its prefix for;
// below it, nested containers drop their indentation to keep room.
const minContent = 8

// push adds a prefix for the lines that follow, when there is room for it;
// it returns false (and pushes an empty prefix) otherwise. Every push is
// matched by a pop.
func (l *layouter) push(first, rest string, w int) bool {
	if rest := l.width - l.pfxW - w; rest < minContent && rest < l.width/2 || rest < 1 {
		l.pfx = append(l.pfx, prefix{})
		return false
	}
	l.pfx = append(l.pfx, prefix{first: first, rest: rest, w: w})
	l.pfxW += w
	return true
}

// pop removes the last prefix.
func (l *layouter) pop() {
	p := l.pfx[len(l.pfx)-1]
	l.pfx = l.pfx[:len(l.pfx)-1]
	l.pfxW -= p.w
}

// paint returns text in style st, ready to write as a prefix: styled and
// reset, or bare in plain output.
func (l *layouter) paint(text string, st style) string {
	if !l.styled || text == "" || l.th.isPlain(st) {
		return text
	}
	b := l.th.appendSGR(make([]byte, 0, len(text)+24), st)
	b = append(b, text...)
	return string(append(b, "\x1b[m"...))
}

// begin starts a line and writes the prefixes.
func (l *layouter) begin() {
	if l.open {
		l.end()
	}
	if len(l.ends) >= l.limit {
		l.dead = true
	}
	if l.dead {
		return
	}
	l.open, l.start, l.x = true, len(l.buf), 0
	for i := range l.pfx {
		p := &l.pfx[i]
		if p.used {
			l.buf = append(l.buf, p.rest...)
		} else {
			l.buf = append(l.buf, p.first...)
			p.used = true
		}
		l.x += p.w
	}
}

// run writes text of width w in style st, in link (0 for none).
func (l *layouter) run(text string, w int, st style, link int16) {
	if !l.open || text == "" {
		return
	}
	if l.styled {
		if link != l.curLink {
			if l.curLink != 0 {
				l.buf = append(l.buf, "\x1b]8;;\x1b\\"...)
			}
			l.curLink = 0
			if link > 0 && l.o.Hyperlinks && int(link) <= len(l.doc.oscs) && l.doc.oscs[link-1] != "" {
				l.buf = append(l.buf, "\x1b]8;;"...)
				l.buf = append(l.buf, l.doc.oscs[link-1]...)
				l.buf = append(l.buf, "\x1b\\"...)
				l.curLink = link
			}
		}
		if st != l.cur || !l.curOn && st != (style{}) {
			if l.th.isPlain(st) {
				if l.curOn {
					l.buf = append(l.buf, "\x1b[m"...)
				}
				l.curOn = false
			} else {
				l.buf = l.th.appendSGR(l.buf, st)
				l.curOn = true
			}
			l.cur = st
		}
	}
	l.buf = append(l.buf, text...)
	l.x += w
}

// end finishes the line.
func (l *layouter) end() {
	if !l.open {
		return
	}
	if l.curLink != 0 {
		l.buf = append(l.buf, "\x1b]8;;\x1b\\"...)
		l.curLink = 0
	}
	if l.curOn {
		l.buf = append(l.buf, "\x1b[m"...)
		l.curOn = false
	}
	l.cur = style{}
	if l.x > l.width {
		// Never reached when the widths add up; a last guard of the contract.
		line := ansi.Truncate(string(l.buf[l.start:]), l.width, "")
		l.buf = append(l.buf[:l.start], line...)
		l.x = l.width
	}
	l.open = false
	l.ends = append(l.ends, len(l.buf))
	l.wids = append(l.wids, l.x)
}

// blank writes an empty line (with the prefixes).
func (l *layouter) blank() {
	l.begin()
	l.end()
}

// mark returns the number of lines written so far.
func (l *layouter) mark() int {
	if l.open {
		l.end()
	}
	return len(l.ends)
}

// cut drops the lines written after mark m.
func (l *layouter) cut(m int) {
	if l.open {
		l.end()
	}
	if m < len(l.ends) {
		start := 0
		if m > 0 {
			start = l.ends[m-1]
		}
		l.buf = l.buf[:start]
		l.ends = l.ends[:m]
		l.wids = l.wids[:m]
	}
}

// sub lays blocks out on their own, at width w, without prefixes, and
// returns the lines with their widths (tables lay their cells out so).
func (l *layouter) sub(blocks []block, w int) (lines []string, widths []int) {
	s := &layouter{doc: l.doc, o: l.o, th: l.th, styled: l.styled, width: w, limit: maxCellLines + 1}
	for _, bl := range blocks {
		if s.dead {
			break
		}
		bl.layout(s)
	}
	s.end()
	all := string(s.buf)
	start := 0
	for _, end := range s.ends {
		lines = append(lines, all[start:end])
		start = end
	}
	return lines, s.wids
}

// timeText returns the text of time element i.
func (l *layouter) timeText(i int32) string {
	if int(i) >= len(l.doc.times) {
		return ""
	}
	return formatTime(l.doc.times[i], l.o.Now, l.o.Location)
}

// location returns the zone of time elements.
func location(loc *time.Location) *time.Location {
	if loc == nil {
		return time.Local
	}
	return loc
}
