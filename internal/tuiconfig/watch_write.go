package tuiconfig

import (
	"bytes"
	"fmt"
	"os"

	"go.yaml.in/yaml/v3"

	"github.com/tutti-chat/tutti/internal/state"
	"github.com/tutti-chat/tutti/watch"
)

// maxConfigSize bounds the config file WriteWatch reads back.
const maxConfigSize = 1 << 20

// WriteWatch writes rules as the tui.watch of the config file at path,
// keeping the rest of the file, its comments and its mode; the file is
// replaced whole, never half written. Rules made from signals are not
// written: the pod owns them.
func WriteWatch(path string, rules []watch.Rule) error {
	info, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("save watch rules: %w", err)
	}
	if !info.Mode().IsRegular() || info.Size() > maxConfigSize {
		return fmt.Errorf("save watch rules: %s is not a config file tutti writes (a regular file under 1 MiB)", path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("save watch rules: %w", err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return fmt.Errorf("save watch rules: read %s: %w", path, err)
	}
	if doc.Kind == 0 {
		doc = yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{{Kind: yaml.MappingNode}}}
	}
	root := doc.Content[0]
	if doc.Kind != yaml.DocumentNode || root.Kind != yaml.MappingNode {
		return fmt.Errorf("save watch rules: %s is not a mapping of settings", path)
	}
	tui := mappingValue(root, "tui")
	if tui.Kind != yaml.MappingNode {
		if tui.Kind == yaml.ScalarNode && tui.Value != "" {
			return fmt.Errorf("save watch rules: %s: tui is not a mapping", path)
		}
		*tui = yaml.Node{Kind: yaml.MappingNode}
	}
	list := mappingValue(tui, "watch")
	*list = yaml.Node{Kind: yaml.SequenceNode}
	for _, r := range rules {
		if r.ReadOnly() {
			continue
		}
		list.Content = append(list.Content, ruleNode(r))
	}
	var out bytes.Buffer
	enc := yaml.NewEncoder(&out)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return fmt.Errorf("save watch rules: %w", err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("save watch rules: %w", err)
	}
	if err := state.WriteFileAtomic(path, out.Bytes(), info.Mode().Perm()); err != nil {
		return fmt.Errorf("save watch rules: %w", err)
	}
	return nil
}

// mappingValue returns the value node of key in the mapping m, adding the
// key with an empty value when it is not there.
func mappingValue(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	v := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null"}
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, v)
	return v
}

// ruleNode writes a rule as tui.watch reads it.
func ruleNode(r watch.Rule) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode}
	scalar := func(key, value string) {
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key},
			&yaml.Node{Kind: yaml.ScalarNode, Value: value, Style: yaml.DoubleQuotedStyle})
	}
	list := func(key string, values []string) {
		if len(values) == 0 {
			return
		}
		seq := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
		for _, v := range values {
			seq.Content = append(seq.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: v, Style: yaml.DoubleQuotedStyle})
		}
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, seq)
	}
	scalar(watch.FieldName, r.Name)
	list(watch.FieldWords, r.Words)
	if r.Regex != "" {
		scalar(watch.FieldRegex, r.Regex)
	}
	list(watch.FieldCashtags, r.Cashtags)
	list(watch.FieldHashtags, r.Hashtags)
	list(watch.FieldMentions, r.Mentions)
	list(watch.FieldAuthors, r.Authors)
	list(watch.FieldStreams, r.Streams)
	list(watch.FieldStreamTypes, r.StreamTypes)
	list(watch.FieldTypes, r.Types)
	if r.Disabled {
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: watch.FieldEnabled},
			&yaml.Node{Kind: yaml.ScalarNode, Value: "false", Tag: "!!bool"})
	}
	return n
}
