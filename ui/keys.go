package ui

import (
	"fmt"

	"charm.land/bubbles/v2/key"

	"github.com/tutti-chat/tutti/keymap"
)

// keyHint is the short key hint of the status bar for the focused pane, so
// that it also shows where the keys go; it is built from the live key map.
func keyHint(k keymap.KeyMap, f focus) string {
	first := func(b key.Binding) string {
		if ks := b.Keys(); len(ks) > 0 {
			return ks[0]
		}
		return "?"
	}
	if f == focusComposer {
		c := k.Composer
		return fmt.Sprintf("composer: %s send · %s newline · %s complete · %s leave · %s quit",
			first(c.Send), first(c.Newline), first(c.Complete), first(c.Leave), first(k.Global.Quit))
	}
	if f == focusList {
		l := k.StreamList
		return fmt.Sprintf("streams: %s/%s move · %s open · %s timeline · %s help · %s quit",
			first(l.Down), first(l.Up), first(l.Open), first(k.Normal.FocusNext), first(k.Normal.Help), first(k.Normal.Quit))
	}
	t := k.Timeline
	return fmt.Sprintf("timeline: %s/%s select · %s write · %s search · %s split · %s help · %s quit",
		first(t.Down), first(t.Up), first(t.Compose), first(t.Search), first(k.Normal.Split), first(k.Normal.Help), first(k.Normal.Quit))
}

// switcherHint is the short key hint of the status bar while the quick
// switcher is open, built from the live key map.
func switcherHint(k keymap.KeyMap) string {
	w := k.Switcher
	return fmt.Sprintf("switcher: type to filter · %s/%s move · %s open · %s close",
		firstKey(w.Down), firstKey(w.Up), firstKey(w.Open), firstKey(w.Close))
}
