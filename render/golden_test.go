package render

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/messageml"
)

var update = flag.Bool("update", false, "rewrite the golden files of TestGolden")

// goldenWidths are the widths every golden input is laid out at.
var goldenWidths = []int{40, 80, 120}

// goldenMe is the reader of the golden files: mentions of this user are
// highlighted.
const goldenMe = 7215545058313

// showsMarkup are the inputs whose text is about markup: code and
// escaped HTML.
var showsMarkup = map[string]bool{"code": true, "markdown": true}

// goldenNow is the "now" of the golden files' time elements.
var goldenNow = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

// testUsers resolves the mentions of the MessageML inputs.
type testUsers struct{}

func (testUsers) UserByID(id int64) (messageml.User, bool) {
	switch id {
	case 1:
		return messageml.User{ID: 1, DisplayName: "Bot User01", Email: "bot.user1@example.com"}, true
	case goldenMe:
		return messageml.User{ID: goldenMe, DisplayName: "Jane Doe", Email: "jane@example.com"}, true
	}
	return messageml.User{}, false
}

func (testUsers) UserByEmail(email string) (messageml.User, bool) {
	if email == "jane@example.com" {
		return testUsers{}.UserByID(goldenMe)
	}
	return messageml.User{}, false
}

// goldenInput reads an input of testdata/golden: PresentationML (.pml)
// as is, MessageML (.mml) converted as the agent converts it; with the
// EntityJSON of the .json file beside it, if any.
func goldenInput(t *testing.T, file string) (pml, data string) {
	t.Helper()
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if d, err := os.ReadFile(strings.TrimSuffix(file, filepath.Ext(file)) + ".json"); err == nil {
		data = string(d)
	}
	if filepath.Ext(file) == ".pml" {
		return string(raw), data
	}
	res, err := messageml.Convert(string(raw), data, testUsers{})
	if err != nil {
		t.Fatalf("converting %s: %v", file, err)
	}
	return res.PresentationML, res.EntityJSON
}

// goldenFiles returns the inputs of testdata/golden.
func goldenFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, ext := range []string{"*.pml", "*.mml"} {
		m, err := filepath.Glob(filepath.Join("testdata", "golden", ext))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatal("no golden inputs")
	}
	return files
}

// TestGolden lays every input of testdata/golden out at widths 40, 80 and
// 120, styled (NAME.ansi: cat it in a terminal) and plain (NAME.txt), and
// compares with the golden files. Run with -update to rewrite them.
func TestGolden(t *testing.T) {
	theme := DarkTheme()
	for _, file := range goldenFiles(t) {
		name := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
		t.Run(name, func(t *testing.T) {
			pml, data := goldenInput(t, file)
			doc := Parse(pml, data)
			for _, plain := range []bool{true, false} {
				var out strings.Builder
				for _, w := range goldenWidths {
					o := Options{Width: w, Theme: theme, Plain: plain, Hyperlinks: !plain, Me: goldenMe, Now: goldenNow, Location: time.UTC}
					lines := doc.Layout(o)
					checkLines(t, lines, w, plain, true)
					if leak := markupLeak(strings.Join(doc.Layout(Options{Width: w, Plain: true}), "\n")); leak != "" && !showsMarkup[name] {
						t.Errorf("width %d: markup %q shows", w, leak)
					}
					fmt.Fprintf(&out, "=== width %d %s\n", w, strings.Repeat("─", max(0, w-14)))
					for _, line := range lines {
						out.WriteString(line)
						out.WriteByte('\n')
					}
				}
				ext := ".ansi"
				if plain {
					ext = ".txt"
				}
				compareGolden(t, filepath.Join("testdata", "golden", name+ext), out.String())
			}
		})
	}
}

// compareGolden compares got with the golden file, or rewrites it with
// -update.
func compareGolden(t *testing.T, file, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -run TestGolden -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the output (run go test -run TestGolden -update and review the diff):\n%s", file, firstDiff(string(want), got))
	}
}

// firstDiff describes the first line where two texts differ.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\nwant %q\n got %q", i+1, w, g)
		}
	}
	return "(no difference in lines)"
}
