package ui

import (
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"
)

// maxSent is how many sent texts the composer remembers.
const maxSent = 100

// sentTexts are the texts sent from the composer, oldest first, and where
// Composer.HistoryPrev and HistoryNext have got to in them.
type sentTexts struct {
	texts []string
	// The recall under way: the editor shows texts[pos] in stream, and
	// draft is what it held before the first recall. A recall ends when
	// the editor's text changes otherwise, or another stream opens.
	recalling bool
	stream    string
	pos       int
	draft     string
}

// add remembers a sent text, not twice in a row, and ends any recall.
func (h *sentTexts) add(text string) {
	h.recalling = false
	if n := len(h.texts); n > 0 && h.texts[n-1] == text {
		return
	}
	h.texts = append(h.texts, text)
	if len(h.texts) > maxSent {
		h.texts = slices.Delete(h.texts, 0, len(h.texts)-maxSent)
	}
}

// under reports whether a recall is under way in stream with the editor
// holding value.
func (h *sentTexts) under(stream, value string) bool {
	return h.recalling && h.stream == stream && h.pos < len(h.texts) && h.texts[h.pos] == value
}

// sendAndRemember sends what the composer holds, as send does, and
// remembers the text when it leaves the composer.
func (m *Model) sendAndRemember() tea.Cmd {
	text := m.ed.Value()
	cmd := m.send()
	if cmd != nil && strings.TrimSpace(text) != "" && m.ed.Value() == "" {
		m.sent.add(text)
	}
	return cmd
}

// recallPrevious shows the sent text before the one shown, the newest
// when none is; the unsent text is kept for recallNext to come back to.
func (m *Model) recallPrevious() {
	h := &m.sent
	if !h.under(m.open, m.ed.Value()) {
		if len(h.texts) == 0 {
			return
		}
		h.recalling, h.stream, h.pos, h.draft = true, m.open, len(h.texts), m.ed.Value()
	}
	if h.pos == 0 {
		return
	}
	h.pos--
	m.ed.SetValue(h.texts[h.pos])
}

// recallNext shows the sent text after the one shown, and past the newest
// the text that was unsent when the recall began.
func (m *Model) recallNext() {
	h := &m.sent
	if !h.under(m.open, m.ed.Value()) {
		return
	}
	h.pos++
	if h.pos == len(h.texts) {
		h.recalling = false
		m.ed.SetValue(h.draft)
		return
	}
	m.ed.SetValue(h.texts[h.pos])
}
