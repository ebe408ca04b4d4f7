package ui

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"
)

// editor is the composer's multi-line text: runes and a cursor between
// them. It is a small editor of its own rather than bubbles' textarea,
// which would add a clipboard dependency to the module for a paste the
// terminal already delivers as tea.PasteMsg.
type editor struct {
	text   []rune
	cursor int // index into text
}

// Value returns the text.
func (e *editor) Value() string { return string(e.text) }

// SetValue replaces the text and puts the cursor at its end.
func (e *editor) SetValue(s string) {
	e.text = []rune(s)
	e.cursor = len(e.text)
}

// Reset empties the editor.
func (e *editor) Reset() { e.text, e.cursor = e.text[:0], 0 }

// Insert inserts s at the cursor, without control characters other than
// newline and tab; "\r\n" and "\r" become newlines.
func (e *editor) Insert(s string) {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	var rs []rune
	for _, r := range s {
		if r == '\n' || r == '\t' || !unicode.IsControl(r) && r != 0xFFFD {
			rs = append(rs, r)
		}
	}
	if len(rs) == 0 {
		return
	}
	e.text = append(e.text[:e.cursor], append(rs, e.text[e.cursor:]...)...)
	e.cursor += len(rs)
}

// Backspace deletes the rune before the cursor.
func (e *editor) Backspace() {
	if e.cursor > 0 {
		e.text = append(e.text[:e.cursor-1], e.text[e.cursor:]...)
		e.cursor--
	}
}

// Delete deletes the rune under the cursor.
func (e *editor) Delete() {
	if e.cursor < len(e.text) {
		e.text = append(e.text[:e.cursor], e.text[e.cursor+1:]...)
	}
}

// DeleteWordLeft deletes the word before the cursor and the spaces after it.
func (e *editor) DeleteWordLeft() {
	i := e.cursor
	for i > 0 && unicode.IsSpace(e.text[i-1]) && e.text[i-1] != '\n' {
		i--
	}
	for i > 0 && !unicode.IsSpace(e.text[i-1]) {
		i--
	}
	if i == e.cursor && i > 0 {
		i--
	}
	e.text = append(e.text[:i], e.text[e.cursor:]...)
	e.cursor = i
}

// DeleteToLineStart deletes from the start of the cursor's line to the
// cursor.
func (e *editor) DeleteToLineStart() {
	i := e.lineStart(e.cursor)
	e.text = append(e.text[:i], e.text[e.cursor:]...)
	e.cursor = i
}

// Left moves the cursor one rune towards the start.
func (e *editor) Left() { e.cursor = max(0, e.cursor-1) }

// Right moves the cursor one rune towards the end.
func (e *editor) Right() { e.cursor = min(len(e.text), e.cursor+1) }

// Home moves the cursor to the start of its line.
func (e *editor) Home() { e.cursor = e.lineStart(e.cursor) }

// End moves the cursor to the end of its line.
func (e *editor) End() { e.cursor = e.lineEnd(e.cursor) }

// Up moves the cursor to the line above, at the same column or its end,
// and reports whether it moved.
func (e *editor) Up() bool {
	start := e.lineStart(e.cursor)
	if start == 0 {
		return false
	}
	col := e.cursor - start
	prev := e.lineStart(start - 1)
	e.cursor = min(prev+col, start-1)
	return true
}

// Down moves the cursor to the line below, at the same column or its end,
// and reports whether it moved.
func (e *editor) Down() bool {
	end := e.lineEnd(e.cursor)
	if end == len(e.text) {
		return false
	}
	col := e.cursor - e.lineStart(e.cursor)
	e.cursor = min(end+1+col, e.lineEnd(end+1))
	return true
}

// lineStart returns the index where the line holding i starts.
func (e *editor) lineStart(i int) int {
	for i > 0 && e.text[i-1] != '\n' {
		i--
	}
	return i
}

// lineEnd returns the index of the newline ending the line holding i, or
// the length of the text.
func (e *editor) lineEnd(i int) int {
	for i < len(e.text) && e.text[i] != '\n' {
		i++
	}
	return i
}

// layout wraps the text at w cells into display rows, at the spaces
// between words as the timeline wraps a message (a word wider than a row
// is cut), with the cursor shown as a reversed cell when show is set, and
// returns them with the index of the cursor's row. A space where a row
// breaks is the break: it is not shown at the start of the next row,
// unless the cursor is on it.
func (e *editor) layout(w int, show bool) (rows []string, cursorRow int) {
	w = max(1, w)
	var b strings.Builder
	cells := 0
	flush := func() {
		rows = append(rows, b.String())
		b.Reset()
		cells = 0
	}
	put := func(s string, cw int, cur bool) {
		if cells+cw > w && cells > 0 {
			flush()
		}
		if cur {
			cursorRow = len(rows)
		}
		if cur && show {
			b.WriteString("\x1b[7m" + s + "\x1b[27m")
		} else {
			b.WriteString(s)
		}
		cells += cw
	}
	for i := 0; i <= len(e.text); i++ {
		cur := i == e.cursor
		if i == len(e.text) || e.text[i] == '\n' {
			if cur {
				put(" ", 1, true)
			}
			if i < len(e.text) {
				flush()
			}
			continue
		}
		r := e.text[i]
		if r == ' ' {
			if cells+1 > w && cells > 0 {
				flush()
				if !cur {
					continue
				}
			}
			put(" ", 1, cur)
			continue
		}
		if i == 0 || e.text[i-1] == ' ' || e.text[i-1] == '\n' {
			// A word starts: on the next row when it does not fit on
			// this one but would on a row of its own.
			if ww := e.wordWidth(i); cells > 0 && cells+ww > w && ww <= w {
				flush()
			}
		}
		s, cw := cellOf(r)
		put(s, cw, cur)
	}
	flush()
	return rows, cursorRow
}

// wordWidth returns the width of the word starting at i: up to the next
// space or newline.
func (e *editor) wordWidth(i int) int {
	n := 0
	for ; i < len(e.text) && e.text[i] != ' ' && e.text[i] != '\n'; i++ {
		_, cw := cellOf(e.text[i])
		n += cw
	}
	return n
}

// cellOf returns how the editor shows r and its width: a tab as four
// spaces.
func cellOf(r rune) (string, int) {
	if r == '\t' {
		return "    ", 4
	}
	s := string(r)
	return s, max(1, ansi.StringWidth(s))
}
