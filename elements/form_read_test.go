package elements

import (
	"reflect"
	"testing"
)

// TestButtonsByKind: a button is an action button unless its type says
// reset or cancel; one of another type, an action button without a name,
// and <input> buttons are not Elements buttons.
func TestButtonsByKind(t *testing.T) {
	pml := `<form id="b"><button name="go">Go</button><button type="action" name="send">Send</button>` +
		`<button type="reset">Start again</button><button type="cancel" name="no">No</button>` +
		`<button type="submit" name="html">HTML</button><button type="action">Nameless</button>` +
		`<input type="submit" name="in" value="In"/><input type="reset"/></form>`
	f := Forms(pml)[0]
	want := []Button{{Name: "go", Text: "Go"}, {Name: "send", Text: "Send"}, {Text: "Start again", Kind: ButtonReset},
		{Name: "no", Text: "No", Kind: ButtonCancel}}
	if !reflect.DeepEqual(f.Buttons, want) {
		t.Errorf("buttons:\n got %+v\nwant %+v", f.Buttons, want)
	}
	if len(f.Fields) != 0 {
		t.Errorf("input buttons read as fields: %+v", f.Fields)
	}
}

// TestValuesKeptExactly: the values a submission sends back are the
// form's, spaces and all; a value attribute present but empty is the
// empty value, an absent one the option's text or a checkbox's "on".
func TestValuesKeptExactly(t *testing.T) {
	pml := `<form id="v"><select name="s"><option value=" a  b ">A</option><option value="">None</option>` +
		`<option>  Text   only </option></select>` +
		`<input type="checkbox" name="c"/><input type="checkbox" name="e" value=""/>` +
		`<button name="go">Go</button></form>`
	f := Forms(pml)[0]
	var got [][2]string
	for _, fd := range f.Fields {
		for _, o := range fd.Options {
			got = append(got, [2]string{o.Value, o.Text})
		}
	}
	want := [][2]string{{" a  b ", "A"}, {"", "None"}, {"Text only", "Text only"}, {"on", "on"}, {"", ""}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("option values and texts:\n got %q\nwant %q", got, want)
	}
}

// TestFormsReadWhatThePodReads: a legacy date selector, a control inside
// its label, a radio group required by any of its buttons, and classes
// separated by any white space.
func TestFormsReadWhatThePodReads(t *testing.T) {
	pml := `<form id="p"><div class="date-selector" data-name="when" data-required="true" data-placeholder="Pick a day"></div>` +
		`<label>Desk <input type="text" name="desk"/></label>` +
		`<input type="radio" name="r" value="a"/><input type="radio" name="r" value="b" required="true"/>` +
		"<div class=\"x\tperson-selector\" data-name=\"who\"></div>" +
		`<button name="go">Go</button></form>`
	f := Forms(pml)[0]
	type got struct {
		kind     Kind
		name     string
		required bool
	}
	var fields []got
	for _, fd := range f.Fields {
		fields = append(fields, got{fd.Kind, fd.Name, fd.Required})
	}
	want := []got{{DateSelector, "when", true}, {Text, "desk", false}, {Radio, "r", true}, {Person, "who", false}}
	if !reflect.DeepEqual(fields, want) {
		t.Errorf("fields:\n got %+v\nwant %+v", fields, want)
	}
	if f.Fields[0].Title() != "Pick a day" || f.Fields[0].Kind.String() != "date-selector" {
		t.Errorf("the date selector: %+v", f.Fields[0])
	}
	filled := f.Initial()
	if p, bad := f.Check(filled); !bad || p.Field != 0 {
		t.Errorf("the required date selector empty: %+v %v", p, bad)
	}
	filled.Text[0] = "2026-12-24"
	filled.Chosen[2][0] = true
	if v := f.Values(filled, "go"); v["when"] != "2026-12-24" || v["r"] != "a" || v["desk"] != "" {
		t.Errorf("values: %v", v)
	}
}
