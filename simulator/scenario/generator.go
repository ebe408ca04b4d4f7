package scenario

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"strings"
	"time"
)

// Names of the scenarios.
const (
	Demo  = "demo"  // a believable office: about one action a second, everything mixed
	Busy  = "busy"  // a load test: hundreds of actions a second, mostly messages everywhere
	Quiet = "quiet" // the history only: nothing happens live
)

// Names returns the names of the scenarios, for help texts and errors.
func Names() []string { return []string{Demo, Busy, Quiet, Scale} }

// Player is what the simulator plays: a company, its history up to now, and
// its live actions. *Generator and *ScaleGenerator are Players.
type Player interface {
	Name() string
	Company() Company
	History(now time.Time) []Action
	Next() (a Action, after time.Duration, ok bool)
}

// Play returns the player of a named scenario; scale sizes the scale
// scenario and is ignored by the others.
func Play(name string, seed int64, scale ScaleOptions) (Player, error) {
	if name == Scale {
		return NewScale(seed, scale), nil
	}
	return New(name, seed)
}

// Salts separating the random streams of one seed, so that drawing more
// history never changes the cast or the live actions.
const (
	saltCast    = 0x6361737400000001
	saltHistory = 0x6869737400000002
	saltLive    = 0x6c69766500000003
)

// Generator plays one scenario. What Company and History return depends
// only on the seed and now; Next walks the live actions of the scenario,
// which continue from the pod as History leaves it and target only keys of
// earlier live messages, so they are the same whether or not History was
// called. A Generator is not safe for concurrent use.
type Generator struct {
	name   string
	seed   int64
	cast   *cast
	script []scripted // the story History tells, fixed for the seed
	live   *live
}

// New returns the generator of a named scenario.
func New(name string, seed int64) (*Generator, error) {
	switch name {
	case Demo, Busy, Quiet:
	default:
		return nil, fmt.Errorf("scenario: unknown scenario %q (valid: %s)", name, strings.Join(Names(), ", "))
	}
	rng := rand.New(rand.NewPCG(uint64(seed), saltCast))
	c := newCast(rng)
	g := &Generator{name: name, seed: seed, cast: c}
	w := newWorld(c)
	g.script = buildScript(c, rng, w)
	h := fnv.New64a()
	h.Write([]byte(name)) // never fails
	g.live = newLive(name, c, w, rand.New(rand.NewPCG(uint64(seed)^h.Sum64(), saltLive)))
	return g, nil
}

// Name returns the scenario's name.
func (g *Generator) Name() string { return g.name }

// Company returns the cast: the people, rooms and conversations of the pod
// before the first action of History. It is the same for every call and
// every scenario of one seed; the caller may keep and change the copy.
func (g *Generator) Company() Company { return g.cast.co.clone() }

// dayStart returns the start of the day d days before the day of now.
func dayStart(now time.Time, d int) time.Time {
	y, m, dd := now.Date()
	return time.Date(y, m, dd-d, 0, 0, 0, 0, now.Location())
}
