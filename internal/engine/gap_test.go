package engine_test

import (
	"context"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/internal/engine"
	"github.com/tutti-chat/tutti/internal/state"
	"github.com/tutti-chat/tutti/symphony"
)

// TestCappedCatchUpHandsOnGaps restarts an engine whose catch-up is capped
// after traffic it missed: each stream hands on at most the cap, then a gap
// item whose range holds exactly the messages it did not hand on, which a
// fill fetches.
func TestCappedCatchUpHandsOnGaps(t *testing.T) {
	const limit = 3 // with pages of 3 messages
	p := startPod(t, 0)
	root := t.TempDir()
	dir, err := state.Open(root, "pod", "bot")
	if err != nil {
		t.Fatal(err)
	}
	first := runEngineWith(t, p.client(t), engine.Options{State: dir}, &collector{})
	p.play(t, time.Second, 0)
	first.stop(t)
	dir.Close()
	before := len(p.ledger.Events(t))

	p.play(t, 1500*time.Millisecond, 0) // while nobody watches
	missed := map[string]map[string]int64{}
	// A message suppressed since is in no history: nothing can bring it
	// back (the second run reads a feed of its own, created after).
	suppressed := expect(p.ledger.Events(t)).suppressed
	for _, ev := range p.ledger.Events(t)[before:] {
		if m := ev.Message(); m != nil && !suppressed[symphony.CanonicalID(m.MessageID)] {
			st := symphony.CanonicalID(m.Stream.StreamID)
			if missed[st] == nil {
				missed[st] = map[string]int64{}
			}
			missed[st][symphony.CanonicalID(m.MessageID)] = m.Timestamp
		}
	}

	dir, err = state.Open(root, "pod", "bot")
	if err != nil {
		t.Fatal(err)
	}
	defer dir.Close()
	col := &collector{}
	second := runEngineWith(t, p.client(t), engine.Options{State: dir, CatchUpLimit: limit, Pager: history.PagerOptions{PageSize: limit}}, col)
	deadline := time.Now().Add(20 * time.Second)
	gaps := map[string]history.Gap{}
	for time.Now().Before(deadline) {
		recovered := map[string]int{}
		for _, it := range col.snapshot() {
			if it.Gap != nil {
				gaps[it.StreamID] = *it.Gap
			}
			if it.Recovered {
				recovered[it.StreamID]++
			}
		}
		done := true
		for st, ids := range missed {
			if len(ids) > limit && gaps[st] == (history.Gap{}) {
				done = false
			}
			// A page may also read the watermark's millisecond again.
			if recovered[st] > 2*limit {
				t.Errorf("stream %s: %d recovered messages, cap %d", st, recovered[st], limit)
				done = true
			}
		}
		if done {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	second.stop(t)

	handed := map[string]bool{}
	for _, it := range col.snapshot() {
		if m := it.Event.Message(); m != nil {
			handed[symphony.CanonicalID(m.MessageID)] = true
		}
	}
	pager := history.NewPager(p.client(t), history.PagerOptions{})
	checked := 0
	for st, ids := range missed {
		if len(ids) <= limit {
			continue
		}
		g, ok := gaps[st]
		if !ok {
			t.Errorf("stream %s: %d messages missed, cap %d, no gap", st, len(ids), limit)
			continue
		}
		page := pager.Fill(context.Background(), st, g, 0)
		if page.Err != nil {
			t.Fatalf("fill %s: %v", st, page.Err)
		}
		filled := map[string]bool{}
		for _, m := range page.Messages {
			filled[symphony.CanonicalID(m.MessageID)] = true
		}
		for id, ts := range ids {
			if !handed[id] && !filled[id] && ts <= g.To {
				t.Errorf("stream %s: message %s at %d neither handed on nor in the gap %+v", st, id, ts, g)
			}
		}
		checked++
	}
	if checked == 0 {
		t.Fatalf("no stream missed more than %d messages: %v", limit, len(missed))
	}
}
