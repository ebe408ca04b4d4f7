package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tutti-chat/tutti/internal/sanitize"
)

// promptState is a one-line question under the focused pane (modePrompt),
// typed like a search's query and answered with the search's accept key:
// the date of jump to date.
type promptState struct {
	label string // what is asked, before the input: "jump to date"
	help  string // what may be typed: "2026-12-01, yesterday, 3d"
	verb  string // what accept does, for the hint: "jump"
	input []rune
	// answer acts on what was typed, sanitised; the prompt is closed by
	// then.
	answer func(m *Model, text string) tea.Cmd
}

// ask opens a prompt under the focused pane.
func (m *Model) ask(p promptState) {
	m.endTyping()
	if m.mode == modeComposer {
		m.leaveCompose()
	}
	m.prompt = p
	m.mode = modePrompt
}

// handlePromptKey edits the prompt's input; accept answers it, cancel
// closes it.
func (m *Model) handlePromptKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys.Search
	switch {
	case key.Matches(msg, k.Accept):
		p := m.prompt
		m.prompt, m.mode = promptState{}, modeTimeline
		if p.answer == nil {
			return nil
		}
		return p.answer(m, sanitize.Line(string(p.input)))
	case key.Matches(msg, k.Cancel):
		m.prompt, m.mode = promptState{}, modeTimeline
		return nil
	}
	m.prompt.input, _ = editQuery(m.prompt.input, msg)
	return nil
}

// preparePromptLine appends the prompt's line, w cells wide, to dst.
func (m *Model) preparePromptLine(dst []string, w int) []string {
	st := &m.styles
	line := st.title + truncate(m.prompt.label+": "+sanitize.Line(string(m.prompt.input)), max(1, w-1)) + "\x1b[7m \x1b[27m" + st.reset
	rest := st.dim + "  " + m.prompt.help + st.reset
	return append(dst, line+truncate(rest, w-ansi.StringWidth(line)))
}

// promptHint is the status bar's hint while a prompt is typed.
func (m *Model) promptHint() string {
	k := m.keys.Search
	return m.prompt.label + ": " + firstKey(k.Accept) + " " + m.prompt.verb + " · " + firstKey(k.Cancel) + " cancel"
}
