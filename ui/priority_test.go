package ui

import (
	tea "charm.land/bubbletea/v2"

	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/internal/engine"
	"github.com/tutti-chat/tutti/symphony"
)

// TestPriorityNamesWhatIsOnScreen: the engine is told to catch up the
// streams of the panes first, then the list's rows on screen, and told
// again only when they change.
func TestPriorityNamesWhatIsOnScreen(t *testing.T) {
	var streams []StreamInfo
	for i := range 200 {
		streams = append(streams, StreamInfo{ID: fmt.Sprintf("room%03d", i), Name: fmt.Sprintf("Room %03d", i), Type: symphony.StreamRoom})
	}
	var calls [][]string
	m := New(Deps{
		Items:      make(chan engine.Item),
		Pager:      history.NewPager(fakeFetcher{}, history.PagerOptions{}),
		Streams:    streams,
		Me:         me,
		Now:        func() time.Time { return time.UnixMilli(base + 3_600_000) },
		Location:   time.UTC,
		Prioritize: func(ids ...string) { calls = append(calls, slices.Clone(ids)) },
	})
	update(m, tea.WindowSizeMsg{Width: 120, Height: 30})
	if len(calls) == 0 {
		t.Fatal("the engine was not told what is on screen")
	}
	first := calls[len(calls)-1]
	n := len(calls)
	if len(first) < 20 || len(first) > 30 || slices.Contains(first, activityID) || !slices.Contains(first, "room000") {
		t.Fatalf("first priority %v: want the rooms on screen, without Activity", first)
	}
	if slices.Contains(first, "room150") {
		t.Fatalf("first priority names room150, which is not on screen")
	}
	update(m, tea.WindowSizeMsg{Width: 120, Height: 30})
	if len(calls) != n {
		t.Fatalf("asked again though nothing on screen changed")
	}
	m.openStream("room150")
	update(m, tea.WindowSizeMsg{Width: 120, Height: 30})
	if last := calls[len(calls)-1]; len(calls) != n+1 || last[0] != "room150" {
		t.Fatalf("after opening room150 the priority is %v, want room150 first", last)
	}
}
