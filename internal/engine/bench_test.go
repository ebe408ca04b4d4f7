package engine

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/symphony"
)

// batchJSON returns a datafeed v2 answer of n MESSAGESENT events over 12
// streams, starting at message number first.
func batchJSON(b *testing.B, first, n int) []byte {
	b.Helper()
	list := symphony.V5EventList{AckID: "ack"}
	for i := first; i < first+n; i++ {
		m := &symphony.V4Message{
			MessageID: fmt.Sprintf("msg-%08d-aBcDeFgHiJkLmNoP", i),
			Timestamp: 1_795_000_000_000 + int64(i),
			Message:   `<div data-format="PresentationML" data-version="2.0"><p>Rates are up <b>5bp</b> on the 10y, <span class="entity" data-entity-id="0">@Ana Ribeiro</span></p></div>`,
			Data:      `{"0":{"type":"com.symphony.user.mention","version":"1.0","id":[{"type":"com.symphony.user.userId","value":"7078106100001"}]}}`,
			User:      &symphony.V4User{UserID: 7078106100001, DisplayName: "Ana Ribeiro", Email: "ana@example.com"},
			Stream:    &symphony.V4Stream{StreamID: fmt.Sprintf("stream-%02d-xYzXyZxYzXyZxYzXyZ", i%12), StreamType: "ROOM", RoomName: "Rates Desk"},
		}
		list.Events = append(list.Events, symphony.V4Event{
			ID: fmt.Sprintf("ev%d", i), MessageID: m.MessageID, Timestamp: m.Timestamp, Type: symphony.EventMessageSent,
			Initiator: &symphony.V4Initiator{User: m.User},
			Payload:   &symphony.V4Payload{MessageSent: &symphony.V4MessageSent{Message: m}},
		})
	}
	data, err := json.Marshal(list)
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// BenchmarkBatchDecodeDedupeApply measures the path of a datafeed batch:
// decode the JSON answer, dedupe each event, and apply it to its stream's
// timeline. It reports events per second.
func BenchmarkBatchDecodeDedupeApply(b *testing.B) {
	const batch = 100
	const batches = 64
	inputs := make([][]byte, batches)
	for i := range inputs {
		inputs[i] = batchJSON(b, i*batch, batch)
	}
	b.ResetTimer()
	events := 0
	for b.Loop() {
		s := newSeen()
		timelines := map[string]*history.Timeline{}
		for _, in := range inputs {
			var list symphony.V5EventList
			if err := symphony.DecodeJSON(in, &list); err != nil {
				b.Fatal(err)
			}
			for i := range list.Events {
				item, fresh := s.live(&list.Events[i])
				if !fresh {
					continue
				}
				tl := timelines[item.StreamID]
				if tl == nil {
					tl = history.NewTimeline(item.StreamID, history.Options{})
					timelines[item.StreamID] = tl
				}
				tl.ApplyLive(item.Event)
				events++
			}
		}
	}
	b.ReportMetric(float64(events)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkBatchDecode measures decoding alone, for comparison.
func BenchmarkBatchDecode(b *testing.B) {
	in := batchJSON(b, 0, 100)
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		var list symphony.V5EventList
		if err := symphony.DecodeJSON(in, &list); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(100*float64(b.N)/b.Elapsed().Seconds(), "events/s")
}
