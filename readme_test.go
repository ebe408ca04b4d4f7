package main

import (
	"os"
	"strings"
	"testing"

	"github.com/tutti-chat/tutti/keymap"
)

// TestReadmeKeysMatchTheKeyMap checks the README's key table of the UI
// against the live key map, for the actions the UI handles, so the two
// cannot drift apart.
func TestReadmeKeysMatchTheKeyMap(t *testing.T) {
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	start := strings.Index(readme, "### `tutti` (or `tutti ui`)")
	end := strings.Index(readme[start+1:], "\n### ")
	if start < 0 || end < 0 {
		t.Fatal("README has no section for the UI")
	}
	section := readme[start : start+1+end]
	shown := map[string]string{"up": "↑", "down": "↓"}
	wired := map[string]bool{
		"global.quit": true, "normal.quit": true, "normal.focus-next": true, "normal.focus-previous": true,
		"stream-list.down": true, "stream-list.up": true, "stream-list.page-down": true, "stream-list.page-up": true,
		"stream-list.top": true, "stream-list.bottom": true, "stream-list.open": true,
		"timeline.scroll-down": true, "timeline.scroll-up": true, "timeline.page-down": true,
		"timeline.page-up": true, "timeline.top": true, "timeline.bottom": true,
		"stream-list.compose": true, "timeline.compose": true,
		"composer.send": true, "composer.newline": true, "composer.leave": true,
		"composer.complete": true, "composer.history-previous": true, "composer.history-next": true,
		"global.switcher": true, "global.next-activity": true,
		"switcher.down": true, "switcher.up": true, "switcher.open": true, "switcher.close": true,
		"normal.help":        true,
		"stream-list.filter": true, "stream-list.leave": true, "timeline.toggle-membership": true, "timeline.search": true, "timeline.next-match": true, "timeline.previous-match": true,
		"timeline.copy": true, "timeline.open-link": true, "timeline.inspect": true, "timeline.leave": true,
		"inspector.scroll-down": true, "inspector.scroll-up": true, "inspector.page-down": true, "inspector.page-up": true,
		"inspector.top": true, "inspector.bottom": true, "inspector.copy": true, "inspector.close": true, "normal.split": true, "normal.close-pane": true, "normal.zoom": true,
	}
	km := keymap.Default()
	found := 0
	for _, a := range km.Actions() {
		if !wired[a.Name] {
			continue
		}
		found++
		for _, k := range a.Binding.Keys() {
			if s, ok := shown[k]; ok {
				k = s
			}
			if !strings.Contains(section, "`"+k+"`") {
				t.Errorf("README's UI keys lack %q of %s", k, a.Name)
			}
		}
	}
	if found != len(wired) {
		t.Errorf("%d of the %d actions the UI handles are in the key map", found, len(wired))
	}
}
