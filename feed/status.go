package feed

import (
	"strconv"
	"time"

	"github.com/tutti-chat/tutti/symphony"
)

// State of the feed.
type State int

// The states of a feed, in the order a healthy run goes through the first
// two.
const (
	// Connecting: Run has started and is finding or creating the feed.
	Connecting State = iota + 1
	// Live: the last read succeeded.
	Live
	// Reconnecting: a call failed with a retryable error (5xx, 429,
	// network); Run waits until Status.NextTry and tries again.
	Reconnecting
	// Reauthenticating: a call was refused with 401 even after the client's
	// own re-login; Run logs in again, keeps the feed and backs off.
	Reauthenticating
	// Recreated: the feed died (400 on read) and a new one replaced it;
	// events between Status.GapFrom and Status.GapTo may have been lost.
	Recreated
	// Stopped: the feed stopped for good; Status.Err says why and Run
	// returns it.
	Stopped
	// Opened: the feed to read is chosen (found, created, or kept from an
	// earlier run) and its first read is about to begin, so everything
	// that happens from now on reaches it: a consumer may start its
	// back-fill from history. Sent once, between Connecting and the first
	// Live; a feed that replaces a dead one is reported Recreated instead.
	Opened
)

var stateNames = [...]string{
	Connecting:       "connecting",
	Live:             "live",
	Reconnecting:     "reconnecting",
	Reauthenticating: "reauthenticating",
	Recreated:        "recreated",
	Stopped:          "stopped",
	Opened:           "opened",
}

// String returns the state's name in lower case, e.g. "reconnecting".
func (s State) String() string {
	if s >= Connecting && int(s) < len(stateNames) {
		return stateNames[s]
	}
	return "State(" + strconv.Itoa(int(s)) + ")"
}

// Status is a change of the feed's state.
type Status struct {
	State   State
	Version string // "v1" or "v2": the datafeed version in use (after a fallback)
	FeedID  string // the feed in use ("" before one is found or created)
	// Attempt counts the consecutive failed calls (1 for the first);
	// set when Reconnecting or Reauthenticating.
	Attempt int
	// NextTry is when the next attempt happens; set when Reconnecting or
	// Reauthenticating.
	NextTry time.Time
	// Err is the cause: set when Reconnecting, Reauthenticating, Recreated
	// and Stopped.
	Err error
	// GapFrom and GapTo, set when Recreated, bound the time in which events
	// may have been lost: from the last event known to have been read from
	// the old feed (see the package comment) to when the new feed was
	// created.
	GapFrom, GapTo time.Time
	// OtherFeeds, set when Opened on datafeed v2, counts the account's
	// other datafeeds v2: other readers' (a bot's, another tutti's), which
	// Run never reads. -1 when they could not be listed.
	OtherFeeds int
}

// Update is what Run sends: exactly one of Events (a whole batch, never
// empty), Status, or Idle.
type Update struct {
	Events []symphony.V4Event
	Status *Status
	// Idle says the feed is drained: a read found no event after reads that
	// did (sent once each time the feed runs dry).
	Idle bool
	At   time.Time // when the batch was received or the status changed
}
