package tuiconfig

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/tutti-chat/tutti/internal/yamlnode"
	"github.com/tutti-chat/tutti/watch"
)

// watchFields are the keys of a rule of tui.watch.
var watchFields = []string{
	watch.FieldName, watch.FieldWords, watch.FieldRegex, watch.FieldCashtags, watch.FieldHashtags,
	watch.FieldMentions, watch.FieldAuthors, watch.FieldStreams, watch.FieldStreamTypes, watch.FieldTypes,
	watch.FieldEnabled,
}

// watchRules reads tui.watch, a list of rules (watch.Rule), each checked
// with watch.Rule.Check; every problem is reported at the line of the
// value it is about, as tui.watch[i].field[j]. Two rules may not share a
// name, ignoring case: tutti tail --watch picks them by name.
func (d *decoder) watchRules(n *yaml.Node) []watch.Rule {
	const path = "tui.watch"
	if yamlnode.IsNull(n) || n.Kind == yaml.ScalarNode && n.Value == "" {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		d.Errorf(n.Line, path, "want a list of rules, each with a name, got %s", yamlnode.KindOf(n))
		return nil
	}
	var rules []watch.Rule
	named := map[string]int{} // lower-case name → line of the first rule of that name
	for i, item := range n.Content {
		at := fmt.Sprintf("%s[%d]", path, i)
		if item.Kind != yaml.MappingNode {
			d.Errorf(item.Line, at, "want a rule: a mapping with a name and what to match, got %s", yamlnode.KindOf(item))
			continue
		}
		r, nodes, failed := d.watchRule(item, at)
		for _, p := range r.Check() {
			if failed[p.Field] || p.Field == "" && len(failed) > 0 {
				continue // reported already, or a consequence of it
			}
			line, where := item.Line, at
			if p.Field != "" {
				where = yamlnode.JoinPath(at, p.Field)
				if v := nodes[p.Field]; v != nil {
					line = v.Line
					if p.Item >= 0 && v.Kind == yaml.SequenceNode && p.Item < len(v.Content) {
						line, where = v.Content[p.Item].Line, fmt.Sprintf("%s[%d]", where, p.Item)
					}
				}
			}
			d.Errorf(line, where, "%s", p.Msg)
		}
		key := strings.ToLower(strings.TrimSpace(r.Name))
		if first, dup := named[key]; dup && key != "" {
			line := item.Line
			if v := nodes[watch.FieldName]; v != nil {
				line = v.Line
			}
			d.Errorf(line, yamlnode.JoinPath(at, watch.FieldName), "%q names the rule of line %d too", r.Name, first)
			continue
		}
		named[key] = item.Line
		rules = append(rules, r)
	}
	return rules
}

// watchRule reads one rule, the value node of each of its keys, and the
// keys whose value could not be read (their problem is recorded).
func (d *decoder) watchRule(n *yaml.Node, at string) (watch.Rule, map[string]*yaml.Node, map[string]bool) {
	var r watch.Rule
	nodes := map[string]*yaml.Node{}
	failed := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		path := yamlnode.JoinPath(at, k.Value)
		nodes[k.Value] = v
		good := true
		switch k.Value {
		case watch.FieldName:
			r.Name, good = d.String(v, path)
		case watch.FieldRegex:
			r.Regex, good = d.String(v, path)
		case watch.FieldEnabled:
			var on bool
			on, good = d.Bool(v, path)
			r.Disabled = !on
		case watch.FieldWords:
			r.Words, good = d.list(v, path)
		case watch.FieldCashtags:
			r.Cashtags, good = d.list(v, path)
		case watch.FieldHashtags:
			r.Hashtags, good = d.list(v, path)
		case watch.FieldMentions:
			r.Mentions, good = d.list(v, path)
		case watch.FieldAuthors:
			r.Authors, good = d.list(v, path)
		case watch.FieldStreams:
			r.Streams, good = d.list(v, path)
		case watch.FieldStreamTypes:
			r.StreamTypes, good = d.list(v, path)
		case watch.FieldTypes:
			r.Types, good = d.list(v, path)
		default:
			d.Errorf(k.Line, path, "unknown key; a rule has %s", strings.Join(watchFields, ", "))
			good = false
		}
		if !good {
			failed[k.Value] = true
		}
	}
	return r, nodes, failed
}

// list reads a list of values, or a single value as a list of one.
func (d *decoder) list(n *yaml.Node, path string) ([]string, bool) {
	switch n.Kind {
	case yaml.ScalarNode:
		if yamlnode.IsNull(n) {
			return nil, true
		}
		return []string{n.Value}, true
	case yaml.SequenceNode:
		out := make([]string, 0, len(n.Content))
		ok := true
		for i, it := range n.Content {
			v, good := d.Scalar(it, fmt.Sprintf("%s[%d]", path, i), "a single value")
			ok = ok && good
			out = append(out, v)
		}
		return out, ok
	}
	d.Errorf(n.Line, path, "want a value or a list of values, got %s", yamlnode.KindOf(n))
	return nil, false
}
