package ui

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/tutti-chat/tutti/messageml"
	"github.com/tutti-chat/tutti/symphony"
)

// fakeForms is a pod that takes forms (or not) and records what it was
// sent.
type fakeForms struct {
	takes bool
	fail  error
	sent  []symphony.FormSubmission
}

func (f *fakeForms) CanSubmitForms(context.Context) (bool, error) { return f.takes, nil }
func (f *fakeForms) SubmitForm(_ context.Context, s symphony.FormSubmission) error {
	if f.fail != nil {
		return f.fail
	}
	f.sent = append(f.sent, s)
	return nil
}

// releaseForm is a bot's release approval form, as MessageML.
const releaseForm = `<messageML><form id="release-1"><h3>Release approval</h3>
<text-field name="ticket" label="Change ticket" required="true">CHG-1</text-field>
<select name="window" label="Deploy window"><option value="now">Now</option><option value="close" selected="true">After the close</option><option value="weekend">Weekend</option></select>
<checkbox name="rollback" value="tested">Rollback plan tested</checkbox>
<radio name="risk" value="low" checked="true">Low</radio><radio name="risk" value="high">High</radio>
<person-selector name="approvers" label="Approvers" required="true"/>
<textarea name="notes" label="Notes"></textarea>
<button name="approve" type="action">Approve</button><button name="reject" type="action">Reject</button>
<button name="later" type="cancel">Later</button>
</form></messageML>`

// formModel returns a model whose roomA holds the release form from user
// 2, selected, with forms submitted to f.
func formModel(t *testing.T, f *fakeForms) *Model {
	t.Helper()
	m := newTestModel(t, 140, 40)
	m.names.Set(7, "Mateo Patel")
	m.names.Set(9, "Ana Silva")
	m.deps.Forms = f
	res, err := messageml.Convert(releaseForm, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	msg := message("roomA", "form1", 2, base+1000, "")
	msg.Message = res.PresentationML
	update(m, batch(live(msg)))
	openByKeys(t, m, "roomA")
	press(m, "k")
	return m
}

// runAll runs cmd and the commands its messages lead to, as Bubble Tea
// would (but for batches).
func runAll(m *Model, cmd tea.Cmd) {
	for i := 0; cmd != nil && i < 5; i++ {
		msg := cmd()
		if _, ok := msg.(tea.BatchMsg); ok || msg == nil {
			return
		}
		cmd = update(m, msg)
	}
}

// TestFormFilledInAndSent: enter on a selected form opens it where the pod
// takes forms; its fields are typed, chosen and checked by keys; a press
// with a required field empty goes to that field and says why; the press
// of Approve sends every value in the datafeed's shapes, closes the form
// and says so.
func TestFormFilledInAndSent(t *testing.T) {
	f := &fakeForms{takes: true}
	m := formModel(t, f)
	runAll(m, pressKey(m, "enter"))
	if m.mode != modeForm {
		t.Fatalf("enter on the form opened %v", m.mode)
	}
	got := screen(m)
	for _, want := range []string{"form release-1 from User 2", "Change ticket *", "CHG-1", "‹ After the close › 2/3", "[ ] Rollback plan tested", "(•) Low", "[ Approve ]"} {
		if !strings.Contains(got, want) {
			t.Errorf("the form lacks %q:\n%s", want, got)
		}
	}
	typeText(m, "234")                             // ticket: CHG-1234
	update(m, keyTab)                              // window
	update(m, tea.KeyPressMsg{Code: tea.KeyRight}) // weekend
	update(m, keyTab)                              // rollback
	update(m, tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
	update(m, keyTab) // risk
	update(m, tea.KeyPressMsg{Code: tea.KeyRight})
	update(m, tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}) // high
	for m.forms.cur.focus < len(m.forms.cur.form.Fields) {
		update(m, keyTab)
	}
	runAll(m, pressKey(m, "enter")) // Approve, with no approver
	if len(f.sent) != 0 || !strings.Contains(screen(m), "Approvers: required") || m.forms.cur.focus != 4 {
		t.Fatalf("a press with a required field empty: sent %v, focus %d\n%s", f.sent, m.forms.cur.focus, screen(m))
	}
	typeText(m, "ana")
	if !strings.Contains(screen(m), "→ Ana Silva") {
		t.Errorf("no candidate for “ana”:\n%s", screen(m))
	}
	update(m, tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
	update(m, keyTab) // notes
	typeText(m, "after the close")
	update(m, keyNewline)
	typeText(m, "ping me")
	update(m, keyTab) // the buttons
	runAll(m, pressKey(m, "enter"))
	if len(f.sent) != 1 {
		t.Fatalf("sent %d submissions\n%s", len(f.sent), screen(m))
	}
	s := f.sent[0]
	values, _ := json.Marshal(s.Values)
	want := `{"approvers":[9],"notes":"after the close\nping me","risk":"high","rollback":"tested","ticket":"CHG-1234","window":"weekend"}`
	if s.MessageID != "form1" || s.FormID != "release-1" || s.Action != "approve" || string(values) != want {
		t.Errorf("the submission: %+v\nvalues %s\n  want %s", s, values, want)
	}
	if m.mode != modeTimeline || !strings.Contains(m.status.notice, "form sent: Approve") {
		t.Errorf("after sending: %v, %q", m.mode, m.status.notice)
	}
	if !strings.Contains(screen(m), "✓ you answered: Approve") {
		t.Errorf("the form's row does not say it was answered:\n%s", screen(m))
	}
}

// TestFormKeptWhenClosedAndRefusedByThePod: esc keeps what was typed for
// the next time; the pod's refusal stays in the form, which stays open.
func TestFormKeptWhenClosedAndRefusedByThePod(t *testing.T) {
	f := &fakeForms{takes: true, fail: errors.New("400 Bad Request: the form is closed")}
	m := formModel(t, f)
	runAll(m, pressKey(m, "enter"))
	typeText(m, "9")
	pressKey(m, "esc")
	if m.mode != modeTimeline {
		t.Fatalf("esc left %v", m.mode)
	}
	runAll(m, pressKey(m, "enter"))
	if !strings.Contains(screen(m), "CHG-19") {
		t.Errorf("the draft was not kept:\n%s", screen(m))
	}
	m.forms.cur.filled.IDs[4] = []string{"7"}
	for m.forms.cur.focus < len(m.forms.cur.form.Fields) {
		update(m, keyTab)
	}
	update(m, tea.KeyPressMsg{Code: tea.KeyRight}) // Reject
	runAll(m, pressKey(m, "enter"))
	if m.mode != modeForm || !strings.Contains(screen(m), "form not sent: submit form release-1: 400 Bad Request: the form is closed") {
		t.Errorf("a refusal of the pod: %v\n%s", m.mode, screen(m))
	}
}

// TestFormReadOnlyWhereThePodTakesNone: a real pod has no public call to
// submit a form: enter says so, and the form stays read-only in the
// timeline.
func TestFormReadOnlyWhereThePodTakesNone(t *testing.T) {
	f := &fakeForms{takes: false}
	m := formModel(t, f)
	runAll(m, pressKey(m, "enter"))
	if m.mode == modeForm || !strings.Contains(m.status.notice, "no public API to submit a form") {
		t.Errorf("enter on a form of a real pod: %v, %q", m.mode, m.status.notice)
	}
	runAll(m, pressKey(m, "enter"))
	if m.mode == modeForm || len(f.sent) != 0 {
		t.Errorf("the second enter: %v, sent %v", m.mode, f.sent)
	}
}

// TestFormCancelButtonClosesWithoutSending: the press of a cancel button
// closes the form as esc does, sending nothing and keeping what was typed.
func TestFormCancelButtonClosesWithoutSending(t *testing.T) {
	f := &fakeForms{takes: true}
	m := formModel(t, f)
	runAll(m, pressKey(m, "enter"))
	typeText(m, "9")
	for m.forms.cur.focus < len(m.forms.cur.form.Fields) {
		update(m, keyTab)
	}
	update(m, tea.KeyPressMsg{Code: tea.KeyRight})
	update(m, tea.KeyPressMsg{Code: tea.KeyRight}) // Later
	if !strings.Contains(screen(m), "[ Later ]") {
		t.Fatalf("the form lacks its cancel button:\n%s", screen(m))
	}
	runAll(m, pressKey(m, "enter"))
	if m.mode != modeTimeline || len(f.sent) != 0 || strings.Contains(m.status.notice, "form sent") {
		t.Fatalf("a press of Later: %v, sent %v, notice %q", m.mode, f.sent, m.status.notice)
	}
	if strings.Contains(screen(m), "you answered") {
		t.Errorf("the form's row says it was answered:\n%s", screen(m))
	}
	runAll(m, pressKey(m, "enter"))
	if m.mode != modeForm || !strings.Contains(screen(m), "CHG-19") {
		t.Errorf("reopened after Later: %v, the draft not kept:\n%s", m.mode, screen(m))
	}
}
