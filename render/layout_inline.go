package render

// layout fills the paragraph's pieces into lines of the available width,
// breaking at spaces and around wide glyphs; a word wider than a line is
// cut between grapheme clusters.
func (p *paragraph) layout(l *layouter) {
	if p.blank {
		l.blank()
		return
	}
	width := l.avail()
	segs := p.segs
	l.begin()
	x := 0
	for i := 0; i < len(segs) && !l.dead; {
		if segs[i].kind == segBreak {
			l.end()
			l.begin()
			x = 0
			i++
			continue
		}
		// The group of pieces up to the next break opportunity.
		j, gw := i, 0
		for j < len(segs) && segs[j].kind != segBreak && (j == i || !segs[j].brk) {
			gw += l.segWidth(&segs[j])
			j++
		}
		sp := 0
		if segs[i].space && x > 0 {
			sp = 1
		}
		if x > 0 && x+sp+gw > width {
			l.end()
			l.begin()
			x, sp = 0, 0
		}
		if sp > 0 {
			x = l.space(segs, i, x)
		}
		for k := i; k < j; k++ {
			x = l.piece(&segs[k], x, width)
		}
		i = j
	}
	l.end()
}

// space writes the space before segs[i], styled like the text around it
// when that text is styled alike (a mention's or a link's inner space),
// and returns the new column.
func (l *layouter) space(segs []seg, i, x int) int {
	st, link := style{}, int16(0)
	if i > 0 {
		prev, next := &segs[i-1], &segs[i]
		if prev.st == next.st && prev.link == next.link && prev.ref == next.ref && prev.kind == segText && next.kind == segText {
			st, link = l.pieceStyle(next), next.link
		} else if l.curOn && l.th.blankIsPlain(l.cur) {
			st = l.cur // a space looks the same in it: no need to reset
		}
	}
	l.run(" ", 1, st, link)
	return x + 1
}

// pieceStyle returns the style a piece is written in: a mention of the
// reader is highlighted.
func (l *layouter) pieceStyle(s *seg) style {
	st := s.st
	if st.cls == clsMention && s.ref > 0 && int(s.ref) <= len(l.doc.mentioned) && l.doc.mentioned[s.ref-1] == l.o.Me {
		st.cls = clsMentionMe
	}
	return st
}

// oneLine returns the width of the paragraph written on one line.
func (p *paragraph) oneLine(l *layouter) int {
	w := 0
	for k := range p.segs {
		w += l.segWidth(&p.segs[k])
		if k > 0 && p.segs[k].space {
			w++
		}
	}
	return w
}

// segWidth returns the width of a piece.
func (l *layouter) segWidth(s *seg) int {
	if s.kind == segTime {
		return len(l.timeText(s.ref))
	}
	return int(s.w)
}

// piece writes s at column x of a line of the given width, continuing on
// new lines when it does not fit, and returns the new column.
func (l *layouter) piece(s *seg, x, width int) int {
	text, w := s.text, int(s.w)
	if s.kind == segTime {
		text = l.timeText(s.ref)
		w = len(text)
	}
	st := l.pieceStyle(s)
	for text != "" && x+w > width {
		fit, fw := truncateText(text, width-x)
		switch {
		case fit != "":
			l.run(fit, fw, st, s.link)
			text, w = text[len(fit):], w-fw
		case x == 0:
			// A glyph wider than the whole line: an ellipsis stands for it.
			size, _ := nextCluster(text)
			l.run("…", 1, st, s.link)
			text = text[size:]
			w = textWidth(text)
		}
		l.end()
		l.begin()
		x = 0
	}
	l.run(text, w, st, s.link)
	return x + w
}

// plain writes the paragraph's text.
func (p *paragraph) plain(pw *plainWriter) {
	pw.line()
	for i := range p.segs {
		s := &p.segs[i]
		if s.space && i > 0 {
			pw.b.WriteByte(' ')
		}
		switch s.kind {
		case segBreak:
			pw.line()
		case segTime:
			pw.b.WriteString(pw.timeText(s.ref))
		default:
			pw.b.WriteString(s.text)
		}
	}
}
