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
	linkXDG := t.TempDir() // where config.yaml links to nothing
	if err := os.MkdirAll(filepath.Join(linkXDG, "tutti"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(linkXDG, "gone.yaml"), filepath.Join(linkXDG, "tutti", "config.yaml")); err != nil {
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
		// Something at the default location that is no file is returned,
		// for the loader to refuse: never the simulator's made-up pod in
		// its place.
		{"a directory there is refused, not passed over", "", map[string]string{"XDG_CONFIG_HOME": dirXDG}, "", filepath.Join(dirXDG, "tutti", "config.yaml"), SourceDefault},
		{"a link to nothing there too", "", map[string]string{"XDG_CONFIG_HOME": linkXDG}, "", filepath.Join(linkXDG, "tutti", "config.yaml"), SourceDefault},
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

func TestTargetResolve(t *testing.T) {
	xdg := t.TempDir()
	def := filepath.Join(xdg, "tutti", "config.yaml")
	if err := os.MkdirAll(filepath.Dir(def), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(def, []byte("host: h\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	withDefault := env(map[string]string{"XDG_CONFIG_HOME": xdg})
	withEnv := env(map[string]string{"XDG_CONFIG_HOME": xdg, "TUTTI_CONFIG": "/e.yaml"})
	none := env(map[string]string{"XDG_CONFIG_HOME": t.TempDir()})
	tests := []struct {
		name       string
		target     Target
		getenv     func(string) string
		wantPath   string
		wantSource string
		wantErr    string
	}{
		{"simulator flags without a configuration", Target{SimFlags: []string{"--scenario", "--faults"}}, none, "", "", ""},
		{"no simulator flag with --config", Target{Config: "/f.yaml"}, none, "/f.yaml", SourceFlag, ""},
		{"simulator flags with --config", Target{Config: "/f.yaml", SimFlags: []string{"--faults", "--scenario"}}, none, "", "",
			"--faults and --scenario apply only to the embedded simulator, but the configuration /f.yaml (from --config) names a pod: " +
				"drop them, or give --simulator instead of --config to run the embedded simulator"},
		{"one simulator flag with $TUTTI_CONFIG", Target{SimFlags: []string{"--seed"}}, withEnv, "", "",
			"--seed applies only to the embedded simulator, but the configuration /e.yaml (from $TUTTI_CONFIG) names a pod: " +
				"drop it, or add --simulator to run the embedded simulator instead"},
		{"three simulator flags with the default file", Target{SimFlags: []string{"--rate", "--rooms", "--rtt"}}, withDefault, "", "",
			"--rate, --rooms and --rtt apply only to the embedded simulator, but the configuration " + def +
				" (from the default location) names a pod: drop them, or add --simulator to run the embedded simulator instead"},
		{"--simulator over the default file", Target{Simulator: true, SimFlags: []string{"--scenario"}}, withDefault, "", "", ""},
		{"--simulator over $TUTTI_CONFIG", Target{Simulator: true}, withEnv, "", "", ""},
		{"--simulator with --config", Target{Simulator: true, Config: "/f.yaml"}, none, "", "",
			"--simulator and --config contradict each other: --simulator runs the embedded simulator, --config names a pod; give one of them"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path, source, err := tt.target.Resolve(tt.getenv, t.TempDir())
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if path != tt.wantPath || source != tt.wantSource || gotErr != tt.wantErr {
				t.Errorf("Resolve = %q, %q, %q;\nwant %q, %q, %q", path, source, gotErr, tt.wantPath, tt.wantSource, tt.wantErr)
			}
		})
	}
}
