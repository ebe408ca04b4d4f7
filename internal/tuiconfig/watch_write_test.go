package tuiconfig_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/tutti-chat/tutti/internal/tuiconfig"
	"github.com/tutti-chat/tutti/watch"
)

// TestWriteWatchReadsBack: rules written to a config file read back the
// same, the rest of the file (its comments too) and its mode kept;
// signals' rules are not written.
func TestWriteWatchReadsBack(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	orig := "# my pod\nhost: pod.example.com # the pod\ntui:\n  theme: dark\n  watch:\n    - name: old\n      words: [gone]\n"
	if err := os.WriteFile(path, []byte(orig), 0o600); err != nil {
		t.Fatal(err)
	}
	rules := []watch.Rule{
		{Name: "rates-risk", Words: []string{"margin call"}, Cashtags: []string{"UST10Y"}, Streams: []string{`Rates "Desk"`}},
		{Name: "incidents", Hashtags: []string{"incident"}, Regex: `sev ?[12]`, Disabled: true},
		{Name: "Risk", Hashtags: []string{"risk"}, AllTags: true, Signal: "sig1"},
	}
	if err := tuiconfig.WriteWatch(path, rules); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	for _, want := range []string{"# my pod", "# the pod", "theme: dark"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the file lost %q:\n%s", want, data)
		}
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", info.Mode().Perm())
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		t.Fatal(err)
	}
	s, err := tuiconfig.Decode(path, root.Content[0])
	if err != nil {
		t.Fatalf("the written file does not read: %v\n%s", err, data)
	}
	if !reflect.DeepEqual(s.Watch, rules[:2]) {
		t.Errorf("read back\n%+v\nwant\n%+v\n%s", s.Watch, rules[:2], data)
	}
}

// TestWriteWatchRefusesOddFiles: not a regular file, or not a mapping.
func TestWriteWatchRefusesOddFiles(t *testing.T) {
	dir := t.TempDir()
	if err := tuiconfig.WriteWatch(dir, nil); err == nil {
		t.Error("a directory taken as the config file")
	}
	list := filepath.Join(dir, "list.yaml")
	os.WriteFile(list, []byte("- a\n- b\n"), 0o600)
	if err := tuiconfig.WriteWatch(list, nil); err == nil || !strings.Contains(err.Error(), "not a mapping") {
		t.Errorf("a list taken as the config: %v", err)
	}
}
