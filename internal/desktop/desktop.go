// Package desktop sends desktop notifications for the terminal UI: through
// the terminal's own escape sequence where the terminal shows one (OSC 9,
// OSC 777), or through the system's command (notify-send, osascript).
//
// Contract:
//   - A Notification's text is remote: Clean makes it one line without
//     control characters, bounded (a title of at most 60 characters, a
//     body of at most 140), so a notification never carries more than the
//     stream, the author and the first line of a message, and never a
//     sequence the terminal would act on.
//   - Detect chooses the escape from the environment: OSC 9 where the
//     terminal is known to show it (iTerm2, WezTerm, Ghostty, kitty,
//     Windows Terminal), OSC 777 for foot, rxvt-unicode and VTE terminals;
//     Off otherwise. Command notifications are never chosen by Detect:
//     they run a program and are asked for by configuration only.
//   - Escape wraps the sequence for tmux's passthrough when tmux is the
//     terminal (it needs `set -g allow-passthrough on`).
//   - CommandFor returns a program and its arguments, never a shell line:
//     the text is an argument, or for osascript a string literal escaped
//     for AppleScript.
//   - Limiter allows at most one notification per key (a stream) per
//     period and counts the rest, which a later notification or Summary
//     reports.
package desktop

import (
	"runtime"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tutti-chat/tutti/internal/sanitize"
)

// Method is how notifications are shown.
type Method int

// The methods.
const (
	Off     Method = iota
	OSC9           // ESC ] 9 ; body BEL
	OSC777         // ESC ] 777 ; notify ; title ; body BEL
	Command        // notify-send, or osascript on macOS
)

// String names a method as the configuration does.
func (m Method) String() string {
	return [...]string{"off", "osc9", "osc777", "command"}[m]
}

// ParseMethod reads a method's name; auto is Detect's choice.
func ParseMethod(s string, env func(string) string) (Method, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "auto", "":
		return Detect(env), true
	case "off":
		return Off, true
	case "osc9":
		return OSC9, true
	case "osc777":
		return OSC777, true
	case "command":
		return Command, true
	}
	return Off, false
}

// Bounds of a notification's text, in characters.
const (
	maxTitle = 60
	maxBody  = 140
)

// Notification is what one notification says.
type Notification struct {
	Title string // the stream, and the author
	Body  string // the first line of the message
}

// Clean returns n as one safe line each, bounded.
func Clean(n Notification) Notification {
	return Notification{Title: clip(n.Title, maxTitle), Body: clip(firstLine(n.Body), maxBody)}
}

// firstLine returns the first non-empty line of s.
func firstLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			return l
		}
	}
	return ""
}

// clip makes s one line without control characters, at most n
// characters, ending in … when cut.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(sanitize.Line(s)), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// Detect returns the escape the terminal of env shows as a notification,
// Off when it is not known to show one.
func Detect(env func(string) string) Method {
	switch prog := strings.ToLower(env("TERM_PROGRAM")); {
	case prog == "iterm.app", prog == "wezterm", prog == "ghostty":
		return OSC9
	case env("KITTY_WINDOW_ID") != "", env("WT_SESSION") != "":
		return OSC9
	}
	term := env("TERM")
	switch {
	case strings.HasPrefix(term, "foot"), strings.HasPrefix(term, "rxvt-unicode"):
		return OSC777
	case env("VTE_VERSION") != "":
		return OSC777
	}
	return Off
}

// Escape returns the bytes that show n with method m (OSC 9 or OSC 777),
// wrapped for tmux's passthrough when inTmux; "" for the other methods.
// The text is cleaned, and ";" cannot end OSC 777's title early: it
// becomes ",".
func Escape(m Method, n Notification, inTmux bool) string {
	n = Clean(n)
	var seq string
	switch m {
	case OSC9:
		text := n.Body
		if n.Title != "" {
			text = n.Title + ": " + n.Body
		}
		seq = "\x1b]9;" + text + "\a"
	case OSC777:
		seq = "\x1b]777;notify;" + strings.ReplaceAll(n.Title, ";", ",") + ";" + n.Body + "\a"
	default:
		return ""
	}
	if inTmux {
		// tmux passes a DCS tmux; sequence through, its ESCs doubled.
		seq = "\x1bPtmux;" + strings.ReplaceAll(seq, "\x1b", "\x1b\x1b") + "\x1b\\"
	}
	return seq
}

// CommandFor returns the program and arguments that show n on goos
// (runtime.GOOS when ""): osascript on macOS, notify-send elsewhere.
func CommandFor(n Notification, goos string) (name string, args []string) {
	n = Clean(n)
	if goos == "" {
		goos = runtime.GOOS
	}
	if goos == "darwin" {
		script := "display notification " + appleString(n.Body) + " with title " + appleString(n.Title)
		return "osascript", []string{"-e", script}
	}
	return "notify-send", []string{"--app-name=tutti", "--", n.Title, n.Body}
}

// appleString quotes s as an AppleScript string literal.
func appleString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// Limiter allows at most one notification per key per period, and counts
// those it holds back.
type Limiter struct {
	Period time.Duration
	last   map[string]time.Time
	held   map[string]int
}

// Allow reports whether a notification for key may be shown at now, and
// how many were held back for key since the last one shown (which it
// then forgets).
func (l *Limiter) Allow(key string, now time.Time) (ok bool, held int) {
	if l.last == nil {
		l.last, l.held = map[string]time.Time{}, map[string]int{}
	}
	if t, seen := l.last[key]; seen && now.Sub(t) < l.Period {
		l.held[key]++
		return false, 0
	}
	l.last[key] = now
	held = l.held[key]
	delete(l.held, key)
	return true, held
}

// Due returns the keys whose notifications were held back and whose
// period has passed at now, with their counts, and forgets them: what a
// summary reports.
func (l *Limiter) Due(now time.Time) map[string]int {
	var out map[string]int
	for key, n := range l.held {
		if now.Sub(l.last[key]) >= l.Period {
			if out == nil {
				out = map[string]int{}
			}
			out[key] = n
			delete(l.held, key)
			l.last[key] = now
		}
	}
	return out
}
