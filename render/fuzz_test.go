package render

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzRender checks, for any message and entity data, that parsing and
// laying out never panic (not even into the recovered "could not be
// displayed" line), that no escape sequence but ours is written, and that
// every line fits the width. Its seeds — the golden inputs, the hostile
// payloads and testdata/fuzz/FuzzRender — run with every go test.
func FuzzRender(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "golden", "*.pml"))
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		data, _ := os.ReadFile(strings.TrimSuffix(file, ".pml") + ".json")
		f.Add(string(raw), string(data), uint16(40))
	}
	for _, p := range hostilePayloads {
		f.Add(`<div data-format="PresentationML" data-version="2.0"><p>`+p.payload+`</p><table><tr><td>`+p.payload+`</td></tr></table></div>`, "", uint16(len(p.name)))
	}
	for _, m := range benchCorpus()[:20] {
		f.Add(m.pml, m.data, uint16(len(m.pml)))
	}
	f.Fuzz(func(t *testing.T, pml, data string, w uint16) {
		width := 20 + int(w)%281
		doc := parse(pml, data)
		styled := doc.layout(Options{Width: width, Theme: DarkTheme(), Hyperlinks: true, Me: 1, MaxLines: int(w % 7)})
		checkLines(t, styled, width, false, true)
		plain := doc.layout(Options{Width: width, Plain: true})
		checkLines(t, plain, width, true, false)
		for i := range plain {
			if i < len(styled) && stripSGR(styled[i]) != plain[i] {
				// Same text, styled or not (MaxLines differs, so compare the common lines).
				if i < len(styled)-1 {
					t.Errorf("line %d: styled %q is not plain %q", i, stripSGR(styled[i]), plain[i])
				}
			}
		}
		if c := controlIn(strings.ReplaceAll(doc.PlainText(), "\n", "")); c != "" {
			t.Errorf("PlainText has a control character %q", c)
		}
	})
}
