package elements

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// sharedNames is a form whose controls share names: two text fields and
// two checkboxes named "tag", a person selector and a multiple drop-down
// named "who".
const sharedNames = `<messageML><form id="s">
<text-field name="tag" label="Tag"/>
<text-field name="tag" label="Another tag"/>
<checkbox name="tag" value="urgent">Urgent</checkbox><checkbox name="tag" value="fx">FX</checkbox>
<person-selector name="who"/>
<select name="who" multiple="true"><option value="desk">The desk</option><option value="ops">Ops</option></select>
<text-field name="alone" required="true">x</text-field>
<button name="go">Go</button>
</form></messageML>`

// TestFieldsSharingANameAreEachRead: a field of a name already read is a
// field of its own; checkboxes of one name are one field of options.
func TestFieldsSharingANameAreEachRead(t *testing.T) {
	f := Forms(convert(t, sharedNames))[0]
	type got struct {
		kind    Kind
		name    string
		options int
	}
	var fields []got
	for _, fd := range f.Fields {
		fields = append(fields, got{fd.Kind, fd.Name, len(fd.Options)})
	}
	want := []got{{Text, "tag", 0}, {Text, "tag", 0}, {Checkbox, "tag", 2}, {Person, "who", 0}, {Select, "who", 2}, {Text, "alone", 0}}
	if !reflect.DeepEqual(fields, want) {
		t.Errorf("fields:\n got %+v\nwant %+v", fields, want)
	}
}

// TestValuesOfSharedNames: the controls sharing a name send one array of
// their values, in form order: every text (even empty), each box checked,
// each option chosen, each user id; a name none of whose controls has a
// value is left out.
func TestValuesOfSharedNames(t *testing.T) {
	f := Forms(convert(t, sharedNames))[0]
	filled := f.Initial()
	filled.Text[0] = "rates"
	filled.Chosen[2][1] = true
	filled.IDs[3] = []string{"7", "9"}
	filled.Chosen[4][0] = true
	got, _ := json.Marshal(f.Values(filled, "go"))
	want := `{"action":"go","alone":"x","tag":["rates","","fx"],"who":[7,9,"desk"]}`
	if string(got) != want {
		t.Errorf("values:\n got %s\nwant %s", got, want)
	}
	filled.IDs[3], filled.Chosen[4] = nil, []bool{false, false}
	if v := f.Values(filled, "go"); v["who"] != nil {
		t.Errorf("a shared name with nothing picked sends %v", v["who"])
	}
}

// TestCheckOfSharedNames: each field is checked on its own, a required
// one among those sharing its name too.
func TestCheckOfSharedNames(t *testing.T) {
	f := Forms(convert(t, strings.Replace(sharedNames, `label="Another tag"`, `label="Another tag" required="true"`, 1)))[0]
	filled := f.Initial()
	filled.Text[0] = "rates"
	if p, bad := f.Check(filled); !bad || p.Field != 1 || p.Reason != "Another tag: required" {
		t.Errorf("the second tag empty: %+v %v", p, bad)
	}
	filled.Text[1] = "fx"
	if p, bad := f.Check(filled); bad {
		t.Errorf("filled: %+v", p)
	}
}

// TestAcceptOfSharedNames: the pod takes an array whose every item is the
// value of one of the controls of the name, in any order, and refuses a
// lone value or an item none of them has.
func TestAcceptOfSharedNames(t *testing.T) {
	f := Forms(convert(t, sharedNames))[0]
	for _, tc := range []struct {
		name   string
		values map[string]any
		says   string // "" when accepted
	}{
		{"in any order", map[string]any{"tag": []any{"fx", "a", "urgent"}, "who": []any{"ops", 9}}, ""},
		{"a lone value", map[string]any{"tag": "a"}, `field "tag": 4 fields share this name: their values go in an array`},
		{"a user no one knows", map[string]any{"who": []any{42}}, `field "who": 42 is the value of none of the fields of this name`},
		{"an option no one has", map[string]any{"who": []any{"nyse"}}, `"nyse" is the value of none`},
		{"a nested array", map[string]any{"who": []any{[]any{9}}}, `[9] is the value of none`},
		{"the required alone left empty", map[string]any{"alone": ""}, `field "alone" is required`},
	} {
		values := map[string]any{"alone": "x"}
		for k, v := range tc.values {
			values[k] = v
		}
		_, err := f.Accept("go", rawValues(t, values), knownUsers)
		switch {
		case tc.says == "" && err != nil:
			t.Errorf("%s: refused: %v", tc.name, err)
		case tc.says != "" && (err == nil || !strings.Contains(err.Error(), tc.says)):
			t.Errorf("%s: %v, want %q", tc.name, err, tc.says)
		}
	}
}
