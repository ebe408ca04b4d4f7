package ui

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"

	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	fastjson "github.com/goccy/go-json"

	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/internal/engine"
	"github.com/tutti-chat/tutti/internal/tuiconfig"
	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/simulator/simtest"
	"github.com/tutti-chat/tutti/symphony"
)

// The history sizes of the frame benchmarks: the targets hold at both.
var benchSizes = []int{100_000, 1_000_000}

// benchModel returns a 200×60 model with n messages in the open stream.
func benchModel(b *testing.B, n int) *Model {
	b.Helper()
	m := newUncappedModel(b, 200, 60)
	m.openStream("roomA")
	m.streams["roomA"].loading = true
	gen, _ := m.deps.Pager.Begin("roomA")
	m.streams["roomA"].loading = false
	update(m, pageMsg{Stream: "roomA", Gen: gen, Page: history.Page{Messages: page("roomA", 0, n), Reached: true}})
	if got := m.streams["roomA"].tl.Len(); got != n {
		b.Fatalf("%d rows, want %d", got, n)
	}
	// A list as long as a busy account's.
	for i := 0; i < 200; i++ {
		id := fmt.Sprintf("extra%03d", i)
		s := m.newStream(id, fmt.Sprintf("Room number %d", i), KindRoom)
		s.unread, s.last = i%7, int64(i)
		m.streams[id] = s
	}
	m.sortStreams()
	update(m, tea.WindowSizeMsg{Width: 200, Height: 60})
	return m
}

// Models and viewports of n messages are built once per process and shared
// by the benchmarks that leave them as they found them: building a million
// messages takes seconds, and the framework calls a benchmark several times.
var (
	sharedMu        sync.Mutex
	sharedModels    = map[int]*Model{}
	sharedViewports = map[int]*viewport.Model{}
)

// sharedBenchModel returns the shared 200×60 model of n messages, following
// the newest. Callers that scroll must bring it back to the bottom.
func sharedBenchModel(b *testing.B, n int) *Model {
	b.Helper()
	sharedMu.Lock()
	defer sharedMu.Unlock()
	if m := sharedModels[n]; m != nil {
		return m
	}
	m := benchModel(b, n)
	sharedModels[n] = m
	return m
}

// sharedViewport returns a bubbles viewport of 200×60 holding the history
// of n messages as plain lines (a header and a body line each), at the
// bottom.
func sharedViewport(n int) *viewport.Model {
	sharedMu.Lock()
	defer sharedMu.Unlock()
	if vp := sharedViewports[n]; vp != nil {
		return vp
	}
	lines := make([]string, 0, 2*n)
	for k := 0; k < n; k++ {
		lines = append(lines, fmt.Sprintf("User %d  09:%02d", 2+k%3, k%60), fmt.Sprintf("  message number %d", k))
	}
	vp := viewport.New(viewport.WithWidth(200), viewport.WithHeight(60))
	vp.SetContentLines(lines)
	vp.GotoBottom()
	sharedViewports[n] = &vp
	return &vp
}

// liveItems returns n live messages to five streams, the open roomA among
// them, numbered from k.
func liveItems(k, n int) []engine.Item {
	streams := []string{"roomA", "roomB", "imC", "roomD", "roomE"}
	items := make([]engine.Item, n)
	for i := range items {
		msg := message(streams[i%5], fmt.Sprintf("live-%d", k), int64(2+k%3), base+int64(2000+k)*60_000, "a live message")
		items[i] = live(msg)
		k++
	}
	return items
}

// BenchmarkIngest1000 measures applying a batch of 1,000 live messages to
// five streams and preparing the frame.
func BenchmarkIngest1000(b *testing.B) {
	m := benchModel(b, 1000)
	k := 0
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		items := liveItems(k, 1000)
		k += len(items)
		b.StartTimer()
		m.Update(itemsMsg{Items: items})
	}
}

// ingest runs the path of live items from the engine's channel to the
// screen: producer feeds items into a channel as large as the command's
// (1,024), listen gathers them a frame at a time, and each batch is one
// Update and one View. It returns the time spent in Update and View and the
// number of batches (Views).
func ingest(b *testing.B, m *Model, items []engine.Item, produce func(ch chan<- engine.Item, items []engine.Item)) (busy time.Duration, views int) {
	ch := make(chan engine.Item, 1024)
	go func() {
		produce(ch, items)
		close(ch)
	}()
	got := 0
	for closed := false; !closed; {
		// Update re-arms the command; the loop runs it again itself.
		msg := listen(ch)().(itemsMsg)
		t0 := time.Now()
		m.Update(msg)
		_ = m.View()
		busy += time.Since(t0)
		views++
		got += len(msg.Items)
		closed = msg.Closed
	}
	if got != len(items) {
		b.Fatalf("%d items arrived, want %d", got, len(items))
	}
	return busy, views
}

// BenchmarkIngestThroughput measures events reaching the timelines through
// the real listening command, with one Update and one View per batch, into
// a model with 100,000 messages in the open stream. "max": the channel is
// kept full, and one op is one event. "50k/s": the engine hands on 50,000
// events a second, on schedule, for one second per op; the consumer
// must keep up with at most one View per 16 ms frame, and %core is the
// share of a core that Update and View took.
func BenchmarkIngestThroughput(b *testing.B) {
	k := 1_000_000_000 // live ids that no run repeats
	// One model for the runs of both: 100,000 messages in the open stream,
	// following. It only grows, as a running client's does.
	var model *Model
	ingestModel := func(b *testing.B) *Model {
		if model == nil {
			model = benchModel(b, 100_000)
		}
		return model
	}
	b.Run("max", func(b *testing.B) {
		b.StopTimer()
		m := ingestModel(b)
		items := liveItems(k, b.N)
		k += b.N
		b.StartTimer()
		_, views := ingest(b, m, items, func(ch chan<- engine.Item, items []engine.Item) {
			for _, it := range items {
				ch <- it
			}
		})
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
		b.ReportMetric(float64(b.N)/float64(views), "events/view")
	})
	b.Run("50k/s", func(b *testing.B) {
		b.StopTimer()
		m := ingestModel(b)
		const rate = 50_000
		var busy time.Duration
		views := 0
		for range b.N {
			b.StopTimer()
			items := liveItems(k, rate)
			k += rate
			b.StartTimer()
			bz, v := ingest(b, m, items, func(ch chan<- engine.Item, items []engine.Item) {
				// On schedule: by t, t×rate items are sent.
				start := time.Now()
				for sent := 0; sent < len(items); {
					due := min(len(items), int(time.Since(start).Seconds()*rate))
					for ; sent < due; sent++ {
						ch <- items[sent]
					}
					time.Sleep(time.Millisecond)
				}
			})
			busy += bz
			views += v
		}
		wall := b.Elapsed().Seconds()
		b.ReportMetric(float64(b.N*rate)/wall, "events/s")
		b.ReportMetric(float64(views)/wall, "views/s")
		b.ReportMetric(100*busy.Seconds()/wall, "%core")
	})
}

// BenchmarkResize measures a resize: every visible row laid out again at the
// new width (documents are not parsed again), plus View.
func BenchmarkResize(b *testing.B) {
	m := benchModel(b, 100_000)
	w := 200
	b.ReportAllocs()
	for b.Loop() {
		w = 399 - w // 200, 199, 200, …
		m.Update(tea.WindowSizeMsg{Width: w, Height: 60})
		_ = m.View()
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

// agentCorpus returns the history the simulator's demo scenario serves, as
// the agent's JSON of its messages: rich messages (tables, cards, code,
// mentions, emoji with their EntityJSON) with every field the agent sends,
// about 1 KB each.
var agentCorpus = sync.OnceValues(func() ([]symphony.V4Message, error) {
	srv, err := simulator.Start(context.Background(), "127.0.0.1:0", simulator.Options{Scenario: "demo", Seed: 1,
		PrivateKey: simtest.Key(), SigningKey: simtest.Key(), LongPoll: simtest.LongPoll})
	if err != nil {
		return nil, err
	}
	defer srv.Close()
	key, err := symphony.ParsePrivateKey(srv.PrivateKeyPEM())
	if err != nil {
		return nil, err
	}
	c, err := symphony.New(symphony.Options{PodURL: srv.URL(), Username: srv.Account(), PrivateKey: key, Version: "bench"})
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	if err := c.Login(ctx); err != nil {
		return nil, err
	}
	var out []symphony.V4Message
	for _, st := range srv.Streams() {
		page, err := c.StreamMessages(ctx, st.ID, symphony.MessageQuery{Limit: symphony.MaxMessagesPerPage})
		if err != nil {
			continue // a stream the account is not in
		}
		out = append(out, page...)
	}
	if len(out) < 100 {
		return nil, fmt.Errorf("the demo history has only %d messages", len(out))
	}
	return out, nil
})

// agentPageJSON returns the agent's JSON of n messages of roomA from index
// from, one minute apart: the corpus's messages in turn, each with its own
// ids.
func agentPageJSON(corpus []symphony.V4Message, from, n int) []byte {
	page := make([]symphony.V4Message, n)
	for i := range page {
		k := from + i
		msg := corpus[k%len(corpus)]
		st := *msg.Stream
		st.StreamID, st.StreamType = "roomA", symphony.StreamRoom
		msg.Stream = &st
		msg.MessageID = fmt.Sprintf("%.23s%09d", msg.MessageID, k)
		msg.SID = fmt.Sprintf("%.28s%08x", msg.SID, k)
		msg.Timestamp = base + int64(k)*60_000
		msg.ParentMessageID, msg.Replacing, msg.ReplacedBy, msg.InitialMessageID, msg.InitialTimestamp = "", "", "", "", 0
		page[i] = msg
	}
	data, err := fastjson.Marshal(page)
	if err != nil {
		panic(err)
	}
	return data
}

// memoryHeld builds a 200×60 model whose open stream holds n messages,
// loaded as the Pager does (pages of 100, decoded from the agent's JSON
// when agent is set, else the one-line messages of page), then scrolls back
// through the newest scroll messages a page at a time and returns to the
// newest. It returns the heap the model holds after loading (the store) and
// after scrolling (store and render cache).
func memoryHeld(b *testing.B, n, scroll int, agent bool) (store, total uint64) {
	var corpus []symphony.V4Message
	if agent {
		var err error
		if corpus, err = agentCorpus(); err != nil {
			b.Fatal(err)
		}
	}
	start := heapInUse()
	m := newUncappedModel(b, 200, 60)
	m.openStream("roomA")
	s := m.streams["roomA"]
	const per = history.DefaultPageSize
	for from := 0; from < n; from += per {
		var msgs []symphony.V4Message
		if agent {
			if err := fastjson.Unmarshal(agentPageJSON(corpus, from, per), &msgs); err != nil {
				b.Fatal(err)
			}
		} else {
			msgs = page("roomA", from, per)
		}
		s.tl.ApplyPage(msgs)
	}
	s.loaded, s.reached = true, true
	update(m, tea.WindowSizeMsg{Width: 200, Height: 60})
	if s.tl.Len() != n {
		b.Fatalf("%d rows, want %d", s.tl.Len(), n)
	}
	store = heapInUse()
	pgup := tea.KeyPressMsg{Code: tea.KeyPgUp}
	for m.indexOf(s) > n-scroll {
		update(m, pgup)
	}
	press(m, "G")
	total = heapInUse()
	if len(s.cache) > maxCachedItems {
		b.Fatalf("%d cached rows", len(s.cache))
	}
	runtime.KeepAlive(m)
	return store - start, total - start
}

// BenchmarkMemory reports the memory held per 100,000 messages in the open
// stream (the store with the decoded messages, plus the bounded render
// cache) after scrolling back through the newest 10,000 of them: with the
// agent's messages of the demo scenario ("agent", about 1 KB of JSON each)
// and with the one-line messages of the other benchmarks ("oneline").
func BenchmarkMemory(b *testing.B) {
	const n, scroll = 100_000, 10_000
	for _, agent := range []bool{true, false} {
		name := "oneline"
		if agent {
			name = "agent"
		}
		b.Run(name, func(b *testing.B) {
			var store, total uint64
			for range b.N {
				store, total = memoryHeld(b, n, scroll, agent)
			}
			const mib = 1 << 20
			b.ReportMetric(float64(total)/mib*100_000/n, "MiB/100k-msgs")
			b.ReportMetric(float64(store)/mib*100_000/n, "store-MiB/100k-msgs")
			b.ReportMetric(float64(total)/n, "B/msg")
		})
	}
}

// BenchmarkSteadyHeap feeds a model 100 live events a second of simulated
// time for 1,000 seconds (batches of 100, each followed by a View) and
// reports how much the live heap grew per event: the model's ("B/event"),
// that of bare timelines fed the same events (the store: one per stream,
// and the capped activity timeline; "store-B/event"), and the difference,
// which is what the UI keeps beyond the store: flat when it is about zero.
func BenchmarkSteadyHeap(b *testing.B) {
	const steps, per = 1000, 100
	k := 2_000_000_000
	run := func(apply func(items []engine.Item)) float64 {
		for range 300 { // warm up: the activity timeline fills to its cap
			apply(liveItems(k, per))
			k += per
		}
		start := heapInUse()
		for range steps {
			apply(liveItems(k, per))
			k += per
		}
		return (float64(heapInUse()) - float64(start)) / (steps * per)
	}
	var model, store float64
	for range b.N {
		m := benchModel(b, 1000)
		model += run(func(items []engine.Item) {
			update(m, itemsMsg{Items: items})
			_ = m.View()
		})
		runtime.KeepAlive(m)
		b.StopTimer()
		tls := map[string]*history.Timeline{"": history.NewTimeline("", history.Options{MaxRows: 20000})}
		store += run(func(items []engine.Item) {
			for _, it := range items {
				tl := tls[it.StreamID]
				if tl == nil {
					tl = history.NewTimeline(it.StreamID, history.Options{})
					tls[it.StreamID] = tl
				}
				tl.ApplyLive(it.Event)
				tls[""].ApplyLive(it.Event)
			}
		})
		runtime.KeepAlive(tls)
		b.StartTimer()
	}
	n := float64(b.N)
	b.ReportMetric(model/n, "B/event")
	b.ReportMetric(store/n, "store-B/event")
	b.ReportMetric((model-store)/n, "beyond-store-B/event")
}

// The frame benchmarks come last: the models and viewports they share stay
// alive for the rest of the process (a million messages are over a GB),
// which would slow the collector in the benchmarks that allocate.

// BenchmarkView measures View alone: composing the prepared frame. Its cost
// must not depend on the size of the history.
func BenchmarkView(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			m := sharedBenchModel(b, n)
			b.ReportAllocs()
			for b.Loop() {
				_ = m.View()
			}
		})
	}
}

// BenchmarkViewportView is the comparison: a bubbles viewport holding the
// same history as plain lines, at the bottom, 200×60.
func BenchmarkViewportView(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			vp := sharedViewport(n)
			b.ReportAllocs()
			for b.Loop() {
				_ = vp.View()
			}
		})
	}
}

// BenchmarkScrollFrame measures a one-line scroll: Update (anchor, frame
// layout from the render cache) plus View.
func BenchmarkScrollFrame(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			m := sharedBenchModel(b, n)
			up := tea.KeyPressMsg{Code: 'k', Text: "k"}
			down := tea.KeyPressMsg{Code: 'j', Text: "j"}
			for i := 0; i < 20; i++ {
				m.Update(up)
			}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if i%40 < 20 {
					m.Update(up)
				} else {
					m.Update(down)
				}
				i++
				_ = m.View()
			}
			b.StopTimer()
			press(m, "G") // back to the newest, for the next user
		})
	}
}

// newUncappedModel returns a test model whose streams keep as many rows as
// the settings allow (tui.maxRowsPerStream at its maximum), so that a
// stream can hold the benchmarks' millions of messages.
func newUncappedModel(b *testing.B, w, h int) *Model {
	b.Helper()
	set := tuiconfig.Defaults()
	set.MaxRowsPerStream = tuiconfig.MaxRows
	m := New(Deps{
		Items: make(chan engine.Item),
		Pager: history.NewPager(fakeFetcher{}, history.PagerOptions{}),
		Streams: []StreamInfo{
			{ID: "roomA", Name: "Alpha", Type: symphony.StreamRoom},
			{ID: "roomB", Name: "Bravo", Type: symphony.StreamRoom},
			{ID: "imC", Name: "Carol", Type: symphony.StreamIM},
		},
		Names:    knownNames(map[int64]string{me: "Me"}),
		Me:       me,
		Host:     "simulator",
		Now:      func() time.Time { return time.UnixMilli(base + 3_600_000) },
		Location: time.UTC,
		Settings: &set,
	})
	update(m, tea.WindowSizeMsg{Width: w, Height: h})
	return m
}
