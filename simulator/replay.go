package simulator

import (
	"cmp"
	"crypto/rsa"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tutti-chat/tutti/internal/record"
	"github.com/tutti-chat/tutti/symphony"
)

// replay is what a replaying server serves: a recording read once into the
// pod's answers and the datafeed's batches. It does not change once the
// server has started: what the pod shows at a time is computed from it and
// its clock, so its handlers need no lock.
type replay struct {
	clock   replayClock
	end     time.Time // the recording's last answer
	account symphony.UserV2

	users      []symphony.UserV2 // the latest record of each user looked up
	byID       map[int64]int     // → users
	byEmail    map[string]int    // lower-cased
	byUsername map[string]int    // lower-cased
	snapshots  []streamsSnapshot // by time received
	infos      map[string]symphony.V2StreamAttributes
	rooms      map[string]symphony.V3RoomDetail
	members    map[string][]symphony.MemberInfo
	streams    map[string]*replayStream
	batches    []replayBatch
	// liveIDs are the ids of the messages sent after the recording
	// started: a later pass of a looping replay renames them.
	liveIDs map[string]bool
}

// streamsSnapshot is a streams list as one sweep of its pages returned it.
type streamsSnapshot struct {
	at      time.Time
	filter  symphony.StreamFilter
	streams []symphony.StreamAttributes
}

// replayStream holds a stream's messages: those sent before the recording
// started, and the others. Both are sorted by (timestamp, id).
type replayStream struct {
	past, live []*replayMessage
}

// replayMessage is a message of the recording and when history has it.
type replayMessage struct {
	msg        symphony.V4Message // as history returns it
	fromPage   bool               // msg comes from a history page (else from the datafeed)
	visible    time.Time          // from then on history has it: the earlier of its timestamp and its first sight
	suppressed time.Time          // from then on history no longer has it; zero: never
}

// replayBatch is a datafeed batch and when it was received.
type replayBatch struct {
	at     time.Time
	events []symphony.V4Event
}

// newReplay reads a recording into what the server serves. The clock's t0
// is set when the server starts.
func newReplay(rec *record.Recording, speed float64, loop bool) (*replay, error) {
	rp := &replay{
		end: rec.End(), byID: map[int64]int{}, byEmail: map[string]int{}, byUsername: map[string]int{},
		infos: map[string]symphony.V2StreamAttributes{}, rooms: map[string]symphony.V3RoomDetail{},
		members: map[string][]symphony.MemberInfo{}, streams: map[string]*replayStream{}, liveIDs: map[string]bool{},
	}
	rp.clock = newReplayClock(rec.Header.Start, rp.end, rec.Header.Start, speed, loop)
	entries := slices.Clone(rec.Entries)
	slices.SortStableFunc(entries, func(a, b record.Entry) int { return a.At.Compare(b.At) })
	msgs := map[string]*replayMessage{}
	streamOf := map[string]string{}
	suppressed := map[string]time.Time{}
	add := func(sid string, m symphony.V4Message, at time.Time, fromPage bool) {
		id := symphony.CanonicalID(m.MessageID)
		if id == "" || sid == "" {
			return
		}
		m.ExternalRecipients = nil // only real-time messages carry it
		rm := msgs[id]
		if rm == nil {
			rm = &replayMessage{visible: at}
			msgs[id] = rm
			streamOf[id] = sid
		}
		if rm.msg.MessageID == "" || fromPage || !rm.fromPage {
			rm.msg, rm.fromPage = m, fromPage
		}
		if at.Before(rm.visible) {
			rm.visible = at
		}
	}
	for i := range entries {
		e := &entries[i]
		if err := rp.read(e, add, suppressed); err != nil {
			return nil, fmt.Errorf("replay: %w", err)
		}
	}
	if rp.account.ID == 0 || rp.account.Username == "" {
		return nil, errors.New("replay: the recording has no session user: it cannot be logged in to")
	}
	for id, rm := range msgs {
		if ts := time.UnixMilli(rm.msg.Timestamp); ts.Before(rm.visible) {
			rm.visible = ts
		}
		rm.suppressed = suppressed[id]
		st := rp.streams[streamOf[id]]
		if st == nil {
			st = &replayStream{}
			rp.streams[streamOf[id]] = st
		}
		if rm.msg.Timestamp < rec.Header.Start.UnixMilli() {
			st.past = append(st.past, rm)
		} else {
			st.live = append(st.live, rm)
			rp.liveIDs[id] = true
		}
	}
	byTime := func(a, b *replayMessage) int {
		return cmp.Or(cmp.Compare(a.msg.Timestamp, b.msg.Timestamp), strings.Compare(a.msg.MessageID, b.msg.MessageID))
	}
	for _, st := range rp.streams {
		slices.SortFunc(st.past, byTime)
		slices.SortFunc(st.live, byTime)
	}
	return rp, nil
}

// read takes one entry of the recording.
func (rp *replay) read(e *record.Entry, add func(string, symphony.V4Message, time.Time, bool), suppressed map[string]time.Time) error {
	switch e.Kind {
	case record.KindSession:
		u, err := e.User()
		if err != nil {
			return err
		}
		if rp.account.ID == 0 {
			rp.account = u
		}
		rp.addUser(u)
	case record.KindUsers:
		us, err := e.Users()
		if err != nil {
			return err
		}
		for _, u := range us {
			rp.addUser(u)
		}
	case record.KindStreams:
		ss, err := e.Streams()
		if err != nil {
			return err
		}
		rp.addStreams(e, ss)
	case record.KindStreamInfo:
		info, err := e.StreamInfo()
		if err != nil {
			return err
		}
		rp.infos[e.Stream] = info
	case record.KindRoomInfo:
		room, err := e.RoomInfo()
		if err != nil {
			return err
		}
		rp.rooms[e.Stream] = room
	case record.KindRoomMembers:
		ms, err := e.RoomMembers()
		if err != nil {
			return err
		}
		rp.members[e.Stream] = ms
	case record.KindHistory:
		ms, err := e.Messages()
		if err != nil {
			return err
		}
		for _, m := range ms {
			add(e.Stream, m, e.At, true)
		}
	case record.KindDatafeed:
		evs, err := e.Events()
		if err != nil {
			return err
		}
		rp.batches = append(rp.batches, replayBatch{at: e.At, events: evs})
		for i := range evs {
			if m := evs[i].Message(); m != nil && m.Stream != nil {
				add(symphony.CanonicalID(m.Stream.StreamID), *m, e.At, false)
			}
			if p := evs[i].Payload; p != nil && p.MessageSuppressed != nil {
				id := symphony.CanonicalID(p.MessageSuppressed.MessageID)
				if t, ok := suppressed[id]; !ok || e.At.Before(t) {
					suppressed[id] = e.At
				}
			}
		}
	}
	return nil
}

// addUser keeps the latest record of a user.
func (rp *replay) addUser(u symphony.UserV2) {
	if u.ID == 0 {
		return
	}
	i, ok := rp.byID[u.ID]
	if ok {
		rp.users[i] = u
	} else {
		i = len(rp.users)
		rp.users = append(rp.users, u)
		rp.byID[u.ID] = i
	}
	if u.EmailAddress != "" {
		rp.byEmail[strings.ToLower(u.EmailAddress)] = i
	}
	if u.Username != "" {
		rp.byUsername[strings.ToLower(u.Username)] = i
	}
}

// addStreams adds a page of the streams list: the first page (skip 0) of
// a sweep starts a snapshot, the next pages of the same filter extend it.
func (rp *replay) addStreams(e *record.Entry, ss []symphony.StreamAttributes) {
	var q record.Query
	if e.Query != nil {
		q = *e.Query
	}
	var filter symphony.StreamFilter
	if q.Filter != nil {
		filter = *q.Filter
	}
	n := len(rp.snapshots)
	if q.Skip == 0 || n == 0 || !sameFilter(rp.snapshots[n-1].filter, filter) {
		rp.snapshots = append(rp.snapshots, streamsSnapshot{at: e.At, filter: filter})
		n++
	}
	snap := &rp.snapshots[n-1]
	snap.streams = append(snap.streams[:min(q.Skip, len(snap.streams))], ss...)
}

// sameFilter reports whether two streams list filters are the same.
func sameFilter(a, b symphony.StreamFilter) bool {
	return a.IncludeInactiveStreams == b.IncludeInactiveStreams && slices.Equal(a.StreamTypes, b.StreamTypes)
}

// covers reports whether a snapshot taken with filter f holds every stream
// that q asks for.
func covers(f symphony.StreamFilter, q streamsQuery) bool {
	if q.includeInactive && !f.IncludeInactiveStreams {
		return false
	}
	if len(f.StreamTypes) == 0 {
		return true
	}
	if len(q.types) == 0 {
		return false
	}
	for _, t := range q.types {
		if !slices.Contains(f.StreamTypes, symphony.StreamType{Type: t}) {
			return false
		}
	}
	return true
}

// snapshot returns the streams list of the replay's present: the latest
// snapshot taken by then that covers q, else the latest taken by then,
// else the first one. A later pass of a looping replay shows the last.
func (rp *replay) snapshot(k int, pos time.Time, q streamsQuery) []symphony.StreamAttributes {
	best, last := -1, -1
	for i, s := range rp.snapshots {
		if i > 0 && !reached(0, k, pos, s.at) {
			break
		}
		last = i
		if covers(s.filter, q) {
			best = i
		}
	}
	switch {
	case best >= 0:
		return rp.snapshots[best].streams
	case last >= 0:
		return rp.snapshots[last].streams
	}
	return nil
}

// knownStream reports whether the recording knows a stream.
func (rp *replay) knownStream(sid string) bool {
	if rp.streams[sid] != nil {
		return true
	}
	_, info := rp.infos[sid]
	_, room := rp.rooms[sid]
	return info || room || rp.listed(sid) != nil
}

// listed returns the stream as the last snapshot that holds it lists it.
func (rp *replay) listed(sid string) *symphony.StreamAttributes {
	for i := len(rp.snapshots) - 1; i >= 0; i-- {
		for j := range rp.snapshots[i].streams {
			if s := &rp.snapshots[i].streams[j]; symphony.CanonicalID(s.ID) == sid {
				return s
			}
		}
	}
	return nil
}

// replayScenario is the scenario a replaying server reports.
const replayScenario = "replay"

// loadReplay reads Options.Replay and registers its session user, with
// pub, as the primary service account.
func (s *Server) loadReplay(pub *rsa.PublicKey) error {
	rp, err := newReplay(s.opts.Replay, s.opts.Speed, s.opts.ReplayLoop)
	if err != nil {
		return err
	}
	a := rp.account
	s.mu.Lock()
	s.st.addUser(&user{
		id: a.ID, username: a.Username, firstName: a.FirstName, lastName: a.LastName, displayName: a.DisplayName,
		email: a.EmailAddress, title: a.Title, company: a.Company, department: a.Department, location: a.Location,
		system: true, key: pub,
	})
	s.st.account = a.ID
	s.mu.Unlock()
	s.account = a.Username
	s.playback = rp
	s.replayDone = make(chan struct{})
	return nil
}
