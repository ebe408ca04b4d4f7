package scenario

import "slices"

// world is the state of the pod as far as the generators need it: which
// streams exist, who is in them, which rooms are active, who asked whom for
// a connection. Actions change it through apply, in the order the pod sees
// them, so that every generated action makes sense where it happens.
type world struct {
	c         *cast
	rooms     []*Room // in order of creation
	room      map[string]*Room
	convs     []*Conversation
	conv      map[string]*Conversation
	wallOwner map[string]int64
	topic     map[string]topic
	joinAsks  []joinAsk         // USERREQUESTEDTOJOINROOM not yet granted
	asked     map[[2]int64]bool // connection requests, from → to
	connected map[[2]int64]bool // accepted connections, from → to
	inIMWith  map[int64]bool    // people the account has an IM with
}

// joinAsk is a pending request to join a room.
type joinAsk struct {
	room string
	user int64
}

// newWorld returns the state of the pod before History, from the cast.
func newWorld(c *cast) *world {
	w := &world{
		c:         c,
		room:      map[string]*Room{},
		conv:      map[string]*Conversation{},
		wallOwner: map[string]int64{},
		topic:     map[string]topic{},
		asked:     map[[2]int64]bool{},
		connected: map[[2]int64]bool{},
		inIMWith:  map[int64]bool{},
	}
	roomTopics := [numRooms]topic{
		roomRates: topicRates, roomFX: topicFX, roomOps: topicOps, roomReleases: topicRelease,
		roomLunch: topicSocial, roomAnnounce: topicAnnounce, roomKestrel: topicExternal, roomHeads: topicHeads,
	}
	for i, r := range c.co.Rooms {
		w.addRoom(r.clone(), roomTopics[i])
	}
	convTopics := [numConversations]topic{
		imHeadRates: topicIM, imSRE: topicIM, imFXSpot: topicIM, imRelease: topicIM,
		imTraders: topicTraders, mimBatch: topicBatch, mimFX: topicFXChat,
	}
	for i, cv := range c.co.IMs {
		w.addConv(Conversation{ID: cv.ID, Members: slices.Clone(cv.Members), Created: cv.Created}, convTopics[i])
	}
	for owner, id := range c.co.Walls {
		w.wallOwner[id] = owner
		w.topic[id] = topicWall
	}
	// Kestrel's people are already connected with the desk they trade with.
	for _, x := range []int{extKestrelSales, extKestrelRepo} {
		for _, r := range []role{roleSales, roleGovies, roleHeadRates, roleAccount} {
			w.connected[[2]int64{c.ext[x], c.id(r)}] = true
		}
	}
	return w
}

func (w *world) addRoom(r Room, t topic) {
	p := &r
	w.rooms = append(w.rooms, p)
	w.room[r.ID] = p
	w.topic[r.ID] = t
}

func (w *world) addConv(cv Conversation, t topic) {
	p := &cv
	w.convs = append(w.convs, p)
	w.conv[cv.ID] = p
	w.topic[cv.ID] = t
	acct := w.c.id(roleAccount)
	if len(cv.Members) == 2 && slices.Contains(cv.Members, acct) {
		for _, m := range cv.Members {
			if m != acct {
				w.inIMWith[m] = true
			}
		}
	}
}

// members returns the members of a stream: a room's, a conversation's, or a
// wall's owner. The slice belongs to the world.
func (w *world) members(stream string) []int64 {
	if r := w.room[stream]; r != nil {
		return r.Members
	}
	if cv := w.conv[stream]; cv != nil {
		return cv.Members
	}
	if o, ok := w.wallOwner[stream]; ok {
		return []int64{o}
	}
	return nil
}

// isMember reports whether user is in the stream.
func (w *world) isMember(stream string, user int64) bool {
	return slices.Contains(w.members(stream), user)
}

// active reports whether messages can be posted in the stream now.
func (w *world) active(stream string) bool {
	if r := w.room[stream]; r != nil {
		return r.Active
	}
	return true
}

// snapshot returns a copy of a room's current properties for an action.
func (w *world) snapshot(stream string) *Room {
	r := w.room[stream].clone()
	return &r
}

// apply records the effect of an action on the pod.
func (w *world) apply(a Action) {
	switch a.Kind {
	case CreateRoom:
		w.addRoom(a.Room.clone(), topicIncident)
	case UpdateRoom:
		if r := w.room[a.Stream]; r != nil {
			r.Name, r.Description, r.Keywords = a.Room.Name, a.Room.Description, a.Room.clone().Keywords
			r.Public, r.ReadOnly = a.Room.Public, a.Room.ReadOnly
		}
	case DeactivateRoom, ReactivateRoom:
		if r := w.room[a.Stream]; r != nil {
			r.Active = a.Kind == ReactivateRoom
		}
	case RequestToJoin:
		w.joinAsks = append(w.joinAsks, joinAsk{a.Stream, a.Actor})
	case JoinRoom:
		if r := w.room[a.Stream]; r != nil && !slices.Contains(r.Members, a.User) {
			r.Members = append(r.Members, a.User)
		}
		w.joinAsks = slices.DeleteFunc(w.joinAsks, func(j joinAsk) bool { return j.room == a.Stream && j.user == a.User })
	case LeaveRoom:
		if r := w.room[a.Stream]; r != nil {
			r.Members = remove(r.Members, a.User)
			r.Owners = remove(r.Owners, a.User)
		}
	case PromoteOwner:
		if r := w.room[a.Stream]; r != nil && !slices.Contains(r.Owners, a.User) {
			r.Owners = append(r.Owners, a.User)
		}
	case DemoteOwner:
		if r := w.room[a.Stream]; r != nil {
			r.Owners = remove(r.Owners, a.User)
		}
	case CreateIM:
		t := topicIM
		if len(a.Members) > 2 {
			t = topicFXChat
		}
		w.addConv(Conversation{ID: a.Stream, Members: slices.Clone(a.Members)}, t)
	case RequestConnection:
		w.asked[[2]int64{a.Actor, a.User}] = true
	case AcceptConnection:
		delete(w.asked, [2]int64{a.User, a.Actor})
		w.connected[[2]int64{a.User, a.Actor}] = true
	}
}

// remove returns xs without v, reusing its storage.
func remove(xs []int64, v int64) []int64 {
	return slices.DeleteFunc(xs, func(x int64) bool { return x == v })
}
