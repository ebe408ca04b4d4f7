package history

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/simulator/scenario"
	"github.com/tutti-chat/tutti/simulator/simtest"
	"github.com/tutti-chat/tutti/symphony"
)

// The users of the simulator's "empty" scenario.
const (
	botID   int64 = 349026222342000
	aliceID int64 = 349026222342001
	bobID   int64 = 349026222342002
	carolID int64 = 349026222342003
)

// pod is a simulator without activity and a client of its service account.
type pod struct {
	t      *testing.T
	srv    *simulator.Server
	client *symphony.Client
	now    time.Time
}

// startPod starts an empty simulator on 127.0.0.1.
func startPod(t *testing.T) *pod {
	t.Helper()
	srv := simtest.Start(t, simulator.Options{Scenario: "empty", NoLive: true})
	return &pod{t: t, srv: srv, client: simtest.Client(t, srv, nil), now: time.Now()}
}

// im creates the IM of the service account and another user, id as its
// stream id, created long ago.
func (p *pod) im(id string, other int64) string {
	p.t.Helper()
	if err := p.srv.Apply(scenario.Action{Kind: scenario.CreateIM, Actor: other, Members: []int64{botID},
		Stream: id, Time: p.now.AddDate(-10, 0, 0)}); err != nil {
		p.t.Fatal(err)
	}
	return id
}

// post sends a message at time at and returns its id.
func (p *pod) post(stream string, from int64, at time.Time, text, key string) string {
	p.t.Helper()
	if err := p.srv.Apply(scenario.Action{Kind: scenario.SendMessage, Actor: from, Stream: stream, Time: at,
		MessageML: "<messageML>" + text + "</messageML>", Key: key}); err != nil {
		p.t.Fatal(err)
	}
	id, ok := p.srv.MessageID(key)
	if !ok {
		p.t.Fatalf("no message %s", key)
	}
	return id
}

// pager returns a pager of the pod's client, its clock at the pod's start.
func (p *pod) pager(pageSize int, maxWindow time.Duration) *Pager {
	return NewPager(p.client, PagerOptions{PageSize: pageSize, Clock: func() time.Time { return p.now }, MaxWindow: maxWindow})
}

// texts returns the texts of messages, in order.
func texts(msgs []symphony.V4Message) []string {
	out := make([]string, len(msgs))
	for i, m := range msgs {
		s := m.Message[strings.Index(m.Message, ">")+1:]
		out[i] = strings.TrimSuffix(s, "</div>")
	}
	return out
}

func TestPagerWithSimulator(t *testing.T) {
	p := startPod(t)
	ctx := context.Background()
	ago := func(d time.Duration) time.Time { return p.now.Add(-d) }
	hours := func(h int) time.Duration { return time.Duration(h) * time.Hour }

	t.Run("Latest", func(t *testing.T) {
		im := p.im("aW0tbGF0ZXN0", aliceID)
		at2h := ago(hours(2)).Truncate(time.Millisecond)
		plan := []struct {
			at   time.Time
			text string
		}{
			{ago(hours(400 * 24)), "old"},
			{ago(hours(10 * 24)), "ten0"}, {ago(hours(10*24) - time.Millisecond), "ten1"}, {ago(hours(10*24) - 2*time.Millisecond), "ten2"},
			{ago(hours(3 * 24)), "three0"}, {ago(hours(3 * 24)), "three1"},
			{at2h, "hour0"}, {at2h, "hour1"}, {at2h, "hour2"}, {at2h, "hour3"}, {at2h, "hour4"},
			{ago(time.Minute), "min"},
		}
		var all []symphony.V4Message
		for i, m := range plan {
			id := p.post(im, []int64{aliceID, botID}[i%2], m.at, m.text, "latest"+m.text)
			all = append(all, symphony.V4Message{MessageID: id, Timestamp: m.at.UnixMilli()})
		}
		sortMessages(all)
		want := ids(all)
		pg := p.pager(3, 0)
		for _, tc := range []struct {
			n       int
			want    []string
			reached bool
		}{
			{4, want[len(want)-4:], false},
			{9, want[len(want)-9:], false},
			{50, want[1:], false}, // the oldest is past the max window
		} {
			page := pg.Latest(ctx, im, tc.n)
			if page.Err != nil {
				t.Fatal(page.Err)
			}
			if got := ids(page.Messages); !slices.Equal(got, tc.want) || page.Reached != tc.reached {
				t.Errorf("Latest(%d) = %v reached %v, want %v reached %v (%v)", tc.n, got, page.Reached, tc.want, tc.reached, texts(page.Messages))
			}
		}
		page := p.pager(3, 1000*24*time.Hour).Latest(ctx, im, 50)
		if got := ids(page.Messages); !slices.Equal(got, want) || !page.Reached || page.Err != nil {
			t.Errorf("Latest over 1000 days = %v reached %v err %v", texts(page.Messages), page.Reached, page.Err)
		}
	})

	t.Run("Older to the beginning", func(t *testing.T) {
		im := p.im("aW0tb2xkZXI", bobID)
		var want []string
		for i := range 25 {
			at := ago(time.Duration(i/3) * 36 * time.Hour).Truncate(time.Millisecond) // three per ms, days apart
			want = append(want, p.post(im, bobID, at, fmt.Sprintf("older %d", i), fmt.Sprintf("older%d", i)))
		}
		pg := p.pager(3, 0)
		tl := NewTimeline(im, Options{})
		first := pg.Latest(ctx, im, 4)
		tl.ApplyPage(first.Messages)
		reached, pages := first.Reached, 1
		for !reached {
			if pages++; pages > 30 {
				t.Fatal("paging back does not end")
			}
			until, _ := tl.Oldest()
			page := pg.Older(ctx, im, until, 4)
			if page.Err != nil {
				t.Fatal(page.Err)
			}
			tl.ApplyPage(page.Messages)
			reached = page.Reached
		}
		got := keysOf(tl.Rows())
		slices.Sort(want)
		sorted := slices.Clone(got)
		slices.Sort(sorted)
		if !slices.Equal(sorted, want) {
			t.Errorf("paged back %d messages, want %d", len(got), len(want))
		}
		if err := tl.check(); err != nil {
			t.Error(err)
		}
	})

	t.Run("CatchUp with equal timestamps", func(t *testing.T) {
		im := p.im("aW0tY2F0Y2h1cA", carolID)
		at := ago(time.Hour).Truncate(time.Millisecond)
		var burst []symphony.V4Message
		for i := range 7 {
			id := p.post(im, carolID, at, fmt.Sprintf("burst %d", i), fmt.Sprintf("burst%d", i))
			burst = append(burst, symphony.V4Message{MessageID: id, Timestamp: at.UnixMilli()})
		}
		sortMessages(burst)
		var later []string
		for i := range 4 {
			later = append(later, p.post(im, botID, at.Add(time.Duration(1+i/2)*time.Millisecond), fmt.Sprintf("later %d", i), fmt.Sprintf("later%d", i)))
		}
		for _, known := range [][]int{{0, 1}, {5, 6}, {2}, {0, 3, 6}, {}} {
			tl := NewTimeline(im, Options{})
			page := make([]symphony.V4Message, 0, len(known))
			for _, k := range known {
				page = append(page, mustMessage(t, p.srv, burst[k].MessageID))
			}
			tl.ApplyPage(page)
			if len(known) == 0 {
				// Nothing seen at the burst's ms yet: a watermark just before it.
				tl.ApplyPage([]symphony.V4Message{mustMessage(t, p.srv, p.post(im, carolID, at.Add(-time.Millisecond), "before", fmt.Sprint("before", len(known))))})
			}
			res := p.pager(3, 0).CatchUp(ctx, im, tl.Watermark(), 0)
			if res.Err != nil || !res.Reached || res.Gap != nil {
				t.Fatalf("known %v: err %v reached %v gap %v", known, res.Err, res.Reached, res.Gap)
			}
			seen := map[string]int{}
			for _, m := range res.Messages {
				seen[m.MessageID]++
			}
			for i, m := range burst {
				want := 1
				if slices.Contains(known, i) {
					want = 0
				}
				if seen[m.MessageID] != want {
					t.Errorf("known %v: message %d of the burst returned %d times, want %d", known, i, seen[m.MessageID], want)
				}
			}
			for _, id := range later {
				if seen[id] != 1 {
					t.Errorf("known %v: later message returned %d times", known, seen[id])
				}
			}
			if len(res.Messages) != 7-len(known)+4 {
				t.Errorf("known %v: %d messages: %v", known, len(res.Messages), texts(res.Messages))
			}
			tl.ApplyPage(res.Messages)
			if wm := tl.Watermark(); wm.Timestamp != at.UnixMilli()+2 || wm.Skip() != 2 {
				t.Errorf("watermark after the catch-up %+v", wm)
			}
		}
	})

	t.Run("CatchUp capped, then filled", func(t *testing.T) {
		mim := p.mim("bWltLWNhcHBlZA", aliceID, bobID)
		base := ago(hours(5)).Truncate(time.Millisecond)
		first := p.post(mim, aliceID, base, "seen", "capped-seen")
		var want []string
		for i := range 20 {
			want = append(want, p.post(mim, bobID, base.Add(time.Duration(1+i)*time.Millisecond), fmt.Sprint("m", i), fmt.Sprint("capped", i)))
		}
		for i := range 10 {
			want = append(want, p.post(mim, aliceID, base.Add(time.Second), fmt.Sprint("burst ", i), fmt.Sprint("capped-burst", i)))
		}
		for i := range 3 {
			want = append(want, p.post(mim, botID, base.Add(time.Minute+time.Duration(i)*time.Millisecond), fmt.Sprint("z", i), fmt.Sprint("capped-z", i)))
		}
		tl := NewTimeline(mim, Options{})
		tl.ApplyPage([]symphony.V4Message{mustMessage(t, p.srv, first)})
		pg := p.pager(3, 0)
		res := pg.CatchUp(ctx, mim, tl.Watermark(), 5)
		if res.Err != nil || res.Reached || res.Gap == nil || len(res.Messages) < 5 {
			t.Fatalf("capped: %d messages, err %v reached %v gap %v", len(res.Messages), res.Err, res.Reached, res.Gap)
		}
		if last := res.Messages[len(res.Messages)-1].Timestamp; *res.Gap != (Gap{From: last, To: p.now.UnixMilli()}) {
			t.Errorf("gap %+v, last fetched %d", *res.Gap, last)
		}
		tl.ApplyPage(res.Messages)
		tl.AddGap(*res.Gap)
		for fills := 0; len(tl.Gaps()) > 0; fills++ {
			if fills > 20 {
				t.Fatal("filling does not end")
			}
			g := tl.Gaps()[0]
			fill := pg.Fill(ctx, mim, g, 4)
			if fill.Err != nil {
				t.Fatal(fill.Err)
			}
			tl.FillGap(g, fill.Messages, fill.Gap)
		}
		got := keysOf(tl.Rows())
		if len(got) != len(want)+1 {
			t.Errorf("%d rows after filling, want %d", len(got), len(want)+1)
		}
		for _, id := range want {
			if _, ok := tl.Lookup(id); !ok {
				t.Errorf("message %s missing", id)
			}
		}
		if err := tl.check(); err != nil {
			t.Error(err)
		}
	})

	t.Run("edits and suppressions", func(t *testing.T) {
		mim := p.mim("bWltLWVkaXRz", aliceID, carolID)
		base := ago(hours(30)).Truncate(time.Millisecond)
		apply := func(a scenario.Action) {
			t.Helper()
			if err := p.srv.Apply(a); err != nil {
				t.Fatal(err)
			}
		}
		first := p.post(mim, aliceID, base, "first", "e-first")
		apply(scenario.Action{Kind: scenario.EditMessage, Actor: aliceID, Target: "e-first", Key: "e-second", Time: base.Add(time.Hour), MessageML: "<messageML>second</messageML>"})
		apply(scenario.Action{Kind: scenario.EditMessage, Actor: aliceID, Target: "e-second", Key: "e-third", Time: base.Add(2 * time.Hour), MessageML: "<messageML>third</messageML>"})
		gone := p.post(mim, carolID, base.Add(time.Minute), "to be removed", "e-gone")
		apply(scenario.Action{Kind: scenario.SuppressMessage, Actor: carolID, Target: "e-gone", Time: base.Add(3 * time.Minute)})
		reply := p.post(mim, botID, base.Add(3*time.Hour), "a reply", "e-reply")
		apply(scenario.Action{Kind: scenario.SendMessage, Actor: carolID, Target: "e-first", Key: "e-answer", Time: base.Add(4 * time.Hour), MessageML: "<messageML>answer</messageML>"})

		tl := NewTimeline(mim, Options{})
		// The suppression came on the datafeed before the history page.
		tl.ApplySuppressed(gone)
		page := p.pager(2, 0).Latest(ctx, mim, 20)
		if page.Err != nil || !page.Reached {
			t.Fatalf("latest: %v %v", page.Err, page.Reached)
		}
		tl.ApplyPage(page.Messages)
		rows := tl.Rows()
		if len(rows) != 3 {
			t.Fatalf("rows %v", describe(rows))
		}
		if r := rows[0]; r.Key != first || !r.Edited || !strings.Contains(text(r), "third") || r.Timestamp != base.UnixMilli() {
			t.Errorf("edited row %v", describe(rows[:1]))
		}
		if rows[1].Key != reply {
			t.Errorf("row 1 %v", describe(rows[1:2]))
		}
		answer, _ := p.srv.MessageID("e-answer")
		if r := rows[2]; r.Key != answer || r.Message.ParentID != first {
			t.Errorf("reply %+v", r.Message)
		}
	})
}

// mim creates the MIM of the service account and two users.
func (p *pod) mim(id string, a, b int64) string {
	p.t.Helper()
	if err := p.srv.Apply(scenario.Action{Kind: scenario.CreateIM, Actor: a, Members: []int64{botID, b},
		Stream: id, Time: p.now.AddDate(-10, 0, 0)}); err != nil {
		p.t.Fatal(err)
	}
	return id
}

// mustMessage returns a stored message of the simulator.
func mustMessage(t *testing.T, srv *simulator.Server, id string) symphony.V4Message {
	t.Helper()
	m, ok := srv.Message(id)
	if !ok {
		t.Fatalf("no message %s", id)
	}
	return m
}
