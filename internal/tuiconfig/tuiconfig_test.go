package tuiconfig_test

import (
	"strings"
	"testing"

	"github.com/tutti-chat/tutti/internal/tuiconfig"
	"github.com/tutti-chat/tutti/symphony"
)

// decode parses a config file's text and decodes its tui: section.
func decode(t *testing.T, text string) (tuiconfig.Settings, error) {
	t.Helper()
	cfg, err := symphony.ParseConfig("config.yaml", []byte(text), nil)
	if err != nil {
		t.Fatalf("the BDK part does not parse: %v", err)
	}
	return tuiconfig.Decode("config.yaml", cfg.Root)
}

func TestDefaultsWithoutSection(t *testing.T) {
	s, err := decode(t, "host: pod.example.com\n")
	if err != nil {
		t.Fatal(err)
	}
	d := tuiconfig.Defaults()
	if s.Theme != d.Theme || s.TimeFormat != "15:04" || !s.Bell.Mention || !s.Mouse || s.Links ||
		s.HistoryPageSize != 100 || s.MaxRowsPerStream != 20000 || s.HideMembership {
		t.Errorf("defaults: %+v", s)
	}
	if len(s.Keys.Conflicts()) != 0 {
		t.Errorf("the default keys conflict: %v", s.Keys.Conflicts())
	}
}

func TestEveryKey(t *testing.T) {
	s, err := decode(t, `host: pod.example.com
tui:
  keys:
    timeline.scroll-down: [j, down, ctrl+e]
    normal.split: S
  theme: high-contrast
  timeFormat: "3:04PM"
  bell: [mention]
  membershipRows: hidden
  mouse: false
  links: off
  historyPageSize: 250
  maxRowsPerStream: 5000
  listOrder: name
  systemEvents: shown
`)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Keys.Timeline.Down.Keys(); strings.Join(got, " ") != "j down ctrl+e" {
		t.Errorf("scroll-down keys %v", got)
	}
	if got := s.Keys.Normal.Split.Keys(); len(got) != 1 || got[0] != "S" {
		t.Errorf("split keys %v", got)
	}
	if s.Theme != tuiconfig.ThemeHighContrast || s.TimeFormat != "3:04PM" || s.Bell != (tuiconfig.Bell{Mention: true}) ||
		!s.HideMembership || s.Mouse || s.Links || s.HistoryPageSize != 250 || s.MaxRowsPerStream != 5000 ||
		s.ListOrder != tuiconfig.ListOrderName || !s.SystemEvents {
		t.Errorf("settings %+v", s)
	}
}

func TestSwappedKeys(t *testing.T) {
	s, err := decode(t, "tui:\n  keys:\n    timeline.scroll-down: k\n    timeline.scroll-up: j\n")
	if err != nil {
		t.Fatalf("a swap is refused: %v", err)
	}
	if s.Keys.Timeline.Down.Keys()[0] != "k" || s.Keys.Timeline.Up.Keys()[0] != "j" {
		t.Errorf("swap: %v %v", s.Keys.Timeline.Down.Keys(), s.Keys.Timeline.Up.Keys())
	}
}

func TestBellNever(t *testing.T) {
	for _, v := range []string{"never", "[]"} {
		s, err := decode(t, "tui:\n  bell: "+v+"\n")
		if err != nil || s.Bell != (tuiconfig.Bell{}) {
			t.Errorf("bell %s: %+v %v", v, s.Bell, err)
		}
	}
}

func TestErrorsNameFileLineAndKey(t *testing.T) {
	_, err := decode(t, `host: pod.example.com
tui:
  keys:
    timeline.fly: x
    timeline.scroll-down: q
    normal.split: [s, s]
  theme: neon
  timeFormat: "Monday"
  bell: [mention, smoke]
  membershipRows: maybe
  mouse: sometimes
  historyPageSize: 5000
  maxRowsPerStream: lots
  colour: red
`)
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		`config.yaml:4: tui.keys.timeline.fly: unknown action "timeline.fly"`,
		`config.yaml:5: tui.keys.timeline.scroll-down: key "q" is bound to both normal.quit and timeline.scroll-down`,
		`config.yaml:6: tui.keys.normal.split: normal.split: key "s" given twice`,
		`config.yaml:7: tui.theme: want auto, dark, light, high-contrast or mono, got "neon"`,
		`config.yaml:8: tui.timeFormat: want a Go time layout that shows the hour`,
		`config.yaml:9: tui.bell: want mention, im or chime, got "smoke"`,
		`config.yaml:10: tui.membershipRows: want shown or hidden, got "maybe"`,
		`config.yaml:11: tui.mouse: want true or false, got "sometimes"`,
		`config.yaml:12: tui.historyPageSize: want a number from 1 to 500, got "5000"`,
		`config.yaml:13: tui.maxRowsPerStream: want a number from 100 to 1000000, got "lots"`,
		`config.yaml:14: tui.colour: unknown setting`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("errors lack %q:\n%v", want, err)
		}
	}
}

func TestSectionOfWrongKind(t *testing.T) {
	_, err := decode(t, "tui: dark\n")
	if err == nil || !strings.Contains(err.Error(), `config.yaml:1: tui: want a mapping of settings, got "dark"`) {
		t.Errorf("err = %v", err)
	}
}
