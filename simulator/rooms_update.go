package simulator

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tutti-chat/tutti/symphony"
)

// handleRoomUpdate answers POST /pod/v3/room/{id}/update: an owner changes
// the attributes the body sets, and the members get ROOMUPDATED.
func (s *Server) handleRoomUpdate(w http.ResponseWriter, r *http.Request, c caller) {
	var up symphony.RoomUpdate
	if err := decodeJSON(w, r, &up, false); err != nil {
		writeErr(w, err)
		return
	}
	now := s.now()
	answerViewLocked(s, w, func(st *state) (*stream, error) {
		return st.updateRoom(r.PathValue("id"), c.user, up, now)
	}, roomDetail)
}

// updateRoom applies up to the room as the pod's room update does: only
// owners may; the attributes of the room's kind (public, cross-pod,
// multilateral, read-only) stay as created, copy protection once set
// stays, a public room stays discoverable and open to invitations, a
// cross-pod room stays hidden from search; the name follows the rules of
// creation; a pinned message is one of the room's. An update that changes
// nothing is refused. The sub-type is gone from the pod and the group chat
// flag ignored, as there.
func (s *state) updateRoom(roomID string, actor *user, up symphony.RoomUpdate, ts time.Time) (*stream, error) {
	st, err := s.ownedRoom(roomID, actor.id)
	if err != nil {
		return nil, err
	}
	next := *st
	changed := false
	if up.Name != nil {
		name := strings.TrimSpace(*up.Name)
		if err := s.checkRoomName(name, st); err != nil {
			return nil, err
		}
		changed = changed || name != st.name
		next.name = name
	}
	if up.Description != nil {
		changed = changed || *up.Description != st.description
		next.description = *up.Description
	}
	if up.Keywords != nil {
		if err := checkKeywords(*up.Keywords); err != nil {
			return nil, err
		}
		changed = changed || !slices.Equal(*up.Keywords, st.keywords)
		next.keywords = slices.Clone(*up.Keywords)
	}
	for _, f := range []struct {
		name string
		set  *bool
		now  bool
	}{
		{"public", up.Public, st.public}, {"crossPod", up.CrossPod, st.crossPod},
		{"readOnly", up.ReadOnly, st.readOnly}, {"multiLateralRoom", up.MultiLateralRoom, false},
	} {
		if f.set != nil && *f.set != f.now {
			return nil, badRequest("The attribute %s of a room cannot be changed", f.name)
		}
	}
	if up.CopyProtected != nil {
		if st.copyProtected && !*up.CopyProtected {
			return nil, badRequest("Copy protection cannot be removed from a room")
		}
		changed = changed || *up.CopyProtected != st.copyProtected
		next.copyProtected = *up.CopyProtected
	}
	for _, f := range []struct {
		set  *bool
		into *bool
	}{
		{up.Discoverable, &next.discoverable}, {up.MembersCanInvite, &next.membersCanInvite},
		{up.ViewHistory, &next.viewHistory}, {up.ScheduledMeeting, &next.scheduledMeeting},
	} {
		if f.set != nil {
			changed = changed || *f.set != *f.into
			*f.into = *f.set
		}
	}
	if err := checkRoomKind(next.public, next.crossPod, next.discoverable, next.membersCanInvite,
		next.viewHistory, next.readOnly); err != nil {
		return nil, err
	}
	if up.PinnedMessageID != nil {
		id := symphony.CanonicalID(*up.PinnedMessageID)
		if m := s.messages[id]; id != "" && (m == nil || m.stream != st || m.suppressed) {
			return nil, badRequest("The message %s is not in the room", *up.PinnedMessageID)
		}
		changed = changed || id != st.pinned
		next.pinned = id
	}
	if !changed {
		return nil, badRequest("The update changes no attribute of the room")
	}
	*st = next
	ev := s.newEvent(symphony.EventRoomUpdated, actor.id, ts)
	ev.Payload.RoomUpdated = &symphony.V4RoomUpdated{Stream: roomStream(st), NewRoomProperties: s.roomProperties(st)}
	s.emit(ts, ev, st.recipients()...)
	return st, nil
}

// handleRoomSetActive answers POST /pod/v1/room/{id}/setActive?active=:
// an owner deactivates or reactivates the room, and the members get
// ROOMDEACTIVATED or ROOMREACTIVATED. Asking for the state the room is in
// changes nothing and emits nothing.
func (s *Server) handleRoomSetActive(w http.ResponseWriter, r *http.Request, c caller) {
	active, err := strconv.ParseBool(r.URL.Query().Get("active"))
	if err != nil {
		writeErr(w, badRequest("The parameter active must be true or false"))
		return
	}
	now := s.now()
	answerViewLocked(s, w, func(st *state) (*stream, error) {
		return st.setRoomActive(r.PathValue("id"), c.user, active, now)
	}, roomDetailV1)
}

// setRoomActive deactivates or reactivates a room of which actor is an
// owner.
func (s *state) setRoomActive(roomID string, actor *user, active bool, ts time.Time) (*stream, error) {
	st, err := s.ownedRoom(roomID, actor.id)
	if err != nil {
		return nil, err
	}
	if st.active == active {
		return st, nil
	}
	st.active = active
	var ev symphony.V4Event
	if active {
		ev = s.newEvent(symphony.EventRoomReactivated, actor.id, ts)
		ev.Payload.RoomReactivated = &symphony.V4RoomReactivated{Stream: bareStream(st)}
	} else {
		ev = s.newEvent(symphony.EventRoomDeactivated, actor.id, ts)
		ev.Payload.RoomDeactivated = &symphony.V4RoomDeactivated{Stream: bareStream(st)}
	}
	s.emit(ts, ev, st.recipients()...)
	return st, nil
}

// roomDetailV1 is a room as the v1 room calls return it.
func roomDetailV1(st *stream) symphony.RoomDetail {
	return symphony.RoomDetail{
		RoomAttributes: &symphony.RoomAttributes{
			Name: st.name, Description: st.description,
			MembersCanInvite: st.membersCanInvite, Discoverable: st.discoverable,
		},
		RoomSystemInfo: &symphony.RoomSystemInfo{
			ID: st.id, CreationDate: st.created.UnixMilli(), CreatedByUserID: st.creator, Active: st.active,
		},
		ImmutableRoomAttributes: &symphony.ImmutableRoomAttributes{
			Public: st.public, ReadOnly: st.readOnly, CopyProtected: st.copyProtected,
		},
	}
}
