package simulator_test

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/elements"
	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/symphony"
)

// orderForm is a form with a field of every kind, sent by the bot.
const orderForm = `<messageML>
<form id="order">
  <text-field name="ticker" required="true" placeholder="Ticker"/>
  <textarea name="note"></textarea>
  <select name="side" required="true"><option value="buy">Buy</option><option value="sell">Sell</option></select>
  <select name="venues" multiple="true"><option value="lse">LSE</option><option value="xpar">Paris</option><option value="xetr">Xetra</option></select>
  <checkbox name="urgent" value="yes">Urgent</checkbox>
  <radio name="tif" value="day" checked="true">Day</radio>
  <radio name="tif" value="gtc">Good till cancelled</radio>
  <person-selector name="approvers" required="true"/>
  <room-selector name="notify"/>
  <date-picker name="settle"/>
  <time-picker name="at"/>
  <button type="reset">Reset</button>
  <button name="draft" type="action">Draft</button>
  <button name="send" type="action">Send</button>
</form>
</messageML>`

// formDesk is a bot and a human in their IM, the bot's form sent there,
// both reading their datafeeds.
type formDesk struct {
	srv                *simulator.Server
	v                  *specValidator
	bot, human         *client
	botFeed, humanFeed string
	botAck, humanAck   string
	human1             simulator.Human
	formID             string // the id of the message holding the form
}

// newFormDesk starts the pod, adds the human ana.silva with the test's
// second key, and has the bot send orderForm into their IM. The bot's
// calls go through the spec validator.
func newFormDesk(t *testing.T) *formDesk {
	t.Helper()
	srv := start(t, simulator.Options{LongPoll: 50 * time.Millisecond})
	_, other := testKeys(t)
	h, err := srv.AddHuman("ana.silva", other)
	if err != nil {
		t.Fatalf("AddHuman: %v", err)
	}
	d := &formDesk{srv: srv, v: newSpecValidator(t, srv.URL()), human1: h}
	d.bot = newClient(t, srv)
	d.human = &client{t: t, base: srv.URL(), hc: &http.Client{Timeout: 10 * time.Second}, username: "ana.silva", key: other}
	d.human.login()
	d.botFeed, d.humanFeed = d.bot.createFeed(), d.human.createFeed()
	status, data := d.bot.send(h.IM, orderForm, "")
	if status != http.StatusOK {
		t.Fatalf("send the form: %d %s", status, data)
	}
	var m symphony.V4Message
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	d.formID = m.MessageID
	evs, ack := d.bot.drain(d.botFeed, 1)
	if evs[0].Type != symphony.EventMessageSent {
		t.Fatalf("the bot's first event: %s", evs[0].Type)
	}
	d.botAck = ack
	_, d.humanAck = d.human.drain(d.humanFeed, 1)
	// From here on, what the bot reads is checked against the agent's
	// document (a multipart message create is beyond the validator).
	d.bot.hc = &http.Client{Timeout: 10 * time.Second, Transport: d.v}
	return d
}

// submit posts a submission as c and returns the status and body.
func (d *formDesk) submit(c *client, body any) (int, []byte) {
	status, data, _ := c.call(http.MethodPost, symphony.ElementsSubmitPath, body)
	return status, data
}

// TestElementsSubmitReachesTheBot has the human answer the bot's form in
// their IM: the bot's datafeed receives SYMPHONYELEMENTSACTION with the
// human as initiator and the exact values, in a read that follows the
// official agent document; the human's own datafeed receives nothing.
func TestElementsSubmitReachesTheBot(t *testing.T) {
	d := newFormDesk(t)
	if status, data, _ := d.human.call(http.MethodGet, symphony.ElementsCapabilityPath, nil); status != http.StatusOK ||
		strings.TrimSpace(string(data)) != `{"submit":true}` {
		t.Fatalf("capability probe: %d %s", status, data)
	}
	values := map[string]any{
		"ticker": "VOD LN", "note": "first line\nsecond", "side": "buy", "venues": []string{"xetr", "lse"},
		"urgent": "yes", "tif": "gtc", "approvers": []int64{aliceID, d.human1.User.ID},
		"notify": map[string]any{"userIds": []string{"349026222342002"}, "streamIds": []string{d.human1.IM}},
		"settle": "2026-03-04", "at": "14:30:00",
	}
	// The message id as Symphony's clients spell it: standard base64.
	std := base64.StdEncoding.EncodeToString(mustDecodeID(t, d.formID))
	status, data := d.submit(d.human, symphony.FormSubmission{MessageID: std, FormID: "order", Action: "send", Values: values})
	if status != http.StatusOK || strings.TrimSpace(string(data)) != "{}" {
		t.Fatalf("submit: %d %s", status, data)
	}

	res := d.bot.read(d.botFeed, d.botAck)
	if len(res.Events) != 1 || res.Events[0].Type != symphony.EventSymphonyElementsAction {
		t.Fatalf("the bot's datafeed: %+v", res.Events)
	}
	ev := res.Events[0]
	a := ev.Payload.SymphonyElementsAction
	if ev.Initiator == nil || ev.Initiator.User.UserID != d.human1.User.ID || ev.Initiator.User.Username != "ana.silva" {
		t.Errorf("initiator %+v, want ana.silva", ev.Initiator)
	}
	if a.FormMessageID != d.formID || ev.MessageID != d.formID || a.FormID != "order" ||
		a.Stream == nil || a.Stream.StreamID != d.human1.IM || a.Stream.StreamType != symphony.StreamIM {
		t.Errorf("action: message %q (envelope %q), form %q, stream %+v", a.FormMessageID, ev.MessageID, a.FormID, a.Stream)
	}
	want := map[string]any{"action": "send"}
	for k, v := range values {
		want[k] = v
	}
	if got, exp := canonicalJSON(t, a.FormValues), canonicalJSON(t, want); got != exp {
		t.Errorf("formValues\n got %s\nwant %s", got, exp)
	}
	if again := d.human.read(d.humanFeed, d.humanAck); len(again.Events) != 0 {
		t.Errorf("the submitter's datafeed got %d events, want none", len(again.Events))
	}
	d.v.report(t)
	if d.v.covered()["POST /agent/v5/datafeeds/{datafeedId}/read 200"] == 0 {
		t.Errorf("the datafeed read was not validated: %v", d.v.covered())
	}
}

// TestElementsSubmitRefusals checks what the pod refuses and how it says
// so: each refusal names what is wrong, and the bot receives nothing.
func TestElementsSubmitRefusals(t *testing.T) {
	d := newFormDesk(t)
	carol := loginUser(t, d.srv, "carol", nil)
	good := func() map[string]any {
		return map[string]any{"ticker": "VOD LN", "side": "sell", "approvers": []int64{aliceID}}
	}
	with := func(k string, v any) map[string]any { m := good(); m[k] = v; return m }
	without := func(k string) map[string]any { m := good(); delete(m, k); return m }
	cases := []struct {
		name   string
		c      *client
		body   any
		status int
		says   []string
	}{
		{"not a member", carol, symphony.FormSubmission{MessageID: d.formID, FormID: "order", Action: "send", Values: good()},
			http.StatusForbidden, nil},
		{"unknown message", d.human, symphony.FormSubmission{MessageID: "bm8tc3VjaC1tZXNzYWdl", FormID: "order", Action: "send", Values: good()},
			http.StatusNotFound, []string{"bm8tc3VjaC1tZXNzYWdl"}},
		{"unknown form", d.human, symphony.FormSubmission{MessageID: d.formID, FormID: "survey", Action: "send", Values: good()},
			http.StatusBadRequest, []string{`"survey"`, `"order"`}},
		{"unknown button", d.human, symphony.FormSubmission{MessageID: d.formID, FormID: "order", Action: "buy-now", Values: good()},
			http.StatusBadRequest, []string{`"buy-now"`, `"draft", "send"`}},
		{"a reset button", d.human, symphony.FormSubmission{MessageID: d.formID, FormID: "order", Action: "Reset", Values: good()},
			http.StatusBadRequest, []string{`"Reset"`}},
		{"missing required field", d.human, symphony.FormSubmission{MessageID: d.formID, FormID: "order", Action: "send", Values: without("ticker")},
			http.StatusBadRequest, []string{`field "ticker" is required`}},
		{"empty required field", d.human, symphony.FormSubmission{MessageID: d.formID, FormID: "order", Action: "send", Values: with("approvers", []int64{})},
			http.StatusBadRequest, []string{`field "approvers" is required`}},
		{"unknown field", d.human, symphony.FormSubmission{MessageID: d.formID, FormID: "order", Action: "send", Values: with("price", "12.5")},
			http.StatusBadRequest, []string{`no field named "price"`, `"ticker"`}},
		{"a required drop-down left empty", d.human, symphony.FormSubmission{MessageID: d.formID, FormID: "order", Action: "send", Values: with("side", "")},
			http.StatusBadRequest, []string{`field "side" is required`}},
		{"an option the select lacks", d.human, symphony.FormSubmission{MessageID: d.formID, FormID: "order", Action: "send", Values: with("side", "short")},
			http.StatusBadRequest, []string{`"short" is not one of its values ("buy", "sell")`}},
		{"a checkbox's other value", d.human, symphony.FormSubmission{MessageID: d.formID, FormID: "order", Action: "send", Values: with("urgent", "on")},
			http.StatusBadRequest, []string{`field "urgent"`, `"yes"`}},
		{"person ids as strings", d.human, symphony.FormSubmission{MessageID: d.formID, FormID: "order", Action: "send", Values: with("approvers", []string{"349026222342001"})},
			http.StatusBadRequest, []string{`field "approvers"`, "numbers"}},
		{"an unknown person", d.human, symphony.FormSubmission{MessageID: d.formID, FormID: "order", Action: "send", Values: with("approvers", []int64{42})},
			http.StatusBadRequest, []string{"no user has the id 42"}},
		{"a date in another format", d.human, symphony.FormSubmission{MessageID: d.formID, FormID: "order", Action: "send", Values: with("settle", "04/03/2026")},
			http.StatusBadRequest, []string{`"04/03/2026" is not a date`}},
		{"a multiple select as a string", d.human, symphony.FormSubmission{MessageID: d.formID, FormID: "order", Action: "send", Values: with("venues", "lse")},
			http.StatusBadRequest, []string{`field "venues"`, "array"}},
		{"action among the values", d.human, symphony.FormSubmission{MessageID: d.formID, FormID: "order", Action: "send", Values: with("action", "send")},
			http.StatusBadRequest, []string{`"action" is not a field`}},
		{"no button", d.human, map[string]any{"messageId": d.formID, "formId": "order", "formValues": good()},
			http.StatusBadRequest, []string{"action"}},
	}
	for _, tc := range cases {
		status, data := d.submit(tc.c, tc.body)
		body := wantError(t, tc.name, status, data, tc.status)
		for _, s := range tc.says {
			if !strings.Contains(body.Message, s) {
				t.Errorf("%s: message %q does not say %s", tc.name, body.Message, s)
			}
		}
	}
	// Without a session, the call is refused as every pod call is.
	d.human.session = "expired"
	status, data := d.submit(d.human, symphony.FormSubmission{MessageID: d.formID, FormID: "order", Action: "send", Values: good()})
	wantError(t, "no session", status, data, http.StatusUnauthorized)
	if res := d.bot.read(d.botFeed, d.botAck); len(res.Events) != 0 {
		t.Errorf("the bot received %d events from refused submissions", len(res.Events))
	}
	d.v.report(t)
}

// mustDecodeID decodes a canonical (URL-safe, unpadded) id.
func mustDecodeID(t *testing.T, id string) []byte {
	t.Helper()
	raw, err := base64.RawURLEncoding.DecodeString(id)
	if err != nil {
		t.Fatalf("id %q: %v", id, err)
	}
	return raw
}

// canonicalJSON writes v as JSON with sorted keys, numbers as written.
func canonicalJSON(t *testing.T, v any) string {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var back any
	d := json.NewDecoder(strings.NewReader(string(data)))
	d.UseNumber()
	if err := d.Decode(&back); err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(back)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// TestElementsSubmitTakesWhatTuttisFormSends fills the bot's form as
// tutti's form filler does (package elements: the form as it arrives,
// its required fields answered) and submits the values it builds: the
// pod takes them as they are.
func TestElementsSubmitTakesWhatTuttisFormSends(t *testing.T) {
	d := newFormDesk(t)
	m, ok := d.srv.Message(d.formID)
	if !ok {
		t.Fatal("the form's message is gone")
	}
	form, ok := elements.FormByID(m.Message, "order")
	if !ok {
		t.Fatalf("tutti reads no form in %s", m.Message)
	}
	filled := form.Initial()
	for i, f := range form.Fields {
		switch f.Name {
		case "ticker":
			filled.Text[i] = "VOD LN"
		case "approvers":
			filled.IDs[i] = []string{"349026222342001"}
		case "venues":
			filled.Chosen[i][1] = true
		case "urgent":
			filled.Chosen[i][0] = true
		}
	}
	if p, bad := form.Check(filled); bad {
		t.Fatalf("tutti refuses the filling: %+v", p)
	}
	values := form.Values(filled, "draft")
	delete(values, "action")
	status, data := d.submit(d.human, symphony.FormSubmission{MessageID: d.formID, FormID: "order", Action: "draft", Values: values})
	if status != http.StatusOK {
		t.Fatalf("submit what tutti sends %v: %d %s", values, status, data)
	}
	res := d.bot.read(d.botFeed, d.botAck)
	if len(res.Events) != 1 || res.Events[0].Payload.SymphonyElementsAction.FormValues["action"] != "draft" {
		t.Fatalf("the bot's datafeed: %+v", res.Events)
	}
	d.v.report(t)
}
