package watch

import (
	"fmt"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/messageml"
	"github.com/tutti-chat/tutti/names"
	"github.com/tutti-chat/tutti/simulator/scenario"
	"github.com/tutti-chat/tutti/symphony"
)

// demo is a scenario of the simulator's company as datafeed events: its
// messages (converted as the agent converts them, with their EntityJSON)
// and membership events, and a directory that knows its people and rooms.
type demo struct {
	events []symphony.V4Event
	dir    *names.Directory
	people []scenario.Person
	rooms  []scenario.Room
}

// scenarioEvents builds the events of the scenario name (seed 1): the
// demo's history, or the first 10,000 live actions of busy, a pod's feed
// with messages everywhere.
func scenarioEvents(tb testing.TB, name string) *demo {
	tb.Helper()
	g, err := scenario.New(name, 1)
	if err != nil {
		tb.Fatal(err)
	}
	co := g.Company()
	d := &demo{dir: names.New(), people: co.People, rooms: co.Rooms}
	users := map[int64]*symphony.V4User{}
	for _, p := range co.People {
		users[p.ID] = &symphony.V4User{UserID: p.ID, DisplayName: p.DisplayName, FirstName: p.FirstName,
			LastName: p.LastName, Email: p.Email, Username: p.Username}
		d.dir.LookedUp(symphony.UserV2{ID: p.ID, DisplayName: p.DisplayName, EmailAddress: p.Email, Username: p.Username})
	}
	d.dir.SetMe(co.Account)
	streams := map[string]*symphony.V4Stream{}
	for _, r := range co.Rooms {
		streams[r.ID] = &symphony.V4Stream{StreamID: r.ID, StreamType: symphony.StreamRoom, RoomName: r.Name}
	}
	for _, im := range co.IMs {
		typ := symphony.StreamIM
		if len(im.Members) > 2 {
			typ = symphony.StreamMIM
		}
		st := &symphony.V4Stream{StreamID: im.ID, StreamType: typ}
		for _, m := range im.Members {
			st.Members = append(st.Members, users[m])
		}
		streams[im.ID] = st
	}
	for _, w := range co.Walls {
		streams[w] = &symphony.V4Stream{StreamID: w, StreamType: symphony.StreamPost}
	}
	for _, st := range streams {
		d.dir.LearnStream(st)
	}
	stream := func(a scenario.Action) *symphony.V4Stream {
		if st := streams[a.Stream]; st != nil {
			return st
		}
		st := &symphony.V4Stream{StreamID: a.Stream, StreamType: symphony.StreamRoom}
		if a.Room != nil {
			st.RoomName = a.Room.Name
		}
		streams[a.Stream] = st
		return st
	}
	now := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	actions := g.History(now)
	if name == scenario.Busy {
		actions = nil
		for len(actions) < 10000 {
			a, after, _ := g.Next()
			now = now.Add(after)
			a.Time = now
			actions = append(actions, a)
		}
	}
	for i, a := range actions {
		if ev, ok := d.event(i, a, users, stream); ok {
			d.events = append(d.events, ev)
		}
	}
	if len(d.events) < 100 {
		tb.Fatalf("the %s scenario gave only %d events", name, len(d.events))
	}
	return d
}

// event converts the action a, the i-th, to a datafeed event as the agent
// would send it; ok is false for an action the matcher never sees.
func (d *demo) event(i int, a scenario.Action, users map[int64]*symphony.V4User, stream func(scenario.Action) *symphony.V4Stream) (ev symphony.V4Event, ok bool) {
	ev = symphony.V4Event{ID: fmt.Sprintf("ev%06d", i), Timestamp: a.Time.UnixMilli(), Initiator: &symphony.V4Initiator{User: users[a.Actor]}}
	switch a.Kind {
	case scenario.SendMessage, scenario.EditMessage:
		res, err := messageml.Convert(a.MessageML, a.Data, d.dir)
		if err != nil {
			return ev, false // a form the agent refuses
		}
		ev.Type = symphony.EventMessageSent
		ev.Payload = &symphony.V4Payload{MessageSent: &symphony.V4MessageSent{Message: &symphony.V4Message{
			MessageID: fmt.Sprintf("msg%06d", i), Timestamp: ev.Timestamp, Message: res.PresentationML, Data: res.EntityJSON,
			User: users[a.Actor], Stream: stream(a),
		}}}
	case scenario.JoinRoom:
		ev.Type = symphony.EventUserJoinedRoom
		ev.Payload = &symphony.V4Payload{UserJoinedRoom: &symphony.V4UserJoinedRoom{Stream: stream(a), AffectedUser: users[a.User]}}
	case scenario.LeaveRoom:
		ev.Type = symphony.EventUserLeftRoom
		ev.Payload = &symphony.V4Payload{UserLeftRoom: &symphony.V4UserLeftRoom{Stream: stream(a), AffectedUser: users[a.User]}}
	case scenario.PromoteOwner:
		ev.Type = symphony.EventRoomMemberPromotedToOwner
		ev.Payload = &symphony.V4Payload{RoomMemberPromotedToOwner: &symphony.V4RoomMemberPromotedToOwner{Stream: stream(a), AffectedUser: users[a.User]}}
	case scenario.DemoteOwner:
		ev.Type = symphony.EventRoomMemberDemotedFromOwner
		ev.Payload = &symphony.V4Payload{RoomMemberDemotedFromOwner: &symphony.V4RoomMemberDemotedFromOwner{Stream: stream(a), AffectedUser: users[a.User]}}
	case scenario.SuppressMessage:
		ev.Type = symphony.EventMessageSuppressed
		ev.Payload = &symphony.V4Payload{MessageSuppressed: &symphony.V4MessageSuppressed{MessageID: a.Target, Stream: stream(a)}}
	case scenario.RequestConnection:
		ev.Type = symphony.EventConnectionRequested
		ev.Payload = &symphony.V4Payload{ConnectionRequested: &symphony.V4ConnectionRequested{ToUser: users[a.User]}}
	case scenario.CreateRoom:
		ev.Type = symphony.EventRoomCreated
		ev.Payload = &symphony.V4Payload{RoomCreated: &symphony.V4RoomCreated{Stream: stream(a)}}
	default:
		return ev, false
	}
	return ev, true
}

// person returns the demo's person of a role by display name order: the
// n-th person who is not a bot.
func (d *demo) person(n int) scenario.Person {
	for _, p := range d.people {
		if p.Bot {
			continue
		}
		if n == 0 {
			return p
		}
		n--
	}
	return d.people[0]
}
