package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestValuesThatCannotBeExit2: a flag's value out of its range, or two
// flags that contradict each other, is a command line tutti cannot
// understand: it says what is wrong and exits 2, before doing anything.
func TestValuesThatCannotBeExit2(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"tail", "--scenario", "bogus"}, `--scenario "bogus": want one of demo, busy, quiet, scale, empty`},
		{[]string{"tail", "--speed", "NaN"}, "--speed NaN: want a positive speed"},
		{[]string{"tail", "--speed", "-1"}, "--speed -1: want a positive speed"},
		{[]string{"tail", "--format", "xml"}, `--format "xml": want text or jsonl`},
		{[]string{"tail", "--types", "FOO"}, `--types: unknown event type "FOO"`},
		{[]string{"tail", "--rtt", "-1s"}, "--rtt -1s: want a round trip"},
		{[]string{"tail", "--since", "-5h"}, "want durations, 0 or more"},
		{[]string{"tail", "--duration", "-5s"}, "want durations, 0 or more"},
		{[]string{"tail", "--redact"}, "--redact goes with --record FILE"},
		{[]string{"tail", "--log-format", "xml"}, `--log-format "xml": want text or json`},
		{[]string{"tail", "--simulator", "--config", "x.yaml"}, "--simulator and --config contradict each other"},
		{[]string{"simulator", "--long-poll", "-1s"}, "want durations over 0"},
		{[]string{"simulator", "--scenario", "bogus"}, "want one of demo, busy, quiet, scale, empty"},
		{[]string{"replay", "--speed", "0", "rec.jsonl"}, "--speed 0: want a positive speed"},
		{[]string{"replay", "--ui", "--tail", "rec.jsonl"}, "--ui and --tail: choose one"},
		{[]string{"render", "--width", "-5"}, "--width -5"},
		{[]string{"render", "--from", "bogus"}, `unknown --from "bogus"`},
	} {
		var out, errOut bytes.Buffer
		if code := Run(context.Background(), c.args, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), c.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", c.args, code, errOut.String(), c.want)
		}
	}
}
