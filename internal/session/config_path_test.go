package session

import (
	"os"
	"path/filepath"
	"testing"
)

func TestResolveConfigPath(t *testing.T) {
	home := t.TempDir()
	xdg := t.TempDir()
	homeFile := filepath.Join(home, ".config", "tutti", "config.yaml")
	xdgFile := filepath.Join(xdg, "tutti", "config.yaml")
	for _, f := range []string{homeFile, xdgFile} {
		if err := os.MkdirAll(filepath.Dir(f), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte("host: h\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	emptyXDG := t.TempDir()
	dirXDG := t.TempDir() // where config.yaml is a directory
	if err := os.MkdirAll(filepath.Join(dirXDG, "tutti", "config.yaml"), 0o700); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		flag       string
		env        map[string]string
		home       string
		wantPath   string
		wantSource string
	}{
		{"flag first", "/etc/f.yaml", map[string]string{"TUTTI_CONFIG": "/e.yaml", "XDG_CONFIG_HOME": xdg}, home, "/etc/f.yaml", SourceFlag},
		{"then $TUTTI_CONFIG", "", map[string]string{"TUTTI_CONFIG": "/e.yaml", "XDG_CONFIG_HOME": xdg}, home, "/e.yaml", SourceEnv},
		{"$TUTTI_CONFIG need not exist", "", map[string]string{"TUTTI_CONFIG": "/missing.yaml"}, home, "/missing.yaml", SourceEnv},
		{"then $XDG_CONFIG_HOME", "", map[string]string{"XDG_CONFIG_HOME": xdg}, home, xdgFile, SourceDefault},
		{"then ~/.config", "", nil, home, homeFile, SourceDefault},
		{"a relative XDG_CONFIG_HOME is ignored", "", map[string]string{"XDG_CONFIG_HOME": "rel"}, home, homeFile, SourceDefault},
		{"the default only when it exists", "", map[string]string{"XDG_CONFIG_HOME": emptyXDG}, home, "", ""},
		{"no home, no XDG: the simulator", "", nil, "", "", ""},
		{"a directory is no file", "", map[string]string{"XDG_CONFIG_HOME": dirXDG}, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			getenv := func(k string) string { return tt.env[k] }
			path, source := ResolveConfigPath(tt.flag, getenv, tt.home)
			if path != tt.wantPath || source != tt.wantSource {
				t.Errorf("resolveConfigPath = %q, %q; want %q, %q", path, source, tt.wantPath, tt.wantSource)
			}
		})
	}
}

func TestDefaultConfigPath(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	if got := DefaultConfigPath(env(nil), "/home/me"); got != filepath.Join("/home/me", ".config", "tutti", "config.yaml") {
		t.Errorf("without XDG_CONFIG_HOME: %q", got)
	}
	if got := DefaultConfigPath(env(map[string]string{"XDG_CONFIG_HOME": "/x"}), "/home/me"); got != filepath.Join("/x", "tutti", "config.yaml") {
		t.Errorf("with XDG_CONFIG_HOME: %q", got)
	}
	if got := DefaultConfigPath(env(nil), ""); got != "" {
		t.Errorf("without a home: %q", got)
	}
}
