package render

import (
	"strings"

	"golang.org/x/net/html/atom"

	"github.com/tutti-chat/tutti/internal/sanitize"
)

// codeBlock is a pre or a code block: lines of styled pieces, never
// re-flowed; a line longer than the width continues on the next line
// behind a dotted gutter.
type codeBlock struct {
	lines [][]seg
	lang  string
}

// languageOf returns the language of a code or pre element.
func (t *tree) languageOf(n *node) string {
	lang := t.attr(n, "data-language")
	if lang == "" {
		lang = t.attr(n, "language")
	}
	return strings.ToLower(strings.TrimSpace(lang))
}

// codeElement renders <code>: a block when it has a language, several
// lines or a pre inside, inline code otherwise.
func (b *builder) codeElement(i int32, c ictx) {
	n := &b.t.nodes[i]
	if lang := b.t.languageOf(n); lang != "" || b.hasDescendant(i, atom.Pre) || strings.Contains(b.textOf(i, 1<<20), "\n") {
		b.code(i, c, lang)
		return
	}
	cc := c
	cc.st.cls, cc.code = clsCode, true
	b.children(i, cc)
}

// codePiece is text of a code block with the attributes of its markup.
type codePiece struct {
	text string
	attr attr
}

// code renders the content of node i as a code block.
func (b *builder) code(i int32, c ictx, lang string) {
	if lang == "" {
		for ch := b.t.nodes[i].first; ch >= 0; ch = b.t.nodes[ch].next {
			if n := &b.t.nodes[ch]; n.is(atom.Code) || n.is(atom.Pre) {
				if lang = b.t.languageOf(n); lang != "" {
					break
				}
			}
		}
	}
	var pieces []codePiece
	b.collectCode(i, 0, &pieces)
	var sb strings.Builder
	styled := false
	for _, p := range pieces {
		sb.WriteString(p.text)
		styled = styled || p.attr != 0
	}
	src := sb.String()
	// HTML drops a newline right after <pre>; trailing blank lines say nothing.
	skip := 0
	if strings.HasPrefix(src, "\n") {
		skip = 1
	}
	end := len(strings.TrimRight(src, " \n"))
	if end <= skip {
		return
	}
	var spans []span
	switch lx, ok := lexerFor(lang); {
	case styled:
		pos := 0
		for _, p := range pieces {
			if p.attr != 0 {
				spans = append(spans, span{start: int32(pos), end: int32(pos + len(p.text)), st: style{attr: p.attr}})
			}
			pos += len(p.text)
		}
	case ok:
		spans = lx.highlight(src[:end])
	}
	b.add(&codeBlock{lang: lang, lines: codeLines(src, skip, end, spans)})
}

// collectCode gathers the sanitised text of node i's descendants with
// their inline attributes.
func (b *builder) collectCode(i int32, a attr, out *[]codePiece) {
	for ch := b.t.nodes[i].first; ch >= 0; ch = b.t.nodes[ch].next {
		n := &b.t.nodes[ch]
		switch {
		case n.isText:
			// Tabs become four spaces, as the sanitiser would make them,
			// but first, so that it keeps to its fast path.
			*out = append(*out, codePiece{text: sanitize.Text(strings.ReplaceAll(n.text, "\t", "    ")), attr: a})
		case n.tag == atom.Br:
			*out = append(*out, codePiece{text: "\n", attr: a})
		case n.tag == atom.Script || n.tag == atom.Style:
		case n.tag == atom.B || n.tag == atom.Strong:
			b.collectCode(ch, a|attrBold, out)
		case n.tag == atom.I || n.tag == atom.Em:
			b.collectCode(ch, a|attrItalic, out)
		case n.tag == atom.U:
			b.collectCode(ch, a|attrUnderline, out)
		case n.tag == atom.S || n.tag == atom.Strike || n.tag == atom.Del:
			b.collectCode(ch, a|attrStrike, out)
		default:
			b.collectCode(ch, a, out)
		}
	}
}

// codeLines splits src[start:end] into lines of styled pieces. Pieces are
// cut at grapheme cluster boundaries only, so a style never splits a
// character; a cluster takes the style of its first byte.
func codeLines(src string, start, end int, spans []span) [][]seg {
	var lines [][]seg
	k := 0 // the first span that may cover the current position
	// styleAt returns the style at abs and where it ends (at most limit).
	styleAt := func(abs, limit int) (style, int) {
		for k < len(spans) && int(spans[k].end) <= abs {
			k++
		}
		if k < len(spans) && int(spans[k].start) <= abs {
			return spans[k].st, min(limit, int(spans[k].end))
		}
		if k < len(spans) {
			return style{}, min(limit, int(spans[k].start))
		}
		return style{}, limit
	}
	for pos := start; pos <= end && len(lines) < MaxOutputLines; {
		nl := strings.IndexByte(src[pos:end], '\n')
		lineEnd := end
		if nl >= 0 {
			lineEnd = pos + nl
		}
		line := src[pos:lineEnd]
		if t := stripOrphan(line); len(t) != len(line) {
			pos += len(line) - len(t)
			line = t
		}
		var segs []seg
		if isASCII(line) {
			for j := 0; j < len(line); {
				st, runEnd := styleAt(pos+j, lineEnd)
				runEnd -= pos
				segs = append(segs, seg{text: line[j:runEnd], w: int32(runEnd - j), st: st})
				j = runEnd
			}
		} else {
			segs = clusterPieces(line, pos, styleAt)
		}
		lines = append(lines, segs)
		if nl < 0 {
			break
		}
		pos = lineEnd + 1
	}
	return lines
}

// clusterPieces cuts a line with non-ASCII text into styled pieces,
// grapheme cluster by grapheme cluster, clamping over-long clusters.
func clusterPieces(line string, pos int, styleAt func(abs, limit int) (style, int)) []seg {
	var segs []seg
	runStart, w := 0, 0
	var runStyle style
	flush := func(end int) {
		if end > runStart {
			segs = append(segs, seg{text: line[runStart:end], w: int32(w), st: runStyle})
		}
		runStart, w = end, 0
	}
	for j := 0; j < len(line); {
		size, cw := nextCluster(line[j:])
		st, _ := styleAt(pos+j, pos+len(line))
		if st != runStyle {
			flush(j)
			runStyle = st
		}
		if size > maxClusterMarks*2+4 {
			if clamped, changed := clampCluster(line[j : j+size]); changed {
				flush(j)
				segs = append(segs, seg{text: clamped, w: int32(textWidth(clamped)), st: st})
				j += size
				runStart = j
				continue
			}
		}
		w += cw
		j += size
	}
	flush(len(line))
	return segs
}

// isASCII reports whether s is all ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// layout writes the block.
func (cb *codeBlock) layout(l *layouter) {
	w := l.avail()
	gutter, more, gw := "│ ", "┆ ", 2
	if w < 8 {
		gutter, more, gw = "", "", 0
	}
	border := style{cls: clsBorder}
	avail := w - gw
	for _, line := range cb.lines {
		if l.dead {
			return
		}
		l.begin()
		l.run(gutter, gw, border, 0)
		x := 0
		for _, s := range line {
			text, sw := s.text, int(s.w)
			for text != "" && x+sw > avail {
				fit, fw := truncateText(text, avail-x)
				switch {
				case fit != "":
					l.run(fit, fw, s.st, 0)
					text, sw = text[len(fit):], sw-fw
				case x == 0:
					// A glyph wider than the whole line: an ellipsis stands for it.
					size, _ := nextCluster(text)
					l.run("…", 1, border, 0)
					text = text[size:]
					sw = textWidth(text)
				}
				l.end()
				l.begin()
				l.run(more, gw, border, 0)
				x = 0
			}
			if text != "" {
				l.run(text, sw, s.st, 0)
				x += sw
			}
		}
		l.end()
	}
}

// plain writes the block's text.
func (cb *codeBlock) plain(p *plainWriter) {
	for _, line := range cb.lines {
		p.line()
		for _, s := range line {
			p.b.WriteString(s.text)
		}
	}
}
