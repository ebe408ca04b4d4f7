package simulator_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/simulator/scenario"
	"github.com/tutti-chat/tutti/simulator/simtest"
	"github.com/tutti-chat/tutti/symphony"
)

// searchFixture is a pod with a room of the account and alice, an IM of
// the account and alice, and a room the account is not in, each with
// messages naming tags, tickers and people.
type searchFixture struct {
	srv              *simulator.Server
	room, im, closed string
	ids              map[string]string // message text → id
	clock            *fakeClock
}

func newSearchFixture(t *testing.T) *searchFixture {
	t.Helper()
	clock := &fakeClock{t: time.Now().Truncate(time.Second)}
	srv := start(t, simulator.Options{LongPoll: 50 * time.Millisecond, Clock: clock.Now})
	f := &searchFixture{srv: srv, ids: map[string]string{}, clock: clock,
		room: "c2VhcmNoLXJvb20taWQtMDAwMA", closed: "Y2xvc2VkLXJvb20taWQtMDAwMA"}
	for _, r := range []*scenario.Room{
		{ID: f.room, Name: "Search", Members: []int64{aliceID}},
		{ID: f.closed, Name: "Closed", Members: []int64{bobID}},
	} {
		actor := botID
		if r.ID == f.closed {
			actor = aliceID
		}
		if err := srv.Apply(scenario.Action{Kind: scenario.CreateRoom, Actor: actor, Room: r}); err != nil {
			t.Fatal(err)
		}
	}
	f.im = newClient(t, srv).createIM(aliceID)
	post := func(sid string, from int64, key, body string) {
		clock.Advance(time.Second)
		m, err := srv.Post(sid, from, "<messageML>"+body+"</messageML>")
		if err != nil {
			t.Fatal(err)
		}
		f.ids[key] = m.MessageID
	}
	post(f.room, aliceID, "rates", `bid on <cash tag="UST10Y"/> #later`)
	post(f.room, botID, "incident", `<hash tag="incident"/> opened`)
	post(f.im, aliceID, "im", `<cash tag="ust10y"/> for you <mention uid="349026222342000"/>`)
	post(f.closed, aliceID, "closed", `<cash tag="UST10Y"/> elsewhere`)
	post(f.room, aliceID, "plain", `nothing tagged, just the word treasury`)
	return f
}

// TestSearchFindsWhatTheQueryNames checks the criteria of a message
// search: tickers and tags case-insensitively, authors, mentions, dates,
// stream types and text in one stream; only streams the caller is in;
// newest first, paged by skip and limit.
func TestSearchFindsWhatTheQueryNames(t *testing.T) {
	f := newSearchFixture(t)
	c := simtest.Client(t, f.srv, nil)
	ctx := context.Background()
	base := f.clock.Now().Add(-5 * time.Second).UnixMilli() // the messages came a second apart from base+1s
	for _, tc := range []struct {
		name string
		q    symphony.MessageSearchQuery
		want []string
	}{
		{"cashtag, newest first, not in a room the account is not in", symphony.MessageSearchQuery{Cashtag: "UST10Y"}, []string{"im", "rates"}},
		{"cashtag with its sign", symphony.MessageSearchQuery{Cashtag: "$ust10y"}, []string{"im", "rates"}},
		{"hashtag", symphony.MessageSearchQuery{Hashtag: "incident"}, []string{"incident"}},
		{"a hashtag only typed is none", symphony.MessageSearchQuery{Hashtag: "later"}, nil},
		{"author", symphony.MessageSearchQuery{Author: botID}, []string{"incident"}},
		{"mention", symphony.MessageSearchQuery{Mention: botID}, []string{"im"}},
		{"stream type chat", symphony.MessageSearchQuery{Cashtag: "UST10Y", StreamType: "CHAT"}, []string{"im"}},
		{"stream type room", symphony.MessageSearchQuery{Author: aliceID, StreamType: "ROOM"}, []string{"plain", "rates"}},
		{"text in a stream", symphony.MessageSearchQuery{Text: "Treasury", StreamID: f.room}, []string{"plain"}},
		{"from date, inclusive", symphony.MessageSearchQuery{FromDate: base + 5000, StreamID: f.room}, []string{"plain"}},
		{"to date, exclusive", symphony.MessageSearchQuery{ToDate: base + 2000, StreamID: f.room}, []string{"rates"}},
	} {
		got, err := c.SearchMessages(ctx, tc.q, 0, 0)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if names := f.names(got); !slices.Equal(names, tc.want) {
			t.Errorf("%s: found %v, want %v", tc.name, names, tc.want)
		}
	}
	var pages []string
	for skip := 0; skip < 4; skip++ {
		got, err := c.SearchMessages(ctx, symphony.MessageSearchQuery{Author: aliceID}, skip, 1)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, f.names(got)...)
	}
	if want := []string{"plain", "im", "rates"}; !slices.Equal(pages, want) {
		t.Errorf("paged one by one: %v, want %v", pages, want)
	}
	for _, tc := range []struct {
		name string
		q    symphony.MessageSearchQuery
	}{
		{"text without a stream", symphony.MessageSearchQuery{Text: "treasury"}},
		{"no criterion", symphony.MessageSearchQuery{}},
		{"a stream type unknown", symphony.MessageSearchQuery{Cashtag: "X", StreamType: "wall"}},
		{"a signal with a tag", symphony.MessageSearchQuery{Signal: "s", Hashtag: "x"}},
	} {
		var apiErr *symphony.APIError
		if _, err := c.SearchMessages(ctx, tc.q, 0, 0); !errors.As(err, &apiErr) || apiErr.Status != http.StatusBadRequest {
			t.Errorf("%s: %v, want a 400", tc.name, err)
		}
	}
	if _, err := c.SearchMessages(ctx, symphony.MessageSearchQuery{Text: "x", StreamID: f.closed}, 0, 0); err == nil {
		t.Error("a text search in a room the account is not in was answered")
	}
}

// names returns the keys of the fixture's messages, in the order found.
func (f *searchFixture) names(msgs []symphony.V4Message) []string {
	var out []string
	for _, m := range msgs {
		for k, id := range f.ids {
			if id == m.MessageID {
				out = append(out, k)
			}
		}
	}
	return out
}

// TestSearchExchangesFollowTheOfficialDocuments validates both forms of a
// message search, the query string and the body, with their empty and
// error answers, against the official OpenAPI documents.
func TestSearchExchangesFollowTheOfficialDocuments(t *testing.T) {
	f := newSearchFixture(t)
	v := newSpecValidator(t, f.srv.URL())
	c := conformanceClient(t, f.srv, v)
	var found []symphony.V4Message
	if status := c.callJSON(http.MethodPost, "/agent/v1/message/search?skip=0&limit=10",
		symphony.MessageSearchQuery{Cashtag: "UST10Y"}, &found); status != http.StatusOK || len(found) != 2 {
		t.Errorf("POST search: %d, %d messages", status, len(found))
	}
	q := url.Values{"query": {fmt.Sprintf("author:%d AND streamType:chatroom", aliceID)}, "sortDir": {"ASC"}}
	found = nil
	if status := c.callJSON(http.MethodGet, "/agent/v1/message/search?"+q.Encode(), nil, &found); status != http.StatusOK ||
		len(found) != 2 || found[0].MessageID != f.ids["rates"] {
		t.Errorf("GET search: %d, %+v", status, found)
	}
	c.call(http.MethodPost, "/agent/v1/message/search", symphony.MessageSearchQuery{Hashtag: "nowhere"})
	c.call(http.MethodPost, "/agent/v1/message/search", symphony.MessageSearchQuery{Text: "x"})
	c.call(http.MethodGet, "/agent/v1/message/search?query=colour:blue", nil)
	c.call(http.MethodPost, "/agent/v1/message/search?limit=501", symphony.MessageSearchQuery{Cashtag: "X"})
	v.report(t)
	wantCovered(t, v,
		"POST /agent/v1/message/search 200", "GET /agent/v1/message/search 200",
		"POST /agent/v1/message/search 204", "POST /agent/v1/message/search 400",
		"GET /agent/v1/message/search 400",
	)
}
