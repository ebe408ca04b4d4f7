//go:build unix

package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/simulator/simtest"
	"github.com/tutti-chat/tutti/symphony"
)

// TestHardKillRepeatsAtMostOneMessage kills a running tutti tail with
// SIGKILL in the middle of the traffic and starts it again on the same
// state: between them the two print every message of the pod's ledger,
// and repeat at most the one being printed when the kill came.
func TestHardKillRepeatsAtMostOneMessage(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the binary")
	}
	bin := buildTutti(t)
	ledger := &simtest.Ledger{}
	srv := simtest.Start(t, simulator.Options{Scenario: "busy", Speed: 0.2, Ledger: ledger})
	dir := t.TempDir()
	config := filepath.Join(dir, "config.yaml")
	if _, err := writeSimulatorConfig(srv, config); err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(dir, "state")
	tail := func(out string, extra ...string) *exec.Cmd {
		f, err := os.Create(out)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		cmd := exec.Command(bin, append([]string{"tail", "--config", config, "--state", root, "--format", "jsonl"}, extra...)...)
		cmd.Stdout = f
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	first := tail(filepath.Join(dir, "first.jsonl"))
	time.Sleep(3 * time.Second)
	if err := first.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = first.Wait()
	time.Sleep(500 * time.Millisecond) // traffic while nobody watches
	srv.StopLive()
	second := tail(filepath.Join(dir, "second.jsonl"), "--duration", "3s")
	if err := second.Wait(); err != nil {
		t.Fatalf("the second tail: %v", err)
	}

	printed := map[string]int{}
	for _, name := range []string{"first.jsonl", "second.jsonl"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		for line := range strings.SplitSeq(strings.TrimSpace(string(data)), "\n") {
			var ev symphony.V4Event
			if json.Unmarshal([]byte(line), &ev) == nil && ev.Message() != nil {
				printed[symphony.CanonicalID(ev.Message().MessageID)]++
			}
		}
	}
	x := expectLedger(ledger.Events(t))
	missing, repeated := 0, 0
	for id := range x.all {
		switch n := printed[id]; {
		case n == 0 && !x.suppressed[id]:
			missing++
		case n > 1:
			repeated += n - 1
		}
	}
	if len(x.all) < 100 || missing > 0 || repeated > 1 {
		t.Errorf("%d ledger messages: %d missing, %d repeated (at most 1 may be)", len(x.all), missing, repeated)
	}
	t.Logf("%d ledger messages, %d printed, %d repeated", len(x.all), len(printed), repeated)
}

// ledgerExpectation is what a ledger says must be printed.
type ledgerExpectation struct {
	all, suppressed map[string]bool
}

func expectLedger(ledger []symphony.V4Event) ledgerExpectation {
	x := ledgerExpectation{all: map[string]bool{}, suppressed: map[string]bool{}}
	for i := range ledger {
		if m := ledger[i].Message(); m != nil {
			x.all[symphony.CanonicalID(m.MessageID)] = true
		}
		if p := ledger[i].Payload; p != nil && p.MessageSuppressed != nil {
			x.suppressed[symphony.CanonicalID(p.MessageSuppressed.MessageID)] = true
		}
	}
	return x
}
