package yamlnode

import (
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Scalar returns the text of n, a scalar. Anything else is recorded as
// "want <want>, got <what n is>", want naming the value the setting takes
// (such as "a single value"), on n's line.
func (d *Decoder) Scalar(n *yaml.Node, path, want string) (string, bool) {
	if n.Kind != yaml.ScalarNode {
		d.Errorf(n.Line, path, "want %s, got %s", want, KindOf(n))
		return "", false
	}
	return n.Value, true
}

// String returns the text of n, a scalar, as it is written; anything else
// is recorded as "want a string, got ...". A number or a boolean is a string
// too: its text.
func (d *Decoder) String(n *yaml.Node, path string) (string, bool) {
	return d.Scalar(n, path, "a string")
}

// OneOf returns the text of n when it is exactly one of options; anything
// else is recorded as "want a, b or c, got ...".
func (d *Decoder) OneOf(n *yaml.Node, path string, options ...string) (string, bool) {
	v, ok := d.String(n, path)
	if !ok {
		return "", false
	}
	if !slices.Contains(options, v) {
		d.Errorf(n.Line, path, "want %s, got %q", alternatives(options), v)
		return "", false
	}
	return v, true
}

// alternatives words options as "a, b or c" ("nothing" when there are
// none).
func alternatives(options []string) string {
	switch len(options) {
	case 0:
		return "nothing"
	case 1:
		return options[0]
	}
	last := len(options) - 1
	return strings.Join(options[:last], ", ") + " or " + options[last]
}

// Bool returns n as a boolean: true, yes or on, or false, no or off, in any
// case (the words of YAML 1.1, which yaml.v3 leaves as strings); anything
// else is recorded as "want true or false, got ...".
func (d *Decoder) Bool(n *yaml.Node, path string) (bool, bool) {
	v, ok := d.String(n, path)
	if !ok {
		return false, false
	}
	switch strings.ToLower(v) {
	case "true", "yes", "on":
		return true, true
	case "false", "no", "off":
		return false, true
	}
	d.Errorf(n.Line, path, "want true or false, got %q", v)
	return false, false
}

// Int returns n as a whole number from lo to hi, written in decimal;
// anything else, out of range included, is recorded as "want a number from
// lo to hi, got ...".
func (d *Decoder) Int(n *yaml.Node, path string, lo, hi int) (int, bool) {
	v, ok := d.String(n, path)
	if !ok {
		return 0, false
	}
	i, err := strconv.Atoi(v)
	if err != nil || i < lo || i > hi {
		d.Errorf(n.Line, path, "want a number from %d to %d, got %q", lo, hi, v)
		return 0, false
	}
	return i, true
}
