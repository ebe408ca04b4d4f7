package cli

import (
	"os/exec"
	"strings"
	"testing"
)

// TestOnlyUIImportsBubbleTea keeps the engine, the client, the renderer and
// the simulator free of the terminal UI framework: every package of the
// module but ui/ and the command (main and internal/cli, which run the UI)
// must not depend on Bubble Tea.
func TestOnlyUIImportsBubbleTea(t *testing.T) {
	list := exec.Command("go", "list", "-f", "{{.ImportPath}}", "./...")
	list.Dir = moduleRoot
	out, err := list.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	module := "github.com/tutti-chat/tutti"
	for _, pkg := range strings.Fields(string(out)) {
		if pkg == module || pkg == module+"/internal/cli" || pkg == module+"/ui" || strings.HasPrefix(pkg, module+"/ui/") {
			continue
		}
		deps, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}", pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		for _, d := range strings.Fields(string(deps)) {
			if strings.Contains(d, "bubbletea") {
				t.Errorf("%s depends on %s; only ui/ may use Bubble Tea", pkg, d)
			}
		}
	}
}
