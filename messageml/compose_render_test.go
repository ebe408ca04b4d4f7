package messageml_test

import (
	"strings"
	"testing"

	"github.com/tutti-chat/tutti/messageml"
	"github.com/tutti-chat/tutti/render"
)

// TestComposedFenceIsShownAsTyped sends what the composer holds through
// FromComposer and Convert, as the agent delivers it, and lays it out as
// the other people's client does: the lines are the typed ones, the fences
// gone and the code in a block ("│ ").
func TestComposedFenceIsShownAsTyped(t *testing.T) {
	cases := []struct {
		name, in string
		want     []string
	}{
		{"the issue's one-line fence", "Here:\n```\nx := 1\n```", []string{"Here:", "│ x := 1"}},
		{"three lines", "a\n```\nb\n```\nc", []string{"a", "│ b", "c"}},
		{"language", "Here:\n```python\nx = 1\n```\nafter", []string{"Here:", "│ x = 1", "after"}},
		{"blank lines around", "Here:\n\n```\nx\n```\n\nafter", []string{"Here:", "", "│ x", "", "after"}},
		{"unclosed", "Here:\n```\nx\ny", []string{"Here:", "│ x", "│ y"}},
		{"inline code stays in its line", "run `go vet` now\n```\nok\n```", []string{"run go vet now", "│ ok"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			msg, data, err := messageml.FromComposer(c.in, nil)
			if err != nil {
				t.Fatalf("FromComposer(%q): %v", c.in, err)
			}
			res, err := messageml.Convert(msg, data, nil)
			if err != nil {
				t.Fatalf("Convert(%q): %v", msg, err)
			}
			got := render.Parse(res.PresentationML, res.EntityJSON).Layout(render.Options{Width: 40, Plain: true})
			for i := range got {
				got[i] = strings.TrimRight(got[i], " ")
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("%q is sent as %s and shown as\n%q\nwant\n%q", c.in, res.PresentationML, got, c.want)
			}
		})
	}
}
