package ui

import (
	"strings"
	"testing"
)

// TestHelpHasNoEmptyHeading: every heading of the help has bindings under
// it, from every part of the screen.
func TestHelpHasNoEmptyHeading(t *testing.T) {
	m := newTestModel(t, 120, 40)
	for _, keys := range [][]string{{"?"}, {"tab", "?"}} {
		press(m, keys...)
		o := &m.overlayText
		if m.mode != modeText || len(o.lines) == 0 {
			t.Fatalf("%v did not open the help", keys)
		}
		heads := 0
		for i, l := range o.lines {
			if !o.heads[i] {
				continue
			}
			heads++
			if i+1 == len(o.lines) || o.heads[i+1] || strings.TrimSpace(o.lines[i+1]) == "" {
				t.Errorf("help after %v: heading %q has no binding under it", keys, l)
			}
		}
		if heads < 3 || !strings.Contains(strings.Join(o.lines, "\n"), "(elsewhere)") {
			t.Errorf("help after %v:\n%s", keys, strings.Join(o.lines, "\n"))
		}
		press(m, "?")
	}
}
