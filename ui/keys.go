package ui

import "charm.land/bubbles/v2/key"

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

// hint is the short key hint of the status bar.
func (k keyMap) hint() string {
	s := ""
	for i, b := range []key.Binding{k.Focus, k.Open, k.Down, k.Quit} {
		if i > 0 {
			s += " · "
		}
		s += b.Help().Key + " " + b.Help().Desc
	}
	return s
}
