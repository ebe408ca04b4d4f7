package desktop

import (
	"strings"
	"testing"
	"time"
)

// env returns a lookup of vars.
func env(vars map[string]string) func(string) string { return func(k string) string { return vars[k] } }

func TestDetect(t *testing.T) {
	for _, c := range []struct {
		vars map[string]string
		want Method
	}{
		{map[string]string{"TERM_PROGRAM": "iTerm.app"}, OSC9},
		{map[string]string{"TERM_PROGRAM": "WezTerm"}, OSC9},
		{map[string]string{"KITTY_WINDOW_ID": "1", "TERM": "xterm-kitty"}, OSC9},
		{map[string]string{"TERM": "foot"}, OSC777},
		{map[string]string{"TERM": "xterm-256color", "VTE_VERSION": "7600"}, OSC777},
		{map[string]string{"TERM": "xterm-256color"}, Off},
		{map[string]string{"TERM": "screen-256color", "TMUX": "/tmp/tmux-0/default,1,0"}, Off},
	} {
		if got := Detect(env(c.vars)); got != c.want {
			t.Errorf("Detect(%v) = %v, want %v", c.vars, got, c.want)
		}
	}
}

// TestEscapeIsClean: remote text cannot end the sequence, start another,
// or carry more than a line.
func TestEscapeIsClean(t *testing.T) {
	n := Notification{Title: "Rates;Desk · Ana\x1b]52;c;AAAA\a", Body: "hello\x07\x1b[2J world\nsecond line " + strings.Repeat("x", 300)}
	for _, m := range []Method{OSC9, OSC777} {
		seq := Escape(m, n, false)
		inner := seq[2 : len(seq)-1]
		if strings.ContainsAny(inner, "\x1b\a\n") {
			t.Errorf("%v: a control character inside %q", m, seq)
		}
		if strings.Contains(seq, "second line") || len([]rune(seq)) > 220 {
			t.Errorf("%v: more than the first line, bounded: %q", m, seq)
		}
	}
	if seq := Escape(OSC777, n, false); !strings.HasPrefix(seq, "\x1b]777;notify;Rates,Desk · Ana") {
		t.Errorf("OSC 777's title: %q", seq)
	}
	if seq := Escape(OSC9, Notification{Title: "t", Body: "b"}, true); seq != "\x1bPtmux;\x1b\x1b]9;t: b\a\x1b\\" {
		t.Errorf("tmux passthrough: %q", seq)
	}
	if Escape(Command, n, false) != "" || Escape(Off, n, false) != "" {
		t.Error("an escape for a method that has none")
	}
}

func TestCommandFor(t *testing.T) {
	n := Notification{Title: `Rates "Desk"`, Body: `say \ "hi" $(rm -rf ~)`}
	name, args := CommandFor(n, "linux")
	if name != "notify-send" || len(args) != 4 || args[2] != `Rates "Desk"` || args[3] != `say \ "hi" $(rm -rf ~)` {
		t.Errorf("linux: %s %q", name, args)
	}
	name, args = CommandFor(n, "darwin")
	if want := `display notification "say \\ \"hi\" $(rm -rf ~)" with title "Rates \"Desk\""`; name != "osascript" || args[1] != want {
		t.Errorf("darwin: %s %q, want %q", name, args, want)
	}
}

func TestLimiter(t *testing.T) {
	l := Limiter{Period: 10 * time.Second}
	t0 := time.Unix(1_800_000_000, 0)
	if ok, _ := l.Allow("rates", t0); !ok {
		t.Fatal("the first is held")
	}
	for i := 1; i <= 3; i++ {
		if ok, _ := l.Allow("rates", t0.Add(time.Duration(i)*time.Second)); ok {
			t.Fatalf("the %d-th within the period is shown", i+1)
		}
	}
	if ok, _ := l.Allow("fx", t0.Add(time.Second)); !ok {
		t.Error("another stream is held by rates'")
	}
	if due := l.Due(t0.Add(5 * time.Second)); len(due) != 0 {
		t.Errorf("a summary before the period: %v", due)
	}
	if due := l.Due(t0.Add(10 * time.Second)); due["rates"] != 3 || len(due) != 1 {
		t.Errorf("the summary: %v, want rates 3", due)
	}
	if ok, held := l.Allow("rates", t0.Add(21*time.Second)); !ok || held != 0 {
		t.Errorf("after the summary: %v, %d held", ok, held)
	}
	l.Allow("rates", t0.Add(22*time.Second))
	if ok, held := l.Allow("rates", t0.Add(32*time.Second)); !ok || held != 1 {
		t.Errorf("the next one shown reports those held: %v, %d", ok, held)
	}
}
