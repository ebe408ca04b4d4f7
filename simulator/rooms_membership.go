package simulator

import (
	"net/http"
	"time"

	"github.com/tutti-chat/tutti/symphony"
)

// membershipChange is one of the room membership calls: it changes the
// membership of target in a room as actor asks, emits its event and
// returns the message of the answer.
type membershipChange func(s *state, roomID string, actor *user, target int64, ts time.Time) (string, error)

// handleMembership answers a room membership call, POST
// /pod/v1/room/{id}/membership/<verb> with a UserId body, by change.
func (s *Server) handleMembership(change membershipChange) authHandler {
	return func(w http.ResponseWriter, r *http.Request, c caller) {
		var body symphony.UserID
		if err := decodeJSON(w, r, &body, false); err != nil {
			writeErr(w, err)
			return
		}
		if body.ID == 0 {
			writeErr(w, badRequest("The user id is required"))
			return
		}
		now := s.now()
		answerLocked(s, w, func(st *state) (symphony.SuccessResponse, error) {
			msg, err := change(st, r.PathValue("id"), c.user, body.ID, now)
			return textSuccess(msg), err
		})
	}
}

// notMember is the 400 of a membership call naming a user who is not a
// member of the room.
func notMember(target int64) *apiError {
	return badRequest("The user %d is not a member of the room", target)
}

// membershipOf finds the room and the user of a membership call of actor
// naming target: a room actor may see and, as allowed says, change (403
// otherwise), and a user the pod knows (400 otherwise).
func (s *state) membershipOf(roomID string, actor *user, target int64, allowed func(st *stream) bool) (*stream, *user, error) {
	st, err := s.roomOf(roomID, actor.id)
	if err != nil {
		return nil, nil, err
	}
	if !allowed(st) {
		return nil, nil, forbidden()
	}
	u := s.users[target]
	if u == nil {
		return nil, nil, badRequest("The user %d does not exist", target)
	}
	return st, u, nil
}

// addMember adds target to the room, as POST .../membership/add: owners
// may add anyone; members when the room lets its members invite; anyone
// may add themselves to a public room (join it). A deactivated room takes
// no member; a user of another pod goes only into a cross-pod room, once
// connected with the caller. A member already there is left as is (200,
// no event). Every member, the new one included, gets USERJOINEDROOM.
func addMember(s *state, roomID string, actor *user, target int64, ts time.Time) (string, error) {
	st, u, err := s.membershipOf(roomID, actor, target, func(st *stream) bool {
		switch {
		case st.isOwner(actor.id):
			return true
		case st.isMember(actor.id):
			return st.membersCanInvite
		default:
			return st.public && target == actor.id
		}
	})
	if err != nil {
		return "", err
	}
	switch {
	case !st.active:
		return "", badRequest("Cannot add member to a deactivated room")
	case st.isMember(target):
		return "Member already part of the room", nil
	case u.external && !st.crossPod:
		return "", badRequest("The user %d belongs to another pod: only a cross-pod room can take them", target)
	case u.external && !s.connectedWith(actor.id, target):
		return "", badRequest("The user %d belongs to another pod and is not connected with user %d", target, actor.id)
	}
	st.members[target] = &member{joined: ts}
	ev := s.newEvent(symphony.EventUserJoinedRoom, actor.id, ts)
	ev.Payload.UserJoinedRoom = &symphony.V4UserJoinedRoom{Stream: roomStream(st), AffectedUser: u.v4()}
	s.emit(ts, ev, st.recipients()...)
	return "Member added", nil
}

// connectedWith reports whether a and b have an accepted connection.
func (s *state) connectedWith(a, b int64) bool {
	cn := s.connections[connectionKey(a, b)]
	return cn != nil && cn.status == connAccepted
}

// removeMember removes target from the room, as POST
// .../membership/remove: owners may remove anyone, anyone may remove
// themselves (leave). A deactivated room keeps its members. The pod lets
// the last owner go, leaving the room without one, and so does the
// simulator. The members, the removed one included, get USERLEFTROOM.
func removeMember(s *state, roomID string, actor *user, target int64, ts time.Time) (string, error) {
	st, u, err := s.membershipOf(roomID, actor, target, func(st *stream) bool {
		return st.isOwner(actor.id) || target == actor.id
	})
	if err != nil {
		return "", err
	}
	switch {
	case !st.active:
		return "", badRequest("Cannot remove member from a deactivated room")
	case !st.isMember(target):
		return "", notMember(target)
	}
	recipients := st.recipients()
	delete(st.members, target)
	ev := s.newEvent(symphony.EventUserLeftRoom, actor.id, ts)
	ev.Payload.UserLeftRoom = &symphony.V4UserLeftRoom{Stream: roomStream(st), AffectedUser: u.v4()}
	s.emit(ts, ev, recipients...)
	return "Member removed", nil
}

// promoteOwner makes target, a member, an owner of the room, as POST
// .../membership/promoteOwner: only owners may, deactivated room or not
// (the only way to give an orphan room an owner). An owner already is left
// as is (200, no event). The members get ROOMMEMBERPROMOTEDTOOWNER.
func promoteOwner(s *state, roomID string, actor *user, target int64, ts time.Time) (string, error) {
	st, u, m, err := s.ownerChange(roomID, actor, target)
	if err != nil {
		return "", err
	}
	if m.owner {
		return "Member is already an owner", nil
	}
	m.owner = true
	ev := s.newEvent(symphony.EventRoomMemberPromotedToOwner, actor.id, ts)
	ev.Payload.RoomMemberPromotedToOwner = &symphony.V4RoomMemberPromotedToOwner{Stream: roomStream(st), AffectedUser: u.v4()}
	s.emit(ts, ev, st.recipients()...)
	return "Member promoted to owner", nil
}

// demoteOwner makes target, an owner, a plain member of the room, as POST
// .../membership/demoteOwner: only owners may, and the last owner stays
// one. A member who is no owner is left as is (200, no event). The members
// get ROOMMEMBERDEMOTEDFROMOWNER.
func demoteOwner(s *state, roomID string, actor *user, target int64, ts time.Time) (string, error) {
	st, u, m, err := s.ownerChange(roomID, actor, target)
	if err != nil {
		return "", err
	}
	switch {
	case !m.owner:
		return "Member is not an owner", nil
	case len(st.ownerIDs()) == 1:
		return "", badRequest("The user %d is the last owner of the room: promote another member first", target)
	}
	m.owner = false
	ev := s.newEvent(symphony.EventRoomMemberDemotedFromOwner, actor.id, ts)
	ev.Payload.RoomMemberDemotedFromOwner = &symphony.V4RoomMemberDemotedFromOwner{Stream: roomStream(st), AffectedUser: u.v4()}
	s.emit(ts, ev, st.recipients()...)
	return "Owner demoted", nil
}

// ownerChange finds the room, the user and the membership of a promotion
// or demotion that actor, an owner, asks for.
func (s *state) ownerChange(roomID string, actor *user, target int64) (*stream, *user, *member, error) {
	st, u, err := s.membershipOf(roomID, actor, target, func(st *stream) bool { return st.isOwner(actor.id) })
	if err != nil {
		return nil, nil, nil, err
	}
	m := st.members[target]
	if m == nil {
		return nil, nil, nil, notMember(target)
	}
	return st, u, m, nil
}
