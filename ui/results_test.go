package ui

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/internal/engine"
	"github.com/tutti-chat/tutti/names"
	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/simulator/simtest"
	"github.com/tutti-chat/tutti/symphony"
)

// TestFindQueriesOfTheSwitcher reads the switcher's searches across
// streams: tickers, tags, people by a word of their name, dates in the
// timeline's zone (to: includes its day), stream types, and words, which
// search the open conversation only.
func TestFindQueriesOfTheSwitcher(t *testing.T) {
	m := newTestModel(t, 120, 30)
	m.names = knownNames(map[int64]string{me: "Me", 7: "Ana Lopez", 8: "Ana Smith", 9: "Ben Okafor"})
	day := func(s string) int64 {
		d, _ := time.ParseInLocation("2006-01-02", s, time.UTC)
		return d.UnixMilli()
	}
	for _, tc := range []struct {
		text string
		want symphony.MessageSearchQuery
	}{
		{"$UST10Y", symphony.MessageSearchQuery{Cashtag: "UST10Y"}},
		{"#incident from:2026-12-01", symphony.MessageSearchQuery{Hashtag: "incident", FromDate: day("2026-12-01")}},
		{"search to:2026-12-05 in:room", symphony.MessageSearchQuery{ToDate: day("2026-12-06"), StreamType: symphony.SearchRoom}},
		{"@Ben", symphony.MessageSearchQuery{Mention: 9}},
		{"by:ana smith $EURUSD", symphony.MessageSearchQuery{Author: 8, Cashtag: "EURUSD"}},
		{"SEARCH by:@Ana Lopez", symphony.MessageSearchQuery{Author: 7}},
	} {
		q, label, err := m.parseFind(tc.text)
		if err != nil || q != tc.want || label == "" {
			t.Errorf("%q: %+v %q %v, want %+v", tc.text, q, label, err, tc.want)
		}
	}
	for text, want := range map[string]string{
		"@Ana":              "Ana Lopez or Ana Smith",
		"@Zoe":              "nobody called Zoe",
		"search treasury":   "open it first",
		"from:yesterdayish": "not a date",
		"$A $B":             "one $TICKER",
		"in:wall #x":        "in:room",
		"search":            "nothing to search",
	} {
		if _, _, err := m.parseFind(text); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want an error saying %q", text, err, want)
		}
	}
	openByKeys(t, m, "roomA")
	q, label, err := m.parseFind("search treasury curve")
	if err != nil || q.Text != "treasury curve" || q.StreamID != "roomA" || !strings.Contains(label, "Alpha") {
		t.Errorf("words in an open room: %+v %q %v", q, label, err)
	}
	for text, want := range map[string]bool{
		"$UST10Y": true, "#incident": true, "@Ana": true, "rates from:2026-12-01": true, "search $X": true,
		"search x": false, "rates": false, "search": false, "$": false, "ops incidents": false, "http://x": false,
	} {
		if got := looksLikeFind(text); got != want {
			t.Errorf("looksLikeFind(%q) = %v", text, got)
		}
	}
}

// TestSwitcherOffersTheSearchAndFOpensIt checks that a query that reads as
// a search puts the search across streams first in the switcher, that F
// opens the switcher with "search " typed, and that without
// Deps.SearchMessages the search says it is not available.
func TestSwitcherOffersTheSearchAndFOpensIt(t *testing.T) {
	m := newTestModel(t, 120, 30)
	update(m, tea.KeyPressMsg{Code: 'k', Mod: tea.ModCtrl})
	for _, r := range "$UST10Y" {
		update(m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	if m.sw.sel != findCmdID || !strings.Contains(screen(m), "Search messages in every stream: $UST10Y") {
		t.Fatalf("the switcher selects %q:\n%s", m.sw.sel, screen(m))
	}
	update(m, tea.KeyPressMsg{Code: tea.KeyEnter})
	if !strings.Contains(screen(m), "not available") || m.streams[resultsID] != nil {
		t.Errorf("a search without Deps.SearchMessages:\n%s", screen(m))
	}
	update(m, tea.KeyPressMsg{Code: 'f', Text: "F", Mod: tea.ModShift})
	if m.mode != modeSwitcher || string(m.sw.query) != "search " {
		t.Errorf("F: mode %v, query %q", m.mode, string(m.sw.query))
	}
	for _, r := range "#incident" {
		update(m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	if got := screen(m); !strings.Contains(got, "Search messages in every stream: #incident") || strings.Contains(got, "stream: search") {
		t.Errorf("F then a query: the command says the search word again:\n%s", got)
	}
}

// findModel is a model of a quiet pod's service account that searches the
// pod (symphony.Client.SearchMessages) over HTTP.
type findModel struct {
	*Model
	srv  *simulator.Server
	list []symphony.StreamAttributes
}

func newFindModel(t *testing.T, w, h int) *findModel {
	t.Helper()
	// A clock a millisecond on at every reading: the messages posted
	// one after the other have times in that order.
	var ticks atomic.Int64
	start := time.Now()
	clock := func() time.Time { return start.Add(time.Duration(ticks.Add(1)) * time.Millisecond) }
	srv := simtest.Start(t, simulator.Options{NoLive: true, Clock: clock})
	c := simtest.Client(t, srv, nil)
	ctx := context.Background()
	list, err := c.AllStreams(ctx, symphony.StreamFilter{})
	if err != nil {
		t.Fatal(err)
	}
	d := names.New()
	d.SetMe(srv.AccountID())
	d.LearnStreams(list)
	var streams []StreamInfo
	for _, s := range list {
		streams = append(streams, StreamInfo{ID: symphony.CanonicalID(s.ID), Name: d.Title(s.ID), Type: s.StreamType.Type})
	}
	m := New(Deps{
		Context: ctx, Items: make(chan engine.Item), Pager: history.NewPager(c, history.PagerOptions{}),
		Streams: streams, Names: d, Me: srv.AccountID(), Host: "simulator", Location: time.UTC,
		Send: failingSend, SearchMessages: c.SearchMessages,
	})
	update(m, tea.WindowSizeMsg{Width: w, Height: h})
	return &findModel{Model: m, srv: srv, list: list}
}

// room returns a room of the pod with the account and someone else, and
// that someone.
func (fm *findModel) room(t *testing.T) (simulator.StreamSummary, int64) {
	t.Helper()
	me := fm.srv.AccountID()
	for _, st := range fm.srv.Streams() {
		if st.Type != symphony.StreamRoom || !st.Active || len(st.Members) < 2 {
			continue
		}
		for _, u := range st.Members {
			if u != me && fm.containsMember(st, me) {
				return st, u
			}
		}
	}
	t.Fatal("the pod has no room of the account with others")
	return simulator.StreamSummary{}, 0
}

func (fm *findModel) containsMember(st simulator.StreamSummary, u int64) bool {
	for _, id := range st.Members {
		if id == u {
			return true
		}
	}
	return false
}

// runResults runs cmd as Bubble Tea would, applying the search results and
// history pages it brings and the commands they return, and nothing else.
func runResults(t *testing.T, m *Model, cmd tea.Cmd) {
	t.Helper()
	queue := []tea.Cmd{cmd}
	for n := 0; len(queue) > 0 && n < 50; n++ {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case resultsMsg, pageMsg:
			queue = append(queue, update(m, msg))
		}
	}
}

// typeSwitcher opens the switcher and types text in it.
func typeSwitcher(m *Model, text string) {
	update(m, tea.KeyPressMsg{Code: 'k', Mod: tea.ModCtrl})
	for _, r := range text {
		update(m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// TestSearchFindsATickerInAStreamNotOpen posts a ticker in a room that is
// not open, searches it from the switcher, and reads the result in the
// results pane: the query and the count in the title, the row with its
// author and its room, as Activity shows rows; a live message that meets
// the query joins them; the pane is read-only, and enter on a result opens
// the room at the message, selected.
func TestSearchFindsATickerInAStreamNotOpen(t *testing.T) {
	fm := newFindModel(t, 140, 30)
	room, author := fm.room(t)
	if fm.open == symphony.CanonicalID(room.ID) || fm.shown(symphony.CanonicalID(room.ID)) {
		t.Fatal("the room is open already")
	}
	posted, err := fm.srv.Post(room.ID, author, `<messageML>bid <cash tag="ZZTEST1"/> at 4.12, size 50m</messageML>`)
	if err != nil {
		t.Fatal(err)
	}
	typeSwitcher(fm.Model, "$ZZTEST1")
	runResults(t, fm.Model, update(fm.Model, tea.KeyPressMsg{Code: tea.KeyEnter}))
	scr := screen(fm.Model)
	if fm.open != resultsID || !strings.Contains(scr, "⌕ $ZZTEST1 · 1 result") {
		t.Fatalf("open %q, want the results titled with the query and the count:\n%s", fm.open, scr)
	}
	name := fm.streams[symphony.CanonicalID(room.ID)].name
	if !strings.Contains(scr, "at 4.12, size 50m") || !strings.Contains(scr, "# "+name) {
		t.Errorf("the result does not show with its room %q:\n%s", name, scr)
	}
	if !strings.Contains(scr, "the only message that matches $ZZTEST1") {
		t.Errorf("the top of the results does not say they are all there:\n%s", scr)
	}
	if !strings.Contains(listText(fm.Model), "⌕ $ZZTEST1") {
		t.Errorf("the results are not in the list:\n%s", scr)
	}
	// A message of the datafeed that meets the query joins the results;
	// one that does not, does not.
	for _, body := range []string{`<cash tag="zztest1"/> again, 4.13`, `<cash tag="ZZTEST2"/> elsewhere`} {
		m, err := fm.srv.Post(room.ID, author, "<messageML>"+body+"</messageML>")
		if err != nil {
			t.Fatal(err)
		}
		update(fm.Model, batch(live(m)))
	}
	if scr = screen(fm.Model); !strings.Contains(scr, "⌕ $ZZTEST1 · 2 results") || !strings.Contains(scr, "again, 4.13") ||
		strings.Contains(scr, "elsewhere") {
		t.Errorf("live messages in the results:\n%s", scr)
	}
	// enter on the first result lands on the message in its room.
	press(fm.Model, "k", "k")
	runResults(t, fm.Model, update(fm.Model, tea.KeyPressMsg{Code: tea.KeyEnter}))
	rs := fm.streams[symphony.CanonicalID(room.ID)]
	if i := fm.selIndex(rs); fm.open != rs.id || i < 0 || rs.tl.At(i).Key != symphony.CanonicalID(posted.MessageID) {
		t.Fatalf("enter on the result: open %q, selected %d:\n%s", fm.open, i, screen(fm.Model))
	}
	typeSwitcher(fm.Model, "#nowhere-at-all")
	runResults(t, fm.Model, update(fm.Model, tea.KeyPressMsg{Code: tea.KeyEnter}))
	if scr := screen(fm.Model); !strings.Contains(scr, "#nowhere-at-all · 0 results") || !strings.Contains(scr, "no message matches #nowhere-at-all") {
		t.Errorf("a search that finds nothing:\n%s", scr)
	}
	update(fm.Model, tea.KeyPressMsg{Code: 'i', Text: "i"})
	if fm.mode == modeComposer || !strings.Contains(screen(fm.Model), "read-only") {
		t.Errorf("the composer opened on the results:\n%s", screen(fm.Model))
	}
}

// listText returns the stream list's lines, without styles.
func listText(m *Model) string {
	var b strings.Builder
	for _, l := range m.listLines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return b.String()
}

// TestSearchResultsPageOnReachingTheTop searches a tag on more messages
// than a page holds: the title says 50+, and reaching the top of the
// results loads the older ones, until the title says how many there are.
func TestSearchResultsPageOnReachingTheTop(t *testing.T) {
	fm := newFindModel(t, 140, 30)
	room, author := fm.room(t)
	const n = resultsPage + 12
	for i := range n {
		if _, err := fm.srv.Post(room.ID, author, fmt.Sprintf(`<messageML><hash tag="zzpaging"/> number %d</messageML>`, i)); err != nil {
			t.Fatal(err)
		}
	}
	typeSwitcher(fm.Model, "#zzpaging")
	runResults(t, fm.Model, update(fm.Model, tea.KeyPressMsg{Code: tea.KeyEnter}))
	if scr := screen(fm.Model); !strings.Contains(scr, fmt.Sprintf("#zzpaging · %d+ results", resultsPage)) ||
		!strings.Contains(scr, fmt.Sprintf("number %d", n-1)) {
		t.Fatalf("the first page:\n%s", scr)
	}
	runResults(t, fm.Model, update(fm.Model, tea.KeyPressMsg{Code: 'g', Text: "g"}))
	for range 3 {
		runResults(t, fm.Model, update(fm.Model, tea.KeyPressMsg{Code: 'g', Text: "g"}))
	}
	scr := screen(fm.Model)
	if !strings.Contains(scr, fmt.Sprintf("#zzpaging · %d results", n)) || !strings.Contains(scr, "number 0") {
		t.Errorf("after the top was reached:\n%s", scr)
	}
	if got := fm.streams[resultsID].tl.Len(); got != n {
		t.Errorf("%d results loaded, want %d", got, n)
	}
}
