package watch

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseExpr(t *testing.T) {
	r, err := ParseExpr(`$UST10Y #incident word:"margin call" by:"Ana Silva" in:"Rates Desk" type:USERJOINEDROOM re:"sev ?1"`)
	if err != nil {
		t.Fatal(err)
	}
	want := Rule{Name: `$UST10Y #incident word:"margin call" by:"Ana Silva" in:"Rates Desk" type:USERJOINEDROOM re:"sev ?1"`,
		Cashtags: []string{"UST10Y"}, Hashtags: []string{"incident"}, Words: []string{"margin call"}, Authors: []string{"Ana Silva"},
		Streams: []string{"Rates Desk"}, Types: []string{"USERJOINEDROOM"}, Regex: "sev ?1"}
	if !reflect.DeepEqual(r, want) {
		t.Errorf("rule %+v\nwant %+v", r, want)
	}
	r, err = ParseExpr(`limit breach $EURUSD margin call "sev 1" @ana@example.com @71 in:im type:room stream:room in:"room" author:"Ben \"B\" Ode"`)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(r.Words, []string{"limit breach", "margin call", "sev 1"}) || !reflect.DeepEqual(r.Mentions, []string{"ana@example.com", "71"}) ||
		!reflect.DeepEqual(r.StreamTypes, []string{"im", "room"}) || !reflect.DeepEqual(r.Streams, []string{"room", "room"}) ||
		!reflect.DeepEqual(r.Authors, []string{`Ben "B" Ode`}) {
		t.Errorf("rule %+v", r)
	}
	for expr, msg := range map[string]string{
		``:                   "nothing to match",
		`re:"(" `:            "regex: missing closing )",
		`re:a re:b`:          "one re: per rule",
		`from:2026-01-01 #x`: "from: a rule watches what comes",
		`colour:red`:         "colour: is not a field",
		`type:JOINED`:        "type:JOINED: say an event type",
		`word:"unclosed`:     "a quote is not closed",
		`$`:                  "", // a plain word
		`in:"" #x`:           "in: has no value",
		`by:`:                "by: has no value",
		`#x author: ana`:     "author: has no value",
		`colour:red `:        "the fields: by or author",
		`Dashboard: up`:      "", // words that end with a colon
	} {
		_, err := ParseExpr(expr)
		switch {
		case msg == "" && err != nil:
			t.Errorf("%q: %v", expr, err)
		case msg != "" && (err == nil || !strings.Contains(err.Error(), msg)):
			t.Errorf("%q: %v, want %q", expr, err, msg)
		}
	}
	long := strings.Repeat("$UST10Y ", 30)
	if r, err := ParseExpr(long); err != nil || len(r.Name) > MaxNameLen || !strings.HasSuffix(r.Name, "…") {
		t.Errorf("a long expression: name %q, %v", r.Name, err)
	}
}
