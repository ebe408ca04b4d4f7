package history

import "github.com/tutti-chat/tutti/symphony"

// maxInterned bounds each table of interned values of a timeline.
const maxInterned = 4096

// interner shares the values that messages repeat: the author and stream
// records and an empty EntityJSON, so that a timeline holds one copy of
// each instead of one per message.
type interner struct {
	users   map[symphony.V4User]*symphony.V4User
	streams map[streamKey]*symphony.V4Stream
	strs    map[string]string
}

// streamKey is what a plain stream record (no members or flags) holds.
type streamKey struct{ id, typ, name string }

// message makes m share the records and strings that earlier messages
// had equal. It changes only pointers and strings to equal values.
func (in *interner) message(m *Message) {
	if in.users == nil {
		in.users = map[symphony.V4User]*symphony.V4User{}
		in.streams = map[streamKey]*symphony.V4Stream{}
		in.strs = map[string]string{}
	}
	if u := m.User; u != nil {
		if p, ok := in.users[*u]; ok {
			m.User = p
		} else if len(in.users) < maxInterned {
			in.users[*u] = u
		}
	}
	if s := m.Stream; s != nil && s.Members == nil && s.External == nil && s.CrossPod == nil && s.RecipientTenantIDs == nil {
		k := streamKey{s.StreamID, s.StreamType, s.RoomName}
		if p, ok := in.streams[k]; ok {
			m.Stream = p
		} else if len(in.streams) < maxInterned {
			in.streams[k] = s
		}
	}
	if len(m.Data) <= 2 {
		m.Data = in.str(m.Data) // "" and "{}"
	}
}

// str returns the shared copy of s.
func (in *interner) str(s string) string {
	if s == "" {
		return ""
	}
	if p, ok := in.strs[s]; ok {
		return p
	}
	if len(in.strs) < maxInterned {
		in.strs[s] = s
	}
	return s
}
