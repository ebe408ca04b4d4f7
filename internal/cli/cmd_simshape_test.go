package cli

import (
	"bytes"
	"flag"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/internal/engine"
	"github.com/tutti-chat/tutti/names"
	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/symphony"
)

// TestPodShapeFlags parses the size and distance flags into the
// simulator's options: rates per second or minute, 0 for no limit, the
// scenario's default when unset, and a clear error for nonsense.
func TestPodShapeFlags(t *testing.T) {
	for _, c := range []struct {
		args  []string
		limit float64
	}{
		{nil, 0},
		{[]string{"--rate-limit", "100"}, 100},
		{[]string{"--rate-limit", "50/s"}, 50},
		{[]string{"--rate-limit", "6000/m"}, 100},
		{[]string{"--rate-limit", "0"}, -1},
	} {
		var p podShapeFlags
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		addPodShapeFlags(fs, &p)
		args := append([]string{"--rooms", "10000", "--rtt", "80ms"}, c.args...)
		if err := fs.Parse(args); err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		var opts simulator.Options
		p.apply(&opts)
		if opts.RateLimit != c.limit || opts.Scale.Rooms != 10000 || opts.RTT != 80*time.Millisecond {
			t.Errorf("%v: rate limit %v, rooms %d, rtt %s; want %v, 10000, 80ms", args, opts.RateLimit, opts.Scale.Rooms, opts.RTT, c.limit)
		}
	}
	for _, bad := range []string{"fast", "-5", "10/h"} {
		var p podShapeFlags
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		addPodShapeFlags(fs, &p)
		if err := fs.Parse([]string{"--rate-limit", bad}); err == nil || !strings.Contains(err.Error(), "rate") {
			t.Errorf("--rate-limit %s: %v, want an error about the rate", bad, err)
		}
	}
}

// TestProgressLines: tail says how far the catch-up has got, and how long
// it took once done.
func TestProgressLines(t *testing.T) {
	var b bytes.Buffer
	reportProgress(&b, &engine.Progress{Done: 1240, Total: 3000})
	reportProgress(&b, &engine.Progress{Done: 3000, Total: 3000, Finished: true, Elapsed: 34520 * time.Millisecond,
		Pace: engine.PaceStats{Requests: 3013, RateLimited: 8}})
	reportProgress(&b, &engine.Progress{}) // nothing to catch up: nothing said
	want := "tutti: caught up 1,240/3,000 streams\n" +
		"tutti: caught up 3,000 streams from history in 34.5s (3,013 history requests since the start, 8 answered 429)\n"
	if b.String() != want {
		t.Errorf("progress lines:\n%s\nwant:\n%s", b.String(), want)
	}
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", -4200: "-4,200"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestTailPriority: tail --streams names its streams, by id or room name,
// to the engine; what the directory does not know is left out.
func TestTailPriority(t *testing.T) {
	list := []symphony.StreamAttributes{
		{ID: "r1", RoomAttributes: &symphony.RoomSpecificStreamAttributes{Name: "Rates Desk"}},
		{ID: "r2", RoomAttributes: &symphony.RoomSpecificStreamAttributes{Name: "FX Flow"}},
		{ID: "im1", StreamAttributes: &symphony.ConversationSpecificStreamAttributes{Members: []int64{1, 2}}},
	}
	dir := names.New()
	dir.LearnStreams(list)
	p := &tailPrinter{}
	if err := p.setFilters("rates desk, im1, nothing-known", ""); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(p.priority(dir, list), ","); got != "im1,r1" {
		t.Errorf("priority %q, want im1,r1", got)
	}
	if (&tailPrinter{}).priority(dir, list) != nil {
		t.Error("without --streams there is no priority")
	}
}
