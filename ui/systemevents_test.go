package ui

import (
	"strings"
	"testing"

	"github.com/tutti-chat/tutti/internal/engine"
	"github.com/tutti-chat/tutti/symphony"
)

// systemEvent returns a GENERICSYSTEMEVENT of the pod, in stream (none
// when "").
func systemEvent(id, stream string, ts int64) engine.Item {
	ev := symphony.V4Event{ID: id, Timestamp: ts, Type: symphony.EventGenericSystemEvent,
		Payload: &symphony.V4Payload{GenericSystemEvent: &symphony.V4GenericSystemEvent{
			EventTimestamp: ts, SourceSystem: "pod", EventSubtype: "FEDERATION_LINK_STATE",
			Parameters: map[string]any{"podName": "kestrelbank", "state": "degraded"},
		}}}
	if stream != "" {
		ev.Payload.GenericSystemEvent.Stream = &symphony.V4Stream{StreamID: stream}
	}
	return engine.Item{StreamID: stream, Event: ev}
}

// TestSystemEventsHiddenUnlessAsked: the pod's generic system events stay
// out of Activity and Connections unless tui.systemEvents shows them.
func TestSystemEventsHiddenUnlessAsked(t *testing.T) {
	for _, shown := range []bool{false, true} {
		m := newTestModel(t, 120, 30)
		m.systemEvents = shown
		update(m, batch(systemEvent("sys1", "", base+1000), live(message("roomA", "a1", 2, base+2000, "hello"))))
		act := m.streams[activityID]
		got := strings.Contains(screen(m), "FEDERATION_LINK_STATE") || act.tl.Len() > 1
		if got != shown {
			t.Errorf("systemEvents %v: in Activity %v (rows %d):\n%s", shown, got, act.tl.Len(), screen(m))
		}
		if n := m.streams[connectionsID].tl.Len(); (n > 0) != shown {
			t.Errorf("systemEvents %v: %d rows in Connections", shown, n)
		}
	}
}
