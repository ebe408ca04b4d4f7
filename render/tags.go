package render

import "slices"

// Tag is a hashtag or a cashtag of a message, as its EntityJSON names it.
type Tag struct {
	// Cash reports a cashtag ($TICKER); else it is a hashtag (#tag).
	Cash bool
	// Value is the tag without its sign, sanitised.
	Value string
}

// Tags returns the hashtags and cashtags the message shows, each once, in
// order of first appearance: those of its entity elements whose
// EntityJSON says they are tags, as they are rendered. The slice is the
// caller's.
func (d *Document) Tags() []Tag {
	return slices.Clone(d.tags)
}

// tag records the hashtag or cashtag e.
func (b *builder) tag(e entity) {
	t := Tag{Cash: e.kind == entCashtag, Value: remoteLine(e.value)}
	if t.Value == "" || slices.Contains(b.doc.tags, t) {
		return
	}
	b.doc.tags = append(b.doc.tags, t)
}
