package simulator

import (
	"net/http"
	"slices"
	"time"

	"github.com/tutti-chat/tutti/symphony"
)

// Stream list paging defaults of the pod.
const (
	defaultStreamsLimit = 50
	maxStreamsLimit     = 1000
)

// handleSessionInfo answers GET /pod/v2/sessioninfo.
func (s *Server) handleSessionInfo(w http.ResponseWriter, _ *http.Request, c caller) {
	s.mu.Lock()
	out := c.user.v2()
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

// streamsQuery is the query of a streams list call: paging and filter.
type streamsQuery struct {
	skip, limit     int
	types           []string // none: every type
	includeInactive bool
}

// parseStreamsQuery reads and checks the paging (skip ≥ 0, limit 0..1000,
// 0 or none meaning 50) and the filter of a streams list call.
func parseStreamsQuery(w http.ResponseWriter, r *http.Request) (streamsQuery, error) {
	skip, limit, err := querySkipLimit(r, defaultStreamsLimit)
	if err != nil {
		return streamsQuery{}, err
	}
	if skip < 0 || limit < 0 || limit > maxStreamsLimit {
		return streamsQuery{}, badRequest("Invalid paging: skip must be ≥ 0 and limit between 0 and %d", maxStreamsLimit)
	}
	if limit == 0 {
		limit = defaultStreamsLimit
	}
	var filter symphony.StreamFilter
	if err := decodeJSON(w, r, &filter, true); err != nil {
		return streamsQuery{}, err
	}
	q := streamsQuery{skip: int(skip), limit: int(limit), includeInactive: filter.IncludeInactiveStreams}
	for _, t := range filter.StreamTypes {
		switch t.Type {
		case symphony.StreamIM, symphony.StreamMIM, symphony.StreamRoom, symphony.StreamPost:
			q.types = append(q.types, t.Type)
		default:
			return streamsQuery{}, badRequest("Invalid stream type %q", t.Type)
		}
	}
	return q, nil
}

// wants reports whether the query lists a stream of that type and state.
func (q streamsQuery) wants(kind string, active bool) bool {
	return (active || q.includeInactive) && (len(q.types) == 0 || slices.Contains(q.types, kind))
}

// handleStreamsList answers POST /pod/v1/streams/list?skip=&limit=: the
// caller's streams by creation date ascending, 204 when none.
func (s *Server) handleStreamsList(w http.ResponseWriter, r *http.Request, c caller) {
	q, err := parseStreamsQuery(w, r)
	if err != nil {
		writeErr(w, err)
		return
	}
	s.mu.Lock()
	var out []symphony.StreamAttributes
	skip := q.skip
	for _, st := range s.st.streamsOf(c.id) {
		if !q.wants(st.kind, st.active) {
			continue
		}
		if skip > 0 {
			skip--
			continue
		}
		if len(out) >= q.limit {
			break
		}
		out = append(out, streamAttributes(st))
	}
	s.mu.Unlock()
	writeStreams(w, out)
}

// writeStreams answers a page of the streams list, 204 when it is empty.
func writeStreams(w http.ResponseWriter, out []symphony.StreamAttributes) {
	if len(out) == 0 {
		writeNoContent(w)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// streamAttributes is a stream as the streams list returns it.
func streamAttributes(st *stream) symphony.StreamAttributes {
	out := symphony.StreamAttributes{
		ID: st.id, CrossPod: st.crossPod, Active: st.active,
		StreamType: symphony.StreamType{Type: st.kind},
	}
	if st.kind == symphony.StreamRoom {
		out.RoomAttributes = &symphony.RoomSpecificStreamAttributes{Name: st.name}
	} else {
		out.StreamAttributes = &symphony.ConversationSpecificStreamAttributes{Members: st.memberIDs()}
	}
	return out
}

// visibleStream finds a stream the caller may see: a member, or anyone for
// a public room. Unknown streams are a 400, others' a 403.
func (s *state) visibleStream(id string, u int64) (*stream, error) {
	st := s.stream(id)
	switch {
	case st == nil:
		return nil, badRequest("The stream %s does not exist", symphony.CanonicalID(id))
	case st.isMember(u), st.kind == symphony.StreamRoom && st.public:
		return st, nil
	default:
		return nil, forbidden()
	}
}

// handleStreamInfo answers GET /pod/v2/streams/{sid}/info.
func (s *Server) handleStreamInfo(w http.ResponseWriter, r *http.Request, c caller) {
	answerLocked(s, w, func(st *state) (symphony.V2StreamAttributes, error) {
		found, err := st.visibleStream(r.PathValue("sid"), c.id)
		if err != nil {
			return symphony.V2StreamAttributes{}, err
		}
		out := symphony.V2StreamAttributes{
			ID: found.id, CrossPod: found.crossPod, Origin: podOrigin, Active: found.active,
			LastMessageDate: found.lastMessage, StreamType: symphony.StreamType{Type: found.kind},
		}
		if found.kind == symphony.StreamRoom {
			out.RoomAttributes = &symphony.V2RoomSpecificStreamAttributes{Name: found.name}
		} else {
			out.StreamAttributes = &symphony.ConversationSpecificStreamAttributes{Members: found.memberIDs()}
		}
		return out, nil
	})
}

// roomOf finds a room the caller may see; other stream types are a 400.
func (s *state) roomOf(id string, u int64) (*stream, error) {
	st, err := s.visibleStream(id, u)
	if err != nil {
		return nil, err
	}
	if st.kind != symphony.StreamRoom {
		return nil, badRequest("The stream %s is not a room", st.id)
	}
	return st, nil
}

// ownedRoom finds a room actor may see (roomOf) and owns: 403 when actor
// is not one of its owners.
func (s *state) ownedRoom(id string, actor int64) (*stream, error) {
	st, err := s.roomOf(id, actor)
	if err != nil {
		return nil, err
	}
	if !st.isOwner(actor) {
		return nil, forbidden()
	}
	return st, nil
}

// handleRoomInfo answers GET /pod/v3/room/{id}/info.
func (s *Server) handleRoomInfo(w http.ResponseWriter, r *http.Request, c caller) {
	answerViewLocked(s, w, func(st *state) (*stream, error) {
		return st.roomOf(r.PathValue("id"), c.id)
	}, roomDetail)
}

// roomDetail is a room as room info v3 returns it.
func roomDetail(st *stream) symphony.V3RoomDetail {
	return symphony.V3RoomDetail{
		RoomAttributes: &symphony.V3RoomAttributes{
			Name: st.name, Keywords: slices.Clone(st.keywords), Description: st.description,
			MembersCanInvite: st.membersCanInvite, Discoverable: st.discoverable, Public: st.public,
			ReadOnly: st.readOnly, CopyProtected: st.copyProtected, CrossPod: st.crossPod,
			ViewHistory: st.viewHistory, ScheduledMeeting: st.scheduledMeeting, PinnedMessageID: st.pinned,
		},
		RoomSystemInfo: &symphony.RoomSystemInfo{
			ID: st.id, CreationDate: st.created.UnixMilli(), CreatedByUserID: st.creator, Active: st.active,
		},
	}
}

// handleRoomMembers answers GET /pod/v2/room/{id}/membership/list.
func (s *Server) handleRoomMembers(w http.ResponseWriter, r *http.Request, c caller) {
	answerLocked(s, w, func(st *state) ([]symphony.MemberInfo, error) {
		room, err := st.roomOf(r.PathValue("id"), c.id)
		if err != nil {
			return nil, err
		}
		out := []symphony.MemberInfo{}
		for _, id := range room.memberIDs() {
			m := room.members[id]
			out = append(out, symphony.MemberInfo{ID: id, Owner: m.owner, JoinDate: m.joined.UnixMilli()})
		}
		return out, nil
	})
}

// handleIMCreate answers POST /pod/v1/im/create: a JSON array of user ids,
// the caller implied. The IM (or MIM) of the same participants is returned
// when it exists; a new one emits INSTANTMESSAGECREATED.
func (s *Server) handleIMCreate(w http.ResponseWriter, r *http.Request, c caller) {
	var ids []int64
	if err := decodeJSON(w, r, &ids, false); err != nil {
		writeErr(w, err)
		return
	}
	now := s.now()
	answerLocked(s, w, func(st *state) (symphony.StreamID, error) {
		id, err := st.createIM(c.id, ids, "", now)
		return symphony.StreamID{ID: id}, err
	})
}

// createIM returns the IM or MIM of actor and others, creating it (with id,
// or a new one) and emitting INSTANTMESSAGECREATED to its members when it
// does not exist.
func (s *state) createIM(actor int64, others []int64, id string, ts time.Time) (string, error) {
	members := []int64{actor}
	for _, o := range others {
		u := s.users[o]
		if u == nil {
			return "", badRequest("The user %d does not exist", o)
		}
		if !slices.Contains(members, o) {
			members = append(members, o)
		}
	}
	if len(members) < 2 {
		return "", badRequest("At least one user other than the caller is required")
	}
	key := imKey(members)
	if existing, ok := s.ims[key]; ok {
		return existing, nil
	}
	if id == "" {
		id = newMessageID()
	}
	id = symphony.CanonicalID(id)
	if s.streams[id] != nil {
		return "", badRequest("The stream %s already exists", id)
	}
	kind := symphony.StreamIM
	if len(members) > 2 {
		kind = symphony.StreamMIM
	}
	st := &stream{id: id, kind: kind, created: ts, creator: actor, active: true, members: map[int64]*member{}}
	for _, m := range members {
		st.members[m] = &member{joined: ts}
	}
	s.streams[id] = st
	s.ims[key] = id
	ev := s.newEvent(symphony.EventInstantMessageCreated, actor, ts)
	ev.Payload.InstantMessageCreated = &symphony.V4InstantMessageCreated{Stream: &symphony.V4Stream{
		StreamID: id, StreamType: kind, Members: s.v4Users(st.memberIDs()),
		External: boolPtr(false), CrossPod: boolPtr(false),
	}}
	s.emit(ts, ev, members...)
	return id, nil
}

// handleIMInfo answers GET /pod/v1/im/{id}/info.
func (s *Server) handleIMInfo(w http.ResponseWriter, r *http.Request, c caller) {
	answerLocked(s, w, func(st *state) (symphony.V1IMDetail, error) {
		im, err := st.visibleStream(r.PathValue("id"), c.id)
		switch {
		case err != nil:
			return symphony.V1IMDetail{}, err
		case im.kind != symphony.StreamIM && im.kind != symphony.StreamMIM:
			return symphony.V1IMDetail{}, badRequest("The stream %s is not an IM", im.id)
		}
		return symphony.V1IMDetail{
			V1IMAttributes: &symphony.V1IMAttributes{},
			IMSystemInfo:   &symphony.IMSystemInfo{ID: im.id, CreationDate: im.created.UnixMilli(), Active: im.active},
		}, nil
	})
}
