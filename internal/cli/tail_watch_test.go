package cli

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/internal/testio"
	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/symphony"
)

// watchPod is a test pod (the quiet scenario: nothing happens by itself)
// with a configuration whose tui.watch names a room of the pod, the room,
// and a member of it who may post there.
type watchPod struct {
	srv    *simulator.Server
	config string
	room   simulator.StreamSummary
	poster int64
	// afterPosts, when set, runs once the messages are posted, while tail
	// runs.
	afterPosts func(stderr *testio.Buffer)
}

// newWatchPod starts the pod and writes its configuration, tui given (a
// tui: section, ROOM standing for the room's name).
func newWatchPod(t *testing.T, tui string) *watchPod {
	t.Helper()
	srv, path := simConfig(t, false)
	p := &watchPod{srv: srv, config: path}
	for _, st := range srv.Streams() {
		if st.Type != symphony.StreamRoom || !st.Active || !slices.Contains(st.Members, srv.AccountID()) {
			continue
		}
		for _, m := range st.Members {
			if m != srv.AccountID() {
				p.room, p.poster = st, m
			}
		}
		if p.poster != 0 {
			break
		}
	}
	if p.poster == 0 {
		t.Fatal("no room of the account with another member")
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(strings.ReplaceAll(tui, "ROOM", p.room.Name)); err != nil {
		t.Fatal(err)
	}
	return p
}

// tail runs tutti tail on the pod with args until it ends by itself (give
// --duration); once its datafeed is open, it posts the messages to the
// room. It returns stdout, stderr and the error.
func (p *watchPod) tail(t *testing.T, args []string, messages ...string) (string, string, error) {
	t.Helper()
	var stdout, stderr testio.Buffer
	done := make(chan error, 1)
	go func() {
		done <- run(context.Background(), append([]string{"tail", "--config", p.config, "--no-state"}, args...), &stdout, &stderr)
	}()
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(stderr.String(), "datafeed v2 opened") {
		select {
		case err := <-done:
			return stdout.String(), stderr.String(), err
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("the datafeed did not open:\n%s", stderr.String())
		}
	}
	for _, m := range messages {
		if _, err := p.srv.Post(p.room.ID, p.poster, "<messageML>"+m+"</messageML>"); err != nil {
			t.Fatalf("post %q: %v", m, err)
		}
	}
	if p.afterPosts != nil {
		p.afterPosts(&stderr)
	}
	err := <-done
	return stdout.String(), stderr.String(), err
}

// jsonLines reads tail's JSON lines output.
func jsonLines(t *testing.T, out string) []map[string]any {
	t.Helper()
	var lines []map[string]any
	for l := range strings.SplitSeq(strings.TrimSpace(out), "\n") {
		if l == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("not a JSON line: %v\n%s", err, l)
		}
		lines = append(lines, m)
	}
	return lines
}

// TestTailWatchPrintsOnlyMatches: with --watch (a rule of the
// configuration) and --match (one of the command line), tail prints the
// messages a rule matches, each with its rules, and not the others.
func TestTailWatchPrintsOnlyMatches(t *testing.T) {
	p := newWatchPod(t, `tui:
  watch:
    - name: desk-risk
      words: [margin call, limit breach]
      streams: [ROOM]
    - name: off
      words: [lunch]
      enabled: false
`)
	out, errOut, err := p.tail(t, []string{"--watch", "desk-risk", "--match", "#incident", "--format", "jsonl", "--duration", "3s"},
		"We got a MARGIN CALL from Kestrel", "lunch at the usual place?", `Paging the desk <hash tag="incident"/> about the limit breach`)
	if err != nil {
		t.Fatalf("tail: %v\n%s", err, errOut)
	}
	lines := jsonLines(t, out)
	var got []string
	for _, l := range lines {
		msg := l["payload"].(map[string]any)["messageSent"].(map[string]any)["message"].(map[string]any)["message"].(string)
		var rules []string
		for _, r := range l["watch"].([]any) {
			rules = append(rules, r.(string))
		}
		got = append(got, strings.Join(rules, "+")+": "+msg)
	}
	slices.Sort(got) // messages of one millisecond may come in either order
	if len(got) != 2 || !strings.HasPrefix(got[0], "desk-risk+#incident: ") || !strings.Contains(got[0], "limit breach") ||
		!strings.HasPrefix(got[1], "desk-risk: ") || !strings.Contains(got[1], "MARGIN CALL") {
		t.Errorf("printed:\n%s", strings.Join(got, "\n"))
	}

	// Text: the rules in brackets, then the line tail prints.
	out, errOut, err = p.tail(t, []string{"--match", `word:"margin call" by:` + strconv.FormatInt(p.poster, 10), "--duration", "2s"}, "lunch?", "margin call!")
	if err != nil {
		t.Fatalf("tail: %v\n%s", err, errOut)
	}
	if lines := strings.Split(strings.TrimSpace(out), "\n"); len(lines) != 1 ||
		!strings.HasPrefix(lines[0], `[word:"margin call" by:`+strconv.FormatInt(p.poster, 10)+`] `) || !strings.Contains(lines[0], ": margin call!") {
		t.Errorf("text output:\n%s", out)
	}

	for _, c := range []struct{ args []string }{
		{[]string{"--watch", "nope"}},
		{[]string{"--watch", "off"}},
		{[]string{"--match", `re:"("`}},
		{[]string{"--match", "from:today"}},
		{[]string{"--exec", "true"}},
		{[]string{"--match", "x", "--exec", `"unclosed`}},
	} {
		_, errOut, err := runCommand(t, append([]string{"tail", "--config", p.config, "--no-state", "--duration", "1s"}, c.args...)...)
		if !errors.Is(err, errUsage) {
			t.Errorf("%v: %v\n%s", c.args, err, errOut)
		}
	}
}

// TestTailSignals: --signals watches the account's Symphony signals, which
// the scenario's company has from the start.
func TestTailSignals(t *testing.T) {
	p := newWatchPod(t, "")
	out, errOut, err := p.tail(t, []string{"--signals", "--duration", "2s"},
		`Acked INC-1234 <hash tag="incident"/>`, `<cash tag="UST10Y"/> looks rich`, "nothing to see")
	if err != nil {
		t.Fatalf("tail: %v\n%s", err, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	slices.Sort(lines) // messages of one millisecond may come in either order
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "[On call: incidents] ") || !strings.Contains(lines[0], "Acked INC-1234") ||
		!strings.HasPrefix(lines[1], "[Treasuries] ") {
		t.Errorf("output:\n%s", out)
	}
}

// TestTailDemoMatchesAnOnCallRule: the demo scenario's history has what an
// on-call rota watches for. The history spans the days before now, so the
// whole of it is read: what a shorter --since reaches depends on the hour.
func TestTailDemoMatchesAnOnCallRule(t *testing.T) {
	stdout, stderr, err := runCommand(t, "tail", "--scenario", "demo", "--since", "720h", "--match", "#incident", "--match", "$UST10Y", "--duration", "300ms")
	if err != nil {
		t.Fatalf("tail: %v\n%s", err, stderr)
	}
	count := map[string]int{}
	for l := range strings.SplitSeq(strings.TrimSpace(stdout), "\n") {
		rules, _, _ := strings.Cut(strings.TrimPrefix(l, "["), "]")
		for r := range strings.SplitSeq(rules, ", ") {
			count[r]++
		}
	}
	if count["#incident"] == 0 || count["$UST10Y"] == 0 {
		t.Errorf("matches by rule %v:\n%s", count, stdout)
	}
}

// TestTailExec runs a script for each match, the event on its stdin and
// the rule and stream in its environment, its arguments never through a
// shell.
func TestTailExec(t *testing.T) {
	p := newWatchPod(t, "")
	dir := t.TempDir()
	script := filepath.Join(dir, "save.sh")
	if err := os.WriteFile(script, []byte("#!/bin/sh\n"+
		`cat > "$1/$TUTTI_RULE.json"`+"\n"+
		`printf '%s\n' "$TUTTI_STREAM" "$TUTTI_EVENT_TYPE" "$2" > "$1/$TUTTI_RULE.env"`+"\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	_, errOut, err := p.tail(t, []string{"--match", "margin", "--match", "breach", "--duration", "2s",
		"--exec", script + ` '` + dir + `' '$(touch pwned) "x"'`}, "margin call", "nothing")
	if err != nil {
		t.Fatalf("tail: %v\n%s", err, errOut)
	}
	data, err := os.ReadFile(filepath.Join(dir, "margin.json"))
	if err != nil {
		t.Fatalf("the script wrote nothing: %v\n%s", err, errOut)
	}
	var ev struct {
		symphony.V4Event
		Watch []string `json:"watch"`
	}
	if err := json.Unmarshal(data, &ev); err != nil || ev.Message() == nil || !strings.Contains(ev.Message().Message, "margin call") ||
		!slices.Equal(ev.Watch, []string{"margin"}) {
		t.Errorf("the script's stdin: %v\n%s", err, data)
	}
	env, _ := os.ReadFile(filepath.Join(dir, "margin.env"))
	if want := p.room.ID + "\nMESSAGESENT\n$(touch pwned) \"x\"\n"; string(env) != want {
		t.Errorf("the script's environment and argument: %q, want %q", env, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "breach.json")); err == nil {
		t.Error("the script ran for a rule that did not match")
	}
	if _, err := os.Stat("pwned"); err == nil {
		os.Remove("pwned")
		t.Error("the command line went through a shell")
	}
}

// TestTailExecFailures: a command that runs too long is killed, one that
// does not exist is reported, each with its rule and event, and runs past
// the queue are dropped loudly, which tail's exit status says.
func TestTailExecFailures(t *testing.T) {
	p := newWatchPod(t, "")
	start := time.Now()
	_, errOut, err := p.tail(t, []string{"--match", "margin", "--duration", "2s", "--exec", "sleep 30", "--exec-timeout", "300ms"}, "margin call")
	if err != nil {
		t.Fatalf("tail: %v\n%s", err, errOut)
	}
	if !strings.Contains(errOut, `tutti: --exec for rule "margin", event `) || !strings.Contains(errOut, "killed after --exec-timeout 300ms") ||
		time.Since(start) > 15*time.Second {
		t.Errorf("a command past its timeout (%s):\n%s", time.Since(start), errOut)
	}

	_, errOut, err = p.tail(t, []string{"--match", "margin", "--duration", "2s", "--exec", "tutti-no-such-command --flag"}, "margin call")
	if err != nil {
		t.Fatalf("tail: %v\n%s", err, errOut)
	}
	if !strings.Contains(errOut, `tutti: --exec for rule "margin", event `) || !strings.Contains(errOut, "tutti-no-such-command: no such command") {
		t.Errorf("a command that does not exist:\n%s", errOut)
	}

	// The command waits for a file the test writes once two runs were
	// dropped: one runs, one waits, the others find no room.
	release := filepath.Join(t.TempDir(), "release")
	wait := filepath.Join(t.TempDir(), "wait.sh")
	if err := os.WriteFile(wait, []byte("#!/bin/sh\nwhile [ ! -e \"$1\" ]; do sleep 0.05; done\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	p.afterPosts = func(stderr *testio.Buffer) {
		for deadline := time.Now().Add(20 * time.Second); !strings.Contains(stderr.String(), "(2 dropped so far)") && time.Now().Before(deadline); {
			time.Sleep(20 * time.Millisecond)
		}
		if err := os.WriteFile(release, nil, 0o600); err != nil {
			t.Error(err)
		}
	}
	_, errOut, err = p.tail(t, []string{"--match", "margin", "--duration", "2s", "--exec", wait + " " + release,
		"--exec-jobs", "1", "--exec-queue", "1", "--exec-timeout", "30s"},
		"margin 1", "margin 2", "margin 3", "margin 4")
	var missing *maybeMissingError
	if !errors.As(err, &missing) || !strings.Contains(errOut, "tutti: warning: --exec: 1 commands running and 1 waiting") ||
		!strings.Contains(errOut, "(2 dropped so far)") || !strings.Contains(errOut, "tutti: --exec: 2 runs dropped, 0 failed") {
		t.Errorf("runs past the queue: %v\n%s", err, errOut)
	}
}

// TestSplitCommand splits as a shell splits words, and expands nothing.
func TestSplitCommand(t *testing.T) {
	for line, want := range map[string][]string{
		`notify-send "Watch: $RULE" --urgency=critical`: {"notify-send", "Watch: $RULE", "--urgency=critical"},
		`a 'b c' d\ e "f \"g\" \\h" '*'`:                {"a", "b c", "d e", `f "g" \h`, "*"},
		`  x  `:                                         {"x"},
	} {
		if got, err := splitCommand(line); err != nil || !slices.Equal(got, want) {
			t.Errorf("%s: %q %v, want %q", line, got, err, want)
		}
	}
	for _, bad := range []string{``, `  `, `a 'b`, `a "b`, `a \`} {
		if got, err := splitCommand(bad); err == nil {
			t.Errorf("%q split into %q", bad, got)
		}
	}
}
