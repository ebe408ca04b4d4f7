package scenario

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Scale is the name of the scenario of a real pod's size.
const Scale = "scale"

// ScaleOptions size the scale scenario. Zero fields take the defaults.
type ScaleOptions struct {
	// Rooms is how many rooms the service account is a member of.
	Rooms int
	// Users is how many people the pod has.
	Users int
	// Rate is the live traffic, in messages a second over all rooms.
	Rate float64
}

// Defaults of ScaleOptions.
const (
	DefaultScaleRooms = 3000
	DefaultScaleUsers = 20000
	DefaultScaleRate  = 50
)

// withDefaults returns o with every zero field set to its default.
func (o ScaleOptions) withDefaults() ScaleOptions {
	if o.Rooms <= 0 {
		o.Rooms = DefaultScaleRooms
	}
	if o.Users <= 0 {
		o.Users = DefaultScaleUsers
	}
	o.Users = max(o.Users, 8)
	if o.Rate <= 0 {
		o.Rate = DefaultScaleRate
	}
	return o
}

// Skew of the scale scenario's traffic: room k (from 0, the hottest) gets a
// share proportional to (1 + k)^-zipfS, so a few rooms are hot and most are
// quiet.
const zipfS = 1.1

// History of the scale scenario: scaleHistoryPerRoom messages a room on
// average, at most scaleHistoryMax in all, spread by the same skew over the
// historyDays days before now; every room has at least scaleHistoryMin.
const (
	scaleHistoryPerRoom = 40
	scaleHistoryMax     = 150_000
	scaleHistoryMin     = 3
)

// ScaleGenerator plays the scale scenario: a pod with thousands of rooms,
// all of which the service account is in, and tens of thousands of people;
// history in every room (days of it in the hot ones, a few messages in the
// quiet ones) and live messages at a steady rate, spread over the rooms with
// a Zipf-like skew. Deterministic for a seed and options. Not safe for
// concurrent use.
type ScaleGenerator struct {
	opts    ScaleOptions
	seed    int64
	co      Company
	members [][]int64 // per room (by rank), the people who talk there
	rng     *rand.Rand
	zipf    *rand.Zipf
	keys    int
	recent  []scaleMessage // the last live messages, for edits and replies
}

// scaleMessage is a live message later actions may refer to.
type scaleMessage struct {
	key   string
	room  int
	actor int64
}

// NewScale returns the scale scenario's generator.
func NewScale(seed int64, opts ScaleOptions) *ScaleGenerator {
	opts = opts.withDefaults()
	rng := rand.New(rand.NewPCG(uint64(seed), saltCast^0x7363616c65))
	g := &ScaleGenerator{opts: opts, seed: seed}
	g.buildCompany(rng)
	g.rng = rand.New(rand.NewPCG(uint64(seed), saltLive^0x7363616c65))
	g.zipf = rand.NewZipf(g.rng, zipfS, 1, uint64(opts.Rooms-1))
	return g
}

// Name returns the scenario's name.
func (g *ScaleGenerator) Name() string { return Scale }

// Company returns the cast; the caller may keep and change the copy.
func (g *ScaleGenerator) Company() Company { return g.co.clone() }

// Rooms, desks and regions the room names are made of.
var (
	scaleRegions = []string{"EMEA", "APAC", "AMER", "LatAm", "Nordics", "DACH", "UK", "Benelux"}
	scaleDesks   = []string{"Rates", "FX", "Credit", "Equities", "Repo", "Commodities", "EM", "Munis",
		"Ops", "Risk", "Sales", "Research", "Compliance", "Treasury", "Platform", "Settlements"}
	scaleKinds = []string{"Flow", "Axes", "Desk", "Alerts", "Support", "Coverage", "Pricing", "Chat"}
)

// buildCompany draws the people and the rooms.
func (g *ScaleGenerator) buildCompany(rng *rand.Rand) {
	o := g.opts
	g.co = Company{Name: "Scale Markets", Walls: map[int64]string{}}
	base := int64(7081000000000)
	account := Person{
		ID: base, Username: "tutti-bot", FirstName: "Tutti", LastName: "Bot", DisplayName: "Tutti Bot",
		Email: "tutti-bot@scale.example", Title: "Service account", Company: "Scale Markets", Bot: true,
	}
	g.co.People = append(g.co.People, account)
	g.co.Account = account.ID
	for i := 1; i < o.Users; i++ {
		f, l := firstNames[rng.IntN(len(firstNames))], lastNames[rng.IntN(len(lastNames))]
		user := fmt.Sprintf("%s.%s.%d", strings.ToLower(asciiFold(f)), strings.ToLower(asciiFold(l)), i)
		g.co.People = append(g.co.People, Person{
			ID: base + int64(i), Username: user, FirstName: f, LastName: l, DisplayName: f + " " + l,
			Email: user + "@scale.example", Title: "Trader", Company: "Scale Markets",
			Department: scaleDesks[rng.IntN(len(scaleDesks))], Location: scaleRegions[rng.IntN(len(scaleRegions))],
		})
	}
	created := time.Date(2024, time.March, 4, 8, 0, 0, 0, time.UTC)
	g.members = make([][]int64, o.Rooms)
	for k := range o.Rooms {
		// Hot rooms are larger: from 4 people to a few hundred.
		size := min(o.Users-1, 3+rng.IntN(6)+int(400/math.Pow(float64(k+1), 0.6)))
		pool := make([]int64, 0, size)
		seen := map[int64]bool{}
		for len(pool) < size {
			id := base + 1 + rng.Int64N(int64(o.Users-1))
			if !seen[id] {
				seen[id] = true
				pool = append(pool, id)
			}
		}
		g.members[k] = pool
		name := fmt.Sprintf("%s %s %s %d", scaleRegions[rng.IntN(len(scaleRegions))],
			scaleDesks[rng.IntN(len(scaleDesks))], scaleKinds[rng.IntN(len(scaleKinds))], k+1)
		g.co.Rooms = append(g.co.Rooms, Room{
			ID: streamID(rng), Name: name, Description: "Room " + fmt.Sprint(k+1) + " of the scale scenario",
			Creator: pool[0], Created: created.Add(time.Duration(k) * time.Minute),
			Members: append([]int64{account.ID}, pool...), Owners: []int64{pool[0]}, Active: true,
		})
	}
}

// scaleLines are what people say in the scale scenario: plain MessageML,
// few enough that the simulator converts each once when loading history.
var scaleLines = func() []string {
	var out []string
	for _, l := range []string{
		"Morning all", "Any axes today?", "Looking at %s, who is around?", "Levels in %s please",
		"%s is moving, careful", "Done, thanks", "Can someone check the fix on %s?", "Sizes are thin in %s",
		"Back in 5", "On it", "Who has the ticket for the %s break?", "Prices refreshed for %s",
		"Client asking about %s, any colour?", "Settled, closing this out", "Lunch?", "Noted, thanks",
	} {
		if strings.Contains(l, "%s") {
			for _, in := range ratesInstruments {
				out = append(out, fmt.Sprintf(l, in.ticker))
			}
			for _, in := range fxPairs {
				out = append(out, fmt.Sprintf(l, in.ticker))
			}
			continue
		}
		out = append(out, l)
	}
	return out
}()

// line returns a MessageML message drawn by rng.
func scaleLine(rng *rand.Rand) string {
	return "<messageML>" + scaleLines[rng.IntN(len(scaleLines))] + "</messageML>"
}

// History returns every room's past messages over the historyDays days
// before now, ordered by Time, every Time strictly before now on a whole
// millisecond. The same now gives the same history.
func (g *ScaleGenerator) History(now time.Time) []Action {
	o := g.opts
	rng := rand.New(rand.NewPCG(uint64(g.seed), saltHistory^0x7363616c65))
	total := min(o.Rooms*scaleHistoryPerRoom, scaleHistoryMax)
	weights := zipfWeights(o.Rooms)
	span := int64((historyDays * 24 * time.Hour) / time.Millisecond)
	end := now.UnixMilli()
	// Draw every message's time, room, author and text, then order them
	// (by time, then by draw) before building the actions.
	type draw struct {
		at    int64
		seq   int32
		room  int32
		actor int64
		line  int32
	}
	var draws []draw
	for k := range g.co.Rooms {
		count := max(scaleHistoryMin, int(weights[k]*float64(total)))
		for range count {
			draws = append(draws, draw{
				at: end - 1 - rng.Int64N(span), seq: int32(len(draws)), room: int32(k),
				actor: g.members[k][rng.IntN(len(g.members[k]))], line: int32(rng.IntN(len(scaleLines))),
			})
		}
	}
	slices.SortFunc(draws, func(a, b draw) int { return cmp.Or(cmp.Compare(a.at, b.at), cmp.Compare(a.seq, b.seq)) })
	out := make([]Action, len(draws))
	for i, d := range draws {
		out[i] = Action{
			Kind: SendMessage, Time: time.UnixMilli(d.at).In(now.Location()), Actor: d.actor,
			Stream: g.co.Rooms[d.room].ID, Key: "sh" + strconv.Itoa(i+1),
			MessageML: "<messageML>" + scaleLines[d.line] + "</messageML>",
		}
	}
	return out
}

// zipfWeights returns the traffic share of n rooms by rank.
func zipfWeights(n int) []float64 {
	w := make([]float64, n)
	sum := 0.0
	for k := range w {
		w[k] = math.Pow(float64(k+1), -zipfS)
		sum += w[k]
	}
	for k := range w {
		w[k] /= sum
	}
	return w
}

// maxScaleRecent bounds the live messages remembered for edits and
// replies.
const maxScaleRecent = 64

// Next returns the next live action and how long after the previous one it
// happens at speed 1: mostly messages (about one in twenty a reply, one in
// fifty an edit of a recent message) in a room drawn with the skew, spaced
// by exponential delays whose mean gives Rate a second.
func (g *ScaleGenerator) Next() (Action, time.Duration, bool) {
	rng := g.rng
	mean := float64(time.Second) / g.opts.Rate
	after := time.Duration(rng.ExpFloat64() * mean)
	x := rng.IntN(100)
	if x < 2 && len(g.recent) > 0 {
		m := g.recent[rng.IntN(len(g.recent))]
		g.keys++
		a := Action{Kind: EditMessage, Actor: m.actor, Stream: g.co.Rooms[m.room].ID,
			Key: fmt.Sprintf("sl%d", g.keys), Target: m.key, MessageML: scaleLine(rng)}
		g.forget(m.key)
		return a, after, true
	}
	k := int(g.zipf.Uint64())
	g.keys++
	a := Action{
		Kind: SendMessage, Actor: g.members[k][rng.IntN(len(g.members[k]))], Stream: g.co.Rooms[k].ID,
		Key: fmt.Sprintf("sl%d", g.keys), MessageML: scaleLine(rng),
	}
	if x < 7 {
		for _, m := range g.recent {
			if m.room == k && m.actor != a.Actor {
				a.Target = m.key
				break
			}
		}
	}
	g.recent = append(g.recent, scaleMessage{key: a.Key, room: k, actor: a.Actor})
	if len(g.recent) > maxScaleRecent {
		g.recent = g.recent[1:]
	}
	return a, after, true
}

// forget drops a message that was edited: an edit is not edited again.
func (g *ScaleGenerator) forget(key string) {
	g.recent = slices.DeleteFunc(g.recent, func(m scaleMessage) bool { return m.key == key })
}
