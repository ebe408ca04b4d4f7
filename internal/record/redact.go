package record

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"github.com/tutti-chat/tutti/symphony"
)

// Redactor replaces what names a person in the answers of a recording with
// pseudonyms, the same for the same person throughout: display, first and
// last names, e-mail addresses and usernames become those of a pseudonym
// ("Avery Ashdown", avery.ashdown@redacted.example), and user ids become
// the pseudonym's number (900000000000001, …) wherever an answer holds one:
// users, event initiators and affected users, message authors, stream
// members, room creators and members, the user ids of mentions in
// EntityJSON, and the text of the PresentationML mention spans that
// EntityJSON names (<span class="entity" data-entity-id="…">@Name</span>).
// A person is known by user id, else by a name or address seen before.
// Avatars, phone numbers and user metadata are dropped. An answer is
// decoded into the client's types and encoded again, so fields the client
// does not know are dropped too and cannot leak.
//
// What stays: message text other than mention spans (a name typed in a
// sentence, an e-mail address written out), room names and descriptions,
// titles, companies and departments, Elements form values, generic system
// event parameters and other EntityJSON data.
//
// A Redactor is safe for concurrent use.
type Redactor struct {
	mu     sync.Mutex
	n      int
	byID   map[int64]*person
	byName map[string]*person // lower-cased names, usernames and addresses
}

// NewRedactor returns a Redactor with no pseudonym given yet.
func NewRedactor() *Redactor {
	return &Redactor{byID: map[int64]*person{}, byName: map[string]*person{}}
}

// Body returns the redacted body of an answer of the given kind.
func (r *Redactor) Body(kind Kind, body json.RawMessage) (json.RawMessage, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch kind {
	case KindSession:
		return redactAs(body, func(u *symphony.UserV2) { r.userV2(u) })
	case KindUsers:
		return redactAs(body, func(us *[]symphony.UserV2) {
			for i := range *us {
				r.userV2(&(*us)[i])
			}
		})
	case KindStreams:
		return redactAs(body, func(ss *[]symphony.StreamAttributes) {
			for i := range *ss {
				if a := (*ss)[i].StreamAttributes; a != nil {
					r.ids(a.Members)
				}
			}
		})
	case KindStreamInfo:
		return redactAs(body, func(s *symphony.V2StreamAttributes) {
			if s.StreamAttributes != nil {
				r.ids(s.StreamAttributes.Members)
			}
			if s.RoomAttributes != nil {
				r.groups(s.RoomAttributes.Groups)
			}
		})
	case KindRoomInfo:
		return redactAs(body, func(d *symphony.V3RoomDetail) {
			if d.RoomSystemInfo != nil && d.RoomSystemInfo.CreatedByUserID != 0 {
				d.RoomSystemInfo.CreatedByUserID = r.person(d.RoomSystemInfo.CreatedByUserID).id
			}
			r.groups(d.Groups)
		})
	case KindRoomMembers:
		return redactAs(body, func(ms *[]symphony.MemberInfo) {
			for i := range *ms {
				(*ms)[i].ID = r.person((*ms)[i].ID).id
			}
		})
	case KindDatafeed:
		return redactAs(body, func(evs *[]symphony.V4Event) {
			for i := range *evs {
				r.event(&(*evs)[i])
			}
		})
	case KindHistory:
		return redactAs(body, func(ms *[]symphony.V4Message) {
			for i := range *ms {
				r.message(&(*ms)[i])
			}
		})
	}
	return nil, fmt.Errorf("no redaction for answers of kind %q", kind)
}

// redactAs decodes body as a T, redacts it and encodes it again.
func redactAs[T any](body json.RawMessage, redact func(*T)) (json.RawMessage, error) {
	var v T
	if err := symphony.DecodeJSON(body, &v); err != nil {
		return nil, err
	}
	redact(&v)
	return encodeJSON(v)
}

// encodeJSON encodes v without escaping <, > and &.
func encodeJSON(v any) (json.RawMessage, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// person returns the pseudonym of the user with id (0 when unknown) and
// the given names, usernames and addresses, giving one when none is known.
// Names seen before an id adopt it.
func (r *Redactor) person(id int64, names ...string) *person {
	keys := make([]string, 0, len(names))
	for _, n := range names {
		if n = strings.ToLower(strings.TrimSpace(n)); n != "" {
			keys = append(keys, n)
		}
	}
	p := r.byID[id]
	if p == nil || id == 0 {
		p = nil
		for _, k := range keys {
			if q := r.byName[k]; q != nil && (id == 0 || q.original == 0) {
				p = q
				break
			}
		}
	}
	if p == nil {
		r.n++
		p = newPerson(r.n)
	}
	if id != 0 && p.original == 0 {
		p.original = id
		r.byID[id] = p
	}
	for _, k := range keys {
		if r.byName[k] == nil {
			r.byName[k] = p
		}
	}
	return p
}

// fullName is first and last joined, as a display name would have them.
func fullName(first, last string) string { return strings.TrimSpace(first + " " + last) }

// userV2 redacts a pod user record.
func (r *Redactor) userV2(u *symphony.UserV2) {
	p := r.person(u.ID, u.DisplayName, fullName(u.FirstName, u.LastName), u.Username, u.EmailAddress)
	if u.ID != 0 {
		u.ID = p.id
	}
	replaceNames(p, &u.FirstName, &u.LastName, &u.DisplayName, &u.Username, &u.EmailAddress)
	u.Avatars, u.WorkPhoneNumber, u.MobilePhoneNumber, u.UserMetadata = nil, "", "", nil
}

// v4User redacts a user as events carry it.
func (r *Redactor) v4User(u *symphony.V4User) {
	if u == nil {
		return
	}
	p := r.person(u.UserID, u.DisplayName, fullName(u.FirstName, u.LastName), u.Username, u.Email)
	if u.UserID != 0 {
		u.UserID = p.id
	}
	replaceNames(p, &u.FirstName, &u.LastName, &u.DisplayName, &u.Username, &u.Email)
}

// replaceNames sets each field that is not empty to the pseudonym's.
func replaceNames(p *person, first, last, display, username, email *string) {
	for _, f := range []struct {
		field *string
		value string
	}{{first, p.first}, {last, p.last}, {display, p.display}, {username, p.username}, {email, p.email}} {
		if *f.field != "" {
			*f.field = f.value
		}
	}
}

// ids redacts a list of user ids in place.
func (r *Redactor) ids(ids []int64) {
	for i, id := range ids {
		if id != 0 {
			ids[i] = r.person(id).id
		}
	}
}

// groups redacts who added the groups of a room.
func (r *Redactor) groups(gs []symphony.GroupItem) {
	for i := range gs {
		if gs[i].AddedBy != 0 {
			gs[i].AddedBy = r.person(gs[i].AddedBy).id
		}
	}
}

// stream redacts the members of a stream as events carry it.
func (r *Redactor) stream(s *symphony.V4Stream) {
	if s == nil {
		return
	}
	for _, u := range s.Members {
		r.v4User(u)
	}
}

// roomProperties redacts the creator of a room.
func (r *Redactor) roomProperties(p *symphony.V4RoomProperties) {
	if p != nil {
		r.v4User(p.CreatorUser)
	}
}

// event redacts every user an event names, each once.
func (r *Redactor) event(ev *symphony.V4Event) {
	if ev.Initiator != nil {
		r.v4User(ev.Initiator.User)
	}
	p := ev.Payload
	if p == nil {
		return
	}
	switch {
	case p.MessageSent != nil:
		r.message(p.MessageSent.Message)
	case p.SharedPost != nil:
		r.message(p.SharedPost.Message)
		r.message(p.SharedPost.SharedMessage)
	case p.RoomCreated != nil:
		r.roomProperties(p.RoomCreated.RoomProperties)
	case p.RoomUpdated != nil:
		r.roomProperties(p.RoomUpdated.NewRoomProperties)
	case p.UserJoinedRoom != nil:
		r.v4User(p.UserJoinedRoom.AffectedUser)
	case p.UserLeftRoom != nil:
		r.v4User(p.UserLeftRoom.AffectedUser)
	case p.RoomMemberPromotedToOwner != nil:
		r.v4User(p.RoomMemberPromotedToOwner.AffectedUser)
	case p.RoomMemberDemotedFromOwner != nil:
		r.v4User(p.RoomMemberDemotedFromOwner.AffectedUser)
	case p.ConnectionRequested != nil:
		r.v4User(p.ConnectionRequested.ToUser)
	case p.ConnectionAccepted != nil:
		r.v4User(p.ConnectionAccepted.FromUser)
	case p.UserRequestedToJoinRoom != nil:
		for _, u := range p.UserRequestedToJoinRoom.AffectedUsers {
			r.v4User(u)
		}
	}
	// A message's stream is redacted with the message.
	if p.MessageSent == nil && p.SharedPost == nil {
		r.stream(ev.Stream())
	}
}

// message redacts a message: its author, its stream's members, the user
// ids of its mentions and the names in its mention spans, and a shared
// message inside it.
func (r *Redactor) message(m *symphony.V4Message) {
	if m == nil {
		return
	}
	r.v4User(m.User)
	r.stream(m.Stream)
	var mentions map[string]*person
	m.Data, mentions = r.entityJSON(m.Data)
	m.Message = redactMentionSpans(m.Message, mentions)
	r.message(m.SharedMessage)
}
