package simulator

import (
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tutti-chat/tutti/symphony"
)

// msgReplayReadOnly refuses what would change a replayed pod.
const msgReplayReadOnly = "This pod replays a recording: it takes no new message"

// replayRoutes replaces the handlers that answer from the pod's state with
// those that answer from the recording. Login, the datafeeds, faults and
// the administration API stay the simulator's own.
func (s *Server) replayRoutes(add func(method, pattern string, h http.HandlerFunc)) {
	add(http.MethodGet, "/pod/v2/sessioninfo", s.pod(s.handleReplaySession))
	add(http.MethodPost, "/pod/v1/streams/list", s.pod(s.handleReplayStreams))
	add(http.MethodGet, "/pod/v2/streams/{sid}/info", s.pod(s.handleReplayStreamInfo))
	add(http.MethodGet, "/pod/v3/room/{id}/info", s.pod(s.handleReplayRoomInfo))
	add(http.MethodGet, "/pod/v2/room/{id}/membership/list", s.pod(s.handleReplayRoomMembers))
	add(http.MethodGet, "/pod/v3/users", s.pod(s.handleReplayUsers))
	add(http.MethodGet, "/pod/v2/user", s.pod(s.handleReplayUser))
	add(http.MethodGet, "/agent/v4/stream/{sid}/message", s.agent(s.handleReplayHistory))
	add(http.MethodGet, "/agent/v1/message/{id}", s.agent(s.handleReplayMessage))
	refuse := s.agent(func(w http.ResponseWriter, _ *http.Request, _ caller) {
		writeError(w, http.StatusForbidden, msgReplayReadOnly)
	})
	add(http.MethodPost, "/agent/v4/stream/{sid}/message/create", refuse)
	add(http.MethodPost, "/agent/v4/stream/{sid}/message/{mid}/update", refuse)
}

// handleReplaySession answers the recorded session user.
func (s *Server) handleReplaySession(w http.ResponseWriter, _ *http.Request, _ caller) {
	writeJSON(w, http.StatusOK, s.playback.account)
}

// handleReplayStreams answers a page of the streams list the recording
// had at this point.
func (s *Server) handleReplayStreams(w http.ResponseWriter, r *http.Request, _ caller) {
	q, err := parseStreamsQuery(w, r)
	if err != nil {
		writeErr(w, err)
		return
	}
	k, pos := s.playback.clock.position(s.now())
	var out []symphony.StreamAttributes
	skip := q.skip
	for _, st := range s.playback.snapshot(k, pos, q) {
		if !q.wants(st.StreamType.Type, st.Active) {
			continue
		}
		if skip > 0 {
			skip--
			continue
		}
		if len(out) >= q.limit {
			break
		}
		out = append(out, st)
	}
	writeStreams(w, out)
}

// handleReplayStreamInfo answers a stream's recorded info, or the info its
// entry of the streams list gives.
func (s *Server) handleReplayStreamInfo(w http.ResponseWriter, r *http.Request, _ caller) {
	rp := s.playback
	sid := symphony.CanonicalID(r.PathValue("sid"))
	k, _ := rp.clock.position(s.now())
	info, ok := rp.infos[sid]
	if !ok {
		st := rp.listed(sid)
		if st == nil {
			writeErr(w, badRequest("The stream %s does not exist", sid))
			return
		}
		info = symphony.V2StreamAttributes{
			ID: st.ID, CrossPod: st.CrossPod, Origin: podOrigin, Active: st.Active,
			StreamType: st.StreamType, StreamAttributes: st.StreamAttributes,
		}
		if st.RoomAttributes != nil {
			info.RoomAttributes = &symphony.V2RoomSpecificStreamAttributes{Name: st.RoomAttributes.Name}
		}
		if last := rp.lastMessage(sid, s.now()); last != 0 {
			info.LastMessageDate = last
		}
	} else {
		info.LastMessageDate = rp.clock.millis(k, info.LastMessageDate)
	}
	writeJSON(w, http.StatusOK, info)
}

// lastMessage returns the timestamp of the newest message history has of
// a stream at now, 0 when none.
func (rp *replay) lastMessage(sid string, now time.Time) int64 {
	msgs, _ := rp.history(sid, now, historyQuery{limit: math.MaxInt})
	if len(msgs) == 0 {
		return 0
	}
	return msgs[len(msgs)-1].Timestamp
}

// handleReplayRoomInfo answers a room's recorded info, or what the streams
// list says of it.
func (s *Server) handleReplayRoomInfo(w http.ResponseWriter, r *http.Request, _ caller) {
	rp := s.playback
	sid := symphony.CanonicalID(r.PathValue("id"))
	if room, ok := rp.rooms[sid]; ok {
		if si := room.RoomSystemInfo; si != nil {
			c := *si
			c.CreationDate = rp.clock.millis(0, c.CreationDate)
			room.RoomSystemInfo = &c
		}
		writeJSON(w, http.StatusOK, room)
		return
	}
	st := rp.listed(sid)
	switch {
	case st == nil:
		writeErr(w, badRequest("The stream %s does not exist", sid))
	case st.StreamType.Type != symphony.StreamRoom:
		writeErr(w, badRequest("The stream %s is not a room", sid))
	default:
		out := symphony.V3RoomDetail{
			RoomAttributes: &symphony.V3RoomAttributes{CrossPod: st.CrossPod},
			RoomSystemInfo: &symphony.RoomSystemInfo{ID: sid, Active: st.Active},
		}
		if st.RoomAttributes != nil {
			out.RoomAttributes.Name = st.RoomAttributes.Name
		}
		writeJSON(w, http.StatusOK, out)
	}
}

// handleReplayRoomMembers answers a room's recorded members; a room whose
// members were not recorded has none.
func (s *Server) handleReplayRoomMembers(w http.ResponseWriter, r *http.Request, _ caller) {
	rp := s.playback
	sid := symphony.CanonicalID(r.PathValue("id"))
	if !rp.knownStream(sid) {
		writeErr(w, badRequest("The stream %s does not exist", sid))
		return
	}
	out := []symphony.MemberInfo{}
	for _, m := range rp.members[sid] {
		m.JoinDate = rp.clock.millis(0, m.JoinDate)
		out = append(out, m)
	}
	writeJSON(w, http.StatusOK, out)
}

// findUser looks a recorded user up by id, lower-cased e-mail address or
// username.
func (rp *replay) findUser(field, item string, id int64) (symphony.UserV2, bool) {
	var i int
	var ok bool
	switch field {
	case "uid":
		i, ok = rp.byID[id]
	case "email":
		i, ok = rp.byEmail[item]
	case "username":
		i, ok = rp.byUsername[item]
	}
	if !ok {
		return symphony.UserV2{}, false
	}
	return rp.users[i], true
}

// handleReplayUsers answers a user search from the users the recording
// looked up.
func (s *Server) handleReplayUsers(w http.ResponseWriter, r *http.Request, _ caller) {
	us, err := parseUserSearch(r)
	if err != nil {
		writeErr(w, err)
		return
	}
	writeUsers(w, us.run(s.playback.findUser))
}

// handleReplayUser answers GET /pod/v2/user from the recorded users.
func (s *Server) handleReplayUser(w http.ResponseWriter, r *http.Request, _ caller) {
	q := r.URL.Query()
	var u symphony.UserV2
	var ok bool
	switch {
	case q.Get("uid") != "":
		id, err := strconv.ParseInt(q.Get("uid"), 10, 64)
		if err != nil {
			writeError(w, http.StatusBadRequest, "Invalid uid: "+q.Get("uid"))
			return
		}
		u, ok = s.playback.findUser("uid", "", id)
	case q.Get("email") != "":
		u, ok = s.playback.findUser("email", strings.ToLower(q.Get("email")), 0)
	case q.Get("username") != "":
		u, ok = s.playback.findUser("username", strings.ToLower(q.Get("username")), 0)
	default:
		writeError(w, http.StatusBadRequest, "One of uid, email or username is required")
		return
	}
	if !ok {
		writeNoContent(w)
		return
	}
	writeJSON(w, http.StatusOK, u)
}

// handleReplayHistory answers a history page from the recording.
func (s *Server) handleReplayHistory(w http.ResponseWriter, r *http.Request, _ caller) {
	q, err := parseHistoryQuery(r)
	if err != nil {
		writeErr(w, err)
		return
	}
	out, err := s.playback.history(symphony.CanonicalID(r.PathValue("sid")), s.now(), q)
	writeMessages(w, out, err)
}

// handleReplayMessage answers one message of the recording, 204 when
// history does not have it at this point.
func (s *Server) handleReplayMessage(w http.ResponseWriter, r *http.Request, _ caller) {
	m, ok := s.playback.lookup(r.PathValue("id"), s.now())
	if !ok {
		writeNoContent(w)
		return
	}
	writeJSON(w, http.StatusOK, m)
}
