package elements

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// orderForm is a bot's order form with a field of every kind the pod
// checks, and a button of every kind.
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
  <timezone-picker name="tz"/>
  <button type="reset">Reset</button>
  <button name="draft" type="action">Draft</button>
  <button name="later" type="cancel">Later</button>
  <button name="send" type="action">Send</button>
</form>
</messageML>`

// knownUsers are the users the pod of these tests knows.
func knownUsers(id int64) bool { return id == 7 || id == 9 }

// rawValues encodes values as a submission carries them.
func rawValues(t *testing.T, values map[string]any) map[string]json.RawMessage {
	t.Helper()
	out := make(map[string]json.RawMessage, len(values))
	for k, v := range values {
		data, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		out[k] = data
	}
	return out
}

// jsonOf writes v as JSON with sorted keys.
func jsonOf(t *testing.T, v any) string {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestAcceptTakesEveryShape: a value of every kind, in the datafeed's
// shape, comes back as given with the button as its action.
func TestAcceptTakesEveryShape(t *testing.T) {
	f, ok := FormByID(convert(t, orderForm), "order")
	if !ok {
		t.Fatal("no form order")
	}
	values := map[string]any{
		"ticker": "VOD LN", "note": "first line\nsecond", "side": "buy", "venues": []string{"xetr", "lse"},
		"urgent": "yes", "tif": "gtc", "approvers": []int64{7, 9},
		"notify": map[string]any{"userIds": []string{"349026222342002"}, "streamIds": []string{"cm9vbS1pZA"}},
		"settle": "2026-03-04", "at": "14:30:00", "tz": "Europe/London",
	}
	got, err := f.Accept("send", rawValues(t, values), knownUsers)
	if err != nil {
		t.Fatalf("Accept: %v", err)
	}
	values["action"] = "send"
	if g, w := jsonOf(t, got), jsonOf(t, values); g != w {
		t.Errorf("formValues\n got %s\nwant %s", g, w)
	}
	if _, ok := got["approvers"].([]any)[0].(json.Number); !ok {
		t.Errorf("a user id is not kept exact: %T", got["approvers"].([]any)[0])
	}
}

// TestAcceptRefusals: what the pod refuses, each problem named, all of a
// submission's problems at once.
func TestAcceptRefusals(t *testing.T) {
	f, _ := FormByID(convert(t, orderForm), "order")
	good := func() map[string]any {
		return map[string]any{"ticker": "VOD LN", "side": "sell", "approvers": []int64{7}}
	}
	with := func(k string, v any) map[string]any { m := good(); m[k] = v; return m }
	without := func(k string) map[string]any { m := good(); delete(m, k); return m }
	cases := []struct {
		name   string
		action string
		values map[string]any
		says   []string
	}{
		{"unknown button", "buy-now", good(), []string{`no action button named "buy-now" (its buttons: "draft", "send")`}},
		{"a reset button", "Reset", good(), []string{`"Reset"`}},
		{"a cancel button", "later", good(), []string{`no action button named "later"`}},
		{"missing required field", "send", without("ticker"), []string{`field "ticker" is required`}},
		{"blank required field", "send", with("ticker", "  "), []string{`field "ticker" is required`}},
		{"empty required field", "send", with("approvers", []int64{}), []string{`field "approvers" is required`}},
		{"unknown field", "send", with("price", "12.5"), []string{`no field named "price"`, `"ticker", "note"`}},
		{"a required drop-down left empty", "send", with("side", ""), []string{`field "side" is required`}},
		{"an option the select lacks", "send", with("side", "short"), []string{`field "side": "short" is not one of its values ("buy", "sell")`}},
		{"a drop-down as a number", "send", with("side", 1), []string{`field "side": a drop-down takes the string`}},
		{"a checkbox's other value", "send", with("urgent", "on"), []string{`field "urgent"`, `"yes"`}},
		{"a radio button the group lacks", "send", with("tif", "ioc"), []string{`field "tif": "ioc" is not one of its values ("day", "gtc")`}},
		{"person ids as strings", "send", with("approvers", []string{"7"}), []string{`field "approvers"`, "numbers"}},
		{"a person id that is none", "send", with("approvers", []any{-3}), []string{"-3 is not a user id"}},
		{"an unknown person", "send", with("approvers", []int64{42}), []string{"no user has the id 42"}},
		{"a room selector as a list", "send", with("notify", []string{"cm9vbS1pZA"}), []string{`field "notify": a room selector takes`}},
		{"a room selector's other key", "send", with("notify", map[string]any{"rooms": []string{}}), []string{`not "rooms"`}},
		{"a room selector's ids as numbers", "send", with("notify", map[string]any{"streamIds": []int{1}}), []string{"streamIds is an array of strings"}},
		{"a date in another format", "send", with("settle", "04/03/2026"), []string{`"04/03/2026" is not a date`}},
		{"a time as a number", "send", with("at", 1430), []string{`field "at": a time-picker takes a string`}},
		{"a multiple select as a string", "send", with("venues", "lse"), []string{`field "venues"`, "array"}},
		{"a multiple select's other option", "send", with("venues", []string{"nyse"}), []string{`"nyse" is not one of its values`}},
		{"action among the values", "send", with("action", "send"), []string{`"action" is not a field`}},
		{"every problem", "buy-now", map[string]any{"side": "short", "price": 1}, []string{
			`no action button named "buy-now"`, `no field named "price"`, `"short" is not one of its values`,
			`field "ticker" is required`, `field "approvers" is required`}},
	}
	for _, tc := range cases {
		got, err := f.Accept(tc.action, rawValues(t, tc.values), knownUsers)
		var ref *Refusal
		if !errors.As(err, &ref) || got != nil {
			t.Errorf("%s: %v %v, want a refusal", tc.name, got, err)
			continue
		}
		if ref.Form != "order" || !strings.HasPrefix(err.Error(), `form "order": `) {
			t.Errorf("%s: the refusal does not name the form: %v", tc.name, err)
		}
		for _, s := range tc.says {
			if !strings.Contains(err.Error(), s) {
				t.Errorf("%s: %q does not say %s", tc.name, err, s)
			}
		}
		if tc.name == "every problem" && len(ref.Problems) != 5 {
			t.Errorf("every problem: %d problems, want 5: %q", len(ref.Problems), ref.Problems)
		}
	}
	if _, err := f.Accept("draft", map[string]json.RawMessage{"ticker": json.RawMessage(`"x`)}, knownUsers); err == nil ||
		!strings.Contains(err.Error(), `field "ticker": not a JSON value`) {
		t.Errorf("broken JSON: %v", err)
	}
	if _, err := f.Accept("draft", rawValues(t, good()), nil); err != nil {
		t.Errorf("without a directory, any user id: %v", err)
	}
}

// TestAcceptTakesWhatValuesBuilds: a form filled in as tutti's form
// filler does, that Check passes, is accepted as Values builds it, value
// for value.
func TestAcceptTakesWhatValuesBuilds(t *testing.T) {
	for _, tc := range []struct {
		name string
		ml   string
		fill func(f *Form, filled *Filled)
	}{
		{"every control", everyControl, func(f *Form, filled *Filled) {
			filled.IDs[7] = []string{"7"}
			filled.IDs[8] = []string{"cm9vbS1pZA"}
			filled.Chosen[3][1] = true
		}},
		{"every control, as it arrives but for the required", everyControl, func(f *Form, filled *Filled) {
			filled.IDs[7] = []string{"9"}
		}},
		{"the order", orderForm, func(f *Form, filled *Filled) {
			filled.Text[0] = "VOD LN"
			filled.IDs[6] = []string{"7", "9"}
			filled.IDs[7] = []string{"cm9vbS1pZA"}
			filled.Chosen[3] = []bool{true, false, true}
			filled.Chosen[4][0] = true
			filled.Text[8], filled.Text[9], filled.Text[10] = "2026-03-04", "14:30", "Europe/London"
		}},
		{"shared names", sharedNames, func(f *Form, filled *Filled) {
			filled.Text[0], filled.Text[1] = "a", ""
			filled.Chosen[2] = []bool{true, true}
			filled.IDs[3] = []string{"9"}
			filled.Chosen[4][1] = true
		}},
	} {
		f := Forms(convert(t, tc.ml))[0]
		filled := f.Initial()
		tc.fill(&f, &filled)
		if p, bad := f.Check(filled); bad {
			t.Errorf("%s: Check refuses %+v", tc.name, p)
			continue
		}
		action := f.ActionButtons()[0]
		values := f.Values(filled, action)
		delete(values, "action")
		got, err := f.Accept(action, rawValues(t, values), knownUsers)
		if err != nil {
			t.Errorf("%s: Accept refuses what Values builds: %v", tc.name, err)
			continue
		}
		values["action"] = action
		if g, w := jsonOf(t, got), jsonOf(t, values); g != w {
			t.Errorf("%s: formValues\n got %s\nwant %s", tc.name, g, w)
		}
	}
}

// TestAcceptOfDisabledAndEmptyOptions: a required field that is disabled
// cannot be answered and is not asked for; an option whose value is ""
// answers nothing, for Check as for Accept.
func TestAcceptOfDisabledAndEmptyOptions(t *testing.T) {
	pml := `<form id="d"><input type="date" name="day" required="true" disabled="true"/>` +
		`<select name="desk" required="true"><option value="">Choose a desk</option><option value="fx">FX</option></select>` +
		`<button type="action" name="go">Go</button></form>`
	f := Forms(pml)[0]
	if len(f.Fields) != 2 || f.Fields[1].Options[0].Value != "" || f.Fields[1].Options[0].Text != "Choose a desk" {
		t.Fatalf("fields: %+v", f.Fields)
	}
	filled := f.Initial() // the empty option, shown and chosen
	if p, bad := f.Check(filled); !bad || p.Field != 1 || !strings.Contains(p.Reason, "choose one") {
		t.Errorf("Check of the empty option: %+v %v", p, bad)
	}
	values := f.Values(filled, "go")
	delete(values, "action")
	_, err := f.Accept("go", rawValues(t, values), nil)
	if err == nil || !strings.Contains(err.Error(), `field "desk" is required`) || strings.Contains(err.Error(), "day") {
		t.Errorf("Accept of the empty option: %v, want desk required and not the disabled day", err)
	}
	filled.Chosen[1] = []bool{false, true}
	values = f.Values(filled, "go")
	delete(values, "action")
	if _, err := f.Accept("go", rawValues(t, values), nil); err != nil {
		t.Errorf("a desk chosen: %v", err)
	}
}
