package watch

import (
	"strings"

	"github.com/tutti-chat/tutti/names"
	"github.com/tutti-chat/tutti/symphony"
)

// eventView is the event being matched, with what the rules read of it
// worked out once, when first needed.
type eventView struct {
	ev      *symphony.V4Event
	dir     *names.Directory
	typeBit uint32
	stream  *symphony.V4Stream
	msg     *symphony.V4Message // whose content the rules read; nil for none
	author  *symphony.V4User    // the message's author, else the initiator

	sid        string // canonical stream id
	sidDone    bool
	room       string // the room's name, else the conversation's title
	roomDone   bool
	authorName string
	nameDone   bool
	aff        []*symphony.V4User
	affDone    bool
	titles     titleCache
	sk         sketch // of the PresentationML
	skDone     bool
	skd        sketch // of the EntityJSON
	skdDone    bool
	ct         *content
}

// reset starts on ev.
func (v *eventView) reset(ev *symphony.V4Event, dir *names.Directory) {
	v.ev, v.dir = ev, dir
	v.typeBit = typeBit(ev.Type)
	v.stream = ev.Stream()
	v.msg, v.author = ev.Message(), nil
	if v.msg != nil {
		v.author = v.msg.User
		if p := ev.Payload; ev.Type == symphony.EventSharedPost && p != nil && p.SharedPost != nil && p.SharedPost.SharedMessage != nil {
			v.msg = p.SharedPost.SharedMessage
		}
	}
	if v.author == nil && ev.Initiator != nil {
		v.author = ev.Initiator.User
	}
	v.sid, v.room, v.authorName, v.aff, v.ct = "", "", "", nil, nil
	v.sidDone, v.roomDone, v.nameDone, v.affDone, v.skDone, v.skdDone = false, false, false, false, false, false
}

// streamID returns the event's canonical stream id; "" for none.
func (v *eventView) streamID() string {
	if !v.sidDone {
		v.sidDone = true
		if v.stream != nil {
			v.sid = symphony.CanonicalID(v.stream.StreamID)
		}
	}
	return v.sid
}

// streamTypeBit returns the bit of the event's stream type: as the event
// says it, else as the directory knows it; 0 when unknown.
func (v *eventView) streamTypeBit() uint8 {
	t := ""
	if v.stream != nil {
		t = v.stream.StreamType
	}
	if t == "" && v.streamID() != "" {
		t = v.dir.StreamType(v.sid)
	}
	return streamTypeBits(t)
}

// inStream reports whether the event's stream is one of list: by id, or
// by its room's name, or a conversation's title.
func (v *eventView) inStream(list []who) bool {
	sid := v.streamID()
	if sid == "" {
		return false
	}
	for _, w := range list {
		if w.sid == sid {
			return true
		}
	}
	if !v.roomDone {
		v.roomDone = true
		if name, ok := v.dir.Room(sid); ok {
			v.room = name
		} else if v.stream != nil && v.stream.RoomName != "" {
			v.room = v.stream.RoomName
		} else {
			v.room = v.titles.of(v.dir, sid)
		}
	}
	for _, w := range list {
		if v.room != "" && strings.EqualFold(w.name, v.room) {
			return true
		}
	}
	return false
}

// byAuthor reports whether the event's author is one of list.
func (v *eventView) byAuthor(list []who) bool {
	if v.author == nil || v.author.UserID == 0 {
		return false
	}
	if !v.nameDone {
		v.nameDone = true
		v.authorName = v.dir.User(v.author)
	}
	for _, w := range list {
		if v.isPerson(w, v.author.UserID, v.authorName) {
			return true
		}
	}
	return false
}

// isPerson reports whether the user id, called name, is w.
func (v *eventView) isPerson(w who, id int64, name string) bool {
	switch {
	case w.id != 0:
		return w.id == id
	case w.email:
		u, ok := v.dir.UserByEmail(w.name)
		return ok && u.ID == id
	}
	return strings.EqualFold(w.name, name)
}

// affected returns the users the event acts on.
func (v *eventView) affected() []*symphony.V4User {
	if !v.affDone {
		v.affDone = true
		v.aff = v.ev.Payload.AffectedUsers()
	}
	return v.aff
}

// mentions reports whether the message mentions one of list, or for an
// event without a message, whether it acts on one of them.
func (v *eventView) mentions(list []who) bool {
	if v.msg == nil {
		for _, u := range v.affected() {
			if u == nil || u.UserID == 0 {
				continue
			}
			name := v.dir.User(u)
			for _, w := range list {
				if v.isPerson(w, u.UserID, name) {
					return true
				}
			}
		}
		return false
	}
	for _, id := range v.content().mentions {
		name, _ := v.dir.Name(id) // a name the directory knows, as the sketch's ids
		for _, w := range list {
			if v.isPerson(w, id, name) {
				return true
			}
		}
	}
	return false
}

// sketch returns the sketch of the message's PresentationML, or with data
// of its EntityJSON: the tags and the mentioned ids a rule needs are in
// the EntityJSON alone, and a sketch of it alone rules out more (a word of
// the text is not a tag).
func (v *eventView) sketch(data bool) *sketch {
	if data {
		if !v.skdDone {
			v.skdDone = true
			v.skd.reset()
			v.skd.addData(v.msg.Data)
		}
		return &v.skd
	}
	if !v.skDone {
		v.skDone = true
		v.sk.reset()
		v.sk.addPML(v.msg.Message, v.msg.Data)
	}
	return &v.sk
}

// content returns the parsed message.
func (v *eventView) content() *content {
	if v.ct == nil {
		v.ct = parseContent(v.msg)
	}
	return v.ct
}

// titleCache keeps the titles of conversations (their other members'
// names, joined) that the directory makes, so that an event of one does
// not build it again: it is built again when the directory's names
// change. A conversation's members never change: adding someone makes a
// new one.
type titleCache struct {
	gen    int
	titles map[string]string
}

// maxTitles bounds the titles kept; past it, the cache starts over.
const maxTitles = 10000

// of returns the title of the conversation sid.
func (c *titleCache) of(dir *names.Directory, sid string) string {
	if c.titles == nil || c.gen != dir.Generation() || len(c.titles) >= maxTitles {
		c.titles, c.gen = map[string]string{}, dir.Generation()
	}
	t, ok := c.titles[sid]
	if !ok {
		t = dir.Title(sid)
		c.titles[sid] = t
	}
	return t
}
