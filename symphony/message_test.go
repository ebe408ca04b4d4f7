package symphony

import (
	"encoding/json"
	"testing"
)

func TestDecodeEntityJSON(t *testing.T) {
	for _, in := range []string{"", "null", "{", "[1,2]", `"str"`, "42"} {
		got := DecodeEntityJSON(in)
		if got == nil || len(got) != 0 {
			t.Errorf("DecodeEntityJSON(%q) = %v, want an empty map", in, got)
		}
	}
	got := DecodeEntityJSON(`{"mention1":{"type":"com.symphony.user.mention"}}`)
	if _, ok := got["mention1"]; !ok || len(got) != 1 {
		t.Errorf("valid data lost: %v", got)
	}
}

func TestFlexValues(t *testing.T) {
	var v struct {
		A, B, C, D FlexBool
		S, N, Z    FlexString
	}
	in := `{"A":true,"B":"true","C":"false","D":null,"S":"12","N":13056700580915,"Z":null}`
	if err := json.Unmarshal([]byte(in), &v); err != nil {
		t.Fatal(err)
	}
	if !v.A || !v.B || v.C || v.D {
		t.Errorf("bools = %v %v %v %v", v.A, v.B, v.C, v.D)
	}
	if v.S != "12" || v.N.Int64() != 13056700580915 || v.Z != "" {
		t.Errorf("strings = %q %q %q", v.S, v.N, v.Z)
	}
	var b FlexBool
	if err := json.Unmarshal([]byte(`"maybe"`), &b); err == nil {
		t.Error(`"maybe" accepted as a bool`)
	}
}

func TestEventHelpers(t *testing.T) {
	msg := &V4Message{MessageID: "m", Stream: &V4Stream{StreamID: "s"}}
	e := V4Event{Type: EventMessageSent, Payload: &V4Payload{MessageSent: &V4MessageSent{Message: msg}}}
	if e.Message() != msg || e.Stream().StreamID != "s" || !e.KnownType() {
		t.Error("MESSAGESENT helpers")
	}
	c := V4Event{Type: EventConnectionRequested, Payload: &V4Payload{ConnectionRequested: &V4ConnectionRequested{ToUser: &V4User{UserID: 1}}}}
	if c.Stream() != nil || c.Message() != nil {
		t.Error("connection events have no stream or message")
	}
	var unknown V4Event
	if err := json.Unmarshal([]byte(`{"type":"PRESENCEUPDATED","payload":{"presence":{}},"extra":1}`), &unknown); err != nil {
		t.Fatalf("unknown type rejected: %v", err)
	}
	if unknown.KnownType() || unknown.Stream() != nil {
		t.Error("unknown event misread")
	}
	if len(EventTypes()) != 17 {
		t.Errorf("%d event types, want 17", len(EventTypes()))
	}
}
