package messageml

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// ErrNotComposable is wrapped by ToComposer when a message holds what the
// composer cannot write back (a table, a card, a form, a link whose text is
// not its address, a style); the message is then not edited in tutti.
var ErrNotComposable = errors.New("messageml: the message holds markup the composer cannot write")

// ToComposer turns a message's PresentationML (or MessageML) and its
// EntityJSON back into the text a user would type in the composer for
// FromComposer to produce it again: **bold**, *italic*, `code`, fenced code
// blocks, links written as their address, @mentions, #tags, $TICKERS,
// :emoji: and line breaks.
//
// It round-trips or fails: the text is turned into a message again with
// FromComposer and Convert (resolving mentions with d), and unless that
// gives back the same PresentationML (entity ids aside), it returns an
// error wrapping ErrNotComposable rather than a text that would change the
// message when sent.
func ToComposer(pml, data string, d Directory) (string, error) {
	const op = "messageml: to composer"
	root, err := parseXML(pml)
	if err != nil {
		return "", fmt.Errorf("%s: %w", op, err)
	}
	if root.name != "div" && root.name != "messageML" {
		return "", fmt.Errorf("%s: root element %q: %w", op, root.name, ErrNotComposable)
	}
	w := composerWriter{emoji: emojiShortcodes(data)}
	if err := w.nodes(root.children); err != nil {
		return "", fmt.Errorf("%s: %w", op, err)
	}
	text := strings.TrimSpace(w.b.String())
	if text == "" {
		return "", fmt.Errorf("%s: no text: %w", op, ErrNotComposable)
	}
	ml, data2, err := FromComposer(text, d)
	if err != nil {
		return "", fmt.Errorf("%s: %w: %w", op, ErrNotComposable, err)
	}
	back, err := Convert(ml, data2, d)
	if err != nil {
		return "", fmt.Errorf("%s: %w: %w", op, ErrNotComposable, err)
	}
	if want := canonicalPML(pml); canonicalPML(back.PresentationML) != want {
		return "", fmt.Errorf("%s: it would not come back the same: %w", op, ErrNotComposable)
	}
	return text, nil
}

// entityIDs matches the ids of entities, which differ between two
// conversions of the same text.
var entityIDs = regexp.MustCompile(`data-entity-id="[^"]*"`)

// canonicalPML returns PresentationML without what two conversions of the
// same text may write differently: its root's attributes and entity ids.
func canonicalPML(pml string) string {
	s := strings.TrimSpace(pml)
	if i := strings.IndexByte(s, '>'); strings.HasPrefix(s, "<div") && i >= 0 {
		s = "<div>" + s[i+1:]
	}
	return entityIDs.ReplaceAllString(s, `data-entity-id=""`)
}

// emojiShortcodes returns the shortcodes of the emoji entities of data by
// entity id.
func emojiShortcodes(data string) map[string]string {
	var ents map[string]struct {
		Type string `json:"type"`
		Data struct {
			Shortcode string `json:"shortcode"`
		} `json:"data"`
	}
	if json.Unmarshal([]byte(data), &ents) != nil {
		return nil
	}
	out := map[string]string{}
	for id, e := range ents {
		if e.Type == "com.symphony.emoji" && e.Data.Shortcode != "" {
			out[id] = e.Data.Shortcode
		}
	}
	return out
}

// composerWriter writes composer text for the nodes of a message.
type composerWriter struct {
	b     strings.Builder
	emoji map[string]string // shortcodes by entity id
}

// nodes writes a list of sibling nodes.
func (w *composerWriter) nodes(ns []*xnode) error {
	for _, n := range ns {
		if err := w.node(n); err != nil {
			return err
		}
	}
	return nil
}

// node writes one node, or fails with ErrNotComposable.
func (w *composerWriter) node(n *xnode) error {
	switch n.kind {
	case xText, xCDATA:
		w.b.WriteString(n.text)
		return nil
	case xComment, xPI:
		return nil
	}
	wrap := func(mark string) error {
		w.b.WriteString(mark)
		if err := w.nodes(n.children); err != nil {
			return err
		}
		w.b.WriteString(mark)
		return nil
	}
	switch n.name {
	case "br":
		w.b.WriteString("\n")
		return nil
	case "b", "strong":
		return wrap("**")
	case "i", "em":
		return wrap("*")
	case "code":
		if len(n.children) == 1 && n.children[0].kind == xElement && n.children[0].name == "pre" {
			lang, _ := n.attr("language")
			if s := w.b.String(); s != "" && !strings.HasSuffix(s, "\n") {
				w.b.WriteString("\n")
			}
			w.b.WriteString("```" + lang + "\n" + plainText(n.children[0]) + "\n```\n")
			return nil
		}
		w.b.WriteString("`" + plainText(n) + "`")
		return nil
	case "a":
		href, _ := n.attr("href")
		w.b.WriteString(href)
		return nil
	case "span":
		if c, _ := n.attr("class"); c != "entity" {
			break
		}
		id, _ := n.attr("data-entity-id")
		if sc := w.emoji[id]; sc != "" {
			w.b.WriteString(":" + sc + ":")
			return nil
		}
		w.b.WriteString(plainText(n))
		return nil
	case "mention":
		// MessageML: the round trip checks the name resolves again.
		return fmt.Errorf("a <mention> without its name: %w", ErrNotComposable)
	}
	return fmt.Errorf("<%s>: %w", n.name, ErrNotComposable)
}

// plainText returns the text under n.
func plainText(n *xnode) string {
	if n.kind == xText || n.kind == xCDATA {
		return n.text
	}
	var b strings.Builder
	for _, c := range n.children {
		b.WriteString(plainText(c))
	}
	return b.String()
}
