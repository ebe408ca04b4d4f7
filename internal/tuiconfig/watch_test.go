package tuiconfig_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/tutti-chat/tutti/watch"
)

func TestWatchRules(t *testing.T) {
	s, err := decode(t, `host: pod.example.com
tui:
  watch:
    - name: rates-risk
      words: [limit breach, margin call]
      cashtags: [UST10Y, $EURUSD]
      streams: [Rates Desk]
    - name: incidents
      hashtags: [incident]
      regex: "(?i)sev ?[12]"
      types: [MESSAGESENT]
    - name: new-joiners
      types: USERJOINEDROOM
      streams: [Ops Incidents]
      enabled: true
    - name: quiet
      mentions: ["7078106100001", Ana Silva, ana@example.com]
      authors: [Ben Ode]
      streamTypes: [IM, mim]
      enabled: false
`)
	if err != nil {
		t.Fatal(err)
	}
	want := []watch.Rule{
		{Name: "rates-risk", Words: []string{"limit breach", "margin call"}, Cashtags: []string{"UST10Y", "$EURUSD"}, Streams: []string{"Rates Desk"}},
		{Name: "incidents", Hashtags: []string{"incident"}, Regex: "(?i)sev ?[12]", Types: []string{"MESSAGESENT"}},
		{Name: "new-joiners", Types: []string{"USERJOINEDROOM"}, Streams: []string{"Ops Incidents"}},
		{Name: "quiet", Mentions: []string{"7078106100001", "Ana Silva", "ana@example.com"}, Authors: []string{"Ben Ode"},
			StreamTypes: []string{"IM", "mim"}, Disabled: true},
	}
	if !reflect.DeepEqual(s.Watch, want) {
		t.Errorf("rules\n%+v\nwant\n%+v", s.Watch, want)
	}
}

func TestWatchErrorsNameTheirLine(t *testing.T) {
	_, err := decode(t, `tui:
  watch:
    - name: a
      words: [ok, ""]
    - name: b
      types: [MESSAGESENT, JOINED]
    - name: c
      regex: "(?i)sev ?[12"
    - name: A
      hashtags: [incident]
    - name: nothing
    - words: [x]
    - name: e
      colour: red
      streamTypes: ROOMS
      enabled: maybe
    - just a string
`)
	if err == nil {
		t.Fatal("no error")
	}
	if msg := err.Error(); strings.Index(msg, "config.yaml:15:") > strings.Index(msg, "config.yaml:16:") {
		t.Errorf("the problems are not in the order of their lines:\n%v", err)
	}
	for _, want := range []string{
		`config.yaml:4: tui.watch[0].words[1]: want a value, got nothing`,
		`config.yaml:6: tui.watch[1].types[1]: unknown event type "JOINED"`,
		`config.yaml:8: tui.watch[2].regex: missing closing ]`,
		`config.yaml:9: tui.watch[3].name: "A" names the rule of line 3 too`,
		`config.yaml:11: tui.watch[4]: says nothing to match`,
		`config.yaml:12: tui.watch[5].name: want a name`,
		`config.yaml:14: tui.watch[6].colour: unknown key; a rule has name, words, regex`,
		`config.yaml:15: tui.watch[6].streamTypes: want ROOM, IM, MIM, POST or CHAT, got "ROOMS"`,
		`config.yaml:16: tui.watch[6].enabled: want true or false, got "maybe"`,
		`config.yaml:17: tui.watch[7]: want a rule: a mapping with a name and what to match, got "just a string"`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("errors lack %q:\n%v", want, err)
		}
	}
	if _, err := decode(t, "tui:\n  watch: everything\n"); err == nil || !strings.Contains(err.Error(), "config.yaml:2: tui.watch: want a list of rules") {
		t.Errorf("watch of a wrong kind: %v", err)
	}
}
