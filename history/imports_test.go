package history

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestImports keeps the package free of Bubble Tea and the Timeline's files
// free of I/O: only the Pager's files may import context and the client.
func TestImports(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	pager := map[string]bool{"pager.go": true, "scan.go": true}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			switch {
			case strings.HasPrefix(path, "charm.land/") || strings.HasPrefix(path, "github.com/charmbracelet/"):
				t.Errorf("%s imports %s", name, path)
			case !pager[name] && (path == "context" || path == "sync" || path == "time" || path == "os" ||
				strings.HasPrefix(path, "net") || strings.HasPrefix(path, "io")):
				t.Errorf("%s, a file of the Timeline, imports %s", name, path)
			}
		}
	}
}
