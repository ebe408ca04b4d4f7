package main

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestConnectRefusesABadTUISection(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	text := "host: pod.example.com\nbot:\n  username: bot\ntui:\n  theme: neon\n"
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := connect(context.Background(), podTarget{config: path}, embeddedSimFlags{}, slog.New(slog.DiscardHandler))
	if err == nil || !strings.Contains(err.Error(), path+`:5: tui.theme: want auto, dark, light, high-contrast or mono, got "neon"`) {
		t.Errorf("err = %v", err)
	}
}
