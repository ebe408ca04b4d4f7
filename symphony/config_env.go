package symphony

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// bdkInterpolate replaces ${NAME} and ${NAME:-default} in s, the way the BDK
// does (Apache StringSubstitutor over environment variables):
//
//   - ${NAME} is the value of NAME; an undefined NAME is an error.
//   - ${NAME:-default} is the value of NAME when it is defined (even empty),
//     default otherwise. The default may itself hold ${...} references.
//   - $${ is a literal "${".
//
// Values read from the environment are inserted as they are, never expanded
// again.
func bdkInterpolate(s string, lookupEnv func(string) (string, bool)) (string, error) {
	if !strings.Contains(s, "${") {
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		switch {
		case strings.HasPrefix(s[i:], "$${"):
			b.WriteString("${")
			i += 3
		case strings.HasPrefix(s[i:], "${"):
			end := bdkClosingBrace(s, i+2)
			if end < 0 {
				return "", fmt.Errorf("unterminated ${ in %q (write $${ for a literal ${)", s)
			}
			name, def, hasDef := strings.Cut(s[i+2:end], ":-")
			name = strings.TrimSpace(name)
			if name == "" {
				return "", fmt.Errorf("empty variable name in %q", s)
			}
			if v, ok := lookupEnv(name); ok {
				b.WriteString(v)
			} else if hasDef {
				v, err := bdkInterpolate(def, lookupEnv)
				if err != nil {
					return "", err
				}
				b.WriteString(v)
			} else {
				return "", fmt.Errorf("environment variable %s is not set (write ${%s:-default} to give a default)", name, name)
			}
			i = end + 1
		default:
			b.WriteByte(s[i])
			i++
		}
	}
	return b.String(), nil
}

// bdkClosingBrace returns the index of the "}" that closes a "${" whose body
// starts at from, allowing nested "${...}" in a default value, or -1.
func bdkClosingBrace(s string, from int) int {
	depth := 1
	for j := from; j < len(s); j++ {
		switch {
		case strings.HasPrefix(s[j:], "${"):
			depth++
			j++
		case s[j] == '}':
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}

// bdkInterpolateTree interpolates every scalar value (not mapping keys) under
// n in place, so that Config.Root holds the values the loader saw. A plain
// scalar whose text changed is re-tagged from its new text, so that
// "port: ${PORT}" decodes as a number. Failures are recorded in failed, keyed
// by node, and the node is left untouched: they only become errors when a
// setting the loader reads uses that node, so an unset variable in a section
// this package ignores does no harm.
func bdkInterpolateTree(n *yaml.Node, lookupEnv func(string) (string, bool), failed map[*yaml.Node]error) {
	switch n.Kind {
	case yaml.DocumentNode, yaml.SequenceNode:
		for _, c := range n.Content {
			bdkInterpolateTree(c, lookupEnv, failed)
		}
	case yaml.MappingNode:
		for i := 1; i < len(n.Content); i += 2 {
			bdkInterpolateTree(n.Content[i], lookupEnv, failed)
		}
	case yaml.ScalarNode:
		if !strings.Contains(n.Value, "${") {
			return
		}
		v, err := bdkInterpolate(n.Value, lookupEnv)
		if err != nil {
			failed[n] = err
			return
		}
		if v == n.Value {
			return
		}
		n.Value = v
		if n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) == 0 {
			n.Tag = ""
			switch t := n.ShortTag(); t {
			case "!!int", "!!float", "!!bool":
				n.Tag = t
			default:
				n.Tag = "!!str"
			}
		}
	}
}
