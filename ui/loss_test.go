package ui

import (
	"strings"
	"testing"

	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/internal/engine"
)

// TestLossesAreShown: a gap the engine could not fetch is a gap row and a
// notice naming the stream and why; a gap a capped catch-up left is a gap
// row only; a warning alone is a notice.
func TestLossesAreShown(t *testing.T) {
	m := newTestModel(t, 120, 30)
	g := history.Gap{From: base, To: base + 60_000}
	update(m, batch(engine.Item{StreamID: "roomA", Gap: &g}))
	if gaps := m.streams["roomA"].tl.Gaps(); len(gaps) != 1 || m.status.notice != "" {
		t.Fatalf("a capped gap: %v gaps, notice %q", gaps, m.status.notice)
	}
	g2 := history.Gap{From: base + 120_000, To: base + 180_000}
	update(m, batch(engine.Item{StreamID: "roomB", Gap: &g2, Warning: "the catch-up from history failed: 503"}))
	if gaps := m.streams["roomB"].tl.Gaps(); len(gaps) != 1 ||
		!strings.Contains(m.status.notice, "messages of Bravo may be missing") || !strings.Contains(m.status.notice, "503") {
		t.Fatalf("a failed gap: %v gaps, notice %q", gaps, m.status.notice)
	}
	update(m, batch(engine.Item{Warning: "the watermarks could not be saved"}))
	if !strings.Contains(m.status.notice, "watermarks could not be saved") || !m.status.noticeBad {
		t.Fatalf("a warning: notice %q", m.status.notice)
	}
}
