//go:build unix

package engine_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/internal/engine"
	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/simulator/scenario"
	"github.com/tutti-chat/tutti/simulator/simtest"
)

// BenchmarkScale runs the engine against the simulator at a real pod's
// size and distance: the scale scenario (its live traffic, 50 messages a
// second over the rooms with a Zipf-like skew), every answer delayed by the
// round trip, and the pod's rate limit, from a cold start with an hour of
// history per stream. It reports, per run:
//
//	first-live-s     start of Run to the first live event handed on
//	catch-up-s       start of Run to the end of the catch-up of every stream
//	live-p50-ms …    age of the live messages handed on during the catch-up
//	                 (handed on minus the pod's timestamp), p50, p95, max
//	requests, 429s   history and streams-list calls, and of them 429s
//	peak-in-flight   the most of them in flight at once
//	cpu-µs/stream    CPU time of the process (engine and simulator) per stream
//
// Run with: go test -run '^$' -bench Scale -benchtime 1x ./engine
func BenchmarkScale(b *testing.B) {
	cases := []struct {
		rooms int
		rtt   time.Duration
		limit float64 // 0: the scenario's default (100/s); negative: none
	}{
		{3000, 80 * time.Millisecond, 0},
		{10000, 80 * time.Millisecond, 0},
		{3000, 0, -1},
	}
	for _, c := range cases {
		limit := "100/s"
		if c.limit < 0 {
			limit = "none"
		}
		b.Run(fmt.Sprintf("rooms=%d/rtt=%s/limit=%s", c.rooms, c.rtt, limit), func(b *testing.B) {
			for b.Loop() {
				runScale(b, c.rooms, c.rtt, c.limit)
			}
		})
	}
}

// scaleRun gathers what an engine hands on in a scale run.
type scaleRun struct {
	mu        sync.Mutex
	start     time.Time
	firstLive time.Time
	finished  time.Time
	progress  engine.Progress
	ages      []time.Duration // of live messages handed on during the catch-up
	messages  int
}

func (r *scaleRun) add(it engine.Item) error {
	now := time.Now()
	r.mu.Lock()
	defer r.mu.Unlock()
	if p := it.Progress; p != nil {
		r.progress = *p
		if p.Finished && r.finished.IsZero() {
			r.finished = now
		}
		return nil
	}
	m := it.Event.Message()
	if m == nil {
		return nil
	}
	r.messages++
	if it.Recovered {
		return nil
	}
	if r.firstLive.IsZero() {
		r.firstLive = now
	}
	if r.finished.IsZero() {
		r.ages = append(r.ages, now.Sub(time.UnixMilli(m.Timestamp)))
	}
	return nil
}

// runScale runs one engine from a cold start until its catch-up ends, and
// reports its figures.
func runScale(b *testing.B, rooms int, rtt time.Duration, limit float64) {
	b.StopTimer()
	srv := simtest.Start(b, simulator.Options{
		Scenario: scenario.Scale, Seed: 1, Scale: scenario.ScaleOptions{Rooms: rooms},
		RTT: rtt, RateLimit: limit, LongPoll: simulator.DefaultLongPoll,
	})
	defer srv.Close()
	c := simtest.Client(b, srv, nil)
	b.StartTimer()

	r := &scaleRun{start: time.Now()}
	cpu0 := cpuTime(b)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	e := engine.New(c, engine.Options{Since: time.Hour, QuickStop: true})
	go func() { done <- e.Run(ctx, r.add) }()
	deadline := time.After(5 * time.Minute)
	for {
		r.mu.Lock()
		finished := !r.finished.IsZero()
		r.mu.Unlock()
		if finished {
			break
		}
		select {
		case err := <-done:
			b.Fatalf("the engine stopped: %v", err)
		case <-deadline:
			b.Fatal("the catch-up did not end in 5 minutes")
		case <-time.After(50 * time.Millisecond):
		}
	}
	cpu := cpuTime(b) - cpu0
	cancel()
	<-done
	b.StopTimer()

	r.mu.Lock()
	defer r.mu.Unlock()
	if r.firstLive.IsZero() {
		b.Fatal("no live message was handed on during the catch-up")
	}
	if r.progress.Total < rooms {
		b.Fatalf("caught up %d streams, want %d", r.progress.Total, rooms)
	}
	ages := slices.Clone(r.ages)
	slices.Sort(ages)
	pct := func(p float64) float64 {
		return float64(ages[min(len(ages)-1, int(p*float64(len(ages))))].Microseconds()) / 1000
	}
	b.ReportMetric(r.firstLive.Sub(r.start).Seconds(), "first-live-s")
	b.ReportMetric(r.finished.Sub(r.start).Seconds(), "catch-up-s")
	b.ReportMetric(pct(0.5), "live-p50-ms")
	b.ReportMetric(pct(0.95), "live-p95-ms")
	b.ReportMetric(float64(ages[len(ages)-1].Microseconds())/1000, "live-max-ms")
	stats := e.PaceStats()
	b.ReportMetric(float64(stats.Requests), "requests")
	b.ReportMetric(float64(stats.RateLimited), "429s")
	b.ReportMetric(float64(stats.PeakInFlight), "peak-in-flight")
	b.ReportMetric(float64(cpu.Microseconds())/float64(rooms), "cpu-µs/stream")
	b.ReportMetric(0, "ns/op")
	b.StartTimer()
}

// cpuTime returns the CPU time the process has used.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
