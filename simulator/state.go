package simulator

import (
	"cmp"
	"crypto/rsa"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tutti-chat/tutti/symphony"
)

// user is a person or service account of the pod, or a user of another
// pod (external) visible in the directory.
type user struct {
	id          int64
	username    string
	firstName   string
	lastName    string
	displayName string
	email       string
	title       string
	company     string
	department  string
	location    string
	system      bool           // a service account (accountType SYSTEM)
	external    bool           // a user of another pod
	key         *rsa.PublicKey // set for accounts that can log in
	provisioner bool           // holds the USER_PROVISIONING role (user_roles.go)
}

// v4 returns the user as events carry it.
func (u *user) v4() *symphony.V4User {
	return &symphony.V4User{
		UserID: u.id, FirstName: u.firstName, LastName: u.lastName,
		DisplayName: u.displayName, Email: u.email, Username: u.username,
	}
}

// v2 returns the user's pod record.
func (u *user) v2() symphony.UserV2 {
	out := symphony.UserV2{
		ID: u.id, EmailAddress: u.email, FirstName: u.firstName, LastName: u.lastName,
		DisplayName: u.displayName, Title: u.title, Company: u.company, Username: u.username,
		AccountType: "NORMAL",
		Avatars: []symphony.Avatar{
			{Size: "original", URL: "../avatars/static/150/default.png"},
			{Size: "small", URL: "../avatars/static/50/default.png"},
		},
	}
	if u.system {
		out.AccountType = "SYSTEM"
	}
	if !u.external {
		out.Department = u.department
		out.Location = u.location
		out.Roles = u.roleNames()
	}
	return out
}

// member is a user's membership of a stream.
type member struct {
	owner  bool
	joined time.Time
}

// stream is an IM, a MIM, a room or a wall (POST).
type stream struct {
	id      string // canonical
	kind    string // symphony.StreamIM, StreamMIM, StreamRoom, StreamPost
	created time.Time
	creator int64
	active  bool
	members map[int64]*member

	// rooms only
	name             string
	description      string
	keywords         []symphony.RoomTag
	public           bool
	readOnly         bool
	external         bool
	crossPod         bool
	copyProtected    bool
	discoverable     bool
	membersCanInvite bool
	viewHistory      bool
	scheduledMeeting bool
	pinned           string // the pinned message's id, "" for none

	msgs        []*message // sorted by (timestamp, id), suppressed ones included
	lastMessage int64      // timestamp of the latest message, ms
}

// isMember reports whether u is a current member of the stream.
func (st *stream) isMember(u int64) bool { _, ok := st.members[u]; return ok }

// sees reports whether u, a member of the stream, may read its message m:
// in a room whose new members cannot view its history (viewHistory
// false), only what was sent since u joined.
func (st *stream) sees(u int64, m *message) bool {
	mem, ok := st.members[u]
	if !ok {
		return false
	}
	return st.kind != symphony.StreamRoom || st.viewHistory || m.msg.Timestamp >= mem.joined.UnixMilli()
}

// isOwner reports whether u owns the stream (a room owner).
func (st *stream) isOwner(u int64) bool { m, ok := st.members[u]; return ok && m.owner }

// memberIDs returns the member ids ordered by join date, then id.
func (st *stream) memberIDs() []int64 {
	ids := make([]int64, 0, len(st.members))
	for id := range st.members {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b int64) int {
		if c := st.members[a].joined.Compare(st.members[b].joined); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	return ids
}

// recipients returns the member ids in no particular order: who receives
// the stream's events (emit sorts them itself).
func (st *stream) recipients() []int64 {
	ids := make([]int64, 0, len(st.members))
	for id := range st.members {
		ids = append(ids, id)
	}
	return ids
}

// ownerIDs returns the owners, in the order of memberIDs.
func (st *stream) ownerIDs() []int64 {
	var out []int64
	for _, id := range st.memberIDs() {
		if st.members[id].owner {
			out = append(out, id)
		}
	}
	return out
}

// v4 returns the stream as message events carry it.
func (st *stream) v4() *symphony.V4Stream {
	out := &symphony.V4Stream{StreamID: st.id, StreamType: st.kind}
	if st.kind == symphony.StreamRoom {
		out.RoomName = st.name
		out.External = boolPtr(st.external)
		out.CrossPod = boolPtr(st.crossPod)
	}
	return out
}

// insert adds m to the stream's history, keeping it sorted.
func (st *stream) insert(m *message) {
	i, _ := slices.BinarySearchFunc(st.msgs, m, compareMessages)
	st.msgs = slices.Insert(st.msgs, i, m)
	st.lastMessage = max(st.lastMessage, m.msg.Timestamp)
}

// compareMessages orders messages by (timestamp, id).
func compareMessages(a, b *message) int {
	if c := cmp.Compare(a.msg.Timestamp, b.msg.Timestamp); c != 0 {
		return c
	}
	return strings.Compare(a.msg.MessageID, b.msg.MessageID)
}

// message is a stored message. msg.Stream is the stream as history returns
// it; events get their own copy.
type message struct {
	msg         symphony.V4Message
	stream      *stream
	suppressed  bool
	attachments map[string][]byte // attachment id → content
}

// connection is a connection request between two users.
type connection struct {
	from, to         int64
	status           string // PENDING, ACCEPTED, REJECTED (from the pod's view)
	firstRequestedAt time.Time
	updatedAt        time.Time
	counter          int32
}

// Connection states of the pod's view; the caller's view adds a direction.
const (
	connPending  = "PENDING"
	connAccepted = symphony.ConnectionAccepted
	connRejected = symphony.ConnectionRejected
)

// session is a login: a session token and the key-manager token of the
// same login share one.
type session struct {
	user    int64
	expires time.Time
}

// state is everything the pod knows. Every method needs Server.mu.
type state struct {
	account    int64 // the primary service account
	users      map[int64]*user
	byUsername map[string]*user // lower-cased
	byEmail    map[string]*user // lower-cased

	streams     map[string]*stream
	ims         map[string]string // sorted member set → IM/MIM stream id
	messages    map[string]*message
	keys        map[string]string // scenario message key → message id
	connections map[[2]int64]*connection
	signals     signalStore // signals and their subscribers (signals.go)

	sessions map[string]*session // session token → session
	kmTokens map[string]*session // key-manager token → session

	feeds       map[string]*feedV2
	feedsV1     map[string]*feedV1
	feedCounter int

	presence presenceState // presences set, interests and presence feeds (presence_set.go)
	follows  followGraph   // who follows whom (users_follow.go)

	replaying bool               // applying history: no datafeed delivery
	backlog   []symphony.V4Event // a replay's events waiting for the account's first datafeed
	events    int                // events generated (not replayed)
	skipped   int                // scenario actions refused as inconsistent
	ledger    *ledger

	feedTTL    time.Duration
	v1Capacity int
	maxFeeds   int
}

// newState returns an empty state with the limits of o.
func newState(o Options) *state {
	return &state{
		feedTTL: o.FeedTTL, v1Capacity: o.V1Capacity, maxFeeds: o.MaxFeedsPerUser,
		users: map[int64]*user{}, byUsername: map[string]*user{}, byEmail: map[string]*user{},
		streams: map[string]*stream{}, ims: map[string]string{}, messages: map[string]*message{},
		keys: map[string]string{}, connections: map[[2]int64]*connection{},
		sessions: map[string]*session{}, kmTokens: map[string]*session{},
		feeds: map[string]*feedV2{}, feedsV1: map[string]*feedV1{},
	}
}

// addUser registers u, replacing any user with the same id.
func (s *state) addUser(u *user) {
	s.users[u.id] = u
	if u.username != "" {
		s.byUsername[strings.ToLower(u.username)] = u
	}
	if u.email != "" {
		s.byEmail[strings.ToLower(u.email)] = u
	}
}

// userByName finds a user by username, case-insensitively.
func (s *state) userByName(name string) *user { return s.byUsername[strings.ToLower(name)] }

// stream finds a stream by id in either base64 alphabet.
func (s *state) stream(id string) *stream { return s.streams[symphony.CanonicalID(id)] }

// imKey is the key of a member set in state.ims.
func imKey(members []int64) string {
	ids := slices.Clone(members)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	var b strings.Builder
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(formatInt(id))
	}
	return b.String()
}

// streamsOf returns the streams u is a member of, by creation ascending.
func (s *state) streamsOf(u int64) []*stream {
	var out []*stream
	for _, st := range s.streams {
		if st.isMember(u) {
			out = append(out, st)
		}
	}
	slices.SortFunc(out, func(a, b *stream) int {
		if c := a.created.Compare(b.created); c != 0 {
			return c
		}
		return strings.Compare(a.id, b.id)
	})
	return out
}

// formatInt formats a user id.
func formatInt(n int64) string { return strconv.FormatInt(n, 10) }

// boolPtr returns a pointer to b.
func boolPtr(b bool) *bool { return &b }
