package cli

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tutti-chat/tutti/internal/session"
)

// TestEmbeddedSimulatorFlagsWithAConfiguration: while a configuration
// names a pod, from --config, $TUTTI_CONFIG or the default location, the
// embedded simulator's flags are refused by name rather than ignored, by
// tutti tail and the UI alike.
func TestEmbeddedSimulatorFlagsWithAConfiguration(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "config.yaml")
	if _, stderr, err := runCommand(t, "config", "init", cfg); err != nil {
		t.Fatalf("config init: %v\n%s", err, stderr)
	}
	_, _, err := runCommand(t, "tail", "--config", cfg, "--scenario", "busy", "--faults", "all:5s")
	want := "--faults and --scenario apply only to the embedded simulator, but the configuration " + cfg +
		" (from --config) names a pod: drop them, or give --simulator instead of --config to run the embedded simulator"
	if err == nil || err.Error() != want {
		t.Errorf("tail --config --scenario --faults: %v\nwant %s", err, want)
	}
	if _, _, err := runCommand(t, "--config", cfg, "--seed", "2"); err == nil ||
		!strings.HasPrefix(err.Error(), "--seed applies only to the embedded simulator, but the configuration "+cfg+" (from --config)") {
		t.Errorf("tutti --config --seed: %v", err)
	}

	// Every flag of the embedded simulator counts.
	values := map[string]string{"scenario": "busy", "seed": "2", "speed": "2", "faults": "all:5s",
		"ledger": filepath.Join(t.TempDir(), "ledger.jsonl"), "rooms": "10", "users": "10", "rate": "1", "rtt": "1ms", "rate-limit": "10/s"}
	sim := flag.NewFlagSet("sim", flag.ContinueOnError)
	addEmbeddedSimFlags(sim, &embeddedSimFlags{})
	sim.VisitAll(func(f *flag.Flag) {
		v, ok := values[f.Name]
		if !ok {
			t.Errorf("no test value for the embedded simulator's --%s", f.Name)
			return
		}
		_, _, err := runCommand(t, "tail", "--config", cfg, "--"+f.Name, v)
		if err == nil || !strings.HasPrefix(err.Error(), "--"+f.Name+" applies only to the embedded simulator") {
			t.Errorf("tail --config --%s %s: %v", f.Name, v, err)
		}
	})

	t.Setenv("TUTTI_CONFIG", cfg)
	if _, _, err := runCommand(t, "tail", "--rooms", "10", "--rtt", "1ms"); err == nil || !strings.Contains(err.Error(),
		"--rooms and --rtt apply only to the embedded simulator, but the configuration "+cfg+" (from $TUTTI_CONFIG) names a pod: "+
			"drop them, or add --simulator to run the embedded simulator instead") {
		t.Errorf("tail with $TUTTI_CONFIG and --rooms --rtt: %v", err)
	}

	t.Setenv("TUTTI_CONFIG", "")
	xdg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", xdg)
	def := filepath.Join(xdg, "tutti", "config.yaml")
	if _, stderr, err := runCommand(t, "config", "init"); err != nil {
		t.Fatalf("config init: %v\n%s", err, stderr)
	}
	if _, _, err := runCommand(t, "tail", "--faults", "all:5s"); err == nil ||
		!strings.Contains(err.Error(), "--faults applies only to the embedded simulator, but the configuration "+def+" (from the default location)") {
		t.Errorf("tail with the default file and --faults: %v", err)
	}
}

// TestSimulatorFlag: --simulator runs the embedded simulator over a
// configuration that $TUTTI_CONFIG or the default location names, with
// the simulator's flags; never with --config; and it leaves a session
// token unused, saying so.
func TestSimulatorFlag(t *testing.T) {
	xdg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", xdg)
	if _, stderr, err := runCommand(t, "config", "init"); err != nil {
		t.Fatalf("config init: %v\n%s", err, stderr)
	}
	// The template's placeholders stop plain tail...
	if _, _, err := runCommand(t, "tail", "--duration", "300ms"); err == nil || !strings.Contains(err.Error(), "still the template's "+session.TemplateHost) ||
		!strings.HasSuffix(err.Error(), "\nuntil they are set, --simulator runs the embedded simulator instead") {
		t.Fatalf("tail with the bare template: %v", err)
	}
	// ...and --simulator runs the demo meanwhile.
	stdout, stderr, err := runCommand(t, "tail", "--simulator", "--scenario", "demo", "--since", "24h", "--duration", "300ms")
	if err != nil || !strings.Contains(stderr, "datafeed v2 live") || stdout == "" {
		t.Fatalf("tail --simulator over the template: %v\n%s%s", err, stdout, stderr)
	}
	cfg := filepath.Join(xdg, "tutti", "config.yaml")
	const contradiction = "--simulator and --config contradict each other"
	if _, _, err := runCommand(t, "tail", "--simulator", "--config", cfg); err == nil || !strings.HasPrefix(err.Error(), contradiction) {
		t.Errorf("tail --simulator --config: %v", err)
	}
	if _, _, err := runCommand(t, "ui", "--config", cfg, "--simulator"); err == nil || !strings.HasPrefix(err.Error(), contradiction) {
		t.Errorf("ui --simulator --config: %v", err)
	}

	// Over $TUTTI_CONFIG too. The simulator logs in with its own key: a
	// session token goes nowhere, and tutti says it is not used.
	t.Setenv("TUTTI_CONFIG", cfg)
	const token = "session-token-of-another-pod"
	t.Setenv("SYMPHONY_SESSION_TOKEN", token)
	_, stderr, err = runCommand(t, "tail", "--simulator", "--seed", "3", "--duration", "300ms")
	if err != nil || !strings.Contains(stderr, "tutti: "+session.IgnoredTokenNote+"\n") || strings.Contains(stderr, token) {
		t.Errorf("tail --simulator with $TUTTI_CONFIG and SYMPHONY_SESSION_TOKEN: %v\n%s", err, stderr)
	}

	for _, cmd := range []string{"ui", "tail"} {
		if _, stderr, _ := runCommand(t, cmd, "--help"); !strings.Contains(stderr, "-simulator\n") {
			t.Errorf("%s --help lacks --simulator:\n%s", cmd, stderr)
		}
	}
}

// TestSimulatorReadsTheTuiSection: --simulator gives the embedded
// simulator the tui: section of the file tutti would otherwise use, the
// template's placeholders notwithstanding, so that its watch rules can be
// tried on the demo; a problem in that section stops it, naming the file;
// with no file, --watch says where rules come from, and $TUTTI_CONFIG
// naming a file not written yet is no file.
func TestSimulatorReadsTheTuiSection(t *testing.T) {
	xdg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", xdg)
	t.Setenv("TUTTI_CONFIG", filepath.Join(xdg, "not-written-yet.yaml"))
	if _, stderr, err := runCommand(t, "tail", "--simulator", "--duration", "300ms"); err != nil {
		t.Errorf("--simulator with $TUTTI_CONFIG naming no file: %v\n%s", err, stderr)
	}
	t.Setenv("TUTTI_CONFIG", "")
	_, stderr, err := runCommand(t, "tail", "--simulator", "--watch", "incidents", "--duration", "300ms")
	if !errors.Is(err, errUsage) || !strings.Contains(stderr, "no configuration file is in use") {
		t.Errorf("--watch without a configuration: %v\n%s", err, stderr)
	}

	if _, stderr, err := runCommand(t, "config", "init"); err != nil {
		t.Fatalf("config init: %v\n%s", err, stderr)
	}
	cfg := filepath.Join(xdg, "tutti", "config.yaml")
	template, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	withRules := func(rules string) {
		t.Helper()
		text := strings.Replace(string(template), "  watch: []", "  watch:\n"+rules, 1)
		if text == string(template) {
			t.Fatal("the template has no watch: [] to replace")
		}
		if err := os.WriteFile(cfg, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	withRules("    - name: incidents\n      hashtags: [incident]\n")
	stdout, stderr, err := runCommand(t, "tail", "--simulator", "--scenario", "demo", "--since", "720h", "--watch", "incidents", "--duration", "2s")
	if err != nil {
		t.Fatalf("tail --simulator --watch incidents: %v\n%s", err, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if stdout == "" {
		t.Fatalf("tail --simulator --watch incidents printed nothing:\n%s", stderr)
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, "[incidents] ") || !strings.Contains(l, "#incident") {
			t.Errorf("a line the rule does not match: %q", l)
		}
	}

	withRules("    - name: broken\n      regex: \"[12\"\n")
	_, _, err = runCommand(t, "tail", "--simulator", "--duration", "300ms")
	if err == nil || !strings.Contains(err.Error(), "tui.watch[0].regex") || !strings.Contains(err.Error(), "--simulator reads the tui: section of "+cfg) {
		t.Errorf("tail --simulator with a broken rule: %v", err)
	}
}
