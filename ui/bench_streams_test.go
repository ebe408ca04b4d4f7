package ui

import (
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/tutti-chat/tutti/internal/engine"
	"github.com/tutti-chat/tutti/symphony"
)

// manyStreams is the size of the stream list of the benchmarks below: a
// service account in thousands of rooms.
const manyStreams = 5000

// manyStreamsModel returns a 200×60 model listing manyStreams rooms and
// IMs, some with unread messages, the list focused.
func manyStreamsModel(b *testing.B) *Model {
	b.Helper()
	streams := make([]StreamInfo, 0, manyStreams)
	regions := []string{"EMEA", "APAC", "AMER", "LatAm"}
	desks := []string{"Rates", "FX", "Credit", "Equities", "Repo", "Ops"}
	for i := range manyStreams {
		s := StreamInfo{ID: fmt.Sprintf("stream%05d", i), Type: symphony.StreamRoom,
			Name: fmt.Sprintf("%s %s Flow %d", regions[i%len(regions)], desks[i%len(desks)], i)}
		if i%10 == 0 {
			s.Type, s.Name = symphony.StreamIM, fmt.Sprintf("Person Number%d", i)
		}
		streams = append(streams, s)
	}
	m := newModelWith(b, 200, 60, streams)
	for i := 0; i < manyStreams; i += 7 {
		s := m.streams[fmt.Sprintf("stream%05d", i)]
		s.unread, s.last = 1+i%5, int64(i)
	}
	m.sortStreams()
	update(m, tea.WindowSizeMsg{Width: 200, Height: 60})
	if m.mode != modeList {
		press(m, "tab")
	}
	return m
}

// BenchmarkManyStreamsListKey measures a key in the list of 5,000 streams
// (the cursor down, wrapping at the end) to its frame: Update and View.
func BenchmarkManyStreamsListKey(b *testing.B) {
	m := manyStreamsModel(b)
	down := tea.KeyPressMsg{Code: 'j', Text: "j"}
	top := tea.KeyPressMsg{Code: 'g', Text: "g"}
	i := 0
	for b.Loop() {
		msg := down
		if i++; i%manyStreams == 0 {
			msg = top
		}
		m.Update(msg)
		_ = m.View()
	}
}

// BenchmarkManyStreamsFilterKey measures a keystroke of the list filter
// over 5,000 streams to its frame: typing "rates 4" and erasing it.
func BenchmarkManyStreamsFilterKey(b *testing.B) {
	m := manyStreamsModel(b)
	press(m, "/")
	if m.mode != modeFilter {
		b.Fatal("the list filter is not open")
	}
	typeAndErase(b, m, "rates 4")
}

// BenchmarkManyStreamsSwitcherKey measures a keystroke of the quick
// switcher over 5,000 streams and its commands to its frame.
func BenchmarkManyStreamsSwitcherKey(b *testing.B) {
	m := manyStreamsModel(b)
	update(m, tea.KeyPressMsg{Code: 'k', Mod: tea.ModCtrl})
	if m.mode != modeSwitcher {
		b.Fatal("the switcher is not open")
	}
	typeAndErase(b, m, "fx flow 12")
}

// typeAndErase measures keystrokes to their frames: text typed, then
// erased with backspace, over and over.
func typeAndErase(b *testing.B, m *Model, text string) {
	typed := []rune(text)
	keys := make([]tea.KeyPressMsg, 0, 2*len(typed))
	for _, r := range typed {
		keys = append(keys, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	for range typed {
		keys = append(keys, tea.KeyPressMsg{Code: tea.KeyBackspace})
	}
	i := 0
	for b.Loop() {
		m.Update(keys[i%len(keys)])
		_ = m.View()
		i++
	}
}

// BenchmarkManyStreamsLiveBatch measures a batch of 100 live messages
// spread over 100 of 5,000 streams: unread counts, the list sorted by
// activity again, and the frame.
func BenchmarkManyStreamsLiveBatch(b *testing.B) {
	m := manyStreamsModel(b)
	k := 0
	for b.Loop() {
		items := make([]engine.Item, 100)
		for i := range items {
			id := fmt.Sprintf("stream%05d", (k*37)%manyStreams)
			items[i] = live(message(id, fmt.Sprintf("many-%d", k), int64(2+k%3), base+int64(k)*1000, "a live message"))
			k++
		}
		m.Update(itemsMsg{Items: items})
		_ = m.View()
	}
}
