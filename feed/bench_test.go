package feed_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/tutti-chat/tutti/feed"
	"github.com/tutti-chat/tutti/symphony"
)

// batchJSON returns a V5EventList of n MESSAGESENT events shaped like the
// agent's (see the BDK's read_datafeedv5.json), with a few paragraphs of
// PresentationML each.
func batchJSON(tb testing.TB, n int) []byte {
	tb.Helper()
	user := &symphony.V4User{UserID: 349026222342001, FirstName: "Alice", LastName: "Liddell",
		DisplayName: "Alice Liddell", Email: "alice@example.com", Username: "alice"}
	list := symphony.V5EventList{AckID: "c0ffee-ack-0001"}
	for i := range n {
		ts := int64(1772443800000 + i)
		id := fmt.Sprintf("Fd4Pc8xO5Vg6hVfzabFe2X___oyM1eX%03d", i)
		list.Events = append(list.Events, symphony.V4Event{
			ID: fmt.Sprintf("9rc1d%03d", i), MessageID: id, Timestamp: ts, Type: symphony.EventMessageSent,
			Initiator: &symphony.V4Initiator{User: user},
			Payload: &symphony.V4Payload{MessageSent: &symphony.V4MessageSent{Message: &symphony.V4Message{
				MessageID: id, Timestamp: ts, User: user,
				Message: `<div data-format="PresentationML" data-version="2.0" class="wysiwyg"><p>Morning all, ` +
					`the <b>EUR/USD</b> desk call moves to 10:30. <span class="entity" data-entity-id="0">@Bob</span> ` +
					`can you share the deck?</p><ul><li>rates</li><li>credit</li><li>FX options</li></ul>` +
					`<p>See <a href="https://example.com/deck">the deck</a> <span class="entity" data-entity-id="1">#q3</span></p></div>`,
				Data: `{"0":{"id":[{"type":"com.symphony.user.userId","value":"349026222342002"}],"type":"com.symphony.user.mention"},` +
					`"1":{"id":[{"type":"org.symphonyoss.taxonomy.hashtag","value":"q3"}],"type":"org.symphonyoss.taxonomy"}}`,
				Stream:         &symphony.V4Stream{StreamID: "IEj12WoWsfTkiqOBkATdUn___pFXhN9OdA", StreamType: "ROOM"},
				OriginalFormat: "com.symphony.messageml.v2",
			}}},
		})
	}
	data, err := json.Marshal(list)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// benchAPI serves one fan-out feed whose every read decodes the same batch,
// as the client decodes an answer.
type benchAPI struct{ body []byte }

func (a *benchAPI) ListDatafeeds(context.Context, string) ([]symphony.V5Datafeed, error) {
	return []symphony.V5Datafeed{{ID: "0123456789abcdef0123456789abcdef_f", Type: "fanout"}}, nil
}
func (a *benchAPI) CreateDatafeed(context.Context, symphony.V5DatafeedCreateBody) (symphony.V5Datafeed, error) {
	panic("not called")
}
func (a *benchAPI) DeleteDatafeed(context.Context, string) error { panic("not called") }
func (a *benchAPI) ReadDatafeed(context.Context, string, string, bool) (symphony.V5EventList, error) {
	var out symphony.V5EventList
	err := symphony.DecodeJSON(a.body, &out)
	return out, err
}
func (a *benchAPI) CreateDatafeedV1(context.Context) (string, error) { panic("not called") }
func (a *benchAPI) ReadDatafeedV1(context.Context, string) ([]symphony.V4Event, error) {
	panic("not called")
}

// BenchmarkDecodeAndHandOver measures a 100-event batch from its JSON to
// the consumer: decoded, passed through Run's loop and received from the
// channel by another goroutine. "decode" is the decoding alone.
func BenchmarkDecodeAndHandOver(b *testing.B) {
	body := batchJSON(b, 100)
	b.Run("decode", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		events := 0
		for b.Loop() {
			var out symphony.V5EventList
			if err := symphony.DecodeJSON(body, &out); err != nil {
				b.Fatal(err)
			}
			events += len(out.Events)
		}
		b.ReportMetric(float64(events)/b.Elapsed().Seconds(), "events/s")
	})
	b.Run("run", func(b *testing.B) {
		ctx, cancel := context.WithCancel(context.Background())
		out := make(chan feed.Update)
		done := make(chan error, 1)
		go func() { done <- feed.Run(ctx, &benchAPI{body: body}, feed.Options{}, out) }()
		for u := range out {
			if u.Status != nil && u.Status.State == feed.Live {
				break
			}
		}
		<-out // the first batch
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		events := 0
		for b.Loop() {
			u := <-out
			events += len(u.Events)
		}
		b.ReportMetric(float64(events)/b.Elapsed().Seconds(), "events/s")
		cancel()
		<-done
	})
}
