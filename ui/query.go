package ui

import (
	"unicode"

	tea "charm.land/bubbletea/v2"
)

// editQuery applies a key to a one-line query (the switcher's, the list
// filter's, a search's): backspace, ctrl+u to clear, or text without
// control characters. It returns the query and whether the key was one of
// those.
func editQuery(q []rune, msg tea.KeyPressMsg) ([]rune, bool) {
	switch msg.String() {
	case "backspace", "ctrl+h":
		if n := len(q); n > 0 {
			q = q[:n-1]
		}
		return q, true
	case "ctrl+u":
		return q[:0], true
	}
	if msg.Text == "" {
		return q, false
	}
	for _, r := range msg.Text {
		if !unicode.IsControl(r) {
			q = append(q, r)
		}
	}
	return q, true
}
