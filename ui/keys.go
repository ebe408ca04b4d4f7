package ui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
)

// keyMap holds the bindings of this increment. It is a value built by
// defaultKeys, so that a key map from package keymap can replace it later.
type keyMap struct {
	Up, Down, PageUp, PageDown key.Binding
	Top, Bottom                key.Binding
	Focus, Open, Quit          key.Binding
}

// defaultKeys returns the default bindings: vim keys and arrows both.
func defaultKeys() keyMap {
	return keyMap{
		Up:       key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("k/↑", "up")),
		Down:     key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("j/↓", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+u"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+d"), key.WithHelp("pgdn", "page down")),
		Top:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "top")),
		Bottom:   key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "bottom")),
		Focus:    key.NewBinding(key.WithKeys("tab", "shift+tab"), key.WithHelp("tab", "focus")),
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Quit:     key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
	}
}

// hint is the short key hint of the status bar for the focused pane, so
// that it also shows where the keys go.
func (k keyMap) hint(onList bool) string {
	first := func(b key.Binding) string { return b.Keys()[0] }
	if onList {
		return fmt.Sprintf("streams: %s/%s move · %s open · %s timeline · %s quit",
			first(k.Down), first(k.Up), first(k.Open), first(k.Focus), first(k.Quit))
	}
	return fmt.Sprintf("timeline: %s/%s scroll · %s/%s top/newest · %s streams · %s quit",
		first(k.Down), first(k.Up), first(k.Top), first(k.Bottom), first(k.Focus), first(k.Quit))
}
