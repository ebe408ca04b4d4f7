package yamlnode_test

import (
	"errors"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/tutti-chat/tutti/internal/yamlnode"
)

// parse returns the document node of src.
func parse(t *testing.T, src string) *yaml.Node {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatalf("parse %q: %v", src, err)
	}
	return &doc
}

// value returns the value of key in the top-level mapping of src.
func value(t *testing.T, src, key string) *yaml.Node {
	t.Helper()
	n := yamlnode.Lookup(parse(t, src), key)
	if n == nil {
		t.Fatalf("%q has no key %s", src, key)
	}
	return n
}

func TestErrorText(t *testing.T) {
	for _, tt := range []struct {
		e    yamlnode.Error
		want string
	}{
		{yamlnode.Error{File: "config.yaml", Line: 7, Path: "pod.port", Msg: `want a number, got "abc"`}, `config.yaml:7: pod.port: want a number, got "abc"`},
		{yamlnode.Error{File: "config.yaml", Line: 2, Msg: "invalid YAML: x"}, "config.yaml:2: invalid YAML: x"},
		{yamlnode.Error{File: "config", Path: "bot.username", Msg: "missing"}, "config: bot.username: missing"},
		{yamlnode.Error{File: "f", Msg: "m"}, "f: m"},
	} {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

func TestDecoderErr(t *testing.T) {
	d := &yamlnode.Decoder{File: "c.yaml"}
	if d.Err() != nil || d.ErrByLine() != nil {
		t.Fatalf("no problem: Err() = %v, ErrByLine() = %v", d.Err(), d.ErrByLine())
	}

	d.Errorf(5, "a", "first %d", 1)
	var e *yamlnode.Error
	if err := d.Err(); !errors.As(err, &e) || e.Line != 5 || e.Path != "a" || e.Msg != "first 1" || err != error(e) {
		t.Errorf("one problem: Err() = %#v, want the *Error itself", err)
	}

	d.Errorf(2, "b", "second")
	d.Errorf(5, "c", "third")
	d.Errorf(0, "", "fourth")
	if got, want := d.Err().Error(), "c.yaml:5: a: first 1\nc.yaml:2: b: second\nc.yaml:5: c: third\nc.yaml: fourth"; got != want {
		t.Errorf("Err() = %q, want %q (the order found)", got, want)
	}
	if got, want := d.ErrByLine().Error(), "c.yaml: fourth\nc.yaml:2: b: second\nc.yaml:5: a: first 1\nc.yaml:5: c: third"; got != want {
		t.Errorf("ErrByLine() = %q, want %q (by line, stable)", got, want)
	}
	if got := d.Err().Error(); !strings.HasPrefix(got, "c.yaml:5: a:") {
		t.Errorf("ErrByLine reordered what Err returns: %q", got)
	}
	if !errors.As(d.ErrByLine(), &e) {
		t.Errorf("joined problems are not *Error")
	}
}

func TestKindOf(t *testing.T) {
	root := parse(t, "m: {a: 1}\nl: [1]\ns: 'it''s'\nn: 42\na: &x v\nr: *x\n").Content[0]
	for key, want := range map[string]string{"m": "a mapping", "l": "a list", "s": `"it's"`, "n": `"42"`, "r": "an alias"} {
		if got := yamlnode.KindOf(yamlnode.Lookup(root, key)); got != want {
			t.Errorf("KindOf(%s) = %s, want %s", key, got, want)
		}
	}
}

func TestDerefAndIsNull(t *testing.T) {
	doc := parse(t, "a: &x {k: v}\nb: *x\nc: ~\nd: null\ne:\nf: ''\ng: 0\n")
	if got := yamlnode.Deref(yamlnode.Lookup(doc, "b")); got != yamlnode.Lookup(doc, "a") {
		t.Errorf("Deref(b) = %+v, want the node of a", got)
	}
	if yamlnode.Deref(nil) != nil {
		t.Error("Deref(nil) is not nil")
	}
	loop := &yaml.Node{Kind: yaml.AliasNode}
	loop.Alias = loop
	if yamlnode.Deref(loop) != loop {
		t.Error("Deref of an alias cycle does not stop")
	}
	for key, want := range map[string]bool{"a": false, "b": false, "c": true, "d": true, "e": true, "f": false, "g": false} {
		if got := yamlnode.IsNull(yamlnode.Lookup(doc, key)); got != want {
			t.Errorf("IsNull(%s) = %v, want %v", key, got, want)
		}
	}
	if !yamlnode.IsNull(nil) || !yamlnode.IsNull(&yaml.Node{}) {
		t.Error("a nil or zero node is not null")
	}
}

func TestLookup(t *testing.T) {
	doc := parse(t, "a: 1\nb: {c: 2}\na: 3\n")
	if n := yamlnode.Lookup(doc, "a"); n == nil || n.Value != "1" {
		t.Errorf("Lookup(doc, a) = %+v, want the first a", n)
	}
	if n := yamlnode.Lookup(yamlnode.Lookup(doc.Content[0], "b"), "c"); n == nil || n.Value != "2" || n.Line != 2 {
		t.Errorf("Lookup(b, c) = %+v", n)
	}
	for name, n := range map[string]*yaml.Node{"nil": nil, "scalar": yamlnode.Lookup(doc, "a"), "empty document": {Kind: yaml.DocumentNode}} {
		if got := yamlnode.Lookup(n, "a"); got != nil {
			t.Errorf("Lookup(%s, a) = %+v, want nil", name, got)
		}
	}
	if yamlnode.Lookup(doc, "z") != nil {
		t.Error("Lookup of a missing key is not nil")
	}
}

func TestJoinPath(t *testing.T) {
	if got := yamlnode.JoinPath("", "host"); got != "host" {
		t.Errorf("JoinPath(\"\", host) = %q", got)
	}
	if got := yamlnode.JoinPath("tui.keys", "normal.quit"); got != "tui.keys.normal.quit" {
		t.Errorf("JoinPath = %q", got)
	}
}
