package yamlnode_test

import (
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/tutti-chat/tutti/internal/yamlnode"
)

// read decodes the value of key v in src with f and returns what it
// returned and the problems recorded ("" for none).
func read[T any](t *testing.T, src string, f func(d *yamlnode.Decoder, n *yaml.Node) (T, bool)) (T, bool, string) {
	t.Helper()
	d := &yamlnode.Decoder{File: "c.yaml"}
	got, ok := f(d, value(t, src, "v"))
	msg := ""
	if err := d.Err(); err != nil {
		msg = err.Error()
	}
	if ok != (msg == "") {
		t.Errorf("%q: ok = %v with problems %q", src, ok, msg)
	}
	return got, ok, msg
}

func TestScalarAndString(t *testing.T) {
	scalar := func(d *yamlnode.Decoder, n *yaml.Node) (string, bool) { return d.Scalar(n, "p", "a single value") }
	str := func(d *yamlnode.Decoder, n *yaml.Node) (string, bool) { return d.String(n, "p") }
	for _, tt := range []struct {
		src, want, scalarErr, stringErr string
	}{
		{"v: text", "text", "", ""},
		{"v: 42", "42", "", ""},
		{"v: ' spaced '", " spaced ", "", ""},
		{"x: 1\nv:\n  a: b\n", "", "c.yaml:3: p: want a single value, got a mapping", "c.yaml:3: p: want a string, got a mapping"},
		{"v: [a]", "", "c.yaml:1: p: want a single value, got a list", "c.yaml:1: p: want a string, got a list"},
		{"x: &a s\nv: *a", "", "c.yaml:2: p: want a single value, got an alias", "c.yaml:2: p: want a string, got an alias"},
	} {
		if got, _, msg := read(t, tt.src, scalar); got != tt.want || msg != tt.scalarErr {
			t.Errorf("Scalar(%q) = %q, %q; want %q, %q", tt.src, got, msg, tt.want, tt.scalarErr)
		}
		if got, _, msg := read(t, tt.src, str); got != tt.want || msg != tt.stringErr {
			t.Errorf("String(%q) = %q, %q; want %q, %q", tt.src, got, msg, tt.want, tt.stringErr)
		}
	}
}

func TestOneOf(t *testing.T) {
	for _, tt := range []struct {
		src     string
		options []string
		want    string
		err     string
	}{
		{"v: dark", []string{"auto", "dark", "light"}, "dark", ""},
		{"v: Dark", []string{"auto", "dark", "light"}, "", `c.yaml:1: p: want auto, dark or light, got "Dark"`},
		{"v: x", []string{"shown", "hidden"}, "", `c.yaml:1: p: want shown or hidden, got "x"`},
		{"v: x", []string{"only"}, "", `c.yaml:1: p: want only, got "x"`},
		{"v: x", nil, "", `c.yaml:1: p: want nothing, got "x"`},
		{"v: [dark]", []string{"dark"}, "", "c.yaml:1: p: want a string, got a list"},
	} {
		f := func(d *yamlnode.Decoder, n *yaml.Node) (string, bool) { return d.OneOf(n, "p", tt.options...) }
		if got, _, msg := read(t, tt.src, f); got != tt.want || msg != tt.err {
			t.Errorf("OneOf(%q, %q) = %q, %q; want %q, %q", tt.src, tt.options, got, msg, tt.want, tt.err)
		}
	}
}

func TestBool(t *testing.T) {
	f := func(d *yamlnode.Decoder, n *yaml.Node) (bool, bool) { return d.Bool(n, "p") }
	for _, tt := range []struct {
		src  string
		want bool
		err  string
	}{
		{"v: true", true, ""}, {"v: False", false, ""}, {"v: yes", true, ""}, {"v: NO", false, ""},
		{"v: on", true, ""}, {"v: off", false, ""}, {"v: 'true'", true, ""},
		{"v: ' on '", false, `c.yaml:1: p: want true or false, got " on "`},
		{"v: sometimes", false, `c.yaml:1: p: want true or false, got "sometimes"`},
		{"v: 1", false, `c.yaml:1: p: want true or false, got "1"`},
		{"v: {a: b}", false, "c.yaml:1: p: want a string, got a mapping"},
	} {
		if got, _, msg := read(t, tt.src, f); got != tt.want || msg != tt.err {
			t.Errorf("Bool(%q) = %v, %q; want %v, %q", tt.src, got, msg, tt.want, tt.err)
		}
	}
}

func TestInt(t *testing.T) {
	f := func(d *yamlnode.Decoder, n *yaml.Node) (int, bool) { return d.Int(n, "p", 1, 500) }
	for _, tt := range []struct {
		src  string
		want int
		err  string
	}{
		{"v: 1", 1, ""}, {"v: 500", 500, ""}, {"v: '250'", 250, ""}, {"v: +7", 7, ""},
		{"v: 0", 0, `c.yaml:1: p: want a number from 1 to 500, got "0"`},
		{"v: 5000", 0, `c.yaml:1: p: want a number from 1 to 500, got "5000"`},
		{"v: 1.5", 0, `c.yaml:1: p: want a number from 1 to 500, got "1.5"`},
		{"v: 0x10", 0, `c.yaml:1: p: want a number from 1 to 500, got "0x10"`},
		{"v: ' 5 '", 0, `c.yaml:1: p: want a number from 1 to 500, got " 5 "`},
		{"v: lots", 0, `c.yaml:1: p: want a number from 1 to 500, got "lots"`},
		{"v: [1]", 0, "c.yaml:1: p: want a string, got a list"},
	} {
		if got, _, msg := read(t, tt.src, f); got != tt.want || msg != tt.err {
			t.Errorf("Int(%q) = %d, %q; want %d, %q", tt.src, got, msg, tt.want, tt.err)
		}
	}
}
