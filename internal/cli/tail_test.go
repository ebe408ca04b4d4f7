package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/symphony"
)

// TestTailPrintsEveryLedgerMessageOnce runs the command of the README's
// proof on a shorter clock: the busy scenario with every fault, its ledger,
// JSON lines; every message event of the ledger must be printed once.
func TestTailPrintsEveryLedgerMessageOnce(t *testing.T) {
	ledgerPath := filepath.Join(t.TempDir(), "ledger.jsonl")
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"tail",
		"--scenario", "busy", "--faults", "all:1500ms", "--ledger", ledgerPath,
		"--format", "jsonl", "--duration", "6s"}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("tail: %v\n%s", err, stderr.String())
	}
	f, err := os.Open(ledgerPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ledger, err := simulator.ReadLedger(f)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	suppressed := map[string]bool{}
	for i := range ledger {
		if m := ledger[i].Message(); m != nil {
			want[symphony.CanonicalID(m.MessageID)] = true
		}
		if p := ledger[i].Payload; p != nil && p.MessageSuppressed != nil {
			suppressed[symphony.CanonicalID(p.MessageSuppressed.MessageID)] = true
		}
	}
	printed := map[string]int{}
	recovered := 0
	for line := range strings.SplitSeq(strings.TrimSpace(stdout.String()), "\n") {
		var ev struct {
			symphony.V4Event
			Recovered bool `json:"recovered"`
		}
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			t.Fatalf("output line is not a JSON event: %v\n%s", err, line)
		}
		if ev.Recovered {
			recovered++
		}
		if m := ev.Message(); m != nil {
			id := symphony.CanonicalID(m.MessageID)
			if printed[id]++; printed[id] == 2 {
				t.Errorf("message %s printed twice", id)
			}
		}
	}
	missing := 0
	for id := range want {
		if printed[id] == 0 && !suppressed[id] {
			missing++
		}
	}
	if len(want) < 300 || missing > 0 {
		t.Errorf("%d of the ledger's %d messages not printed", missing, len(want))
	}
	if recovered == 0 || !strings.Contains(stderr.String(), "recovering from history") {
		t.Errorf("no recovery happened under the faults (%d recovered)\n%s", recovered, stderr.String())
	}
	t.Logf("%d ledger messages, %d printed, %d recovered from history", len(want), len(printed), recovered)
}

func TestTailTextAndFilters(t *testing.T) {
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"tail", "--scenario", "demo", "--speed", "20",
		"--since", "2h", "--types", "MESSAGESENT", "--duration", "2s"}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("tail: %v\n%s", err, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	if len(lines) < 5 {
		t.Fatalf("%d lines of text output:\n%s", len(lines), stdout.String())
	}
	for _, l := range lines {
		if strings.ContainsRune(l, 0x1b) {
			t.Fatalf("escape sequence in the output: %q", l)
		}
		if strings.Contains(l, "<div") || strings.Contains(l, "data-entity-id") {
			t.Errorf("markup in the text output: %q", l)
		}
	}
	if err := run(context.Background(), []string{"tail", "--types", "NOPE"}, &stdout, &stderr); err == nil {
		t.Error("an unknown event type was accepted")
	}
}

// TestTailLabelsConversationsByType: tail's text output calls a
// conversation of two an IM and one of more a MIM, as the pod types them;
// the demo pod's history (the days before today and today) has both.
func TestTailLabelsConversationsByType(t *testing.T) {
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"tail", "--scenario", "demo", "--since", "168h", "--types", "MESSAGESENT", "--duration", "300ms"}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("tail: %v\n%s", err, stderr.String())
	}
	label := regexp.MustCompile(`^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d  (IM|MIM) (.+?)  \S`)
	count := map[string]int{}
	for l := range strings.SplitSeq(strings.TrimSpace(stdout.String()), "\n") {
		m := label.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		count[m[1]]++
		if others := strings.Count(m[2], ", ") + 1; (m[1] == "IM") != (others == 1) {
			t.Errorf("%s with %d other members: %q", m[1], others, l)
		}
	}
	if count["IM"] == 0 || count["MIM"] == 0 {
		t.Errorf("no IM or no MIM in the output (%v):\n%s", count, stdout.String())
	}
}

// TestTailInterruptedOnTheEmbeddedSimulator: interrupted (SIGINT, as
// Ctrl-C sends it), tail on the embedded simulator reads the feed until it
// is quiet and ends well: the simulator, stopped after it, never leaves it
// short of its own pod, reconnecting and reporting ranges as missing.
func TestTailInterruptedOnTheEmbeddedSimulator(t *testing.T) {
	bin := buildTutti(t)
	cmd := exec.Command(bin, "tail", "--scenario", "quiet")
	cmd.Env = append(os.Environ(), "XDG_STATE_HOME="+t.TempDir(), "XDG_CONFIG_HOME="+t.TempDir(), "TUTTI_CONFIG=")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.AfterFunc(4*time.Second, func() { _ = cmd.Process.Signal(os.Interrupt) })
	err := cmd.Wait()
	if err != nil || strings.Contains(stderr.String(), "may be missing") || strings.Contains(stderr.String(), "reconnecting") {
		t.Errorf("tail interrupted: %v\n%s", err, stderr.String())
	}
}

// TestTailSaysWhichStreamsItDoesNotKnow: a stream of --streams that is
// none of the account's is said on stderr, not waited for in silence.
func TestTailSaysWhichStreamsItDoesNotKnow(t *testing.T) {
	stdout, stderr, err := runCommand(t, "tail", "--since", "720h", "--streams", "Rates Dsk,Rates Desk", "--duration", "300ms")
	if err != nil || !strings.Contains(stderr, `tutti: --streams: the account has no stream "Rates Dsk" yet`) ||
		strings.Contains(stderr, `"Rates Desk" yet`) || !strings.Contains(stdout, "Rates Desk") {
		t.Errorf("tail --streams: %v\n%s", err, stderr)
	}
}
