package cli

import (
	"flag"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tutti-chat/tutti/internal/session"
	"github.com/tutti-chat/tutti/simulator"
)

// podShapeFlags give a simulator a real pod's size and distance: the scale
// scenario's rooms, people and traffic, the round trip and the rate limit.
// `tutti simulator` and the embedded simulator of `tutti`, `tutti ui` and
// `tutti tail` share them.
type podShapeFlags struct {
	rooms     int
	users     int
	rate      float64
	rtt       time.Duration
	rateLimit rateLimitFlag
}

// addPodShapeFlags declares the flags of a pod's size and distance.
func addPodShapeFlags(fs *flag.FlagSet, p *podShapeFlags) {
	fs.IntVar(&p.rooms, "rooms", 0, "scale scenario: rooms the service account is in (default 3000)")
	fs.IntVar(&p.users, "users", 0, "scale scenario: people of the pod (default 20000)")
	fs.Float64Var(&p.rate, "rate", 0, "scale scenario: live messages a second over all rooms (default 50)")
	fs.DurationVar(&p.rtt, "rtt", 0, "delay every answer of the pod, agent and key manager by this round trip (e.g. 80ms)")
	fs.Var(&p.rateLimit, "rate-limit", "calls a second each session may make before 429 (`N/s`; default 100/s for the scale scenario, none otherwise; 0 for none)")
}

// check refuses values of the shape that cannot be.
func (p podShapeFlags) check() error {
	switch {
	case p.rooms < 0, p.users < 0:
		return session.Usagef("--rooms %d, --users %d: want counts, 0 or more", p.rooms, p.users)
	case !(p.rate >= 0) || math.IsInf(p.rate, 1):
		return session.Usagef("--rate %g: want messages a second, 0 or more", p.rate)
	case p.rtt < 0:
		return session.Usagef("--rtt %s: want a round trip, 0 or more", p.rtt)
	}
	return nil
}

// checkSimulator refuses a scenario the simulator does not play and a
// speed that is not a positive number.
func checkSimulator(scenarioName string, speed float64) error {
	if !slices.Contains(simulator.Scenarios(), scenarioName) {
		return session.Usagef("--scenario %q: want one of %s", scenarioName, strings.Join(simulator.Scenarios(), ", "))
	}
	if !(speed > 0) || math.IsInf(speed, 1) {
		return session.Usagef("--speed %g: want a positive speed", speed)
	}
	return nil
}

// apply sets the shape in opts.
func (p podShapeFlags) apply(opts *simulator.Options) {
	opts.Scale.Rooms, opts.Scale.Users, opts.Scale.Rate = p.rooms, p.users, p.rate
	opts.RTT = p.rtt
	switch {
	case !p.rateLimit.set:
	case p.rateLimit.perSecond == 0:
		opts.RateLimit = -1
	default:
		opts.RateLimit = p.rateLimit.perSecond
	}
}

// rateLimitFlag is a rate in calls a second: "100", "100/s" or "6000/m".
type rateLimitFlag struct {
	perSecond float64
	set       bool
}

// String implements flag.Value.
func (r *rateLimitFlag) String() string {
	if r == nil || !r.set {
		return ""
	}
	return strconv.FormatFloat(r.perSecond, 'f', -1, 64) + "/s"
}

// Set implements flag.Value.
func (r *rateLimitFlag) Set(v string) error {
	num, unit, _ := strings.Cut(strings.TrimSpace(v), "/")
	n, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
	if err != nil || n < 0 {
		return fmt.Errorf("want a rate such as 100/s, got %q", v)
	}
	switch strings.TrimSpace(unit) {
	case "", "s":
	case "m", "min":
		n /= 60
	default:
		return fmt.Errorf("want a rate per second (100/s) or per minute (6000/m), got %q", v)
	}
	r.perSecond, r.set = n, true
	return nil
}
