package symphony

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// fixtureDir returns the shared fixtures folder, or skips the test when the
// checkout has no ../shared beside it.
func fixtureDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "fixtures")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared fixtures not found at %s: %v", dir, err)
	}
	return dir
}

func readFixture(t *testing.T, rel string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(fixtureDir(t), rel))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestFixturesDecode(t *testing.T) {
	// check receives the decoded value and reports what is wrong with it.
	type fixture struct {
		path  string
		into  func() any
		check func(v any) string
	}
	events := func(v any) string {
		var evs []V4Event
		switch x := v.(type) {
		case *[]V4Event:
			evs = *x
		case *V5EventList:
			if x.AckID == "" {
				return "no ackId"
			}
			evs = x.Events
		}
		if len(evs) == 0 {
			return "no events"
		}
		for _, e := range evs {
			if e.Type == EventMessageSent && (e.Message() == nil || e.Message().Message == "") {
				return "MESSAGESENT without message"
			}
			if e.Initiator == nil || e.Initiator.User == nil || e.Initiator.User.UserID == 0 {
				return "event without initiator user id"
			}
		}
		return ""
	}
	message := func(v any) string {
		m := v.(*V4Message)
		if m.MessageID == "" || m.Timestamp == 0 || m.Message == "" {
			return "message id, timestamp or body missing"
		}
		return ""
	}
	messages := func(v any) string {
		ms := *v.(*[]V4Message)
		if len(ms) == 0 {
			return "no messages"
		}
		for i := range ms {
			if s := message(&ms[i]); s != "" {
				return s
			}
		}
		return ""
	}
	user := func(v any) string {
		if u := v.(*UserV2); u.ID == 0 || u.Username == "" {
			return "user id or username missing"
		}
		return ""
	}
	users := func(v any) string {
		if l := v.(*V2UserList); len(l.Users) == 0 || l.Users[0].ID == 0 {
			return "no users"
		}
		return ""
	}
	streams := func(v any) string {
		l := *v.(*[]StreamAttributes)
		if len(l) == 0 || l[0].ID == "" || l[0].StreamType.Type == "" {
			return "no streams or stream without id/type"
		}
		return ""
	}
	streamInfo := func(v any) string {
		if s := v.(*V2StreamAttributes); s.ID == "" || s.StreamType.Type == "" {
			return "stream id or type missing"
		}
		return ""
	}
	room := func(v any) string {
		if r := v.(*V3RoomDetail); r.RoomAttributes == nil || r.RoomAttributes.Name == "" || r.RoomSystemInfo == nil || r.RoomSystemInfo.ID == "" {
			return "room name or id missing"
		}
		return ""
	}
	members := func(v any) string {
		if l := *v.(*[]MemberInfo); len(l) == 0 || l[0].ID == 0 {
			return "no members"
		}
		return ""
	}
	feeds := func(v any) string {
		if l := *v.(*[]V5Datafeed); len(l) == 0 || l[0].ID == "" {
			return "no feeds"
		}
		return ""
	}
	feed := func(v any) string {
		if f := v.(*V5Datafeed); f.ID == "" {
			return "no feed id"
		}
		return ""
	}
	errBody := func(v any) string {
		if e := v.(*ErrorBody); e.Code == 0 || e.Message == "" {
			return "code or message missing"
		}
		return ""
	}
	imInfo := func(v any) string {
		if d := v.(*V1IMDetail); d.IMSystemInfo == nil || d.IMSystemInfo.ID == "" {
			return "IMSystemInfo missing"
		}
		return ""
	}
	streamID := func(v any) string {
		if s := v.(*StreamID); s.ID == "" {
			return "no id"
		}
		return ""
	}
	entities := func(v any) string {
		if m := *v.(*map[string]json.RawMessage); len(m) == 0 {
			return "no entities"
		}
		return ""
	}
	newOf := func(f func() any) func() any { return f }
	fixtures := []fixture{
		{"finos__symphony-bdk-java/datafeed/read_datafeed.json", newOf(func() any { return &[]V4Event{} }), events},
		{"finos__symphony-bdk-java/datafeed/read_datafeedv2.json", newOf(func() any { return &V5EventList{} }), events},
		{"finos__symphony-bdk-java/datafeed/read_datafeedv2_old.json", newOf(func() any { return &V5EventList{} }), events},
		{"finos__symphony-bdk-java/datafeed/read_datafeedv5.json", newOf(func() any { return &V5EventList{} }), events},
		{"finos__symphony-bdk-java/datafeed/list_datafeedv2.json", newOf(func() any { return &[]V5Datafeed{} }), feeds},
		{"finos__symphony-bdk-java/datafeed/create_datafeedv2.json", newOf(func() any { return &V5Datafeed{} }), feed},
		{"finos__symphony-bdk-java/error/forbidden_error.json", newOf(func() any { return &ErrorBody{} }), errBody},
		{"finos__symphony-bdk-java/error/unauthorized_error.json", newOf(func() any { return &ErrorBody{} }), errBody},
		{"finos__symphony-bdk-java/message/get_message.json", newOf(func() any { return &V4Message{} }), message},
		{"finos__symphony-bdk-java/message/send_message.json", newOf(func() any { return &V4Message{} }), message},
		{"finos__symphony-bdk-java/message/update_message.json", newOf(func() any { return &V4Message{} }), message},
		{"finos__symphony-bdk-java/message/message_entity_data.json", newOf(func() any { return &map[string]json.RawMessage{} }), entities},
		{"finos__symphony-bdk-python/message/message_entity_data.json", newOf(func() any { return &map[string]json.RawMessage{} }), entities},
		{"finos__symphony-bdk-python/message/message.json", newOf(func() any { return &V4Message{} }), message},
		{"finos__symphony-bdk-python/message/update_message.json", newOf(func() any { return &V4Message{} }), message},
		{"finos__symphony-bdk-python/message/list_messages.json", newOf(func() any { return &[]V4Message{} }), messages},
		{"finos__symphony-bdk-java/session/bot_info.json", newOf(func() any { return &UserV2{} }), user},
		{"finos__symphony-bdk-java/session/session_user.json", newOf(func() any { return &UserV2{} }), user},
		{"finos__symphony-bdk-java/stream/get_room_member.json", newOf(func() any { return &[]MemberInfo{} }), members},
		{"finos__symphony-bdk-python/stream/list_room_members.json", newOf(func() any { return &[]MemberInfo{} }), members},
		{"finos__symphony-bdk-java/stream/im_info.json", newOf(func() any { return &V1IMDetail{} }), imInfo},
		{"finos__symphony-bdk-python/stream/get_im_info.json", newOf(func() any { return &V1IMDetail{} }), imInfo},
		{"finos__symphony-bdk-python/stream/create_im.json", newOf(func() any { return &StreamID{} }), streamID},
		{"finos__symphony-bdk-java/stream/list_stream.json", newOf(func() any { return &[]StreamAttributes{} }), streams},
		{"finos__symphony-bdk-java/stream/list_user_streams.json", newOf(func() any { return &[]StreamAttributes{} }), streams},
		{"finos__symphony-bdk-python/stream/list_streams.json", newOf(func() any { return &[]StreamAttributes{} }), streams},
		{"finos__symphony-bdk-java/stream/stream_info.json", newOf(func() any { return &V2StreamAttributes{} }), streamInfo},
		{"finos__symphony-bdk-java/stream/v2_stream_attributes.json", newOf(func() any { return &V2StreamAttributes{} }), streamInfo},
		{"finos__symphony-bdk-python/stream/get_stream.json", newOf(func() any { return &V2StreamAttributes{} }), streamInfo},
		{"finos__symphony-bdk-java/stream/room_info.json", newOf(func() any { return &V3RoomDetail{} }), room},
		{"finos__symphony-bdk-java/stream/room_detail.json", newOf(func() any { return &V3RoomDetail{} }), room},
		{"finos__symphony-bdk-java/stream/v3_room_detail.json", newOf(func() any { return &V3RoomDetail{} }), room},
		{"finos__symphony-bdk-python/stream/get_room_info.json", newOf(func() any { return &V3RoomDetail{} }), room},
		{"finos__symphony-bdk-python/stream/create_room.json", newOf(func() any { return &V3RoomDetail{} }), room},
		{"finos__symphony-bdk-java/user/users.json", newOf(func() any { return &V2UserList{} }), users},
		{"finos__symphony-bdk-java/user/get_users.json", newOf(func() any { return &V2UserList{} }), users},
		{"finos__symphony-bdk-python/user/list_user.json", newOf(func() any { return &V2UserList{} }), users},
	}
	for _, f := range fixtures {
		t.Run(f.path, func(t *testing.T) {
			v := f.into()
			if err := json.Unmarshal(readFixture(t, f.path), v); err != nil {
				t.Fatalf("decode: %v", err)
			}
			if problem := f.check(v); problem != "" {
				t.Errorf("decoded, but %s", problem)
			}
		})
	}
}

func TestFixtureEditedMessage(t *testing.T) {
	var m V4Message
	if err := json.Unmarshal(readFixture(t, "finos__symphony-bdk-python/message/update_message.json"), &m); err != nil {
		t.Fatal(err)
	}
	if m.Replacing == "" || m.InitialMessageID == "" || m.InitialTimestamp == 0 {
		t.Errorf("edit fields not decoded: replacing %q initial %q at %d", m.Replacing, m.InitialMessageID, m.InitialTimestamp)
	}
	if m.Silent == nil || !bool(*m.Silent) {
		t.Errorf("silent \"true\" not decoded as true: %v", m.Silent)
	}
}

func TestFixtureMentionEntity(t *testing.T) {
	var m V4Message
	if err := json.Unmarshal(readFixture(t, "finos__symphony-bdk-java/message/get_message.json"), &m); err != nil {
		t.Fatal(err)
	}
	if m.Stream == nil || m.Stream.StreamID == "" || m.User == nil || m.User.UserID == 0 {
		t.Fatalf("stream or user missing: %+v", m)
	}
	_ = m.Entities() // lenient whatever the fixture holds
}
