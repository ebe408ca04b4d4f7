package names_test

import (
	"strconv"
	"testing"

	"github.com/tutti-chat/tutti/names"
	"github.com/tutti-chat/tutti/symphony"
)

// BenchmarkLearnMessage learns the names of a live message, as the UI and
// tail do for every event: 1,000 authors already known.
func BenchmarkLearnMessage(b *testing.B) {
	d := names.New()
	events := make([]*symphony.V4Event, 1000)
	for i := range events {
		u := &symphony.V4User{UserID: int64(i + 1), DisplayName: "Person " + strconv.Itoa(i), Email: "p" + strconv.Itoa(i) + "@example.com"}
		events[i] = message("room"+strconv.Itoa(i%50), u)
		d.Learn(events[i])
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		d.Learn(events[i%len(events)])
	}
}
