package ui

import (
	"context"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/internal/sanitize"
	"github.com/tutti-chat/tutti/symphony"
)

// resultsID is the id of the stream of the search across streams' results;
// real stream ids never start with a space.
const resultsID = " search"

// resultsPage is how many results one request asks for.
const resultsPage = 50

// SearchFunc searches the messages of every stream of the reader
// (symphony.Client.SearchMessages): a page of those that meet q, newest
// first, skip of them skipped, at most limit.
type SearchFunc func(ctx context.Context, q symphony.MessageSearchQuery, skip, limit int) ([]symphony.V4Message, error)

// resultsState is the search across streams: its query, and where paging
// its results stands. The results themselves are the rows of the stream
// resultsID, a read-only stream whose rows come from many streams, as
// Activity's do.
type resultsState struct {
	query   symphony.MessageSearchQuery
	label   string // the query as typed, sanitised
	gen     int    // bumped by every new search: older answers are dropped
	skip    int    // the results asked for so far
	more    bool   // the last page was full: older results may exist
	loading bool
	err     string // why the last page failed, sanitised
}

// resultsMsg is a page of search results.
type resultsMsg struct {
	gen   int
	msgs  []symphony.V4Message
	limit int
	err   error
}

// fetchResults returns the command that fetches a page of search results,
// for search gen.
func fetchResults(ctx context.Context, search SearchFunc, q symphony.MessageSearchQuery, gen, skip int) tea.Cmd {
	return func() tea.Msg {
		msgs, err := search(ctx, q, skip, resultsPage)
		return resultsMsg{gen: gen, msgs: msgs, limit: resultsPage, err: err}
	}
}

// runFind runs a search across streams for text, a query of the switcher
// ("$UST10Y", "#incident from:2026-12-01", "search @Ana"), and shows its
// results in the focused pane; a query it cannot run is said in the status
// bar. It returns the command that fetches the first page.
func (m *Model) runFind(text string) tea.Cmd {
	if m.deps.SearchMessages == nil {
		m.notify("searching across streams is not available here", false)
		return nil
	}
	q, label, err := m.parseFind(text)
	if err != nil {
		m.notify(err.Error(), true)
		return nil
	}
	f := &m.found
	f.gen++
	f.query, f.label, f.skip, f.more, f.loading, f.err = q, label, 0, false, true, ""
	s := m.newStream(resultsID, "", KindSearch)
	s.tl = history.NewTimeline("", history.Options{MaxRows: m.maxRows})
	s.loaded = true
	s.readTs = m.started
	m.streams[resultsID] = s
	m.nameResults()
	m.sortStreams()
	m.openStream(resultsID)
	m.cursorID = resultsID
	m.mode = modeTimeline
	return fetchResults(m.ctx, m.deps.SearchMessages, q, f.gen, 0)
}

// handleResults applies a page of search results to the results stream,
// unless a newer search replaced the one it answers.
func (m *Model) handleResults(msg resultsMsg) {
	f := &m.found
	s := m.streams[resultsID]
	if msg.gen != f.gen || s == nil {
		return
	}
	f.loading = false
	if msg.err != nil {
		f.err = sanitize.Line(msg.err.Error())
		m.notify("could not search: "+f.err, true)
		m.nameResults()
		return
	}
	f.err = ""
	for i := range msg.msgs {
		m.learnMessage(&msg.msgs[i])
	}
	f.skip += len(msg.msgs)
	f.more = len(msg.msgs) >= msg.limit
	s.tl.ApplyPage(msg.msgs)
	s.reached = !f.more
	if ts, ok := s.tl.Newest(); ok {
		s.last = ts
	}
	m.nameResults()
}

// moreResults returns the command that fetches the next page of results
// when the results pane shows the top of what is loaded and more may
// exist.
func (m *Model) moreResults(s *stream, atTop bool) tea.Cmd {
	f := &m.found
	if !atTop || !f.more || f.loading || f.err != "" || m.deps.SearchMessages == nil || m.full(s) {
		return nil
	}
	f.loading = true
	return fetchResults(m.ctx, m.deps.SearchMessages, f.query, f.gen, f.skip)
}

// nameResults names the results stream after its query and how many
// results it holds: "$UST10Y · 12 results", "50+" while older ones may
// exist.
func (m *Model) nameResults() {
	s := m.streams[resultsID]
	if s == nil {
		return
	}
	f := &m.found
	n := s.tl.Len()
	count := strconv.Itoa(n)
	if f.more {
		count += "+"
	}
	word := " results"
	if n == 1 && !f.more {
		word = " result"
	}
	switch {
	case f.loading && n == 0:
		count, word = "searching…", ""
	case f.err != "" && n == 0:
		count, word = "failed", ""
	}
	s.name = f.label + " · " + count + word
	s.row = ""
}

// resultsTop is the row above the oldest result: what paging the results
// is doing there.
func (m *Model) resultsTop() string {
	f := &m.found
	n := strconv.Itoa(m.streams[resultsID].tl.Len())
	switch {
	case f.err != "":
		return "could not search: " + f.err
	case f.loading:
		return "searching…"
	case f.more:
		return "older results load here"
	case n == "0":
		return "no message matches " + f.label
	case n == "1":
		return "the only message that matches " + f.label
	}
	return "all " + n + " messages that match " + f.label
}

// findPrefix is the word that makes any switcher query a search across
// streams.
const findPrefix = "search "

// looksLikeFind reports whether a switcher query reads as a search across
// streams: after an optional "search ", a first word that is a $TICKER,
// #tag or @name, or a word that is a search field (from:, to:, by:, in:).
func looksLikeFind(q string) bool {
	for i, w := range strings.Fields(trimFindPrefix(q)) {
		if i == 0 && len(w) > 1 && strings.ContainsRune("$#@", rune(w[0])) {
			return true
		}
		if field, v, ok := strings.Cut(w, ":"); ok && v != "" && findField(field) != "" {
			return true
		}
	}
	return false
}

// asksFind reports whether a switcher query is a search across streams:
// one that reads as a search, or "search " and anything.
func asksFind(q string) bool {
	rest := strings.TrimSpace(trimFindPrefix(q))
	return looksLikeFind(q) || rest != "" && rest != strings.TrimSpace(q)
}

// trimFindPrefix returns q without a leading "search " (any case); "search"
// alone gives "".
func trimFindPrefix(q string) string {
	q = strings.TrimSpace(q)
	if strings.EqualFold(q, strings.TrimSpace(findPrefix)) {
		return ""
	}
	if len(q) > len(findPrefix) && strings.EqualFold(q[:len(findPrefix)], findPrefix) {
		return q[len(findPrefix):]
	}
	return q
}

// findCmdID is the id of the switcher's search across streams.
const findCmdID = cmdPrefix + "search-messages"

// findCommand is the switcher's command that searches every stream: with a
// query that reads as a search, it runs it; otherwise it starts one.
func (m *Model) findCommand() command {
	q := strings.TrimSpace(string(m.sw.query))
	title := "Search messages in every stream: $TICKER #tag @name from:date"
	if asksFind(q) {
		title = "Search messages in every stream: " + sanitize.Line(trimFindPrefix(q))
	}
	return command{id: findCmdID, title: title, keys: m.keys.Normal.SearchAll, run: func(m *Model) tea.Cmd {
		q := string(m.sw.query)
		if !asksFind(q) {
			m.startFind()
			return nil
		}
		return m.runFind(q)
	}}
}

// startFind opens the switcher with "search " typed, for a search across
// streams.
func (m *Model) startFind() {
	m.endTyping()
	m.openSwitcher()
	m.sw.query = append(m.sw.query[:0], []rune(findPrefix)...)
	m.rankSwitcher()
}

// findFirst puts the search across streams first among the switcher's
// results when the query reads as one.
func (m *Model) findFirst(results []string, q string) []string {
	if !looksLikeFind(q) {
		return results
	}
	for i, id := range results {
		if id == findCmdID {
			results = append(results[:i], results[i+1:]...)
			break
		}
	}
	return append([]string{findCmdID}, results...)
}
