package symphony

import "testing"

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
