// Package yamlnode decodes settings by hand from a parsed YAML tree
// (*yaml.Node of go.yaml.in/yaml/v3), so that every problem names the
// place it was found. It is shared by the BDK config.yaml loader (package
// symphony) and the tui: section (package tuiconfig).
//
// Contract: a Decoder never stops at the first problem. Each reading method
// records what is wrong with a value and returns ok == false; Err and
// ErrByLine return every problem at once, joined with errors.Join. Each
// problem is an *Error written `file:line: key.path: message`, the line
// being that of the offending node (left out when unknown) and the key path
// that of the setting (left out for the file as a whole). Reading never
// changes the tree, and the package keeps no state of its own.
package yamlnode

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Error is one problem at a place in a file.
type Error struct {
	File string
	Line int    // 1-based; 0: unknown
	Path string // key path such as "pod.port"; "": the file as a whole
	Msg  string
}

// Error returns `file:line: path: msg`, without the line when it is 0 and
// without the path when it is "".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		b.WriteString(":" + strconv.Itoa(e.Line))
	}
	b.WriteString(": ")
	if e.Path != "" {
		b.WriteString(e.Path + ": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Decoder reads the nodes of one file, collecting every problem found. The
// zero value, with File set, is ready to use; File names the file in
// messages.
type Decoder struct {
	File string
	errs []*Error
}

// Errorf records a problem with the setting at path, on line (0: unknown).
func (d *Decoder) Errorf(line int, path, format string, args ...any) {
	d.errs = append(d.errs, &Error{File: d.File, Line: line, Path: path, Msg: fmt.Sprintf(format, args...)})
}

// Err returns the problems recorded, in the order they were found: nil when
// there are none, the *Error itself when there is one, and the problems
// joined with errors.Join otherwise.
func (d *Decoder) Err() error { return join(d.errs) }

// ErrByLine returns the problems as Err does, ordered by line; problems on
// one line keep the order they were found in. It suits a decoder that does
// not read the file from top to bottom.
func (d *Decoder) ErrByLine() error {
	errs := slices.Clone(d.errs)
	slices.SortStableFunc(errs, func(a, b *Error) int { return a.Line - b.Line })
	return join(errs)
}

// join returns errs as one error; nil when there are none.
func join(errs []*Error) error {
	switch len(errs) {
	case 0:
		return nil
	case 1:
		return errs[0]
	}
	all := make([]error, len(errs))
	for i, e := range errs {
		all[i] = e
	}
	return errors.Join(all...)
}

// KindOf words what n is for a message: "a mapping", "a list", "an alias"
// or, for a scalar, its text quoted.
func KindOf(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	return strconv.Quote(n.Value)
}

// maxAliasDepth bounds Deref on a tree built by hand with an alias cycle.
const maxAliasDepth = 100

// Deref follows aliases to the node they stand for; nil stays nil.
func Deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < maxAliasDepth; i++ {
		n = n.Alias
	}
	return n
}

// IsNull reports a missing or null value: a nil or zero node, or a scalar
// tagged !!null (such as ~, null or nothing at all).
func IsNull(n *yaml.Node) bool {
	return n == nil || n.Kind == 0 || (n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null")
}

// Lookup returns the value of the first key named key in the mapping n, or
// in the mapping a document node n holds; nil when there is none or n is
// not a mapping. Aliases are not followed.
func Lookup(n *yaml.Node, key string) *yaml.Node {
	if n == nil {
		return nil
	}
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// JoinPath returns the key path of key inside the mapping at path, such as
// "pod.port"; key alone when path is "".
func JoinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
