package ui

import (
	"fmt"
	"testing"

	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/tutti-chat/tutti/engine"
	"github.com/tutti-chat/tutti/history"
)

// benchModel returns a 200×60 model with n messages in the open stream.
func benchModel(b *testing.B, n int) *Model {
	b.Helper()
	m := newTestModel(b, 200, 60)
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
		s := newStream(id, fmt.Sprintf("Room number %d", i), KindRoom)
		s.unread, s.last = i%7, int64(i)
		m.streams[id] = s
	}
	m.sortStreams()
	update(m, tea.WindowSizeMsg{Width: 200, Height: 60})
	return m
}

// BenchmarkView measures View alone: composing the prepared frame.
func BenchmarkView(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			m := benchModel(b, n)
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
	lines := make([]string, 0, 200_000)
	for k := 0; k < 100_000; k++ {
		lines = append(lines, fmt.Sprintf("User %d  09:%02d", 2+k%3, k%60), fmt.Sprintf("  message number %d", k))
	}
	vp := viewport.New(viewport.WithWidth(200), viewport.WithHeight(60))
	vp.SetContentLines(lines)
	vp.GotoBottom()
	b.ReportAllocs()
	for b.Loop() {
		_ = vp.View()
	}
}

// BenchmarkScrollFrame measures a one-line scroll: Update (anchor, frame
// layout from the render cache) plus View.
func BenchmarkScrollFrame(b *testing.B) {
	m := benchModel(b, 100_000)
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
}

// BenchmarkIngest1000 measures applying a batch of 1,000 live messages to
// five streams and preparing the frame.
func BenchmarkIngest1000(b *testing.B) {
	m := benchModel(b, 1000)
	streams := []string{"roomA", "roomB", "imC", "roomD", "roomE"}
	k := 0
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		items := make([]engine.Item, 1000)
		for i := range items {
			msg := message(streams[i%5], fmt.Sprintf("live-%d", k), int64(2+k%3), base+int64(2000+k)*60_000, "a live message")
			items[i] = live(msg)
			k++
		}
		b.StartTimer()
		m.Update(itemsMsg{Items: items})
	}
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
