package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tutti-chat/tutti/keymap"
)

// TestReadmeKeysMatchTheKeyMap checks the README's key table of the UI
// against the key map: every key of every action is in it, so the two
// cannot drift apart.
func TestReadmeKeysMatchTheKeyMap(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(moduleRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	start := strings.Index(readme, "### `tutti` (or `tutti ui`)")
	end := strings.Index(readme[start+1:], "\n### ")
	if start < 0 || end < 0 {
		t.Fatal("README has no section for the UI")
	}
	section := readme[start : start+1+end]
	shown := map[string]string{"up": "↑", "down": "↓", "left": "←", "right": "→"}
	km := keymap.Default()
	for _, a := range km.Actions() {
		for _, k := range a.Binding.Keys() {
			if s, ok := shown[k]; ok {
				k = s
			}
			if !strings.Contains(section, "`"+k+"`") {
				t.Errorf("README's UI keys lack %q of %s", k, a.Name)
			}
		}
	}
}

// TestReadmeTailTableListsEveryFlag checks the README's flag table of
// tutti tail against the command's flags: every flag tail --help prints is
// in it.
func TestReadmeTailTableListsEveryFlag(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(moduleRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	start := strings.Index(readme, "### `tutti tail`")
	end := strings.Index(readme[start+1:], "\n### ")
	if start < 0 || end < 0 {
		t.Fatal("README has no section for tutti tail")
	}
	var table []string
	for l := range strings.SplitSeq(readme[start:start+1+end], "\n") {
		if strings.HasPrefix(l, "| `--") {
			table = append(table, l)
		}
	}
	rows := strings.Join(table, "\n")
	_, help, _ := runCommand(t, "tail", "--help")
	flags := 0
	for l := range strings.SplitSeq(help, "\n") {
		name, ok := strings.CutPrefix(l, "  -")
		if !ok {
			continue
		}
		name, _, _ = strings.Cut(name, " ")
		flags++
		if !strings.Contains(rows, "`--"+name+"`") && !strings.Contains(rows, "`--"+name+" ") {
			t.Errorf("README's flag table of tutti tail lacks --%s", name)
		}
	}
	if flags < 20 {
		t.Errorf("tail --help lists %d flags:\n%s", flags, help)
	}
}
