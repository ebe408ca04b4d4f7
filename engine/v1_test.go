package engine_test

import (
	"testing"
	"time"

	"github.com/tutti-chat/tutti/engine"
	"github.com/tutti-chat/tutti/feed"
	"github.com/tutti-chat/tutti/simulator"
)

// TestEveryMessageOnceInOrderOnV1 is TestEveryMessageOnceUnderFaults on
// datafeed v1, which has no acknowledgement: a batch lost with a dropped
// answer is recovered from history, and within a stream every message is
// handed on once, in order.
func TestEveryMessageOnceInOrderOnV1(t *testing.T) {
	p := startPod(t, 2*time.Second)
	col := &collector{}
	r := runEngineWith(t, p.client(t), engine.Options{Feed: feed.Options{Version: "v1"}}, col)
	p.play(t, 6*time.Second, 150, simulator.FaultKinds()...)
	waitComplete(t, p, col)
	r.stop(t)
	x := expect(p.ledger.Events(t))
	if len(x.all) < 500 {
		t.Errorf("only %d messages in the ledger; the scenario did not run", len(x.all))
	}
}
