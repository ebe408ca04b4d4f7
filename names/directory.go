package names

import (
	"fmt"
	"iter"
	"slices"
	"sort"
	"strings"

	"github.com/tutti-chat/tutti/internal/sanitize"
	"github.com/tutti-chat/tutti/messageml"
	"github.com/tutti-chat/tutti/symphony"
)

// Directory holds the names of users, rooms and conversations that the
// client has learned. The zero value is not usable: call New.
type Directory struct {
	me      int64
	users   map[int64]user
	emails  map[string]int64   // user ids by lower-case e-mail address
	rooms   map[string]string  // canonical stream id → sanitised room name
	members map[string][]int64 // canonical IM/MIM id → members
	types   map[string]string  // canonical stream id → stream type (symphony.StreamIM…)
	gen     int
}

// user is one user's name and where it came from.
type user struct {
	raw      string // as the source gave it: the same again needs no sanitising
	name     string // sanitised
	lookedUp bool   // from a lookup: an event's copy does not replace it
}

// New returns an empty directory.
func New() *Directory {
	return &Directory{
		users:   map[int64]user{},
		emails:  map[string]int64{},
		rooms:   map[string]string{},
		members: map[string][]int64{},
		types:   map[string]string{},
	}
}

// SetMe records the reader's own user id: conversations are named after
// their other members.
func (d *Directory) SetMe(id int64) { d.me = id }

// Me returns the reader's user id, 0 when unknown.
func (d *Directory) Me() int64 { return d.me }

// Generation changes whenever a user's name is learned or changes: what
// shows names and was laid out at another generation is laid out again.
func (d *Directory) Generation() int { return d.gen }

// LookedUp takes the user records of a lookup (a session info, a user
// lookup of the pod): authoritative, they replace any name seen before.
func (d *Directory) LookedUp(users ...symphony.UserV2) {
	for _, u := range users {
		d.set(u.ID, DisplayName(u.DisplayName, u.FirstName, u.LastName, u.Username), true)
		d.setEmail(u.ID, u.EmailAddress)
	}
}

// Set gives a user a name as a lookup would: the caller knows it for sure
// (a name given at start, a test).
func (d *Directory) Set(id int64, name string) { d.set(id, name, true) }

// LearnUser takes the name and e-mail address an event or a message
// carries for a user; a looked-up name is kept.
func (d *Directory) LearnUser(u *symphony.V4User) {
	if u == nil || u.UserID == 0 {
		return
	}
	d.setEmail(u.UserID, u.Email)
	d.set(u.UserID, DisplayName(u.DisplayName, u.FirstName, u.LastName, u.Username), false)
}

// set records name for id, unless it is empty, or carried (not lookedUp)
// while a looked-up name is known.
func (d *Directory) set(id int64, name string, lookedUp bool) {
	if id == 0 || name == "" {
		return
	}
	old, known := d.users[id]
	switch {
	case known && old.lookedUp && !lookedUp:
		return
	case known && old.raw == name:
		if lookedUp && !old.lookedUp {
			old.lookedUp = true
			d.users[id] = old
		}
		return
	}
	clean := sanitize.Name(name)
	d.users[id] = user{raw: name, name: clean, lookedUp: lookedUp || old.lookedUp}
	if !known || old.name != clean {
		d.gen++
	}
}

func (d *Directory) setEmail(id int64, email string) {
	if email != "" {
		d.emails[strings.ToLower(email)] = id
	}
}

// Learn takes the names an event carries: its initiator's, its message
// author's, its stream's room name and members, a created or renamed
// room's, and those of the users it affects.
func (d *Directory) Learn(ev *symphony.V4Event) {
	if ev.Initiator != nil {
		d.LearnUser(ev.Initiator.User)
	}
	if st := ev.Stream(); st != nil {
		d.LearnStream(st)
	}
	if m := ev.Message(); m != nil {
		d.LearnUser(m.User)
	}
	p := ev.Payload
	if p == nil {
		return
	}
	if r := p.RoomCreated; r != nil && r.Stream != nil && r.RoomProperties != nil {
		d.setRoom(r.Stream.StreamID, r.RoomProperties.Name)
	}
	if r := p.RoomUpdated; r != nil && r.Stream != nil && r.NewRoomProperties != nil {
		d.setRoom(r.Stream.StreamID, r.NewRoomProperties.Name)
	}
	for _, u := range p.AffectedUsers() {
		d.LearnUser(u)
	}
}

// LearnStream takes a stream's type, its room name, and its members with
// their names, as an event carries them.
func (d *Directory) LearnStream(st *symphony.V4Stream) {
	d.setType(st.StreamID, st.StreamType)
	d.setRoom(st.StreamID, st.RoomName)
	if len(st.Members) == 0 {
		return
	}
	ms := make([]int64, 0, len(st.Members))
	for _, u := range st.Members {
		if u != nil {
			d.LearnUser(u)
			ms = append(ms, u.UserID)
		}
	}
	d.members[symphony.CanonicalID(st.StreamID)] = ms
}

// LearnStreams takes the types, the room names and the members of the
// account's streams list.
func (d *Directory) LearnStreams(list []symphony.StreamAttributes) {
	for _, s := range list {
		d.setType(s.ID, s.StreamType.Type)
		if s.RoomAttributes != nil {
			d.setRoom(s.ID, s.RoomAttributes.Name)
		}
		if s.StreamAttributes != nil {
			d.members[symphony.CanonicalID(s.ID)] = s.StreamAttributes.Members
		}
	}
}

// setType records the type of a stream; "" tells nothing.
func (d *Directory) setType(streamID, typ string) {
	if streamID != "" && typ != "" {
		d.types[symphony.CanonicalID(streamID)] = typ
	}
}

func (d *Directory) setRoom(streamID, name string) {
	if streamID != "" && name != "" {
		d.rooms[symphony.CanonicalID(streamID)] = sanitize.Name(name)
	}
}

// Members returns the user ids of every member of the account's
// conversations, each once, sorted: the users to look up at start.
func (d *Directory) Members() []int64 {
	seen := map[int64]bool{}
	var ids []int64
	for _, ms := range d.members {
		for _, id := range ms {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids
}

// DisplayName picks the best name a user record has: the display name,
// else the first and last names, else the username.
func DisplayName(display, first, last, username string) string {
	switch {
	case display != "":
		return display
	case first != "" || last != "":
		return strings.TrimSpace(first + " " + last)
	}
	return username
}

// Name returns the name of the user of id, and whether one is known.
func (d *Directory) Name(id int64) (string, bool) {
	u, ok := d.users[id]
	return u.name, ok
}

// User returns a user's name: the directory's, else the record's own,
// else "user <id>"; "someone" for no user.
func (d *Directory) User(u *symphony.V4User) string {
	if u == nil {
		return "someone"
	}
	if n, ok := d.users[u.UserID]; ok {
		return n.name
	}
	if n := DisplayName(u.DisplayName, u.FirstName, u.LastName, u.Username); n != "" {
		return sanitize.Name(n)
	}
	return fmt.Sprintf("user %d", u.UserID)
}

// Users yields every user with a known name, in no particular order.
func (d *Directory) Users() iter.Seq2[int64, string] {
	return func(yield func(int64, string) bool) {
		for id, u := range d.users {
			if !yield(id, u.name) {
				return
			}
		}
	}
}

// Room returns the name of the room of streamID, and whether it is known.
func (d *Directory) Room(streamID string) (string, bool) {
	n, ok := d.rooms[symphony.CanonicalID(streamID)]
	return n, ok
}

// Title returns what a stream is called: a room's name, or for a
// conversation the names of its other members, sorted and joined by
// commas; "" when neither is known.
func (d *Directory) Title(streamID string) string {
	id := symphony.CanonicalID(streamID)
	if n, ok := d.rooms[id]; ok {
		return n
	}
	var names []string
	for _, m := range d.members[id] {
		if m != d.me {
			names = append(names, d.User(&symphony.V4User{UserID: m}))
		}
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// StreamType returns the type of a stream as the streams list or an event
// gave it (symphony.StreamIM, StreamMIM, StreamRoom or StreamPost); ""
// when unknown.
func (d *Directory) StreamType(streamID string) string {
	return d.types[symphony.CanonicalID(streamID)]
}

// StreamName returns a stream's name on one line as tail prints it: the
// room's name; the other members' names after the kind of conversation,
// "IM " (two people), "MIM " (more) or "wall " (a user's posts); or
// "stream " and the start of its id; "" for no stream.
func (d *Directory) StreamName(streamID string) string {
	if streamID == "" {
		return ""
	}
	if n, ok := d.Room(streamID); ok {
		return n
	}
	if t := d.Title(streamID); t != "" {
		return d.conversationKind(streamID) + " " + t
	}
	return "stream " + streamID[:min(8, len(streamID))]
}

// conversationKind is how StreamName labels a stream without a room name:
// by its type, or when that is unknown by its members, an IM having two.
func (d *Directory) conversationKind(streamID string) string {
	id := symphony.CanonicalID(streamID)
	switch d.types[id] {
	case symphony.StreamIM:
		return "IM"
	case symphony.StreamMIM:
		return "MIM"
	case symphony.StreamPost:
		return "wall"
	case symphony.StreamRoom:
		return "room"
	}
	if len(d.members[id]) > 2 {
		return "MIM"
	}
	return "IM"
}

// UserByID returns the user of id (messageml.Resolver).
func (d *Directory) UserByID(id int64) (messageml.User, bool) {
	n, ok := d.users[id]
	if !ok {
		return messageml.User{}, false
	}
	return messageml.User{ID: id, DisplayName: n.name}, true
}

// UserByEmail returns the user of an e-mail address the directory has
// seen (messageml.Resolver).
func (d *Directory) UserByEmail(email string) (messageml.User, bool) {
	id, ok := d.emails[strings.ToLower(email)]
	if !ok {
		return messageml.User{}, false
	}
	return messageml.User{ID: id, DisplayName: d.users[id].name, Email: email}, true
}

// UserByName returns the user whose display name is name, ignoring case;
// of several, the one with the smallest id, so the answer is stable
// (messageml.Directory).
func (d *Directory) UserByName(name string) (messageml.User, bool) {
	var best int64
	found := false
	for id, u := range d.users {
		if strings.EqualFold(u.name, name) && (!found || id < best) {
			best, found = id, true
		}
	}
	if !found {
		return messageml.User{}, false
	}
	return messageml.User{ID: best, DisplayName: d.users[best].name}, true
}

// StreamMembers returns the members of an IM or MIM as the streams list or
// an event gave them, the reader included; nil when unknown.
func (d *Directory) StreamMembers(streamID string) []int64 {
	return slices.Clone(d.members[symphony.CanonicalID(streamID)])
}
