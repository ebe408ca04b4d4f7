package history

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/symphony"
)

const day = int64(24 * time.Hour / time.Millisecond)

// fixedNow is the pager's clock in these tests.
var fixedNow = time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)

func fixedClock() time.Time { return fixedNow }

// newTestPager returns a pager over f with the test clock.
func newTestPager(f Fetcher, pageSize int, maxWindow time.Duration) *Pager {
	return NewPager(f, PagerOptions{PageSize: pageSize, Clock: fixedClock, MaxWindow: maxWindow})
}

func TestPagerLatest(t *testing.T) {
	now := fixedNow.UnixMilli()
	var all []symphony.V4Message
	all = append(all, series("old", 1, func(int) int64 { return now - 400*day })...)
	all = append(all, series("ten", 3, func(i int) int64 { return now - 10*day + int64(i) })...)
	all = append(all, series("three", 2, func(int) int64 { return now - 3*day })...)
	all = append(all, series("hour", 5, func(int) int64 { return now - 2*int64(time.Hour/time.Millisecond) })...)
	all = append(all, series("min", 1, func(int) int64 { return now - 60_000 })...)
	tests := []struct {
		name      string
		msgs      []symphony.V4Message
		n         int
		maxWindow time.Duration
		want      []string
		reached   bool
	}{
		{"first window", all, 4, 0, []string{"hour002", "hour003", "hour004", "min000"}, false},
		{"across windows", all, 9, 0, []string{"ten002", "three000", "three001", "hour000", "hour001", "hour002", "hour003", "hour004", "min000"}, false},
		{"older than the max window", all, 50, 0, ids(all[1:]), false},
		{"everything", all, 50, 1000 * 24 * time.Hour, ids(all), true},
		{"days-old stream", all[1:4], 2, 0, []string{"ten001", "ten002"}, false},
		{"days-old stream, all of it", all[1:4], 20, 0, []string{"ten000", "ten001", "ten002"}, true},
		{"empty stream", nil, 10, 0, []string{}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t, tc.msgs...)
			p := newTestPager(f, 3, tc.maxWindow)
			page := p.Latest(context.Background(), testStream, tc.n)
			if page.Err != nil {
				t.Fatal(page.Err)
			}
			if got := ids(page.Messages); !slices.Equal(got, tc.want) {
				t.Errorf("messages %v, want %v", got, tc.want)
			}
			if page.Reached != tc.reached {
				t.Errorf("reached %v, want %v", page.Reached, tc.reached)
			}
			if page.StreamID != testStream || page.Gen != 1 {
				t.Errorf("page of %s gen %d", page.StreamID, page.Gen)
			}
			t.Logf("%d requests", f.queries())
			if f.queries() > 40 {
				t.Errorf("%d requests", f.queries())
			}
		})
	}
}

// pageBack loads a stream into a timeline by Latest and then Older until
// Reached, and returns it.
func pageBack(t *testing.T, p *Pager, latest, n int) *Timeline {
	t.Helper()
	ctx := context.Background()
	tl := NewTimeline(testStream, Options{})
	first := p.Latest(ctx, testStream, latest)
	if first.Err != nil {
		t.Fatal(first.Err)
	}
	tl.ApplyPage(first.Messages)
	reached := first.Reached
	for i := 0; !reached; i++ {
		if i > 50 {
			t.Fatal("paging back does not end")
		}
		until, ok := tl.Oldest()
		if !ok {
			t.Fatal("nothing loaded")
		}
		page := p.Older(ctx, testStream, until, n)
		if page.Err != nil {
			t.Fatal(page.Err)
		}
		for _, m := range page.Messages {
			if m.Timestamp > until {
				t.Fatalf("Older(%d) returned a message of %d", until, m.Timestamp)
			}
		}
		tl.ApplyPage(page.Messages)
		reached = page.Reached
	}
	return tl
}

func TestPagerOlderToTheBeginning(t *testing.T) {
	now := fixedNow.UnixMilli()
	r := rand.New(rand.NewPCG(3, 4))
	var all []symphony.V4Message
	// Days apart, bursts at one ms, one ms on each side of window edges.
	for i := range 40 {
		ts := now - int64(r.IntN(90))*day - int64(r.IntN(3))
		if i%5 == 0 {
			ts = now - day // the first window's edge
		}
		all = append(all, msg(fmt.Sprintf("m%03d", i), ts, "x"))
	}
	all = append(all, series("burst", 12, func(int) int64 { return now - 30*day })...)
	all = append(all, msg("first", now-3000*day, "the very first"))
	sortMessages(all)
	for _, mode := range []string{"agent", "no until", "shuffled"} {
		t.Run(mode, func(t *testing.T) {
			f := newFake(t, all...)
			switch mode {
			case "no until":
				f.ignoreUntil = true
			case "shuffled":
				f.shuffle = rand.New(rand.NewPCG(5, 6))
			}
			p := newTestPager(f, 4, 0)
			tl := pageBack(t, p, 5, 7)
			if got, want := keysOf(tl.Rows()), ids(all); !slices.Equal(got, want) {
				t.Errorf("paged back %d messages:\n%v\nwant %d:\n%v", len(got), got, len(want), want)
			}
			t.Logf("%d requests", f.queries())
		})
	}
}

func TestPagerOlderReturnsEveryMessageAtUntil(t *testing.T) {
	now := fixedNow.UnixMilli()
	burst := series("b", 12, func(int) int64 { return now - day/2 })
	older := series("o", 3, func(i int) int64 { return now - 2*day + int64(i) })
	f := newFake(t, append(burst, older...)...)
	p := newTestPager(f, 5, 0)
	latest := p.Latest(context.Background(), testStream, 5)
	if got := ids(latest.Messages); !slices.Equal(got, []string{"b007", "b008", "b009", "b010", "b011"}) {
		t.Fatalf("latest %v", got)
	}
	page := p.Older(context.Background(), testStream, now-day/2, 2)
	want := append([]string{"o001", "o002"}, ids(burst)...)
	if got := ids(page.Messages); !slices.Equal(got, want) || page.Reached {
		t.Errorf("older %v reached %v, want %v", got, page.Reached, want)
	}
	page = p.Older(context.Background(), testStream, now-2*day+1, 5)
	if got := ids(page.Messages); !slices.Equal(got, []string{"o000", "o001"}) || !page.Reached {
		t.Errorf("oldest %v reached %v", got, page.Reached)
	}
}

func TestPagerCatchUpEqualTimestamps(t *testing.T) {
	const ts = int64(1_772_443_800_000)
	seven := series("s", 6, func(int) int64 { return ts })
	seven = append(seven, msg("s-_x", ts, "x"))
	after := series("t", 4, func(i int) int64 { return ts + 1 + int64(i/2) })
	all := append(slices.Clone(seven), after...)
	sortMessages(all)
	tests := []struct {
		name  string
		known []string
	}{
		{"the first two", []string{"s000", "s001"}},
		{"the last two", []string{"s005", "s-_x"}},
		{"spread", []string{"s001", "s004", "s-_x"}},
		{"standard alphabet", []string{"s002", "s+/x"}},
		{"one suppressed since", []string{"s000", "gone"}},
		{"all seven", ids(seven)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t, all...)
			p := newTestPager(f, 3, 0)
			page := p.CatchUp(context.Background(), testStream, Watermark{Timestamp: ts, IDs: tc.known}, 0)
			if page.Err != nil || !page.Reached || page.Gap != nil {
				t.Fatalf("page: err %v reached %v gap %v", page.Err, page.Reached, page.Gap)
			}
			var want []string
			for _, id := range ids(all) {
				if !slices.ContainsFunc(tc.known, func(k string) bool { return symphony.CanonicalID(k) == id }) {
					want = append(want, id)
				}
			}
			if got := ids(page.Messages); !slices.Equal(got, want) {
				t.Errorf("caught up %v, want %v", got, want)
			}
			for _, q := range f.calls {
				if q.Since < ts {
					t.Errorf("query %+v before the watermark", q)
				}
			}
		})
	}
}

func TestPagerCatchUpWithManyAtTheWatermark(t *testing.T) {
	// More ids at the watermark than fit in a request with a page: the
	// skip is used as is, and checked.
	const ts = int64(1_772_443_800_000)
	burst := series("s", 460, func(int) int64 { return ts })
	after := series("t", 5, func(i int) int64 { return ts + 1 + int64(i) })
	all := append(slices.Clone(burst), after...)
	for _, tc := range []struct {
		name  string
		known []string
	}{
		{"the first 450", ids(burst[:450])},
		{"450 with a hole", append(ids(burst[:3]), ids(burst[4:451])...)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t, all...)
			p := newTestPager(f, 100, 0)
			page := p.CatchUp(context.Background(), testStream, Watermark{Timestamp: ts, IDs: tc.known}, 0)
			if page.Err != nil || !page.Reached {
				t.Fatalf("err %v reached %v", page.Err, page.Reached)
			}
			var want []string
			for _, id := range ids(all) {
				if !slices.Contains(tc.known, id) {
					want = append(want, id)
				}
			}
			if got := ids(page.Messages); !slices.Equal(got, want) {
				t.Errorf("caught up %v, want %v", got, want)
			}
			if q := f.calls[0]; q.Skip != len(tc.known) || q.Since != ts {
				t.Errorf("first query %+v, want since %d skip %d", q, ts, len(tc.known))
			}
		})
	}
}

func TestPagerCatchUpCapped(t *testing.T) {
	ts := fixedNow.UnixMilli() - 10*day
	all := series("m", 20, func(i int) int64 { return ts + int64(i) })
	all = append(all, series("burst", 10, func(int) int64 { return ts + 100 })...)
	all = append(all, series("z", 3, func(i int) int64 { return ts + 200 + int64(i) })...)
	f := newFake(t, all...)
	p := newTestPager(f, 3, 0)
	ctx := context.Background()
	tl := NewTimeline(testStream, Options{})
	tl.ApplyPage(all[:1])
	page := p.CatchUp(ctx, testStream, tl.Watermark(), 5)
	if page.Err != nil || page.Reached || page.Gap == nil {
		t.Fatalf("capped catch-up: err %v reached %v gap %v", page.Err, page.Reached, page.Gap)
	}
	last := page.Messages[len(page.Messages)-1].Timestamp
	if len(page.Messages) < 5 || *page.Gap != (Gap{From: last, To: fixedNow.UnixMilli()}) {
		t.Fatalf("%d messages, gap %+v (last %d)", len(page.Messages), *page.Gap, last)
	}
	tl.ApplyPage(page.Messages)
	tl.AddGap(*page.Gap)
	// Fill the gap a few messages at a time, as a user pressing the key.
	for i := 0; len(tl.Gaps()) > 0; i++ {
		if i > 20 {
			t.Fatal("filling does not end")
		}
		g := tl.Gaps()[0]
		fill := p.Fill(ctx, testStream, g, 4)
		if fill.Err != nil {
			t.Fatal(fill.Err)
		}
		if fill.Reached == (fill.Gap != nil) {
			t.Fatalf("fill: reached %v gap %v", fill.Reached, fill.Gap)
		}
		if fill.Gap != nil && fill.Gap.From <= g.From {
			t.Fatalf("fill of %+v made no progress: %+v", g, *fill.Gap)
		}
		tl.FillGap(g, fill.Messages, fill.Gap)
		if err := tl.check(); err != nil {
			t.Fatal(err)
		}
	}
	if got := keysOf(tl.Rows()); !slices.Equal(got, ids(all)) {
		t.Errorf("after filling: %v", got)
	}
}

func TestPagerCatchUpZeroWatermark(t *testing.T) {
	now := fixedNow.UnixMilli()
	f := newFake(t, series("m", 8, func(i int) int64 { return now - int64(i)*day })...)
	p := newTestPager(f, 3, 0)
	page := p.CatchUp(context.Background(), testStream, Watermark{}, 3)
	if got := ids(page.Messages); !slices.Equal(got, []string{"m002", "m001", "m000"}) || !page.Reached || page.Gap != nil {
		t.Errorf("zero watermark: %v reached %v gap %v", got, page.Reached, page.Gap)
	}
}

func TestPagerErrors(t *testing.T) {
	const ts = int64(1_772_443_800_000)
	all := series("m", 10, func(i int) int64 { return ts + int64(i) })
	ctx := context.Background()

	f := newFake(t, all...)
	f.failAt = 3
	p := newTestPager(f, 3, 0)
	page := p.CatchUp(ctx, testStream, Watermark{Timestamp: ts, IDs: []string{"m000"}}, 0)
	if !errors.Is(page.Err, errFake) || !strings.Contains(page.Err.Error(), "catch up stream "+testStream) {
		t.Fatalf("error %v", page.Err)
	}
	if len(page.Messages) == 0 || page.Gap == nil || page.Gap.From != page.Messages[len(page.Messages)-1].Timestamp || page.Reached {
		t.Errorf("partial page: %v gap %v", ids(page.Messages), page.Gap)
	}

	f = newFake(t, all...)
	f.failAt = 1
	p = newTestPager(f, 3, 0)
	if page := p.Latest(ctx, testStream, 5); !errors.Is(page.Err, errFake) || !strings.Contains(page.Err.Error(), "latest") {
		t.Errorf("latest: %v", page.Err)
	}
	if page := p.Older(ctx, testStream, ts, 5); page.Err != nil {
		t.Errorf("older after a failure: %v", page.Err)
	}
	f.failAt = f.queries() + 1
	if page := p.Fill(ctx, testStream, Gap{From: ts + 5, To: ts}, 0); !errors.Is(page.Err, errFake) || page.Gap == nil || *page.Gap != (Gap{From: ts, To: ts + 5}) {
		t.Errorf("fill: %v %v", page.Err, page.Gap)
	}

	canceled, cancel := context.WithCancel(ctx)
	cancel()
	if page := p.Older(canceled, testStream, ts, 5); !errors.Is(page.Err, context.Canceled) {
		t.Errorf("canceled: %v", page.Err)
	}

	// An agent that ignores skip would make paging loop forever.
	f = newFake(t, series("s", 10, func(int) int64 { return ts })...)
	f.ignoreSkip = true
	p = newTestPager(f, 3, 0)
	if page := p.Fill(ctx, testStream, Gap{From: ts, To: ts + 1}, 0); !errors.Is(page.Err, errSkipIgnored) {
		t.Errorf("skip ignored: %v", page.Err)
	}
}

func TestPagerLimits(t *testing.T) {
	now := fixedNow.UnixMilli()
	f := newFake(t, series("m", 1300, func(i int) int64 { return now - 1000 + int64(i/3) })...)
	p := NewPager(f, PagerOptions{PageSize: 1000, Clock: fixedClock})
	page := p.Latest(context.Background(), testStream, 1200)
	if page.Err != nil || len(page.Messages) != 1200 || page.Messages[0].MessageID != "m100" {
		t.Fatalf("latest 1200: %d messages, %v", len(page.Messages), page.Err)
	}
	page = p.CatchUp(context.Background(), testStream, Watermark{Timestamp: now - 1000, IDs: []string{"m000", "m001"}}, 0)
	if len(page.Messages) != 1298 || !page.Reached {
		t.Errorf("catch up: %d messages", len(page.Messages))
	}
	for _, q := range f.calls {
		if q.Limit > symphony.MaxMessagesPerPage || q.Limit <= 0 {
			t.Fatalf("query %+v", q)
		}
	}
	if p.opts.PageSize != 500 {
		t.Errorf("page size %d", p.opts.PageSize)
	}
	d := NewPager(f, PagerOptions{})
	if d.opts.PageSize != DefaultPageSize || d.opts.FirstWindow != DefaultFirstWindow || d.opts.MaxWindow != DefaultMaxWindow {
		t.Errorf("defaults %+v", d.opts)
	}
}

func TestPagerGenerations(t *testing.T) {
	p := NewPager(newFake(t), PagerOptions{Clock: fixedClock})
	gen, ok := p.Begin(testStream)
	if !ok || gen != 1 || !p.InFlight(testStream) {
		t.Fatalf("begin: %d %v", gen, ok)
	}
	if _, ok := p.Begin(symphony.StandardID(testStream)); ok {
		t.Error("a second request began for the same stream")
	}
	if _, ok := p.Begin("b3RoZXI"); !ok {
		t.Error("another stream is blocked")
	}
	if !p.End(testStream, gen) || p.InFlight(testStream) {
		t.Error("end of the current generation")
	}
	gen, _ = p.Begin(testStream)
	page := p.Latest(context.Background(), testStream, 1)
	if page.Gen != gen {
		t.Errorf("page gen %d, want %d", page.Gen, gen)
	}
	p.Invalidate(testStream)
	if p.InFlight(testStream) || p.Generation(testStream) != gen+1 {
		t.Error("invalidate")
	}
	next, ok := p.Begin(testStream)
	if !ok || next != gen+1 {
		t.Fatalf("begin after invalidate: %d %v", next, ok)
	}
	if p.End(testStream, gen) {
		t.Error("a stale result was accepted")
	}
	if !p.InFlight(testStream) {
		t.Error("a stale end cleared the current request")
	}
	if !p.End(testStream, next) {
		t.Error("the current result was dropped")
	}

	// Under contention, one request at a time per stream.
	var holders, most atomic.Int32
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 200 {
				g, ok := p.Begin(testStream)
				if !ok {
					continue
				}
				n := holders.Add(1)
				for {
					m := most.Load()
					if n <= m || most.CompareAndSwap(m, n) {
						break
					}
				}
				holders.Add(-1)
				p.End(testStream, g)
			}
		})
	}
	wg.Wait()
	if most.Load() != 1 {
		t.Errorf("%d requests in flight at once", most.Load())
	}
}
