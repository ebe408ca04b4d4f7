package cli

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/tutti-chat/tutti/simulator/scenario"
	"github.com/tutti-chat/tutti/ui"
)

// TestUIAgainstSimulator runs the whole UI, wired as tutti runs it, against
// the embedded simulator: it starts, lists the rooms, shows messages and
// lets no escape sequence of remote text through.
func TestUIAgainstSimulator(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	logger := slog.New(slog.DiscardHandler)
	conn := connectDemo(t, ctx, 20)
	// A hostile message the agent accepts (XML forbids ESC and CR): 8-bit
	// CSI and OSC controls and a BiDi override.
	injected := false
	for _, st := range conn.Sim.Streams() {
		if st.Type != "ROOM" || !st.Active || len(st.Members) == 0 {
			continue
		}
		err := conn.Sim.Apply(scenario.Action{Kind: scenario.SendMessage, Actor: st.Members[0], Stream: st.ID,
			MessageML: `<div data-format="PresentationML" data-version="2.0">hostile&#x9d;52;c;ZXZpbA==&#x9c; marker&#x9b;2J CEO&#x202e;</div>`})
		if err != nil {
			t.Logf("inject a hostile message: %v", err)
		}
		injected = err == nil
		break
	}
	model, wait := startUI(ctx, conn, time.Hour, nil, logger)
	defer wait()
	defer cancel()

	tm := teatest.NewTestModel(t, model, teatest.WithInitialTermSize(120, 40),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.TrueColor)))
	var raw bytes.Buffer
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		raw.Reset()
		raw.Write(b)
		return bytes.Contains(b, []byte("live")) && (!injected || bytes.Contains(b, []byte("hostile")))
	}, teatest.WithDuration(15*time.Second), teatest.WithCheckInterval(50*time.Millisecond))
	// Open the second room of the list and let its history load.
	tm.Send(tea.KeyPressMsg{Code: tea.KeyTab})
	for i := 0; i < 3; i++ {
		tm.Send(tea.KeyPressMsg{Code: 'j', Text: "j"})
	}
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	time.Sleep(500 * time.Millisecond)
	tm.Send(tea.KeyPressMsg{Code: 'q', Text: "q"})
	final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*ui.Model)
	content := final.View().Content
	text := ansi.Strip(content)
	for _, w := range []string{"Activity", "Rooms", "Direct", "FX Flow", "simulator"} {
		if !strings.Contains(text, w) {
			t.Errorf("screen lacks %q:\n%s", w, text)
		}
	}
	if n := len(regexp.MustCompile(`\d\d:\d\d`).FindAllString(text, -1)); n < 3 {
		t.Errorf("only %d message times on screen:\n%s", n, text)
	}
	if !injected {
		t.Log("no hostile message was injected")
	}
	if err := onlySGRSequences(content); err != nil {
		t.Errorf("%v\n%s", err, text)
	}
	// The window title is tutti's own, never a message's.
	for _, title := range regexp.MustCompile(`\x1b\]2;([^\x07\x1b]*)`).FindAllStringSubmatch(raw.String(), -1) {
		if !regexp.MustCompile(`^(tutti( \(\d+\))?)?$`).MatchString(title[1]) {
			t.Errorf("the window title was set to %q", title[1])
		}
	}
	for _, bad := range []string{"\x1b]52", "\x1b]0;", "\u009b", "\u009d", "\u202e"} {
		if bytes.Contains(raw.Bytes(), []byte(bad)) {
			t.Errorf("the terminal received %q", bad)
		}
		if strings.Contains(content, bad) {
			t.Errorf("the frame holds %q", bad)
		}
	}
}

// onlySGRSequences reports an escape sequence in s other than SGR.
func onlySGRSequences(s string) error {
	for i := 0; i < len(s); i++ {
		if s[i] != 0x1b {
			continue
		}
		j := i + 2
		for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';' || s[j] == ':') {
			j++
		}
		if i+1 >= len(s) || s[i+1] != '[' || j >= len(s) || s[j] != 'm' {
			return fmt.Errorf("escape sequence other than SGR at %d: %q", i, s[i:min(len(s), j+1)])
		}
	}
	return nil
}

// TestUISendsAgainstSimulator types a message in a room of the embedded
// simulator and sends it: it shows once, sent, whatever comes first of the
// agent's answer and the datafeed's echo.
func TestUISendsAgainstSimulator(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	logger := slog.New(slog.DiscardHandler)
	conn := connectDemo(t, ctx, 1)
	model, wait := startUI(ctx, conn, time.Hour, nil, logger)
	defer wait()
	defer cancel()

	tm := teatest.NewTestModel(t, model, teatest.WithInitialTermSize(120, 40))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("live")) },
		teatest.WithDuration(15*time.Second), teatest.WithCheckInterval(50*time.Millisecond))
	tm.Send(tea.KeyPressMsg{Code: tea.KeyTab})
	for i := 0; i < 3; i++ {
		tm.Send(tea.KeyPressMsg{Code: 'j', Text: "j"})
	}
	tm.Send(tea.KeyPressMsg{Code: 'i', Text: "i"})
	const text = "composer check **42** q"
	for _, r := range text {
		tm.Send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	time.Sleep(1500 * time.Millisecond)
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEscape})
	tm.Send(tea.KeyPressMsg{Code: 'q', Text: "q"})
	final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*ui.Model)
	screen := ansi.Strip(final.View().Content)
	if n := strings.Count(screen, "composer check 42 q"); n != 1 {
		t.Errorf("the sent message shows %d times:\n%s", n, screen)
	}
	for _, bad := range []string{"sending…", "not sent", "**"} {
		if strings.Contains(screen, bad) {
			t.Errorf("screen holds %q:\n%s", bad, screen)
		}
	}
}
