package simulator_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/symphony"
)

// TestUpdateReachesMembersAsEdit: an update is a MESSAGESENT on every
// member's datafeed, whose message names the version it replaces and the
// first one, as a real pod's.
func TestUpdateReachesMembersAsEdit(t *testing.T) {
	srv := start(t, simulator.Options{})
	c := newClient(t, srv)
	_, other := testKeys(t)
	if err := srv.AddAccount("bob", &other.PublicKey); err != nil {
		t.Fatal(err)
	}
	bob := &client{t: t, base: srv.URL(), hc: http.DefaultClient, username: "bob", key: other}
	bob.login()
	im := c.createIM(bobID)
	feed := bob.createFeed()

	status, data := c.send(im, "<messageML>first</messageML>", "")
	var m symphony.V4Message
	if status != http.StatusOK || json.Unmarshal(data, &m) != nil {
		t.Fatalf("send: %d %s", status, data)
	}
	ct, body := multipartMessage(t, map[string]string{"message": "<messageML>second</messageML>"})
	req, _ := http.NewRequest(http.MethodPost, c.base+"/agent/v4/stream/"+im+"/message/"+m.MessageID+"/update", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", ct)
	if status, data, _ := c.do(req); status != http.StatusOK {
		t.Fatalf("update: %d %s", status, data)
	}
	evs, _ := bob.drain(feed, 2)
	var edit *symphony.V4Message
	for _, ev := range evs {
		if msg := ev.Message(); ev.Type == symphony.EventMessageSent && msg != nil && msg.Replacing != "" {
			edit = msg
		}
	}
	if edit == nil {
		t.Fatalf("bob's feed has no edit: %+v", evs)
	}
	if symphony.CanonicalID(edit.Replacing) != symphony.CanonicalID(m.MessageID) ||
		symphony.CanonicalID(edit.InitialMessageID) != symphony.CanonicalID(m.MessageID) ||
		edit.InitialTimestamp != m.Timestamp || !strings.Contains(edit.Message, "second") {
		t.Fatalf("edit on bob's feed: %+v", edit)
	}
}

// TestUpdateOfAFormIsRefused: a message holding a form cannot be updated.
func TestUpdateOfAFormIsRefused(t *testing.T) {
	srv := start(t, simulator.Options{})
	c := newClient(t, srv)
	im := c.createIM(bobID)
	form := `<messageML><form id="f"><text-field name="q"/><button name="go">Go</button></form></messageML>`
	status, data := c.send(im, form, "")
	var m symphony.V4Message
	if status != http.StatusOK || json.Unmarshal(data, &m) != nil {
		t.Fatalf("send a form: %d %s", status, data)
	}
	ct, body := multipartMessage(t, map[string]string{"message": "<messageML>no form</messageML>"})
	req, _ := http.NewRequest(http.MethodPost, c.base+"/agent/v4/stream/"+im+"/message/"+m.MessageID+"/update", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", ct)
	status, data, _ = c.do(req)
	if e := wantError(t, "update a form", status, data, http.StatusBadRequest); !strings.Contains(e.Message, "form") {
		t.Fatalf("refusal %q does not say why", e.Message)
	}
}
