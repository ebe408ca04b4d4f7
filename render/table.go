package render

import (
	"slices"
	"strconv"
	"strings"

	"golang.org/x/net/html/atom"
)

// Tables keep their grid: column widths are fitted to the width (the
// widest columns give way first), cells wrap inside their column up to
// maxCellLines, and a table too narrow for its columns is shown as one
// "header: value" record per row instead.

// maxCellLines is the most lines a cell shows.
const maxCellLines = 6

// tableCell is one td or th.
type tableCell struct {
	blocks  []block
	header  bool
	idx     int // of the cell in the table, in document order
	col     int // first column
	colspan int
	rowspan int
}

// tableRow is one tr.
type tableRow struct {
	cells   []*tableCell
	section uint8 // sectionHead, sectionBody or sectionFoot
}

const (
	sectionHead uint8 = iota
	sectionBody
	sectionFoot
)

// tableBlock is a table.
type tableBlock struct {
	caption  []block
	rows     []tableRow
	cols     int
	cells    int      // number of cells
	labels   []string // per column, the header text (for the record layout)
	moreRows int      // rows beyond MaxTableRows
	moreCols bool     // cells beyond MaxTableColumns were dropped
}

// table builds a table from its rows, placing cells on the grid as HTML
// does with rowspan and colspan.
func (b *builder) table(i int32, c ictx) {
	t := &tableBlock{}
	b.closePara()
	var spanLeft []int // per column: rows still covered by a rowspan from above
	addRow := func(tr int32, section uint8) {
		if len(t.rows) >= MaxTableRows {
			t.moreRows++
			return
		}
		row := tableRow{section: section}
		col := 0
		for ch := b.t.nodes[tr].first; ch >= 0; ch = b.t.nodes[ch].next {
			cn := &b.t.nodes[ch]
			if !cn.is(atom.Td) && !cn.is(atom.Th) {
				continue
			}
			for col < len(spanLeft) && spanLeft[col] > 0 {
				col++
			}
			if col >= MaxTableColumns {
				t.moreCols = true
				break
			}
			cell := &tableCell{
				idx:     t.cells,
				col:     col,
				colspan: clampAttr(b.t.attr(cn, "colspan"), 1, MaxTableColumns-col),
				rowspan: clampAttr(b.t.attr(cn, "rowspan"), 1, MaxTableRows),
				header:  cn.is(atom.Th) || section == sectionHead,
			}
			cc := c
			if cell.header {
				cc.st.attr |= attrBold
			}
			cell.blocks = b.container(ch, cc)
			for len(spanLeft) < col+cell.colspan {
				spanLeft = append(spanLeft, 0)
			}
			for k := col; k < col+cell.colspan; k++ {
				spanLeft[k] = cell.rowspan
			}
			col += cell.colspan
			t.cells++
			row.cells = append(row.cells, cell)
		}
		for k := range spanLeft {
			if spanLeft[k] > 0 {
				spanLeft[k]--
			}
		}
		t.cols = max(t.cols, col)
		t.rows = append(t.rows, row)
	}
	var walk func(p int32, section uint8, depth int)
	walk = func(p int32, section uint8, depth int) {
		for ch := b.t.nodes[p].first; ch >= 0; ch = b.t.nodes[ch].next {
			cn := &b.t.nodes[ch]
			switch {
			case cn.is(atom.Tr):
				addRow(ch, section)
			case cn.is(atom.Thead) && depth == 0:
				walk(ch, sectionHead, 1)
			case cn.is(atom.Tbody) && depth == 0:
				walk(ch, sectionBody, 1)
			case cn.is(atom.Tfoot) && depth == 0:
				walk(ch, sectionFoot, 1)
			case cn.is(atom.Caption) && depth == 0:
				t.caption = append(t.caption, b.container(ch, b.withAttr(c, attrItalic))...)
			}
		}
	}
	walk(i, sectionBody, 0)
	if len(t.rows) == 0 || t.cols == 0 {
		b.add(&quoteBlock{blocks: t.caption})
		return
	}
	t.labels = make([]string, t.cols)
	for _, row := range t.rows {
		if row.section != sectionHead && !allHeaders(row) {
			continue
		}
		for _, cell := range row.cells {
			p := &plainWriter{doc: b.doc}
			plainBlocks(p, cell.blocks)
			t.labels[cell.col] = strings.Join(strings.Fields(p.b.String()), " ")
		}
	}
	b.add(t)
}

// allHeaders reports a row made of th cells only.
func allHeaders(row tableRow) bool {
	for _, c := range row.cells {
		if !c.header {
			return false
		}
	}
	return len(row.cells) > 0
}

// clampAttr reads a numeric attribute, clamped to [lo, hi]; lo when it is
// missing or not a number.
func clampAttr(v string, lo, hi int) int {
	if v == "" {
		return lo
	}
	n, err := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), "+")))
	if err != nil || n < lo {
		return lo
	}
	return min(n, hi)
}

// cellLayout is a cell laid out for one table layout.
type cellLayout struct {
	simple *paragraph // a one-line paragraph written in place, or nil
	lines  []string   // otherwise, its lines
	widths []int
	nat    int // natural width
}

func (t *tableBlock) layout(l *layouter) {
	layoutBlocks(l, t.caption)
	width := l.avail()
	n := t.cols
	chrome := 3*n + 1 // "│ " + " │ " between columns + " │"
	if width-chrome < 3*n || width-chrome < 1 {
		t.layoutRecords(l, width)
		return
	}
	// Natural widths.
	cells := make([]cellLayout, t.cells)
	nat := make([]int, n)
	for _, row := range t.rows {
		for _, cell := range row.cells {
			cl := &cells[cell.idx]
			if p := simpleParagraph(cell.blocks); p != nil {
				cl.simple = p
				cl.nat = p.oneLine(l)
			} else {
				cl.lines, cl.widths = l.sub(cell.blocks, width-chrome)
				for _, w := range cl.widths {
					cl.nat = max(cl.nat, w)
				}
			}
			if cell.colspan == 1 {
				nat[cell.col] = max(nat[cell.col], cl.nat)
			}
		}
	}
	for _, row := range t.rows {
		for _, cell := range row.cells {
			if cell.colspan > 1 {
				span := 3 * (cell.colspan - 1)
				for k := cell.col; k < cell.col+cell.colspan; k++ {
					span += nat[k]
				}
				if d := cells[cell.idx].nat - span; d > 0 {
					nat[cell.col+cell.colspan-1] += d
				}
			}
		}
	}
	widths := fitColumns(nat, width-chrome)
	border := style{cls: clsBorder}
	rule := func(left, mid, right string) {
		var sb strings.Builder
		sb.WriteString(left)
		for k, w := range widths {
			if k > 0 {
				sb.WriteString(mid)
			}
			sb.WriteString(repeatRune("─", w+2))
		}
		sb.WriteString(right)
		l.begin()
		l.run(sb.String(), chrome+sum(widths), border, 0)
		l.end()
	}
	rule("┌", "┬", "┐")
	at := make([]*tableCell, len(widths))
	for r, row := range t.rows {
		if l.dead {
			return
		}
		if r > 0 && (row.section != t.rows[r-1].section || r == 1 && allHeaders(t.rows[0]) && !allHeaders(row)) {
			rule("├", "┼", "┤")
		}
		clear(at)
		t.layoutRow(l, row, cells, widths, at)
	}
	rule("└", "┴", "┘")
	if t.moreRows > 0 {
		l.note("… " + strconv.Itoa(t.moreRows) + " more rows")
	}
	if t.moreCols {
		l.note("… more columns not shown")
	}
}

// layoutRow writes one row of the grid.
func (t *tableBlock) layoutRow(l *layouter, row tableRow, cells []cellLayout, widths []int, at []*tableCell) {
	border := style{cls: clsBorder}
	for _, cell := range row.cells {
		at[cell.col] = cell
	}
	// Lay the cells out at their width and find the row's height.
	height := 1
	for _, cell := range row.cells {
		cl := &cells[cell.idx]
		w := spanWidth(widths, cell)
		if cl.simple != nil && cl.nat > w {
			cl.lines, cl.widths = l.sub(cell.blocks, w)
			cl.simple = nil
		} else if cl.simple == nil && cl.nat > w {
			cl.lines, cl.widths = l.sub(cell.blocks, w)
		}
		if cl.simple == nil && len(cl.lines) > maxCellLines {
			cl.lines, cl.widths = cl.lines[:maxCellLines], cl.widths[:maxCellLines]
			cl.lines[maxCellLines-1], cl.widths[maxCellLines-1] = l.paint("…", style{cls: clsDim}), 1
		}
		if cl.simple == nil {
			height = max(height, len(cl.lines))
		}
	}
	for y := 0; y < height; y++ {
		l.begin()
		l.run("│ ", 2, border, 0)
		for k := 0; k < len(widths); {
			cell := at[k]
			w, next := widths[k], k+1
			if cell != nil {
				w, next = spanWidth(widths, cell), k+cell.colspan
			}
			used := 0
			if cell != nil {
				cl := &cells[cell.idx]
				switch {
				case cl.simple != nil && y == 0:
					used = cl.simple.inline(l)
				case cl.simple == nil && y < len(cl.lines):
					l.run(cl.lines[y], cl.widths[y], style{}, 0)
					used = cl.widths[y]
				}
			}
			sep := " │ "
			if next >= len(widths) {
				sep = " │"
			}
			l.run(spaces(w-used), w-used, style{}, 0)
			l.run(sep, len(sep)-2, border, 0)
			k = next
		}
		l.end()
	}
}

// layoutRecords writes a table too narrow for its columns as one record
// per row: each cell under its column's header.
func (t *tableBlock) layoutRecords(l *layouter, width int) {
	border := style{cls: clsBorder}
	label := style{attr: attrBold, cls: clsLabel}
	hasLabels := slices.ContainsFunc(t.labels, func(s string) bool { return s != "" })
	first := true
	for _, row := range t.rows {
		if l.dead {
			return
		}
		if hasLabels && (row.section == sectionHead || allHeaders(row)) {
			continue
		}
		if !first {
			l.begin()
			l.run(repeatRune("─", width), width, border, 0)
			l.end()
		}
		first = false
		for _, cell := range row.cells {
			text := t.labels[cell.col]
			if text == "" {
				layoutBlocks(l, cell.blocks)
				continue
			}
			fit, fw := ellipsize(text+":", width)
			// A short one-line value follows its label on the same line.
			if p := simpleParagraph(cell.blocks); p != nil {
				if w := p.oneLine(l); fw+1+w <= width {
					l.begin()
					l.run(fit+" ", fw+1, label, 0)
					p.inline(l)
					l.end()
					continue
				}
			}
			l.begin()
			l.run(fit, fw, label, 0)
			l.end()
			l.push("  ", "  ", 2)
			layoutBlocks(l, cell.blocks)
			l.pop()
		}
	}
	if t.moreRows > 0 {
		l.note("… " + strconv.Itoa(t.moreRows) + " more rows")
	}
}

// spanWidth returns the width of a cell across its columns.
func spanWidth(widths []int, cell *tableCell) int {
	w := 3 * (cell.colspan - 1)
	for k := cell.col; k < cell.col+cell.colspan && k < len(widths); k++ {
		w += widths[k]
	}
	return w
}

// fitColumns shares avail cells between columns of natural widths nat:
// all get their natural width when it fits; otherwise the narrow ones keep
// theirs and the wide ones share the rest equally.
func fitColumns(nat []int, avail int) []int {
	w := make([]int, len(nat))
	total := 0
	for k, v := range nat {
		w[k] = max(v, 1)
		total += w[k]
	}
	if total <= avail {
		return w
	}
	order := make([]int, len(nat))
	for k := range order {
		order[k] = k
	}
	slices.SortStableFunc(order, func(a, b int) int { return w[a] - w[b] })
	left, remaining := len(order), avail
	for _, k := range order {
		share := remaining / left
		if w[k] > share {
			break
		}
		remaining -= w[k]
		left--
	}
	if left == 0 {
		return w
	}
	share, extra := remaining/left, remaining%left
	for _, k := range order[len(order)-left:] {
		w[k] = max(share, 1)
		if extra > 0 {
			w[k]++
			extra--
		}
	}
	return w
}

func sum(xs []int) int {
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}

// simpleParagraph returns the paragraph a cell consists of when it is one
// line of text, nil otherwise.
func simpleParagraph(blocks []block) *paragraph {
	if len(blocks) != 1 {
		return nil
	}
	p, ok := blocks[0].(*paragraph)
	if !ok || p.blank {
		return nil
	}
	for k := range p.segs {
		if p.segs[k].kind == segBreak {
			return nil
		}
	}
	return p
}

// inline writes the paragraph on the current line (it fits) and returns
// its width.
func (p *paragraph) inline(l *layouter) int {
	x := 0
	for k := range p.segs {
		if k > 0 && p.segs[k].space {
			x = l.space(p.segs, k, x)
		}
		x = l.piece(&p.segs[k], x, 1<<30)
	}
	return x
}

func (t *tableBlock) plain(p *plainWriter) {
	plainBlocks(p, t.caption)
	for _, row := range t.rows {
		p.line()
		for k, cell := range row.cells {
			if k > 0 {
				p.b.WriteString(" | ")
			}
			cp := &plainWriter{doc: p.doc}
			plainBlocks(cp, cell.blocks)
			p.b.WriteString(strings.Join(strings.Fields(cp.b.String()), " "))
		}
	}
}
