package simulator

import (
	"crypto/rsa"
	"io"
	"log/slog"
	"time"

	"github.com/tutti-chat/tutti/internal/record"
	"github.com/tutti-chat/tutti/simulator/scenario"
)

// Options configure a simulator. The zero value runs the "demo" scenario at
// real speed with a real pod's limits.
type Options struct {
	// Scenario names the company and its activity: "demo" (default),
	// "busy", "quiet" (see package scenario), or "empty": the service
	// account and three colleagues, no stream, no activity.
	Scenario string
	// Seed makes the scenario reproducible.
	Seed int64
	// Speed scales the scenario's live delays, or a replay's pace: 2 runs
	// twice as fast. Zero or negative means 1.
	Speed float64
	// NoLive loads the company and its history but plays no live action.
	NoLive bool
	// Scale sizes the "scale" scenario (rooms, people, live rate); other
	// scenarios ignore it.
	Scale scenario.ScaleOptions
	// Humans are the usernames of people who log in to the pod with RSA
	// keys the simulator generates (Server.Humans), to talk to the service
	// account as people do: each is the scenario's user of that username,
	// or a new person of the account's company; each has an IM with the
	// service account. A replay refuses them.
	Humans []string
	// LabRoom, with the "empty" scenario, names a room the pod starts
	// with: the service account and the Humans own it, the account's
	// colleagues are members. Other scenarios ignore it.
	LabRoom string

	// RTT delays every answer of the pod, agent and key manager by this
	// much, as a pod far away does: half before the call is handled, half
	// before its answer is written (so a long poll takes its wait plus the
	// RTT). Zero answers at once.
	RTT time.Duration
	// RateLimit is how many calls a second each session may make, with a
	// burst of as many (a token bucket per session token); datafeed reads
	// and logins are not counted. Beyond it a call is answered
	// 429 with a Retry-After in whole seconds. Symphony publishes no
	// numbers (each pod's administrator sets its limits), so this is a
	// model. Zero takes the scenario's default (DefaultScaleRateLimit for
	// "scale", none otherwise); negative means no limit.
	RateLimit float64

	// Replay, when set, makes the server a replay of a recording (package
	// record) instead of a scenario: the recorded session user is the
	// service account (it logs in with PrivateKey), the datafeeds deliver
	// the recorded batches at their recorded pace divided by Speed, history
	// answers from the recorded messages as they stood at that point of
	// the recording, and the session, streams list, users, stream and room
	// info answer what was recorded. Times are moved to the replay's: the
	// recording's start is the server's start. Message creation is refused
	// (403). Scenario, Seed and NoLive are ignored.
	Replay *record.Recording
	// ReplayLoop starts the recording over when it ends, the messages it
	// sent renamed on every pass so that a client sees them as new.
	ReplayLoop bool

	// SessionTTL is the lifetime of session and key-manager tokens
	// (default 2h); an expired token is answered 401 until a new login.
	SessionTTL time.Duration
	// FeedTTL is how long a datafeed v2 survives without a read (default
	// 30 min, like the real service).
	FeedTTL time.Duration
	// LongPoll is how long a datafeed read waits for events (default 30 s).
	LongPoll time.Duration
	// V1Capacity is the number of unread events past which a datafeed v1
	// expires (default 250).
	V1Capacity int
	// MaxFeedsPerUser is the number of active datafeeds a user may have,
	// per datafeed version (default 20).
	MaxFeedsPerUser int

	// TLS serves HTTPS with a certificate for 127.0.0.1, ::1 and localhost,
	// issued by a CA generated at start (Server.CACertPEM).
	TLS bool
	// Faults is a schedule of injected failures (see ParseFaults).
	Faults Faults
	// Ledger, when set, receives every event generated for the service
	// account's datafeeds, one V4Event JSON per line, in order, from the
	// creation of the account's first datafeed on.
	Ledger io.Writer
	// Clock gives the pod's time (default time.Now): message and event
	// timestamps, token and feed expiry. Waits use real time.
	Clock func() time.Time
	// Logger receives the simulator's logs; nil discards them.
	Logger *slog.Logger

	// PrivateKey is the service account's key; nil generates an RSA 2048
	// key at start.
	PrivateKey *rsa.PrivateKey
	// SigningKey signs the session tokens; nil generates one at start.
	SigningKey *rsa.PrivateKey
}

// Defaults of Options.
const (
	DefaultScenario        = "demo"
	DefaultSessionTTL      = 2 * time.Hour
	DefaultFeedTTL         = 30 * time.Minute
	DefaultLongPoll        = 30 * time.Second
	DefaultV1Capacity      = 250
	DefaultMaxFeedsPerUser = 20
	DefaultScaleRateLimit  = 100
)

// withDefaults returns o with every zero field set to its default.
func (o Options) withDefaults() Options {
	if o.Scenario == "" {
		o.Scenario = DefaultScenario
	}
	if o.Speed <= 0 {
		o.Speed = 1
	}
	if o.SessionTTL <= 0 {
		o.SessionTTL = DefaultSessionTTL
	}
	if o.FeedTTL <= 0 {
		o.FeedTTL = DefaultFeedTTL
	}
	if o.LongPoll <= 0 {
		o.LongPoll = DefaultLongPoll
	}
	if o.V1Capacity <= 0 {
		o.V1Capacity = DefaultV1Capacity
	}
	if o.MaxFeedsPerUser <= 0 {
		o.MaxFeedsPerUser = DefaultMaxFeedsPerUser
	}
	if o.RateLimit == 0 && o.Scenario == scenario.Scale {
		o.RateLimit = DefaultScaleRateLimit
	}
	if o.Clock == nil {
		o.Clock = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o
}
