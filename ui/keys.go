package ui

import (
	"fmt"

	"charm.land/bubbles/v2/key"

	"github.com/tutti-chat/tutti/keymap"
)

// keyHint is the short key hint of the status bar for the focused pane, so
// that it also shows where the keys go; it is built from the live key map.
func keyHint(k keymap.KeyMap, onList bool) string {
	first := func(b key.Binding) string {
		if ks := b.Keys(); len(ks) > 0 {
			return ks[0]
		}
		return "?"
	}
	if onList {
		l := k.StreamList
		return fmt.Sprintf("streams: %s/%s move · %s open · %s timeline · %s quit",
			first(l.Down), first(l.Up), first(l.Open), first(k.Normal.FocusNext), first(k.Normal.Quit))
	}
	t := k.Timeline
	return fmt.Sprintf("timeline: %s/%s scroll · %s/%s top/newest · %s streams · %s quit",
		first(t.Down), first(t.Up), first(t.Top), first(t.Bottom), first(k.Normal.FocusNext), first(k.Normal.Quit))
}
