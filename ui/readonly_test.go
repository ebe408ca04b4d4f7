package ui

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/tutti-chat/tutti/symphony"
)

// failingSend is the Deps.Send of the test models: the composer opens, as
// with a live agent, and a send that runs fails.
func failingSend(context.Context, string, string, string) (symphony.V4Message, error) {
	return symphony.V4Message{}, errors.New("the test model sends nothing")
}

// TestComposerRefusedWithoutSend: with no Deps.Send (a replay) the
// composer does not open and takes no text; a notice says why up front,
// from the timeline and from the stream list alike.
func TestComposerRefusedWithoutSend(t *testing.T) {
	for _, c := range []struct {
		name, badge, want string
	}{
		{"replay", "REPLAY", "this is a replay: read-only"},
		{"no sending", "", "sending is not available: read-only"},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := newTestModel(t, 120, 20)
			m.deps.Send, m.badge = nil, c.badge
			openByKeys(t, m, "roomA")
			press(m, "i")
			if m.mode != modeTimeline {
				t.Fatalf("mode after i = %v, want timeline", m.mode)
			}
			press(m, "h", "i", "enter")
			if m.ed.Value() != "" || m.drafts["roomA"] != "" || m.composerShown() {
				t.Errorf("the composer took text: %q, drafts %v", m.ed.Value(), m.drafts)
			}
			if out := screen(m); !strings.Contains(out, c.want) {
				t.Errorf("no notice %q on screen:\n%s", c.want, out)
			}
			// From the stream list's compose key too.
			press(m, "tab")
			if m.mode != modeList {
				t.Fatalf("mode after tab = %v, want list", m.mode)
			}
			press(m, "i")
			if m.mode == modeComposer {
				t.Errorf("the list's compose key opened the composer")
			}
		})
	}
}
