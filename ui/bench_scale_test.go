package ui

import (
	"context"
	"slices"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/internal/engine"
	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/simulator/scenario"
	"github.com/tutti-chat/tutti/simulator/simtest"
	"github.com/tutti-chat/tutti/symphony"
)

// BenchmarkScaleUI runs the engine and the UI model together, as tutti
// does, against the simulator's scale scenario: 3,000 rooms, 80 ms away,
// 100 calls a second, from a cold start with an hour of history per
// stream. Items reach the model through the UI's own listening command
// (batches gathered for 100 ms), each batch applied and its frame laid out
// at 200×60, until the catch-up has ended. It reports:
//
//	first-live-s    start to the first live message applied by the model
//	catch-up-s      start to the end of the catch-up, as the model learns it
//	live-p50-ms …   age of the live messages when the model applied them
//	frame-p95-ms    Update and View of a batch, p95 and max
//	streams         streams in the list from the first frame
//
// Run with: go test -run '^$' -bench ScaleUI -benchtime 1x ./ui
func BenchmarkScaleUI(b *testing.B) {
	for b.Loop() {
		runScaleUI(b)
	}
}

func runScaleUI(b *testing.B) {
	b.StopTimer()
	const rooms = 3000
	srv := simtest.Start(b, simulator.Options{
		Scenario: scenario.Scale, Seed: 1, Scale: scenario.ScaleOptions{Rooms: rooms},
		RTT: 80 * time.Millisecond, LongPoll: simulator.DefaultLongPoll,
	})
	defer srv.Close()
	c := simtest.Client(b, srv, nil)
	b.StartTimer()

	start := time.Now()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	list, err := c.AllStreams(ctx, symphony.StreamFilter{IncludeInactiveStreams: true})
	if err != nil {
		b.Fatal(err)
	}
	streams := make([]StreamInfo, 0, len(list))
	for _, s := range list {
		name := ""
		if s.RoomAttributes != nil {
			name = s.RoomAttributes.Name
		}
		streams = append(streams, StreamInfo{ID: symphony.CanonicalID(s.ID), Name: name, Type: s.StreamType.Type})
	}
	items := make(chan engine.Item, 1024)
	e := engine.New(c, engine.Options{Since: time.Hour, QuickStop: true, CatchUpLimit: 500})
	m := New(Deps{
		Context: ctx, Items: items, Streams: streams, Me: srv.AccountID(), Host: "simulator",
		Pager: history.NewPager(c, history.PagerOptions{}), Prioritize: e.Prioritize,
	})
	m.Update(tea.WindowSizeMsg{Width: 200, Height: 60})
	_ = m.View()
	listed := len(m.order)
	done := make(chan error, 1)
	go func() {
		done <- e.Run(ctx, func(it engine.Item) error {
			select {
			case items <- it:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()

	var firstLive, finished time.Time
	var ages, frames []time.Duration
	next := listen(items)
	for finished.IsZero() {
		if time.Since(start) > 5*time.Minute {
			b.Fatal("the catch-up did not end in 5 minutes")
		}
		msg, ok := next().(itemsMsg)
		if !ok || msg.Closed {
			b.Fatalf("the engine stopped: %v", <-done)
		}
		began := time.Now()
		m.Update(msg)
		_ = m.View()
		applied := time.Now()
		frames = append(frames, applied.Sub(began))
		for _, it := range msg.Items {
			if p := it.Progress; p != nil && p.Finished {
				finished = applied
			}
			if mm := it.Event.Message(); mm != nil && !it.Recovered {
				if firstLive.IsZero() {
					firstLive = applied
				}
				ages = append(ages, applied.Sub(time.UnixMilli(mm.Timestamp)))
			}
		}
	}
	cancel()
	<-done
	b.StopTimer()
	if firstLive.IsZero() || len(ages) == 0 {
		b.Fatal("no live message reached the model during the catch-up")
	}
	slices.Sort(ages)
	slices.Sort(frames)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	at := func(ds []time.Duration, p float64) time.Duration { return ds[min(len(ds)-1, int(p*float64(len(ds))))] }
	b.ReportMetric(firstLive.Sub(start).Seconds(), "first-live-s")
	b.ReportMetric(finished.Sub(start).Seconds(), "catch-up-s")
	b.ReportMetric(ms(at(ages, 0.5)), "live-p50-ms")
	b.ReportMetric(ms(at(ages, 0.95)), "live-p95-ms")
	b.ReportMetric(ms(ages[len(ages)-1]), "live-max-ms")
	b.ReportMetric(ms(at(frames, 0.95)), "frame-p95-ms")
	b.ReportMetric(ms(frames[len(frames)-1]), "frame-max-ms")
	b.ReportMetric(float64(listed), "streams")
	b.ReportMetric(0, "ns/op")
	b.StartTimer()
}
