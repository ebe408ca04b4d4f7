package scenario

import (
	"slices"
	"testing"
	"time"
)

// TestScaleIsDeterministic: one seed and size give the same pod, history
// and live actions.
func TestScaleIsDeterministic(t *testing.T) {
	now := time.Date(2026, time.December, 2, 15, 4, 5, 0, time.UTC)
	opts := ScaleOptions{Rooms: 300, Users: 400, Rate: 100}
	a, b := NewScale(5, opts), NewScale(5, opts)
	ca, cb := a.Company(), b.Company()
	if len(ca.Rooms) != 300 || len(ca.People) != 400 {
		t.Fatalf("%d rooms, %d people; want 300, 400", len(ca.Rooms), len(ca.People))
	}
	for i := range ca.Rooms {
		if ca.Rooms[i].ID != cb.Rooms[i].ID || !slices.Equal(ca.Rooms[i].Members, cb.Rooms[i].Members) {
			t.Fatalf("room %d differs between two generators of one seed", i)
		}
	}
	ha, hb := a.History(now), b.History(now)
	if len(ha) != len(hb) || len(ha) < 3*300 {
		t.Fatalf("history of %d and %d actions, want equal and at least 3 a room", len(ha), len(hb))
	}
	for i := range ha {
		if ha[i].Time != hb[i].Time || ha[i].Stream != hb[i].Stream || ha[i].MessageML != hb[i].MessageML {
			t.Fatalf("history action %d differs", i)
		}
		if i > 0 && ha[i].Time.Before(ha[i-1].Time) || !ha[i].Time.Before(now) {
			t.Fatalf("history action %d at %s: not in order before now", i, ha[i].Time)
		}
	}
	for i := range 200 {
		x, _, _ := a.Next()
		y, _, _ := b.Next()
		if x.Stream != y.Stream || x.Key != y.Key || x.Kind != y.Kind {
			t.Fatalf("live action %d differs", i)
		}
	}
}

// TestScaleIsSkewedAndEverywhere: a few rooms are hot, most are quiet,
// every room has history, and the service account is in every room.
func TestScaleIsSkewedAndEverywhere(t *testing.T) {
	g := NewScale(1, ScaleOptions{Rooms: 1000, Users: 2000, Rate: 50})
	co := g.Company()
	history := map[string]int{}
	for _, a := range g.History(time.Now()) {
		history[a.Stream]++
	}
	rank := map[string]int{}
	for k, r := range co.Rooms {
		rank[r.ID] = k
		if !slices.Contains(r.Members, co.Account) {
			t.Fatalf("room %d: the service account is not a member", k)
		}
		if history[r.ID] < 3 {
			t.Fatalf("room %d: %d messages of history, want at least 3", k, history[r.ID])
		}
	}
	live := make([]int, len(co.Rooms))
	var total time.Duration
	const n = 20000
	for range n {
		a, after, ok := g.Next()
		if !ok {
			t.Fatal("the scale scenario ended")
		}
		total += after
		live[rank[a.Stream]]++
	}
	if top, median := live[0]+live[1]+live[2], live[len(live)/2]; top < n/10 || median > n/500 {
		t.Errorf("the three hottest rooms got %d of %d messages and the median room %d: not skewed", top, n, median)
	}
	if rate := float64(n) / total.Seconds(); rate < 40 || rate > 60 {
		t.Errorf("%.1f actions a second, want about 50", rate)
	}
}
