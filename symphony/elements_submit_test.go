package symphony_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/tutti-chat/tutti/simulator/simtest"
	"github.com/tutti-chat/tutti/symphony"
)

// TestClientSubmitsABotsForm has the bot send a form into its IM with a
// person of the pod, the person's client submit it, and the bot's datafeed
// v2 read receive SYMPHONYELEMENTSACTION with exactly the values sent.
func TestClientSubmitsABotsForm(t *testing.T) {
	srv, bot, _ := startEmptyPod(t)
	ctx := context.Background()
	h, err := srv.AddHuman("ana.silva", simtest.Key())
	if err != nil {
		t.Fatal(err)
	}
	key, err := symphony.ParsePrivateKey(h.PrivateKeyPEM)
	if err != nil {
		t.Fatal(err)
	}
	human, err := symphony.New(symphony.Options{PodURL: srv.URL(), Username: "ana.silva", PrivateKey: key})
	if err != nil {
		t.Fatal(err)
	}
	feed, err := bot.CreateDatafeed(ctx, symphony.V5DatafeedCreateBody{})
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := human.CanSubmitForms(ctx); !ok || err != nil {
		t.Fatalf("CanSubmitForms = %v, %v; want true", ok, err)
	}
	form, err := bot.SendMessage(ctx, h.IM, `<messageML><form id="ask">
<text-field name="city" required="true"/>
<checkbox name="remote" value="yes">Remote</checkbox>
<person-selector name="team"/>
<button name="go" type="action">Go</button></form></messageML>`, "")
	if err != nil {
		t.Fatalf("send the form: %v", err)
	}
	values := map[string]any{"city": "Lisbon", "remote": "yes", "team": []int64{userID(t, srv, "bob"), h.User.ID}}
	if err := human.SubmitForm(ctx, symphony.FormSubmission{MessageID: form.MessageID, FormID: "ask", Action: "go", Values: values}); err != nil {
		t.Fatalf("SubmitForm: %v", err)
	}
	got := simtest.AwaitEvent(t, ctx, bot, feed.ID, symphony.EventSymphonyElementsAction, "the bot's")
	a := got.Payload.SymphonyElementsAction
	if got.Initiator.User.UserID != h.User.ID || a.FormMessageID != form.MessageID || a.FormID != "ask" || a.Stream.StreamID != h.IM {
		t.Errorf("action by %d on %s/%s in %s", got.Initiator.User.UserID, a.FormMessageID, a.FormID, a.Stream.StreamID)
	}
	values["action"] = "go"
	want, _ := json.Marshal(values)
	if data, _ := json.Marshal(a.FormValues); string(data) != string(want) {
		t.Errorf("formValues %s, want %s", data, want)
	}
	err = human.SubmitForm(ctx, symphony.FormSubmission{MessageID: form.MessageID, FormID: "ask", Action: "go",
		Values: map[string]any{"remote": "yes"}})
	wantStatus(t, "a required field left out", err, http.StatusBadRequest)
}
