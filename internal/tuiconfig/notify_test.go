package tuiconfig_test

import (
	"strings"
	"testing"

	"github.com/tutti-chat/tutti/internal/tuiconfig"
)

func TestNotify(t *testing.T) {
	s, err := decode(t, "host: pod.example.com\n")
	if err != nil || s.Notify != (tuiconfig.Notify{Method: "auto", Mention: true, IM: true, Watch: true}) {
		t.Errorf("the default: %+v, %v", s.Notify, err)
	}
	s, err = decode(t, "host: pod.example.com\ntui:\n  notify:\n    method: command\n    on: [watch]\n    quietHours: 22:00-07:30\n")
	if err != nil || s.Notify != (tuiconfig.Notify{Method: "command", Watch: true, QuietFrom: 22 * 60, QuietTo: 7*60 + 30}) {
		t.Errorf("a notify section: %+v, %v", s.Notify, err)
	}
	for minute, quiet := range map[int]bool{23 * 60: true, 0: true, 7*60 + 29: true, 7*60 + 30: false, 12 * 60: false, 21*60 + 59: false} {
		if got := s.Notify.Quiet(minute); got != quiet {
			t.Errorf("quiet at minute %d: %v, want %v", minute, got, quiet)
		}
	}
	_, err = decode(t, "host: pod.example.com\ntui:\n  notify:\n    method: popup\n    on: [mention, everything]\n    quietHours: 25:00-07:00\n    sound: true\n")
	for _, want := range []string{
		"config.yaml:4: tui.notify.method:", "config.yaml:5: tui.notify.on:", "config.yaml:6: tui.notify.quietHours: want quiet hours as HH:MM-HH:MM",
		"config.yaml:7: tui.notify.sound: unknown setting",
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("errors lack %q: %v", want, err)
		}
	}
}
