//go:build unix

package cli

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// e2eStepTimeout is how long one step of the end-to-end test may wait for
// the screen, polled every e2ePollEvery; e2eQuitTimeout how long tutti may
// take to exit after q.
const (
	e2eStepTimeout = 20 * time.Second
	e2eQuitTimeout = 5 * time.Second
	e2ePollEvery   = 100 * time.Millisecond
)

// TestE2ETmux builds the real tutti binary once and drives it in private
// tmux servers as a person would: against the embedded simulator (demo);
// with --config and a flag of the embedded simulator, which it refuses
// (config-refuses-simulator-flags); and after tutti config init, where
// plain tutti stops at the template's placeholders and --simulator opens
// the demo (simulator-over-template). Every screen it reads must be plain
// text, with no escape residue or raw markup.
//
// It skips when tmux is missing, unless TUTTI_E2E=require (CI), and under
// -short.
func TestE2ETmux(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped under -short")
	}
	tmux := lookTmux(t)
	bin := buildTutti(t)
	t.Run("demo", func(t *testing.T) { e2eDemo(t, tmux, bin) })
	t.Run("config-refuses-simulator-flags", func(t *testing.T) { e2eConfigRefusesSimulatorFlags(t, tmux, bin) })
	t.Run("simulator-over-template", func(t *testing.T) { e2eSimulatorOverTemplate(t, tmux, bin) })
}

// e2eDemo waits for traffic, opens a room with the quick switcher, scrolls
// back to older history and to the newest again, sends a message and a
// fenced code block, splits, zooms and closes a pane, expands and
// collapses a card in another room, reads the end of its PresentationML
// in the inspector, jumps from a row of Activity to its stream, searches
// a ticker in every stream and jumps from a result to its stream, and
// quits.
func e2eDemo(t *testing.T, tmux, bin string) {
	s := startTutti(t, tmux, bin, t.TempDir(), "--scenario", "demo", "--seed", "1")

	// Traffic: the stream list, the feed live, and messages in Activity.
	first := s.waitFor(func(sc screen) bool {
		return hasRow(sc.list(), "Rooms") && hasRow(sc.list(), "Direct") &&
			strings.Contains(sc.status(), "live") && len(clockRE.FindAllString(sc.paneText(), -1)) >= 3
	}, `the stream list with "Rooms" and "Direct", "live" in the status bar and messages`)
	room, ok := roomToOpen(first)
	if !ok {
		t.Fatalf("no room with a plain name in the stream list:\n%s", first.text)
	}

	// The quick switcher: part of the room's name, then enter.
	s.openRoom(room)

	// Scroll back: older history, then the top, with the hint in the title.
	for range 3 {
		s.sendKeys("PageUp")
	}
	s.waitFor(func(sc screen) bool { return newerBelowRE.MatchString(sc.title()) },
		`the "newer below (G)" hint in the title after PageUp`)
	s.sendKeys("g")
	s.waitFor(func(sc screen) bool {
		text := sc.paneText()
		return newerBelowRE.MatchString(sc.title()) &&
			(strings.Contains(text, "beginning of the conversation") || strings.Contains(text, "loading…"))
	}, `"beginning of the conversation" or "loading…" at the top, and the "newer below" hint`)
	s.sendKeys("G")
	s.waitFor(func(sc screen) bool {
		return isStreamRow(sc.title(), "# ", room) && !strings.Contains(sc.title(), "below (G)")
	}, "the newest messages again, without the hint")

	// Send a message and see it once, sent.
	msg := fmt.Sprintf("e2e hello %d", time.Now().UnixNano()%1_000_000)
	s.sendKeys("i")
	s.waitFor(func(sc screen) bool { return strings.HasPrefix(sc.hints(), "composer:") }, "the composer")
	s.typeText(msg)
	s.waitFor(func(sc screen) bool { return composerHolds(sc, msg) }, "the typed message in the composer")
	s.sendKeys("Enter")
	sent := func(sc screen) bool {
		return !composerHolds(sc, msg) && strings.Count(sc.paneText(), msg) == 1 &&
			!strings.Contains(sc.paneText(), "sending…") && !strings.Contains(sc.paneText(), "not sent")
	}
	s.waitFor(sent, fmt.Sprintf("%q once in the timeline, sent", msg))
	// Neither the agent's answer nor the datafeed's echo may add a copy.
	time.Sleep(time.Second)
	s.waitFor(sent, fmt.Sprintf("%q still once a second later", msg))

	// Edit it: E on it opens it in the composer as typed; " v2" and enter
	// save it, and its row shows the new text, marked (edited), once.
	s.sendKeys("Escape")
	s.waitFor(func(sc screen) bool { return strings.HasPrefix(sc.hints(), "timeline:") }, "the composer left")
	s.selectUp(func(sel []string) bool { return strings.Contains(strings.Join(sel, "\n"), msg) }, fmt.Sprintf("%q", msg))
	s.sendKeys("E")
	s.waitFor(func(sc screen) bool {
		return composerHolds(sc, msg) && strings.Contains(sc.paneText(), "editing your message")
	}, "the message in the composer, to edit")
	s.typeText(" v2")
	s.sendKeys("Enter")
	s.waitFor(func(sc screen) bool {
		return !composerHolds(sc, msg) && strings.Count(sc.paneText(), msg+" v2") == 1 &&
			strings.Contains(sc.paneText(), "(edited)") && !strings.Contains(sc.status(), "not edited")
	}, fmt.Sprintf("%q once in the timeline, edited", msg+" v2"))
	s.sendKeys("i")
	s.waitFor(func(sc screen) bool { return strings.HasPrefix(sc.hints(), "composer:") }, "the composer again")

	// A fenced code block of one line, its lines apart with ctrl+j: sent,
	// "Here:" shows on a line of its own and the code in a block under it.
	s.typeText("Here:")
	s.sendKeys("C-j")
	s.typeText("```")
	s.sendKeys("C-j")
	s.typeText("x := 1")
	s.sendKeys("C-j")
	s.typeText("```")
	s.waitFor(func(sc screen) bool {
		return slices.Equal(composerRows(sc), []string{"Here:", "```", "x := 1", "```"})
	}, "the four lines of the fenced block in the composer")
	s.sendKeys("Enter")
	s.waitFor(fencedSent, `"Here:" once in the timeline, sent, "x := 1" in a code block under it`)
	s.sendKeys("Escape")
	s.waitFor(func(sc screen) bool { return strings.HasPrefix(sc.hints(), "timeline:") }, "the composer left")

	// Split: a second pane under the first (120 columns stack them),
	// focused, both showing messages; zoom shows the focused one alone;
	// ctrl+w closes it.
	s.sendKeys("s")
	split := s.waitFor(func(sc screen) bool {
		titles := paneTitles(sc)
		return len(titles) == 2 && isStreamRow(titles[0], "# ", room) && strings.HasPrefix(titles[1], "▶ ") &&
			len(clockRE.FindAllString(sc.paneText(), -1)) >= 2
	}, "two panes, the room's above the focused new one")
	second := strings.TrimPrefix(paneTitles(split)[1], "▶ ")
	s.sendKeys("z")
	s.waitFor(func(sc screen) bool {
		titles := paneTitles(sc)
		return len(titles) == 1 && strings.Contains(titles[0], "zoomed")
	}, "the focused pane zoomed")
	s.sendKeys("z")
	s.waitFor(func(sc screen) bool { return len(paneTitles(sc)) == 2 }, "both panes again")
	s.sendKeys("C-w")
	s.waitFor(func(sc screen) bool {
		titles := paneTitles(sc)
		return len(titles) == 1 && isStreamRow(titles[0], "# ", room)
	}, fmt.Sprintf("the pane of %q closed, the room's left", second))

	// A card: in Ops Incidents, once a collapsed expandable card shows (the
	// monitoring bot's crash reports, in its history and live: the demo's
	// history may have none in the pane's rows, the live traffic of seed 1
	// posts one a few seconds in), k up to it; x shows its body, x again
	// hides it.
	s.openRoom(opsRoom)
	s.waitFor(crashShown, "a collapsed crash report in the pane")
	s.selectUp(isCollapsedCrash, "the newest collapsed crash report")
	s.sendKeys("x")
	s.waitFor(func(sc screen) bool {
		sel := selectedRows(sc)
		return len(sel) > 0 && strings.Contains(sel[0], "Panic in") && rowContaining(sel, crashBody) > 0 &&
			rowContaining(sel, "more line") < 0
	}, fmt.Sprintf("the card expanded: %q in its body", crashBody))
	s.sendKeys("x")
	s.waitFor(func(sc screen) bool { return isCollapsedCrash(selectedRows(sc)) }, "the card collapsed again")

	// The inspector on that card: its PresentationML, longer than a line,
	// wraps under the start of its value, whole to its last characters. G
	// goes to the end of the event's JSON (its closing brace), where the
	// PresentationML's end is, or a page or two up; G again goes on to the
	// last HTTP calls listed under the JSON.
	s.allowMarkup = true
	s.sendKeys("e")
	s.waitFor(func(sc screen) bool {
		start, end := pmlRows(sc)
		return inspectorShown(sc) && start >= 0 && end > start
	}, "the inspector, the card's PresentationML whole from its start to its end "+crashPMLEnd)
	s.sendKeys("G")
	s.waitFor(func(sc screen) bool {
		return inspectorShown(sc) && slices.ContainsFunc(sc.pane(), func(r string) bool { return strings.TrimRight(r, " ") == "}" })
	}, "the end of the event's JSON after G")
	s.pageUpTo(func(sc screen) bool {
		_, end := pmlRows(sc)
		return inspectorShown(sc) && end >= 0
	}, "the end of the PresentationML, "+crashPMLEnd)
	s.sendKeys("G", "G")
	s.waitFor(func(sc screen) bool {
		return inspectorShown(sc) && strings.Contains(sc.text, "/agent/v")
	}, "the last HTTP calls after G again")
	s.sendKeys("Escape")
	s.waitFor(func(sc screen) bool { return isStreamRow(sc.title(), "# ", opsRoom) }, "the inspector closed")
	s.allowMarkup = false
	s.capture() // the timeline again, without markup

	// Jump to context: in Activity, k selects the newest row, and enter
	// opens the row's stream with the same message selected.
	s.sendKeys("C-k")
	s.waitFor(func(sc screen) bool { return strings.Contains(sc.title(), "switch to:") }, "the quick switcher")
	s.typeText("Activity")
	s.sendKeys("Enter")
	s.waitFor(func(sc screen) bool { return isStreamRow(sc.title(), "≡ ", "Activity") }, "Activity in the pane")
	s.sendKeys("k")
	picked := s.waitFor(func(sc screen) bool { return len(selectedRows(sc)) > 0 }, "a row selected in Activity")
	body := selectedRows(picked)[0]
	s.sendKeys("Enter")
	s.waitFor(func(sc screen) bool {
		return !strings.Contains(sc.title(), "Activity") && slices.Contains(selectedRows(sc), body)
	}, fmt.Sprintf("the row's stream in the pane, %q selected", body))

	// Room info and members: I over the stream the jump opened lists its
	// members (an IM's participants); enter opens the first one's profile
	// with their presence, esc comes back to the members, esc again
	// closes.
	s.sendKeys("I")
	s.waitFor(func(sc screen) bool {
		return strings.Contains(sc.text, "room info: ") &&
			(strings.Contains(sc.text, "Members (") || strings.Contains(sc.text, "Participants ("))
	}, "the room info and its members")
	s.sendKeys("Enter")
	s.waitFor(func(sc screen) bool {
		return strings.Contains(sc.text, "profile: ") && strings.Contains(sc.text, "Presence: ")
	}, "a member's profile with their presence")
	s.sendKeys("Escape")
	s.waitFor(func(sc screen) bool { return strings.Contains(sc.text, "room info: ") }, "the members again")
	s.sendKeys("Escape")
	s.waitFor(func(sc screen) bool { return !strings.Contains(sc.text, "room info: ") }, "the room info closed")

	// Search across streams: F opens the switcher with "search " typed; a
	// ticker there runs the search, whose results pane is titled with the
	// query and the count; enter on the newest result opens its stream
	// with it selected.
	s.sendKeys("F")
	s.waitFor(func(sc screen) bool { return strings.Contains(sc.title(), "switch to: search") }, "the switcher with search typed")
	s.typeText("$UST10Y")
	s.waitFor(func(sc screen) bool {
		return strings.Contains(sc.text, "Search messages in every stream: $UST10Y")
	}, "the search first in the switcher")
	s.sendKeys("Enter")
	s.waitFor(func(sc screen) bool {
		return strings.HasPrefix(strings.TrimSpace(sc.title()), "⌕ $UST10Y · ") && strings.Contains(sc.title(), "result")
	}, "the results of $UST10Y, counted")
	s.sendKeys("k")
	found := s.waitFor(func(sc screen) bool { return len(selectedRows(sc)) > 0 }, "the newest result selected")
	hit := selectedRows(found)[0]
	s.sendKeys("Enter")
	s.waitFor(func(sc screen) bool {
		return !strings.Contains(sc.title(), "⌕") && slices.Contains(selectedRows(sc), hit)
	}, fmt.Sprintf("the result's stream in the pane, %q selected", hit))

	// Watch: the demo's signals ("Treasuries": $UST2Y, $UST10Y, $UST30Y;
	// "On call: incidents": #incident, #oncall) are read-only watch rules;
	// the desk's chatter since the start matches them, and Watch shows
	// those messages, each marked with its rule.
	s.sendKeys("C-k")
	s.waitFor(func(sc screen) bool { return strings.Contains(sc.title(), "switch to:") }, "the quick switcher")
	s.typeText("Watch")
	s.sendKeys("Enter")
	s.waitFor(func(sc screen) bool {
		return isStreamRow(sc.title(), "⚑ ", "Watch") && strings.Contains(sc.paneText(), "matches since tutti started: ") &&
			(strings.Contains(sc.paneText(), "  ⚑ Treasuries") || strings.Contains(sc.paneText(), "  ⚑ On call: incidents"))
	}, "Watch with messages marked with the signals' rules")

	// Quit.
	s.sendKeys("q")
	s.waitExit(e2eQuitTimeout)
}

// e2eConfigRefusesSimulatorFlags starts tutti with --config and flags of
// the embedded simulator: it must exit at once, non-zero, naming them,
// rather than ignore them.
func e2eConfigRefusesSimulatorFlags(t *testing.T, tmux, bin string) {
	home := t.TempDir()
	cfg := filepath.Join(home, "pod.yaml")
	runTutti(t, bin, home, "config", "init", cfg)
	s := startTutti(t, tmux, bin, home, "--config", cfg, "--scenario", "busy", "--faults", "all:5s")
	if status := s.waitDead(e2eQuitTimeout); status == "0" {
		t.Fatalf("tutti --config --scenario --faults exited with status 0; the screen:\n%s", s.output())
	}
	want := "tutti: --faults and --scenario apply only to the embedded simulator, but the configuration " + cfg +
		" (from --config) names a pod"
	if out := s.output(); !strings.Contains(out, want) {
		t.Fatalf("the screen lacks %q:\n%s", want, out)
	}
	t.Logf("refused: %s", want)
}

// e2eSimulatorOverTemplate writes the template with tutti config init at
// $XDG_CONFIG_HOME/tutti/config.yaml: plain tutti then uses it and stops
// at its placeholders, saying that --simulator runs the demo, and
// tutti --simulator opens the demo, the status bar naming the simulator.
func e2eSimulatorOverTemplate(t *testing.T, tmux, bin string) {
	home := t.TempDir()
	runTutti(t, bin, home, "config", "init")
	s := startTutti(t, tmux, bin, home)
	if status := s.waitDead(e2eQuitTimeout); status == "0" {
		t.Fatalf("tutti with the bare template exited with status 0; the screen:\n%s", s.output())
	}
	for _, want := range []string{"host: still the template's your-pod.invalid", "--simulator runs the embedded simulator instead"} {
		if out := s.output(); !strings.Contains(out, want) {
			t.Fatalf("the screen lacks %q:\n%s", want, out)
		}
	}
	s.stop()

	s = startTutti(t, tmux, bin, home, "--simulator", "--scenario", "demo", "--seed", "1")
	s.waitFor(func(sc screen) bool {
		return hasRow(sc.list(), "Rooms") && strings.Contains(sc.status(), "live") && strings.Contains(sc.status(), "simulator") &&
			len(clockRE.FindAllString(sc.paneText(), -1)) >= 1
	}, `the demo over the template: the stream list, "live" and "simulator" in the status bar, messages`)
	s.sendKeys("q")
	s.waitExit(e2eQuitTimeout)
}

// runTutti runs bin with args in the environment of a tmux session in
// home, and fails the test when it fails.
func runTutti(t *testing.T, bin, home string, args ...string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = isolatedEnv(home)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("tutti %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// clockRE matches the time of a message; newerBelowRE the title's hint that
// the pane is scrolled back ("↓ newer below (G)", or "↓ 3 new below (G)"
// when messages arrived meanwhile).
var (
	clockRE      = regexp.MustCompile(`\b\d\d:\d\d\b`)
	newerBelowRE = regexp.MustCompile(`↓ (newer|\d+ new) below \(G\)`)
)

// lookTmux returns the path of tmux, or skips the test when there is none,
// or fails it when TUTTI_E2E=require.
func lookTmux(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("tmux")
	if err == nil {
		return path
	}
	if os.Getenv("TUTTI_E2E") == "require" {
		t.Fatalf("TUTTI_E2E=require but tmux is not on PATH: %v", err)
	}
	t.Skipf("end-to-end test skipped: tmux is not on PATH (set TUTTI_E2E=require to fail instead): %v", err)
	return ""
}

// buildTutti builds the tutti binary of this module into a temporary
// directory with the go of the running toolchain.
func buildTutti(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "tutti")
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("build tutti: no go on PATH: %v", err)
	}
	cmd := exec.Command(goBin, "build", "-o", bin, moduleRoot)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build tutti: %v\n%s", err, out)
	}
	return bin
}

// tmuxSession is tutti running in the one pane of a private tmux server.
type tmuxSession struct {
	t       *testing.T
	tmux    string   // the tmux binary
	socket  string   // the -L name of the private server
	server  int      // the process id of the private server
	env     []string // the environment of tmux, and so of the pane
	logFile string   // tutti's debug log
	// allowMarkup is set while the inspector shows raw PresentationML:
	// capture then accepts markup on the screen, never escape fragments.
	allowMarkup bool
}

// e2eSession is the name of the tmux session running tutti.
const e2eSession = "e2e"

// startTutti starts bin with args and a debug log in a detached 120×40
// session of a tmux server of its own, with home as its home, and kills
// that server when the test ends. The server's socket is in home too, so
// one home holds one tutti at a time (stop ends it).
func startTutti(t *testing.T, tmux, bin, home string, args ...string) *tmuxSession {
	t.Helper()
	s := &tmuxSession{
		t:       t,
		tmux:    tmux,
		socket:  fmt.Sprintf("tutti-e2e-%d", os.Getpid()),
		env:     isolatedEnv(home),
		logFile: filepath.Join(home, "tutti.log"),
	}
	t.Cleanup(func() {
		if t.Failed() {
			s.logTuttiLog()
		}
		// The server is gone already when the session has ended.
		_, _ = s.tmuxOutput("kill-server")
	})
	// remain-on-exit in the same command, so that tutti's exit cannot come
	// first: the dead pane then tells its exit status.
	command := append([]string{"new-session", "-d", "-s", e2eSession, "-x", "120", "-y", "40", "--",
		"env", "TERM=xterm-256color", bin}, args...)
	command = append(command, "--log", s.logFile, ";", "set-option", "-t", e2eSession, "remain-on-exit", "on")
	_, err := s.tmuxOutput(command...)
	if err != nil {
		t.Fatal(err)
	}
	out, err := s.tmuxOutput("display-message", "-p", "-t", e2eSession, "#{pid}")
	if err != nil {
		t.Fatal(err)
	}
	if s.server, err = strconv.Atoi(strings.TrimSpace(out)); err != nil {
		t.Fatalf("the pid of the tmux server: %v", err)
	}
	return s
}

// isolatedEnv is this process's environment for tmux and tutti, with home,
// state directories and tmux's socket directory under home, no pod
// configuration and nothing of an enclosing tmux.
func isolatedEnv(home string) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "TMUX", "TMUX_PANE", "TMUX_TMPDIR", "TUTTI_CONFIG", "HOME",
			"XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME":
			continue
		}
		env = append(env, kv)
	}
	return append(env,
		"HOME="+home,
		"TMUX_TMPDIR="+home,
		"XDG_STATE_HOME="+filepath.Join(home, "state"),
		"XDG_CONFIG_HOME="+filepath.Join(home, "config"),
		"XDG_CACHE_HOME="+filepath.Join(home, "cache"),
		"XDG_DATA_HOME="+filepath.Join(home, "data"))
}

// tmuxOutput runs one tmux command line on the private server and returns
// its standard output.
func (s *tmuxSession) tmuxOutput(args ...string) (string, error) {
	cmd := exec.Command(s.tmux, append([]string{"-L", s.socket, "-f", "/dev/null"}, args...)...)
	cmd.Env = s.env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("tmux %s: %w: %s", args[0], err, bytes.TrimSpace(stderr.Bytes()))
	}
	return string(out), nil
}

// sendKeys presses keys, in tmux's names (C-k, Enter, PageUp, q).
func (s *tmuxSession) sendKeys(keys ...string) {
	s.t.Helper()
	if _, err := s.tmuxOutput(append([]string{"send-keys", "-t", e2eSession}, keys...)...); err != nil {
		s.t.Fatal(err)
	}
}

// typeText types text literally, one key per character.
func (s *tmuxSession) typeText(text string) {
	s.t.Helper()
	if _, err := s.tmuxOutput("send-keys", "-t", e2eSession, "-l", text); err != nil {
		s.t.Fatal(err)
	}
}

// capture returns the pane as plain text, and fails the test when it holds
// escape residue or raw markup.
func (s *tmuxSession) capture() screen {
	s.t.Helper()
	out, err := s.tmuxOutput("capture-pane", "-p", "-t", e2eSession)
	if err != nil {
		s.t.Fatal(err)
	}
	sc := newScreen(out)
	if bad, found := residue(out, s.allowMarkup); found {
		s.t.Fatalf("the screen holds %q:\n%s", bad, out)
	}
	return sc
}

// waitFor captures the pane until pred accepts it and returns that capture;
// after e2eStepTimeout it fails the test with what it waited for and the
// last capture.
func (s *tmuxSession) waitFor(pred func(screen) bool, what string) screen {
	s.t.Helper()
	start := time.Now()
	sc := s.waitQuiet(pred, what)
	s.t.Logf("%5.2fs %s", time.Since(start).Seconds(), what)
	return sc
}

// waitQuiet is waitFor without the line in the test's log.
func (s *tmuxSession) waitQuiet(pred func(screen) bool, what string) screen {
	s.t.Helper()
	start := time.Now()
	for {
		sc := s.capture()
		if pred(sc) {
			return sc
		}
		if time.Since(start) > e2eStepTimeout {
			s.t.Fatalf("waited %v for %s; the screen:\n%s", e2eStepTimeout, what, sc.text)
		}
		time.Sleep(e2ePollEvery)
	}
}

// openRoom opens room with the quick switcher: ctrl+k, its name but for
// the last letter, which must rank it first, and enter.
func (s *tmuxSession) openRoom(room string) {
	s.t.Helper()
	query := string([]rune(room)[:len([]rune(room))-1])
	s.sendKeys("C-k")
	s.waitFor(func(sc screen) bool { return strings.Contains(sc.title(), "switch to:") }, "the quick switcher")
	s.typeText(query)
	s.waitFor(func(sc screen) bool {
		p := sc.pane()
		return strings.Contains(p[0], "switch to: "+query) && len(p) > 1 && isStreamRow(p[1], "# ", room)
	}, fmt.Sprintf("the switcher ranking %q first for %q", room, query))
	s.sendKeys("Enter")
	s.waitFor(func(sc screen) bool {
		return isStreamRow(sc.title(), "# ", room) && len(clockRE.FindAllString(sc.paneText(), -1)) >= 1
	}, fmt.Sprintf("the pane titled %q with messages", "# "+room))
}

// e2eMaxSelect is how many messages selectUp passes at most.
const e2eMaxSelect = 200

// selectUp presses k, one message up each time (the first press selects
// the newest), until the selected message's rows satisfy want, and
// returns that screen.
func (s *tmuxSession) selectUp(want func(sel []string) bool, what string) screen {
	s.t.Helper()
	start := time.Now()
	var prev []string
	for n := 1; n <= e2eMaxSelect; n++ {
		s.sendKeys("k")
		// The selected message's text, never its place: a message arriving
		// live moves the rows but not the selection.
		sc := s.waitQuiet(func(sc screen) bool {
			sel := selectedRows(sc)
			return len(sel) > 0 && !slices.Equal(sel, prev)
		}, fmt.Sprintf("the selection one message up from %q", prev))
		if prev = selectedRows(sc); want(prev) {
			s.t.Logf("%5.2fs %s selected, after k ×%d", time.Since(start).Seconds(), what, n)
			return sc
		}
	}
	s.t.Fatalf("no %s in the %d newest messages; the screen:\n%s", what, e2eMaxSelect, s.capture().text)
	return screen{}
}

// e2eMaxPages is how many pages pageUpTo turns at most.
const e2eMaxPages = 10

// pageUpTo presses PageUp, waiting each time for the screen to change,
// until pred accepts it.
func (s *tmuxSession) pageUpTo(pred func(screen) bool, what string) screen {
	s.t.Helper()
	start := time.Now()
	sc := s.capture()
	for n := 0; !pred(sc); n++ {
		if n == e2eMaxPages {
			s.t.Fatalf("no %s %d pages up; the screen:\n%s", what, e2eMaxPages, sc.text)
		}
		before := sc.text
		s.sendKeys("PageUp")
		sc = s.waitQuiet(func(sc screen) bool { return sc.text != before }, "the screen one page up")
	}
	s.t.Logf("%5.2fs %s", time.Since(start).Seconds(), what)
	return sc
}

// output returns the pane as plain text, lines that tmux wrapped joined
// again: what tutti printed before it exited, and tmux's line about the
// dead pane.
func (s *tmuxSession) output() string {
	s.t.Helper()
	out, err := s.tmuxOutput("capture-pane", "-p", "-J", "-S", "-", "-t", e2eSession)
	if err != nil {
		s.t.Fatal(err)
	}
	return out
}

// stop kills the tmux server, and tutti with it, and waits until the
// server is gone: the next session in the same home starts a new one.
func (s *tmuxSession) stop() {
	s.t.Helper()
	_, _ = s.tmuxOutput("kill-server")
	start := time.Now()
	for syscall.Kill(s.server, 0) == nil {
		if time.Since(start) > e2eQuitTimeout {
			s.t.Fatalf("the tmux server %d still runs %v after kill-server", s.server, e2eQuitTimeout)
		}
		time.Sleep(e2ePollEvery / 10)
	}
}

// waitExit waits until tutti has exited, with status 0.
func (s *tmuxSession) waitExit(timeout time.Duration) {
	s.t.Helper()
	if status := s.waitDead(timeout); status != "0" {
		s.t.Fatalf("tutti exited with status %s; the screen:\n%s", status, s.capture().text)
	}
}

// waitDead waits until tutti has exited and returns its exit status; it
// fails the test when tutti still runs after timeout.
func (s *tmuxSession) waitDead(timeout time.Duration) string {
	s.t.Helper()
	start := time.Now()
	nudged := false
	for {
		out, err := s.tmuxOutput("list-panes", "-t", e2eSession, "-F", "#{pane_dead} #{pane_dead_status}")
		if err != nil {
			s.t.Fatal(err)
		}
		dead, status, _ := strings.Cut(strings.TrimSpace(out), " ")
		switch {
		case dead == "1" && status != "":
			s.t.Logf("%5.2fs tutti exited with status %s", time.Since(start).Seconds(), status)
			return status
		case dead == "1":
			// tutti's terminal is closed but tmux has not reaped it: a
			// tmux built with libutempter can lose the SIGCHLD while it
			// removes the pane's utmp record (tmux/tmux#311). Nudge it.
			if !nudged {
				s.t.Logf("%5.2fs tutti's terminal closed, no exit status yet: SIGCHLD to tmux", time.Since(start).Seconds())
			}
			s.nudgeServer()
			nudged = true
		}
		if time.Since(start) > timeout {
			s.t.Fatalf("tutti still runs %v later (pane_dead %q, status %q); the screen:\n%s",
				timeout, dead, status, s.capture().text)
		}
		time.Sleep(e2ePollEvery)
	}
}

// nudgeServer sends SIGCHLD to the private tmux server, which then reaps
// its exited children.
func (s *tmuxSession) nudgeServer() {
	s.t.Helper()
	if err := syscall.Kill(s.server, syscall.SIGCHLD); err != nil {
		s.t.Fatalf("signal the tmux server %d: %v", s.server, err)
	}
}

// logTuttiLog logs the end of tutti's debug log.
func (s *tmuxSession) logTuttiLog() {
	b, err := os.ReadFile(s.logFile)
	if err != nil {
		s.t.Logf("read tutti's log: %v", err)
		return
	}
	const tail = 4000
	if len(b) > tail {
		b = b[len(b)-tail:]
	}
	s.t.Logf("the end of tutti's log:\n%s", b)
}

// residue returns the first escape fragment or, unless markup is allowed
// (the inspector shows PresentationML as the pod sent it), raw markup in
// a plain-text capture. The simulator's chat never holds these as text:
// its markup is MessageML, its "&" and "'" escaped, and its code "<-",
// never "</".
func residue(text string, allowMarkup bool) (string, bool) {
	bad := []string{"\x1b", "\u009b", "[0m", "[38;", "[48;", "[39m", "[49m"}
	if !allowMarkup {
		bad = append(bad, "<messageML", "<div", "<span", "</", "&lt;", "&gt;", "&amp;", "&quot;", "&#")
	}
	for _, b := range bad {
		if strings.Contains(text, b) {
			return b, true
		}
	}
	return "", false
}

// screen is one capture of the pane: the stream list left of the first
// "│" of each row, the timeline pane right of it, and the status bar on
// the last row.
type screen struct {
	text  string
	lines []string
}

// newScreen splits a capture into rows.
func newScreen(text string) screen {
	return screen{text: text, lines: strings.Split(strings.TrimRight(text, "\n"), "\n")}
}

// rows is every row above the status bar.
func (sc screen) rows() []string {
	if len(sc.lines) == 0 {
		return nil
	}
	return sc.lines[:len(sc.lines)-1]
}

// list is the stream list, one row each.
func (sc screen) list() []string {
	var out []string
	for _, r := range sc.rows() {
		left, _, _ := strings.Cut(r, "│")
		out = append(out, left)
	}
	return out
}

// pane is the timeline pane, one row each; its first row is the title.
// It is never empty.
func (sc screen) pane() []string {
	out := make([]string, 0, len(sc.lines))
	for _, r := range sc.rows() {
		_, right, _ := strings.Cut(r, "│")
		out = append(out, right)
	}
	if len(out) == 0 {
		out = append(out, "")
	}
	return out
}

// paneTitles returns the title rows of the timeline panes, top to bottom:
// the first row, and every row that starts with a stream icon at the left
// edge (messages and their headers are indented or start with a name).
func paneTitles(sc screen) []string {
	p := sc.pane()
	titles := []string{strings.TrimSpace(p[0])}
	for _, r := range p[1:] {
		if paneTitleRE.MatchString(r) {
			titles = append(titles, strings.TrimSpace(r))
		}
	}
	return titles
}

// paneTitleRE matches the title row of a pane: a space or the focus mark,
// then a stream icon and a space.
var paneTitleRE = regexp.MustCompile(`^(?: |▶ )[#@≡⇄¶] \S`)

// title is the first row of the timeline pane.
func (sc screen) title() string { return sc.pane()[0] }

// paneText is the timeline pane below its title.
func (sc screen) paneText() string { return strings.Join(sc.pane()[1:], "\n") }

// status is the status bar.
func (sc screen) status() string {
	if len(sc.lines) == 0 {
		return ""
	}
	return sc.lines[len(sc.lines)-1]
}

// hints is the key help at the right of the status bar, from its context
// ("timeline:", "composer:") on.
func (sc screen) hints() string {
	st := sc.status()
	if i := hintsRE.FindStringIndex(st); i != nil {
		return strings.TrimSpace(st[i[0]:])
	}
	return ""
}

// hintsRE matches the start of the status bar's key help.
var hintsRE = regexp.MustCompile(`\s{2,}\S+:`)

// roomRowRE matches a room of the stream list: its name, then its counts
// after two spaces or more.
var roomRowRE = regexp.MustCompile(`^# (\S+(?: \S+)*)(?:\s{2,}.*)?$`)

// roomToOpen picks a room of the stream list to open by name: Rates Desk,
// which has days of history in the demo scenario, or else the first room
// whose whole name shows in plain ASCII.
func roomToOpen(sc screen) (string, bool) {
	var rooms []string
	for _, r := range sc.list() {
		m := roomRowRE.FindStringSubmatch(strings.TrimSpace(r))
		if m == nil || strings.Contains(m[1], "…") || !isASCII(m[1]) || len(m[1]) < 4 {
			continue
		}
		if m[1] == "Rates Desk" {
			return m[1], true
		}
		rooms = append(rooms, m[1])
	}
	if len(rooms) == 0 {
		return "", false
	}
	return rooms[0], true
}

// isStreamRow reports whether row shows the stream icon+name, alone or
// followed by counts or a hint.
func isStreamRow(row, icon, name string) bool {
	rest, ok := strings.CutPrefix(strings.TrimSpace(row), icon+name)
	return ok && (rest == "" || strings.HasPrefix(rest, " "))
}

// composerRows returns the composer's rows, those of the pane that start
// with its bar, without the bar and the spaces around them.
func composerRows(sc screen) []string {
	var out []string
	for _, r := range sc.pane() {
		if rest, ok := strings.CutPrefix(r, "┃"); ok {
			out = append(out, strings.TrimSpace(rest))
		}
	}
	return out
}

// fencedSent reports whether the fenced block the demo sends shows once in
// the timeline, sent, the composer emptied: "Here:" alone on its row, the
// code on the next one behind the code block's gutter, no fence and never
// the two run together.
func fencedSent(sc screen) bool {
	text := sc.paneText()
	if slices.Contains(composerRows(sc), "```") || strings.Contains(text, "Here:x := 1") ||
		strings.Contains(text, "sending…") || strings.Contains(text, "not sent") || strings.Count(text, "x := 1") != 1 {
		return false
	}
	rows := sc.pane()[1:]
	for i := 0; i+1 < len(rows); i++ {
		if strings.TrimSpace(rows[i]) == "Here:" && strings.TrimSpace(rows[i+1]) == "│ x := 1" {
			return true
		}
	}
	return false
}

// opsRoom is the demo's room of the monitoring bot, whose crash reports
// are expandable cards, collapsed: a header, then "… 6 more lines", where
// crashBody is the first of those.
const (
	opsRoom   = "Ops Incidents"
	crashBody = "panic: runtime error: invalid memory address or nil pointer dereference"
)

// crashPMLEnd is how the PresentationML of a crash report ends in the
// inspector's JSON: its stack trace's last offset, its pre and the divs of
// card body, card and message closed, and the JSON string closed.
const crashPMLEnd = `+0x2f4</pre></div></div></div>"`

// selectedRows returns the rows of the selected message, without the
// selection's mark and the spaces around them.
func selectedRows(sc screen) []string {
	var out []string
	for _, r := range sc.pane() {
		if rest, ok := strings.CutPrefix(r, "▌"); ok {
			out = append(out, strings.TrimSpace(rest))
		}
	}
	return out
}

// isCollapsedCrash reports whether the selected rows are a crash report
// collapsed: its header, what is hidden counted, no line of its body.
func isCollapsedCrash(sel []string) bool {
	return len(sel) >= 2 && strings.HasPrefix(sel[0], "┃ ▸ ") && strings.Contains(sel[0], "Panic in") &&
		rowContaining(sel, "more line") > 0 && rowContaining(sel, crashBody) < 0
}

// crashShown reports whether the pane shows a crash report collapsed, its
// header and its count of hidden lines on the row under it.
func crashShown(sc screen) bool {
	rows := sc.pane()[1:]
	for i := 0; i+1 < len(rows); i++ {
		header := strings.TrimSpace(strings.TrimPrefix(rows[i], "▌"))
		count := strings.TrimSpace(strings.TrimPrefix(rows[i+1], "▌"))
		if isCollapsedCrash([]string{header, count}) {
			return true
		}
	}
	return false
}

// rowContaining returns the index of the first of rows holding s, or -1.
func rowContaining(rows []string, s string) int {
	return slices.IndexFunc(rows, func(r string) bool { return strings.Contains(r, s) })
}

// inspectorShown reports whether the inspector covers the timeline, done
// with fetching.
func inspectorShown(sc screen) bool {
	title := sc.title()
	return strings.HasPrefix(strings.TrimSpace(title), "ⓘ ") && !strings.Contains(title, "fetching")
}

// pmlStartRE matches the row of the inspector where the PresentationML
// starts: the member of the message as fetched from the pod or as it
// came in the datafeed ("message") or as the timeline keeps it ("PML").
var pmlStartRE = regexp.MustCompile(`^ *"(?:message|PML)": "<div data-format=\\"PresentationML\\"`)

// pmlRows returns the rows of the inspector where the crash report's
// PresentationML starts and where it ends (crashPMLEnd, then the comma
// when another member follows), -1 for those not on the screen. With its
// start on the screen, its end counts only when every row between
// continues the value, indented under its start.
func pmlRows(sc screen) (start, end int) {
	rows := sc.pane()
	isEnd := func(r string) bool {
		r = strings.TrimRight(r, " ")
		return strings.HasPrefix(r, " ") && (strings.HasSuffix(r, crashPMLEnd) || strings.HasSuffix(r, crashPMLEnd+","))
	}
	start, end = -1, -1
	for i, r := range rows {
		m := pmlStartRE.FindString(r)
		if m == "" {
			continue
		}
		start = i
		// The value's continuation rows start under its opening quote.
		hang := strings.Repeat(" ", len(m)-len(`"<div data-format=\"PresentationML\"`))
		for j := i + 1; j < len(rows) && strings.HasPrefix(rows[j], hang) && !strings.HasPrefix(rows[j], hang+" "); j++ {
			if isEnd(rows[j]) {
				return start, j
			}
		}
		return start, -1
	}
	for i, r := range rows {
		if isEnd(r) {
			return -1, i
		}
	}
	return -1, -1
}

// composerHolds reports whether the composer's row shows text.
func composerHolds(sc screen, text string) bool {
	for _, r := range sc.pane() {
		if strings.HasPrefix(r, "┃") && strings.Contains(r, text) {
			return true
		}
	}
	return false
}

// hasRow reports whether one of rows is text, but for spaces around it.
func hasRow(rows []string, text string) bool {
	for _, r := range rows {
		if strings.TrimSpace(r) == text {
			return true
		}
	}
	return false
}

// isASCII reports whether s is printable ASCII.
func isASCII(s string) bool {
	for _, r := range s {
		if r < ' ' || r > '~' {
			return false
		}
	}
	return true
}
