package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/symphony"
)

// TestInspectorBottomIsTheEventsEnd: G goes to the end of the JSON the
// inspector is for, not past it into the HTTP calls listed under it; G
// again goes on to the last call.
func TestInspectorBottomIsTheEventsEnd(t *testing.T) {
	const end = "EVENT-END-3Z"
	m := newTestModel(t, 80, 24)
	m.deps.Exchanges = func() []symphony.Exchange {
		var ex []symphony.Exchange
		for i := range inspectorExchanges {
			ex = append(ex, symphony.Exchange{At: time.UnixMilli(base + int64(i)*1000), Op: "read datafeed",
				Method: "POST", Path: "/agent/v5/datafeeds/f1/read", Status: 200, Duration: time.Second})
		}
		ex[0].Op = "the oldest call"
		return ex
	}
	update(m, batch(live(longPML("p1", 400, end))))
	openByKeys(t, m, "roomA")
	press(m, "e", "G")
	if scr := screen(m); !strings.Contains(scr, end+"</div>") || strings.Contains(scr, "the oldest call") {
		t.Fatalf("G did not stop at the end of the event:\n%s", scr)
	}
	press(m, "G")
	if scr := screen(m); !strings.Contains(scr, "the oldest call") {
		t.Errorf("G again did not reach the last HTTP call:\n%s", scr)
	}
}
