package elements

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/tutti-chat/tutti/messageml"
)

// convert turns MessageML into the PresentationML the agent delivers.
func convert(t *testing.T, ml string) string {
	t.Helper()
	res, err := messageml.Convert(ml, "", nil)
	if err != nil {
		t.Fatalf("convert: %v", err)
	}
	return res.PresentationML
}

// everyControl is a form with one of each control a bot may send.
const everyControl = `<messageML><form id="all">
<text-field name="ticket" label="Change ticket" required="true" minlength="3" maxlength="12" pattern="CHG-[0-9]+" pattern-error-message="a change number: CHG-123">CHG-1</text-field>
<textarea name="notes" placeholder="Anything else">first line</textarea>
<select name="window" label="Deploy window" required="true"><option value="now">Now</option><option value="close" selected="true">After the close</option></select>
<select name="desks" label="Desks" multiple="true"><option value="rates">Rates</option><option value="fx">FX</option></select>
<checkbox name="rollback" value="tested" checked="true">Rollback plan tested</checkbox>
<checkbox name="notify" value="ops">Ops</checkbox><checkbox name="notify" value="desk" checked="true">Desk</checkbox>
<radio name="risk" value="low">Low</radio><radio name="risk" value="high" checked="true">High</radio>
<person-selector name="approvers" label="Approvers" required="true"/>
<room-selector name="rooms" label="Rooms"/>
<date-picker name="day" label="Day" value="2026-12-24"/>
<time-picker name="at" label="At" value="14:30:00"/>
<timezone-picker name="tz" label="Time zone" value="Europe/London"/>
<button name="approve" type="action">Approve</button>
<button type="reset">Reset</button>
<button name="later" type="cancel">Later</button>
</form></messageML>`

// TestFormsReadsEveryControl: every control of a form, as the agent
// delivers it, with its label, initial value and constraints.
func TestFormsReadsEveryControl(t *testing.T) {
	forms := Forms(convert(t, everyControl))
	if len(forms) != 1 || forms[0].ID != "all" {
		t.Fatalf("forms: %+v", forms)
	}
	f := forms[0]
	type got struct {
		kind  Kind
		name  string
		title string
	}
	var fields []got
	for _, fd := range f.Fields {
		fields = append(fields, got{fd.Kind, fd.Name, fd.Title()})
	}
	want := []got{
		{Text, "ticket", "Change ticket"}, {TextArea, "notes", "Anything else"}, {Select, "window", "Deploy window"},
		{Select, "desks", "Desks"}, {Checkbox, "rollback", "rollback"}, {Checkbox, "notify", "notify"},
		{Radio, "risk", "risk"}, {Person, "approvers", "Approvers"}, {Room, "rooms", "Rooms"},
		{Date, "day", "Day"}, {Time, "at", "At"}, {Timezone, "tz", "Time zone"},
	}
	if !reflect.DeepEqual(fields, want) {
		t.Errorf("fields:\n got %+v\nwant %+v", fields, want)
	}
	tk := f.Fields[0]
	if tk.Value != "CHG-1" || !tk.Required || tk.MinLength != 3 || tk.MaxLength != 12 || tk.Pattern != "CHG-[0-9]+" || tk.PatternHelp != "a change number: CHG-123" {
		t.Errorf("the text field: %+v", tk)
	}
	if n := f.Fields[5]; len(n.Options) != 2 || n.Options[0].Text != "Ops" || n.Options[1].Value != "desk" || !n.Options[1].Selected {
		t.Errorf("the checkboxes sharing a name: %+v", n.Options)
	}
	if r := f.Fields[6]; r.Options[1].Text != "High" || !r.Options[1].Selected {
		t.Errorf("the radio buttons: %+v", r.Options)
	}
	if f.Fields[1].Value != "first line" || f.Fields[9].Value != "2026-12-24" || f.Fields[11].Value != "Europe/London" {
		t.Errorf("initial values: %q %q %q", f.Fields[1].Value, f.Fields[9].Value, f.Fields[11].Value)
	}
	wantButtons := []Button{{Name: "approve", Text: "Approve", Kind: ButtonAction}, {Text: "Reset", Kind: ButtonReset},
		{Name: "later", Text: "Later", Kind: ButtonCancel}}
	if !reflect.DeepEqual(f.Buttons, wantButtons) {
		t.Errorf("buttons:\n got %+v\nwant %+v", f.Buttons, wantButtons)
	}
	if got := f.ActionButtons(); !reflect.DeepEqual(got, []string{"approve"}) {
		t.Errorf("action buttons: %q, want only approve", got)
	}
}

// TestValuesHaveTheDatafeedShapes: what a submission sends, shaped as the
// datafeed carries it.
func TestValuesHaveTheDatafeedShapes(t *testing.T) {
	f := Forms(convert(t, everyControl))[0]
	filled := f.Initial()
	filled.IDs[7] = []string{"7078106171744", "not a number"}
	filled.IDs[8] = []string{"cm9vbS1pZA"}
	filled.Chosen[3][1] = true // FX
	got, _ := json.Marshal(f.Values(filled, "approve"))
	want := `{"action":"approve","approvers":[7078106171744],"at":"14:30:00","day":"2026-12-24","desks":["fx"],` +
		`"notes":"first line","notify":["desk"],"risk":"high","rollback":"tested","rooms":{"streamIds":["cm9vbS1pZA"],"userIds":[]},` +
		`"ticket":"CHG-1","tz":"Europe/London","window":"close"}`
	if string(got) != want {
		t.Errorf("values:\n got %s\nwant %s", got, want)
	}
	filled.Chosen[4][0] = false // rollback unchecked: left out
	filled.Chosen[5] = []bool{false, false}
	v := f.Values(filled, "approve")
	if _, ok := v["rollback"]; ok {
		t.Error("an unchecked checkbox is sent")
	}
	if _, ok := v["notify"]; ok {
		t.Error("checkboxes none of which is checked are sent")
	}
}

// TestCheckRefusesAsTheClientsDo: required, lengths, pattern, dates,
// times and time zones.
func TestCheckRefusesAsTheClientsDo(t *testing.T) {
	f := Forms(convert(t, everyControl))[0]
	filled := f.Initial()
	if p, bad := f.Check(filled); !bad || p.Field != 7 || p.Reason != "Approvers: required" {
		t.Errorf("as the form arrives: %+v %v, want the approvers required", p, bad)
	}
	for _, c := range []struct {
		field int
		text  string
		want  string
	}{
		{0, "", "Change ticket: required"},
		{0, "XYZ-12", "a change number: CHG-123"},
		{0, "CH", "at least 3"},
		{0, "CHG-1234567890", "at most 12"},
		{9, "24/12/2026", "a date"},
		{10, "2pm", "a time"},
		{11, "Mars/Olympus", "a time zone"},
	} {
		filled := f.Initial()
		filled.Text[0] = "CHG-123"
		filled.IDs[7] = []string{"1"}
		filled.Text[c.field] = c.text
		p, bad := f.Check(filled)
		if !bad || p.Field != c.field || !strings.Contains(p.Reason, c.want) {
			t.Errorf("field %d = %q: %+v %v, want %q", c.field, c.text, p, bad, c.want)
		}
	}
	filled.Text[0] = "CHG-123"
	if p, bad := f.Check(filled); !bad || p.Field != 7 {
		t.Errorf("no approver: %+v %v, want the person selector", p, bad)
	}
	filled.IDs[7] = []string{"1"}
	if p, bad := f.Check(filled); bad {
		t.Errorf("a complete form refused: %+v", p)
	}
}

// TestFormsOfHostileInput: control characters never come out, a form
// without an id is not one, and broken markup gives no panic.
func TestFormsOfHostileInput(t *testing.T) {
	pml := `<div><form><input name="a"/></form><form id="x` + "\x1b[31m" + `"><input type="text" name="n` + "\x07" +
		`" value="v` + "\x1b]52;c;AAAA\x07" + `"/><button name="b">B` + "\x1b[2J" + `</button></form><form id="y"><select name="s"><option`
	forms := Forms(pml)
	if len(forms) != 2 {
		t.Fatalf("forms: %+v", forms)
	}
	for _, f := range forms {
		for _, s := range []string{f.ID} {
			if strings.ContainsAny(s, "\x1b\x07") {
				t.Errorf("a control character in %q", s)
			}
		}
		for _, fd := range f.Fields {
			if strings.ContainsAny(fd.Name+fd.Value, "\x1b\x07") {
				t.Errorf("a control character in the field %+v", fd)
			}
		}
		for _, b := range f.Buttons {
			if strings.ContainsAny(b.Name+b.Text, "\x1b\x07") {
				t.Errorf("a control character in the button %+v", b)
			}
		}
	}
}
