package simulator

import (
	"cmp"
	"crypto/rsa"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tutti-chat/tutti/symphony"
)

// StreamSummary describes a stream of the pod, for tests and the command
// line.
type StreamSummary struct {
	ID       string    `json:"id"`
	Type     string    `json:"type"` // IM, MIM, ROOM, POST
	Name     string    `json:"name,omitempty"`
	Members  []int64   `json:"members"`
	Owners   []int64   `json:"owners,omitempty"`
	Active   bool      `json:"active"`
	Created  time.Time `json:"created"`
	Messages int       `json:"messages"` // not suppressed
}

// Users returns every user of the pod and the external users it knows,
// ordered by id.
func (s *Server) Users() []symphony.UserV2 {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]symphony.UserV2, 0, len(s.st.users))
	for _, u := range s.st.users {
		out = append(out, u.v2())
	}
	slices.SortFunc(out, func(a, b symphony.UserV2) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// UserByUsername returns the user with that username.
func (s *Server) UserByUsername(username string) (symphony.UserV2, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.st.userByName(username)
	if u == nil {
		return symphony.UserV2{}, false
	}
	return u.v2(), true
}

// Streams returns every stream of the pod by creation date.
func (s *Server) Streams() []StreamSummary {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]StreamSummary, 0, len(s.st.streams))
	for _, st := range s.st.streams {
		n := 0
		for _, m := range st.msgs {
			if !m.suppressed {
				n++
			}
		}
		out = append(out, StreamSummary{
			ID: st.id, Type: st.kind, Name: st.name, Members: st.memberIDs(), Owners: st.ownerIDs(),
			Active: st.active, Created: st.created, Messages: n,
		})
	}
	slices.SortFunc(out, func(a, b StreamSummary) int {
		return cmp.Or(a.Created.Compare(b.Created), strings.Compare(a.ID, b.ID))
	})
	return out
}

// Message returns a stored message by id (either base64 alphabet),
// suppressed ones included.
func (s *Server) Message(id string) (symphony.V4Message, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.st.messages[symphony.CanonicalID(id)]
	if m == nil {
		return symphony.V4Message{}, false
	}
	return historyMessage(m), true
}

// MessageID returns the id of the message a scenario action created under
// key.
func (s *Server) MessageID(key string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id, ok := s.st.keys[key]
	return id, ok
}

// AddAccount registers a service account that logs in with pub: the user
// with that username, or a new service account user (UserByUsername finds
// its id).
func (s *Server) AddAccount(username string, pub *rsa.PublicKey) error {
	if strings.TrimSpace(username) == "" || pub == nil {
		return fmt.Errorf("add account: a username and a public key are required")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if u := s.st.userByName(username); u != nil {
		if u.external {
			return fmt.Errorf("add account: %q is a user of another pod", username)
		}
		u.key = pub
		return nil
	}
	id := int64(349026222340000)
	for uid := range s.st.users {
		id = max(id, uid+1)
	}
	s.st.addUser(&user{
		id: id, username: username, firstName: username, displayName: username,
		email: username + "@tutti.example", company: "Tutti", system: true, key: pub,
	})
	return nil
}

// State counts what the pod holds.
type State struct {
	Scenario    string `json:"scenario"`
	Users       int    `json:"users"`
	Accounts    int    `json:"accounts"`
	Rooms       int    `json:"rooms"`
	IMs         int    `json:"ims"`
	Walls       int    `json:"walls"`
	Messages    int    `json:"messages"`
	Sessions    int    `json:"sessions"`
	DatafeedsV2 int    `json:"datafeedsV2"`
	DatafeedsV1 int    `json:"datafeedsV1"`
	Queued      int    `json:"queued"`  // events waiting in datafeeds
	Events      int    `json:"events"`  // events generated since start
	Ledger      int    `json:"ledger"`  // lines written to the ledger
	Skipped     int    `json:"skipped"` // scenario actions refused as inconsistent
	// Calls counted by the rate limit (datafeed reads are not), and those
	// of them answered 429; both 0 without a limit.
	RateLimited int `json:"rateLimited"`
	RateAllowed int `json:"rateAllowed"`
}

// State returns the counts of the pod's state.
func (s *Server) State() State {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.expireFeeds(s.now())
	out := State{
		Scenario: s.opts.Scenario, Users: len(s.st.users), Messages: len(s.st.messages),
		Sessions: len(s.st.sessions), DatafeedsV2: len(s.st.feeds), DatafeedsV1: len(s.st.feedsV1),
		Events: s.st.events, Ledger: s.st.ledger.n, Skipped: s.st.skipped,
	}
	for _, u := range s.st.users {
		if u.key != nil {
			out.Accounts++
		}
	}
	for _, st := range s.st.streams {
		switch st.kind {
		case symphony.StreamRoom:
			out.Rooms++
		case symphony.StreamPost:
			out.Walls++
		default:
			out.IMs++
		}
	}
	for _, f := range s.st.feeds {
		out.Queued += len(f.queue) + len(f.inflight)
	}
	for _, f := range s.st.feedsV1 {
		out.Queued += len(f.queue)
	}
	if s.limiter != nil {
		out.RateAllowed, out.RateLimited = s.limiter.counts()
	}
	return out
}
