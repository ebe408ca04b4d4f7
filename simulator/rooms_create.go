package simulator

import (
	"net/http"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/tutti-chat/tutti/symphony"
)

// maxRoomName is the length a room name must stay under, in characters.
const maxRoomName = 50

// handleRoomCreate answers POST /pod/v3/room/create: the caller creates a
// room of which it is the only member and the owner, and gets ROOMCREATED.
func (s *Server) handleRoomCreate(w http.ResponseWriter, r *http.Request, c caller) {
	var attrs symphony.V3RoomAttributes
	if err := decodeJSON(w, r, &attrs, false); err != nil {
		writeErr(w, err)
		return
	}
	now := s.now()
	answerViewLocked(s, w, func(st *state) (*stream, error) {
		return st.createRoomFor(c.user, attrs, now)
	}, roomDetail)
}

// createRoomFor creates the room attrs describe, owned by actor, as the
// pod's room create does: a name is required, under 50 characters and
// unlike every other room's (see sameRoomName), and the attributes must
// agree with each other (see checkRoomKind). The sub-type and the group
// chat flag are ignored, as the pod ignores them; a room is multilateral
// only by its members' companies, which the simulator does not model.
func (s *state) createRoomFor(actor *user, attrs symphony.V3RoomAttributes, ts time.Time) (*stream, error) {
	name := strings.TrimSpace(attrs.Name)
	if err := s.checkRoomName(name, nil); err != nil {
		return nil, err
	}
	if err := checkKeywords(attrs.Keywords); err != nil {
		return nil, err
	}
	if err := checkRoomKind(attrs.Public, attrs.CrossPod, attrs.Discoverable, attrs.MembersCanInvite,
		attrs.ViewHistory, attrs.ReadOnly); err != nil {
		return nil, err
	}
	if attrs.PinnedMessageID != "" {
		return nil, badRequest("The message %s is not in the room", attrs.PinnedMessageID)
	}
	st := &stream{
		id: newMessageID(), kind: symphony.StreamRoom, created: ts, creator: actor.id, active: true,
		members: map[int64]*member{actor.id: {owner: true, joined: ts}},
		name:    name, description: attrs.Description, keywords: append([]symphony.RoomTag(nil), attrs.Keywords...),
		public: attrs.Public, readOnly: attrs.ReadOnly, external: attrs.CrossPod, crossPod: attrs.CrossPod,
		copyProtected: attrs.CopyProtected, discoverable: attrs.Discoverable,
		membersCanInvite: attrs.MembersCanInvite, viewHistory: attrs.ViewHistory,
		scheduledMeeting: attrs.ScheduledMeeting,
	}
	s.streams[st.id] = st
	ev := s.newEvent(symphony.EventRoomCreated, actor.id, ts)
	ev.Payload.RoomCreated = &symphony.V4RoomCreated{Stream: roomStream(st), RoomProperties: s.roomProperties(st)}
	s.emit(ts, ev, actor.id)
	return st, nil
}

// checkRoomName checks the name of a new or renamed room (self, nil for a
// new one): present, under maxRoomName characters, and the name of no
// other room.
func (s *state) checkRoomName(name string, self *stream) error {
	switch {
	case name == "":
		return badRequest("The room name is required")
	case utf8.RuneCountInString(name) >= maxRoomName:
		return badRequest("The room name must be shorter than %d characters", maxRoomName)
	}
	for _, st := range s.streams {
		if st != self && st.kind == symphony.StreamRoom && sameRoomName(st.name, name) {
			return badRequest("A room named %q already exists", st.name)
		}
	}
	return nil
}

// sameRoomName reports whether two room names are the same for the pod:
// names differing only in case and whitespace are ("room1" and "R O O M 1").
func sameRoomName(a, b string) bool {
	return roomNameKey(a) == roomNameKey(b)
}

// roomNameKey is a room name without whitespace, in lower case.
func roomNameKey(name string) string {
	return strings.ToLower(strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, name))
}

// checkKeywords checks a room's keywords: each has a key and a value.
func checkKeywords(tags []symphony.RoomTag) error {
	for _, t := range tags {
		if strings.TrimSpace(t.Key) == "" || strings.TrimSpace(t.Value) == "" {
			return badRequest("A room keyword needs a key and a value")
		}
	}
	return nil
}

// checkRoomKind checks the attributes that go with a room's kind: a public
// room is discoverable, lets members invite and shows its history; a
// cross-pod room is neither public, nor discoverable, nor read-only.
func checkRoomKind(public, crossPod, discoverable, membersCanInvite, viewHistory, readOnly bool) error {
	switch {
	case public && (!discoverable || !membersCanInvite || !viewHistory):
		return badRequest("A public room must be discoverable, let its members invite and show its history")
	case crossPod && (public || discoverable || readOnly):
		return badRequest("A cross-pod room cannot be public, discoverable or read-only")
	}
	return nil
}
