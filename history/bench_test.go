package history

import (
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"runtime"
	"testing"

	"github.com/tutti-chat/tutti/symphony"
)

// benchIDs returns n distinct message ids shaped like real ones (24
// characters of URL-safe base64).
func benchIDs(n int) []string {
	out := make([]string, n)
	var b [18]byte
	for i := range out {
		binary.BigEndian.PutUint64(b[:], uint64(i)*0x9E3779B97F4A7C15)
		binary.BigEndian.PutUint64(b[8:], uint64(i))
		out[i] = base64.RawURLEncoding.EncodeToString(b[:])
	}
	return out
}

// benchEvents returns n MESSAGESENT events of the test stream, in order of
// time, several per millisecond.
func benchEvents(n int) []symphony.V4Event {
	ids := benchIDs(n)
	stream := &symphony.V4Stream{StreamID: testStream, StreamType: symphony.StreamRoom}
	user := &symphony.V4User{UserID: 349026222342001, DisplayName: "Alice Martin"}
	out := make([]symphony.V4Event, n)
	for i := range out {
		m := &symphony.V4Message{
			MessageID: ids[i], Timestamp: 1_700_000_000_000 + int64(i/3),
			Message: fmt.Sprintf(`<div data-format="PresentationML" data-version="2.0">message %d</div>`, i),
			Data:    "{}", User: user, Stream: stream,
		}
		out[i] = symphony.V4Event{ID: fmt.Sprintf("ev%d", i), MessageID: ids[i], Timestamp: m.Timestamp,
			Type: symphony.EventMessageSent, Initiator: &symphony.V4Initiator{User: user},
			Payload: &symphony.V4Payload{MessageSent: &symphony.V4MessageSent{Message: m}}}
	}
	return out
}

// BenchmarkApplyLive measures ApplyLive of new MESSAGESENT events, in
// order of time (the datafeed's common case), in a timeline that grows to
// 100 000 rows and is then replaced.
func BenchmarkApplyLive(b *testing.B) {
	const size = 100_000
	events := benchEvents(size)
	tl := NewTimeline(testStream, Options{})
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if i%size == 0 && i > 0 {
			b.StopTimer()
			tl = NewTimeline(testStream, Options{})
			b.StartTimer()
		}
		if tl.ApplyLive(events[i%size]) != Inserted {
			b.Fatal("not inserted")
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkApplyLiveDuplicate measures ApplyLive of redelivered events.
func BenchmarkApplyLiveDuplicate(b *testing.B) {
	const size = 10_000
	events := benchEvents(size)
	tl := NewTimeline(testStream, Options{})
	for _, ev := range events {
		tl.ApplyLive(ev)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if tl.ApplyLive(events[i%size]) != Unchanged {
			b.Fatal("duplicate inserted")
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkApplyLiveCapped measures ApplyLive at the MaxRows cap, each
// insertion evicting the oldest row.
func BenchmarkApplyLiveCapped(b *testing.B) {
	const size = 100_000
	events := benchEvents(size)
	tl := NewTimeline(testStream, Options{MaxRows: 5_000})
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if i%size == 0 && i > 0 {
			b.StopTimer()
			tl = NewTimeline(testStream, Options{MaxRows: 5_000})
			b.StartTimer()
		}
		tl.ApplyLive(events[i%size])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkApplyPage measures ApplyPage of 500 messages: newer than the
// timeline's (a catch-up), older (scrolling back, merged in front of 10 000
// rows), and shuffled over what it holds (half duplicates).
func BenchmarkApplyPage(b *testing.B) {
	const held, page = 10_000, 500
	events := benchEvents(held + 2*page)
	msgs := make([]symphony.V4Message, len(events))
	for i := range events {
		msgs[i] = *events[i].Message()
	}
	fill := func(from, to int) *Timeline {
		tl := NewTimeline(testStream, Options{})
		tl.ApplyPage(msgs[from:to])
		return tl
	}
	mixed := make([]symphony.V4Message, 0, page)
	for i := range page {
		mixed = append(mixed, msgs[(i*7919)%(held+page)])
	}
	cases := []struct {
		name   string
		from   int
		to     int
		page   []symphony.V4Message
		insert int
	}{
		{"newer", 0, held, msgs[held : held+page], page},
		{"older", page, held + page, msgs[:page], page},
		{"mixed", page, held + page, mixed, -1},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				b.StopTimer()
				tl := fill(c.from, c.to)
				p := append([]symphony.V4Message(nil), c.page...)
				b.StartTimer()
				rows := tl.ApplyPage(p)
				if c.insert >= 0 && len(rows) != c.insert {
					b.Fatalf("%d rows inserted, want %d", len(rows), c.insert)
				}
			}
			b.ReportMetric(float64(b.N*page)/b.Elapsed().Seconds(), "msgs/s")
		})
	}
}

// heapInUse returns the live heap after a collection.
func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// timelineBytesPerMessage measures the memory held per message by a
// timeline of n messages fed by ApplyLive: what the timeline itself adds
// (rows, index, copies of the events), and in all, with the decoded events
// and messages it keeps.
func timelineBytesPerMessage(n int) (overhead, total float64) {
	start := heapInUse()
	events := benchEvents(n)
	decoded := heapInUse()
	tl := NewTimeline(testStream, Options{})
	for _, ev := range events {
		tl.ApplyLive(ev)
	}
	full := heapInUse()
	runtime.KeepAlive(events)
	runtime.KeepAlive(tl)
	overhead = float64(int64(full)-int64(decoded)) / float64(n)
	total = float64(int64(full)-int64(start)) / float64(n)
	return overhead, total
}

// BenchmarkMemory100k reports the memory a timeline of 100 000 messages
// holds, per message.
func BenchmarkMemory100k(b *testing.B) {
	var overhead, total float64
	for range b.N {
		overhead, total = timelineBytesPerMessage(100_000)
	}
	b.ReportMetric(overhead, "timeline-B/msg")
	b.ReportMetric(total, "total-B/msg")
}

// TestMemoryPerMessage logs the memory a timeline of 100 000 messages
// holds and bounds what the timeline itself adds to the messages.
func TestMemoryPerMessage(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates 100 000 messages")
	}
	overhead, total := timelineBytesPerMessage(100_000)
	t.Logf("100 000 messages: %.0f bytes/message held by the timeline (rows, index, event copies), %.0f bytes/message with the messages", overhead, total)
	if overhead > 1024 {
		t.Errorf("the timeline adds %.0f bytes per message", overhead)
	}
}
