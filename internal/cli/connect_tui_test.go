package cli

import (
	"context"
	"github.com/tutti-chat/tutti/internal/session"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tutti-chat/tutti/internal/state"
	"github.com/tutti-chat/tutti/ui"
)

func TestConnectRefusesABadTUISection(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	text := "host: pod.example.com\nbot:\n  username: bot\ntui:\n  theme: neon\n"
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := session.Connect(context.Background(), session.Target{Config: path}, embeddedSimFlags{}.session(), session.Recording{}, slog.New(slog.DiscardHandler))
	if err == nil || !strings.Contains(err.Error(), path+`:5: tui.theme: want auto, dark, light, high-contrast or mono, got "neon"`) {
		t.Errorf("err = %v", err)
	}
}

func TestCorruptUIStateStartsAfresh(t *testing.T) {
	dir, err := state.Open(t.TempDir(), "pod.example.com", "bot")
	if err != nil {
		t.Fatal(err)
	}
	defer dir.Close()
	if err := os.WriteFile(filepath.Join(dir.Path(), uiStateFile), []byte(`{"panes": [`), 0o600); err != nil {
		t.Fatal(err)
	}
	var log strings.Builder
	if sv := loadUIState(dir, session.NewLogger(&log, "text")); sv != nil {
		t.Errorf("a corrupt file gave %+v", sv)
	}
	if !strings.Contains(log.String(), "corrupt file") {
		t.Errorf("no warning in the log: %q", log.String())
	}
	// A good file comes back as it was saved.
	want := ui.Saved{Panes: []string{"a", "b"}, Focused: 1, Drafts: map[string]string{"a": "hi"}}
	if err := saveUIState(dir)(want); err != nil {
		t.Fatal(err)
	}
	got := loadUIState(dir, session.NewLogger(&log, "text"))
	if got == nil || got.Focused != 1 || len(got.Panes) != 2 || got.Drafts["a"] != "hi" {
		t.Errorf("round trip: %+v", got)
	}
}
