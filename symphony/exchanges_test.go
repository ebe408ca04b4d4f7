package symphony

import (
	"testing"
	"time"
)

func TestExchangesRing(t *testing.T) {
	var l exchangeLog
	for i := 0; i < maxExchanges+5; i++ {
		l.add(Exchange{Status: i})
	}
	got := l.list()
	if len(got) != maxExchanges || got[0].Status != 5 || got[len(got)-1].Status != maxExchanges+4 {
		t.Errorf("%d exchanges, first %d last %d", len(got), got[0].Status, got[len(got)-1].Status)
	}
}

// TestExchangesInTheOrderSent: a long poll, recorded when it ends, is
// listed before the calls sent while it waited.
func TestExchangesInTheOrderSent(t *testing.T) {
	var l exchangeLog
	t0 := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
	l.add(Exchange{At: t0.Add(time.Second), Op: "send message"})
	l.add(Exchange{At: t0.Add(2 * time.Second), Op: "list streams"})
	l.add(Exchange{At: t0, Op: "read datafeed", Duration: 30 * time.Second})
	var ops []string
	for _, e := range l.list() {
		ops = append(ops, e.Op)
	}
	if len(ops) != 3 || ops[0] != "read datafeed" || ops[1] != "send message" || ops[2] != "list streams" {
		t.Errorf("listed %v, want the order they were sent", ops)
	}
}
