package simulator

import (
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/tutti-chat/tutti/simulator/scenario"
	"github.com/tutti-chat/tutti/symphony"
)

// Apply performs a scenario action now (or at a.Time when it is set), as
// the pod would: it changes the state and emits the action's event to the
// datafeeds of the users who receive it.
func (s *Server) Apply(a scenario.Action) error {
	c, err := s.prepare(a)
	if err != nil {
		return fmt.Errorf("apply %s: %w", a.Kind, err)
	}
	ts := a.Time
	if ts.IsZero() {
		ts = s.now()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.st.apply(a, c, ts); err != nil {
		return fmt.Errorf("apply %s: %w", a.Kind, err)
	}
	return nil
}

// prepare converts the MessageML of an action, outside Server.mu.
func (s *Server) prepare(a scenario.Action) (content, error) {
	switch a.Kind {
	case scenario.SendMessage, scenario.EditMessage, scenario.SharePost:
	default:
		return content{}, nil
	}
	var c content
	if a.Kind == scenario.SharePost && a.MessageML == "" {
		c = content{pml: emptyPresentationML, data: "{}"}
	} else {
		var err error
		if c, err = s.convert(a.MessageML, a.Data); err != nil {
			return content{}, err
		}
	}
	for _, at := range a.Attachments {
		c.attachments = append(c.attachments, attachment{name: at.Name, size: at.Size})
	}
	return c, nil
}

// apply performs an action at ts; c is its converted message, if any.
func (s *state) apply(a scenario.Action, c content, ts time.Time) error {
	actor := s.users[a.Actor]
	if actor == nil {
		return fmt.Errorf("unknown actor %d", a.Actor)
	}
	switch a.Kind {
	case scenario.SendMessage, scenario.EditMessage, scenario.SharePost:
		return s.applyMessage(a, actor, c, ts)
	case scenario.SuppressMessage:
		m, err := s.target(a)
		if err != nil {
			return err
		}
		if m.suppressed {
			return fmt.Errorf("message %s is already suppressed", m.msg.MessageID)
		}
		m.suppressed = true
		ev := s.newEvent(symphony.EventMessageSuppressed, actor.id, ts)
		ev.MessageID = newMessageID()
		ev.Payload.MessageSuppressed = &symphony.V4MessageSuppressed{
			MessageID: m.msg.MessageID, Stream: bareStream(m.stream),
		}
		s.emit(ts, ev, m.stream.recipients()...)
	case scenario.CreateIM:
		_, err := s.createIM(actor.id, a.Members, a.Stream, ts)
		return err
	case scenario.CreateRoom:
		return s.createRoom(a, actor, ts)
	case scenario.UpdateRoom, scenario.DeactivateRoom, scenario.ReactivateRoom:
		return s.changeRoom(a, actor, ts)
	case scenario.RequestToJoin, scenario.JoinRoom, scenario.LeaveRoom, scenario.PromoteOwner, scenario.DemoteOwner:
		return s.changeMembership(a, actor, ts)
	case scenario.RequestConnection, scenario.AcceptConnection:
		return s.connect(a, actor, ts)
	case scenario.SubmitForm:
		m, err := s.target(a)
		if err != nil {
			return err
		}
		ev := s.newEvent(symphony.EventSymphonyElementsAction, actor.id, ts)
		ev.Payload.SymphonyElementsAction = &symphony.V4SymphonyElementsAction{
			Stream: bareStream(m.stream), FormMessageID: m.msg.MessageID, FormID: a.FormID,
			FormValues: maps.Clone(a.FormValues),
		}
		// Only the form's author, the bot that sent it, receives the action.
		s.emit(ts, ev, m.msg.User.UserID)
	case scenario.SystemEvent:
		ev := s.newEvent(symphony.EventGenericSystemEvent, actor.id, ts)
		p := &symphony.V4GenericSystemEvent{
			EventTimestamp: ts.UnixMilli(), SourceSystem: a.Source, EventSubtype: a.Subtype,
			Parameters: maps.Clone(a.Parameters),
		}
		recipients := []int64{actor.id}
		if a.Stream != "" {
			st := s.stream(a.Stream)
			if st == nil {
				return fmt.Errorf("unknown stream %q", a.Stream)
			}
			p.Stream = bareStream(st)
			recipients = st.memberIDs()
		}
		ev.Payload.GenericSystemEvent = p
		s.emit(ts, ev, recipients...)
	default:
		return fmt.Errorf("unknown kind of action %d", int(a.Kind))
	}
	return nil
}

// target finds the message an action's Target key names.
func (s *state) target(a scenario.Action) (*message, error) {
	id, ok := s.keys[a.Target]
	if !ok {
		return nil, fmt.Errorf("unknown message key %q", a.Target)
	}
	m := s.messages[id]
	if m == nil {
		return nil, fmt.Errorf("unknown message %s", id)
	}
	return m, nil
}

// applyMessage sends, edits or shares a message.
func (s *state) applyMessage(a scenario.Action, actor *user, c content, ts time.Time) error {
	var st *stream
	if a.Stream != "" {
		if st = s.stream(a.Stream); st == nil {
			return fmt.Errorf("unknown stream %q", a.Stream)
		}
	}
	var o messageOpts
	var shared *message
	switch a.Kind {
	case scenario.SendMessage:
		if a.Target != "" {
			parent, err := s.target(a)
			if err != nil {
				return err
			}
			o.parent = parent.msg.MessageID
			if st == nil {
				st = parent.stream
			}
		}
	case scenario.EditMessage:
		old, err := s.target(a)
		if err != nil {
			return err
		}
		if old.suppressed {
			return fmt.Errorf("message %s is suppressed", old.msg.MessageID)
		}
		o.replacing, o.silent = old, boolPtr(true)
		st = old.stream
	case scenario.SharePost:
		var err error
		if shared, err = s.target(a); err != nil {
			return err
		}
		o.shared = shared
	}
	if st == nil {
		return fmt.Errorf("no stream")
	}
	if err := canPost(st, actor); err != nil {
		return fmt.Errorf("user %d may not post in %s: %w", actor.id, st.id, err)
	}
	var m *message
	if a.Kind == scenario.SharePost {
		m = s.storeMessage(st, actor, c, ts, o)
		ev := s.newEvent(symphony.EventSharedPost, actor.id, ts)
		ev.MessageID = m.msg.MessageID
		ev.Payload.SharedPost = &symphony.V4SharedPost{Message: eventMessage(m), SharedMessage: eventMessage(shared)}
		s.emit(ts, ev, append(st.recipients(), shared.msg.User.UserID)...)
	} else {
		m = s.sendMessage(st, actor, c, ts, o)
	}
	if a.Key != "" {
		s.keys[a.Key] = m.msg.MessageID
	}
	return nil
}

// roomStreamFrom builds a room from the scenario's description.
func roomStreamFrom(r *scenario.Room, id string, creator int64, created time.Time) *stream {
	st := &stream{
		id: id, kind: symphony.StreamRoom, created: created, creator: creator, active: true,
		members: map[int64]*member{}, discoverable: r.Public, membersCanInvite: true, viewHistory: true,
	}
	setRoomProperties(st, r)
	for _, m := range r.Members {
		st.members[m] = &member{joined: created}
	}
	st.members[creator] = &member{joined: created}
	for _, o := range r.Owners {
		if m := st.members[o]; m != nil {
			m.owner = true
		}
	}
	st.members[creator].owner = true
	return st
}

// setRoomProperties copies the changeable properties of a room.
func setRoomProperties(st *stream, r *scenario.Room) {
	st.name, st.description = r.Name, r.Description
	st.public, st.readOnly, st.external, st.crossPod = r.Public, r.ReadOnly, r.External, r.CrossPod
	st.keywords = nil
	for _, k := range slices.Sorted(maps.Keys(r.Keywords)) {
		st.keywords = append(st.keywords, symphony.RoomTag{Key: k, Value: r.Keywords[k]})
	}
}

// createRoom creates a room: ROOMCREATED to its creator, then, under the
// same event id, USERJOINEDROOM for every other member and
// ROOMMEMBERPROMOTEDTOOWNER for every other owner, to the members.
func (s *state) createRoom(a scenario.Action, actor *user, ts time.Time) error {
	r := a.Room
	if r == nil {
		return fmt.Errorf("no room")
	}
	id := r.ID
	if id == "" {
		id = a.Stream
	}
	if id == "" {
		id = newMessageID()
	}
	id = symphony.CanonicalID(id)
	if s.streams[id] != nil {
		return fmt.Errorf("stream %s already exists", id)
	}
	for _, m := range append(slices.Clone(r.Members), r.Owners...) {
		if s.users[m] == nil {
			return fmt.Errorf("unknown member %d", m)
		}
	}
	st := roomStreamFrom(r, id, actor.id, ts)
	s.streams[id] = st

	ev := s.newEvent(symphony.EventRoomCreated, actor.id, ts)
	ev.Payload.RoomCreated = &symphony.V4RoomCreated{Stream: roomStream(st), RoomProperties: s.roomProperties(st)}
	s.emit(ts, ev, actor.id)
	members := st.memberIDs()
	for _, m := range members {
		if m == actor.id {
			continue
		}
		join := s.newEvent(symphony.EventUserJoinedRoom, actor.id, ts)
		join.ID = ev.ID
		join.Payload.UserJoinedRoom = &symphony.V4UserJoinedRoom{Stream: roomStream(st), AffectedUser: s.users[m].v4()}
		s.emit(ts, join, members...)
	}
	for _, m := range members {
		if m == actor.id || !st.members[m].owner {
			continue
		}
		p := s.newEvent(symphony.EventRoomMemberPromotedToOwner, actor.id, ts)
		p.ID = ev.ID
		p.Payload.RoomMemberPromotedToOwner = &symphony.V4RoomMemberPromotedToOwner{
			Stream: roomStream(st), AffectedUser: s.users[m].v4(),
		}
		s.emit(ts, p, members...)
	}
	return nil
}

// room finds the room of an action.
func (s *state) room(a scenario.Action) (*stream, error) {
	id := a.Stream
	if id == "" && a.Room != nil {
		id = a.Room.ID
	}
	st := s.stream(id)
	if st == nil || st.kind != symphony.StreamRoom {
		return nil, fmt.Errorf("unknown room %q", id)
	}
	return st, nil
}

// changeRoom updates, deactivates or reactivates a room.
func (s *state) changeRoom(a scenario.Action, actor *user, ts time.Time) error {
	st, err := s.room(a)
	if err != nil {
		return err
	}
	var ev symphony.V4Event
	switch a.Kind {
	case scenario.UpdateRoom:
		if a.Room == nil {
			return fmt.Errorf("no room properties")
		}
		setRoomProperties(st, a.Room)
		ev = s.newEvent(symphony.EventRoomUpdated, actor.id, ts)
		ev.Payload.RoomUpdated = &symphony.V4RoomUpdated{Stream: roomStream(st), NewRoomProperties: s.roomProperties(st)}
	case scenario.DeactivateRoom:
		if !st.active {
			return fmt.Errorf("room %s is not active", st.id)
		}
		st.active = false
		ev = s.newEvent(symphony.EventRoomDeactivated, actor.id, ts)
		ev.Payload.RoomDeactivated = &symphony.V4RoomDeactivated{Stream: bareStream(st)}
	case scenario.ReactivateRoom:
		if st.active {
			return fmt.Errorf("room %s is active", st.id)
		}
		st.active = true
		ev = s.newEvent(symphony.EventRoomReactivated, actor.id, ts)
		ev.Payload.RoomReactivated = &symphony.V4RoomReactivated{Stream: bareStream(st)}
	}
	s.emit(ts, ev, st.recipients()...)
	return nil
}

// changeMembership handles join requests, joins, leaves, promotions and
// demotions.
func (s *state) changeMembership(a scenario.Action, actor *user, ts time.Time) error {
	st, err := s.room(a)
	if err != nil {
		return err
	}
	uid := a.User
	if uid == 0 {
		uid = actor.id
	}
	u := s.users[uid]
	if u == nil {
		return fmt.Errorf("unknown user %d", uid)
	}
	switch a.Kind {
	case scenario.RequestToJoin:
		if st.isMember(actor.id) {
			return fmt.Errorf("user %d is already a member of %s", actor.id, st.id)
		}
		owners := st.ownerIDs()
		ev := s.newEvent(symphony.EventUserRequestedToJoinRoom, actor.id, ts)
		ev.Payload.UserRequestedToJoinRoom = &symphony.V4UserRequestedToJoinRoom{
			Stream: roomStream(st), AffectedUsers: s.v4Users(owners),
		}
		s.emit(ts, ev, append(owners, actor.id)...)
	case scenario.JoinRoom:
		if st.isMember(uid) {
			return fmt.Errorf("user %d is already a member of %s", uid, st.id)
		}
		st.members[uid] = &member{joined: ts}
		ev := s.newEvent(symphony.EventUserJoinedRoom, actor.id, ts)
		ev.Payload.UserJoinedRoom = &symphony.V4UserJoinedRoom{Stream: roomStream(st), AffectedUser: u.v4()}
		s.emit(ts, ev, st.recipients()...)
	case scenario.LeaveRoom:
		if !st.isMember(uid) {
			return fmt.Errorf("user %d is not a member of %s", uid, st.id)
		}
		recipients := st.memberIDs()
		delete(st.members, uid)
		ev := s.newEvent(symphony.EventUserLeftRoom, actor.id, ts)
		ev.Payload.UserLeftRoom = &symphony.V4UserLeftRoom{Stream: roomStream(st), AffectedUser: u.v4()}
		s.emit(ts, ev, recipients...)
	case scenario.PromoteOwner, scenario.DemoteOwner:
		m := st.members[uid]
		if m == nil {
			return fmt.Errorf("user %d is not a member of %s", uid, st.id)
		}
		promote := a.Kind == scenario.PromoteOwner
		if m.owner == promote {
			return fmt.Errorf("user %d already has that role in %s", uid, st.id)
		}
		m.owner = promote
		var ev symphony.V4Event
		if promote {
			ev = s.newEvent(symphony.EventRoomMemberPromotedToOwner, actor.id, ts)
			ev.Payload.RoomMemberPromotedToOwner = &symphony.V4RoomMemberPromotedToOwner{Stream: roomStream(st), AffectedUser: u.v4()}
		} else {
			ev = s.newEvent(symphony.EventRoomMemberDemotedFromOwner, actor.id, ts)
			ev.Payload.RoomMemberDemotedFromOwner = &symphony.V4RoomMemberDemotedFromOwner{Stream: roomStream(st), AffectedUser: u.v4()}
		}
		s.emit(ts, ev, st.recipients()...)
	}
	return nil
}

// connectionKey is the key of the connection between two users.
func connectionKey(a, b int64) [2]int64 { return [2]int64{min(a, b), max(a, b)} }

// connect handles connection requests and acceptances.
func (s *state) connect(a scenario.Action, actor *user, ts time.Time) error {
	other := s.users[a.User]
	if other == nil || other.id == actor.id {
		return fmt.Errorf("invalid user %d", a.User)
	}
	key := connectionKey(actor.id, other.id)
	cn := s.connections[key]
	if a.Kind == scenario.RequestConnection {
		if cn != nil && cn.status == connAccepted {
			return fmt.Errorf("users %d and %d are already connected", actor.id, other.id)
		}
		if cn == nil {
			cn = &connection{firstRequestedAt: ts}
			s.connections[key] = cn
		}
		cn.from, cn.to, cn.status, cn.updatedAt = actor.id, other.id, connPending, ts
		cn.counter++
		ev := s.newEvent(symphony.EventConnectionRequested, actor.id, ts)
		ev.Payload.ConnectionRequested = &symphony.V4ConnectionRequested{ToUser: other.v4()}
		s.emit(ts, ev, actor.id, other.id)
		return nil
	}
	if cn == nil || cn.status != connPending || cn.to != actor.id {
		return fmt.Errorf("no pending request from %d to %d", other.id, actor.id)
	}
	cn.status, cn.updatedAt = connAccepted, ts
	ev := s.newEvent(symphony.EventConnectionAccepted, actor.id, ts)
	ev.Payload.ConnectionAccepted = &symphony.V4ConnectionAccepted{FromUser: other.v4()}
	s.emit(ts, ev, actor.id, other.id)
	return nil
}
