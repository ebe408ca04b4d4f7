package simulator_test

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/symphony"
)

func TestHistoryPagingWithEqualTimestamps(t *testing.T) {
	clock := newFakeClock()
	srv := start(t, simulator.Options{Clock: clock.Now})
	c := newClientAt(t, srv, clock)
	im := c.createIM(aliceID)
	since := clock.Now().UnixMilli()

	// 7 messages in the same millisecond, 3 in the next, 4 a second later.
	var sent []symphony.V4Message
	for i, step := range []time.Duration{0, 0, 0, 0, 0, 0, 0, time.Millisecond, 0, 0, time.Second, 0, 0, 0} {
		clock.Advance(step)
		m, err := srv.Post(im, []int64{aliceID, botID}[i%2], fmt.Sprintf("<messageML>m%d</messageML>", i))
		if err != nil {
			t.Fatal(err)
		}
		sent = append(sent, m)
	}
	slices.SortFunc(sent, func(a, b symphony.V4Message) int {
		return cmp.Or(cmp.Compare(a.Timestamp, b.Timestamp), strings.Compare(a.MessageID, b.MessageID))
	})

	for _, limit := range []int{1, 2, 3, 5, 50} {
		// Page forward as the documentation says: since = last timestamp,
		// skip = how many of that timestamp were already seen.
		var got []symphony.V4Message
		cursor, skip := since, 0
		for range 100 {
			var page []symphony.V4Message
			status := c.callJSON(http.MethodGet, fmt.Sprintf("/agent/v4/stream/%s/message?since=%d&skip=%d&limit=%d", im, cursor, skip, limit), nil, &page)
			if status == http.StatusNoContent {
				break
			}
			if status != http.StatusOK || len(page) == 0 || len(page) > limit {
				t.Fatalf("limit %d: status %d, %d messages", limit, status, len(page))
			}
			got = append(got, page...)
			last := page[len(page)-1].Timestamp
			if last != cursor {
				cursor, skip = last, 0
			}
			for _, m := range page {
				if m.Timestamp == cursor {
					skip++
				}
			}
		}
		if len(got) != len(sent) {
			t.Fatalf("limit %d: %d messages, want %d", limit, len(got), len(sent))
		}
		for i := range got {
			if got[i].MessageID != sent[i].MessageID {
				t.Fatalf("limit %d: message %d is %s, want %s", limit, i, got[i].MessageID, sent[i].MessageID)
			}
		}
	}

	// until bounds the window.
	var window []symphony.V4Message
	c.callJSON(http.MethodGet, fmt.Sprintf("/agent/v4/stream/%s/message?since=%d&until=%d", im, since, since+1), nil, &window)
	if len(window) != 10 {
		t.Fatalf("until: %d messages, want 10", len(window))
	}
	// History messages carry their stream and user, not externalRecipients.
	if m := window[0]; m.Stream == nil || m.Stream.StreamID != im || m.Stream.StreamType != symphony.StreamIM ||
		m.User == nil || m.ExternalRecipients != nil || m.OriginalFormat != symphony.FormatMessageMLv2 {
		t.Fatalf("history message %+v", m)
	}
	// Standard base64 ids work as well.
	std := symphony.StandardID(im)
	status, _, _ := c.call(http.MethodGet, "/agent/v4/stream/"+strings.NewReplacer("/", "%2F", "+", "%2B", "=", "%3D").Replace(std)+"/message?since=0&limit=1", nil)
	if status != http.StatusOK {
		t.Fatalf("standard base64 id %s: %d", std, status)
	}

	for _, tc := range []struct {
		name, query string
		status      int
	}{
		{"no since", "limit=5", http.StatusBadRequest},
		{"since not a number", "since=yesterday", http.StatusBadRequest},
		{"limit 500", "since=0&limit=500", http.StatusOK},
		{"limit 501", "since=0&limit=501", http.StatusBadRequest},
		{"negative skip", "since=0&skip=-1", http.StatusBadRequest},
		{"nothing since", fmt.Sprintf("since=%d", clock.Now().UnixMilli()+1), http.StatusNoContent},
		{"skip everything", "since=0&skip=14", http.StatusNoContent},
	} {
		status, data, _ := c.call(http.MethodGet, "/agent/v4/stream/"+im+"/message?"+tc.query, nil)
		if tc.status >= 400 {
			wantError(t, tc.name, status, data, tc.status)
		} else if status != tc.status {
			t.Fatalf("%s: %d, want %d", tc.name, status, tc.status)
		}
	}
	status, data, _ := c.call(http.MethodGet, "/agent/v4/stream/unknownstream/message?since=0", nil)
	wantError(t, "unknown stream", status, data, http.StatusBadRequest)
	other, err := srv.Post(imOf(t, srv, aliceID, bobID), aliceID, "<messageML>private</messageML>")
	if err != nil {
		t.Fatal(err)
	}
	status, data, _ = c.call(http.MethodGet, "/agent/v4/stream/"+other.Stream.StreamID+"/message?since=0", nil)
	wantError(t, "not a member", status, data, http.StatusForbidden)
}

// imOf creates the IM of two users through Apply and returns its id.
func imOf(t *testing.T, srv *simulator.Server, a, b int64) string {
	t.Helper()
	for _, st := range srv.Streams() {
		if st.Type == symphony.StreamIM && slices.Equal(st.Members, []int64{a, b}) {
			return st.ID
		}
	}
	before := len(srv.Streams())
	if err := srv.Apply(scenarioCreateIM(a, b)); err != nil {
		t.Fatal(err)
	}
	all := srv.Streams()
	if len(all) != before+1 {
		t.Fatal("no IM created")
	}
	for _, st := range all {
		if st.Type == symphony.StreamIM && slices.Contains(st.Members, a) && slices.Contains(st.Members, b) {
			return st.ID
		}
	}
	t.Fatal("IM not found")
	return ""
}

func TestGetMessage(t *testing.T) {
	srv := start(t, simulator.Options{})
	c := newClient(t, srv)
	im := c.createIM(aliceID)
	m, err := srv.Post(im, aliceID, "<messageML>hello</messageML>")
	if err != nil {
		t.Fatal(err)
	}
	var got symphony.V4Message
	if status := c.callJSON(http.MethodGet, "/agent/v1/message/"+m.MessageID, nil, &got); status != http.StatusOK || got.MessageID != m.MessageID {
		t.Fatalf("get message: %d %+v", status, got)
	}
	if status, _, _ := c.call(http.MethodGet, "/agent/v1/message/AAAAAAAA", nil); status != http.StatusNoContent {
		t.Fatalf("unknown message: %d", status)
	}
}
