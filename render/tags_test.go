package render

import (
	"slices"
	"testing"
)

// TestTagsAreThoseShown: Tags lists the hashtags and cashtags whose entity
// data says they are tags, each once, in order, from spans and from the
// divs a structured object became; a mention is no tag.
func TestTagsAreThoseShown(t *testing.T) {
	pml := `<div data-format="PresentationML" data-version="2.0"><p>` +
		`<span class="entity" data-entity-id="c1">$UST10Y</span> into ` +
		`<span class="entity" data-entity-id="h1">#incident</span> by ` +
		`<span class="entity" data-entity-id="m1">@Ana Silva</span>, again ` +
		`<span class="entity" data-entity-id="c2">$UST10Y</span></p>` +
		`<div class="entity" data-entity-id="h2">#Rates</div></div>`
	data := `{"c1":{"type":"org.symphonyoss.fin.security","version":"1.0","id":[{"type":"org.symphonyoss.fin.security.id.ticker","value":"UST10Y"}]},` +
		`"h1":{"type":"org.symphonyoss.taxonomy","version":"1.0","id":[{"type":"org.symphonyoss.taxonomy.hashtag","value":"incident"}]},` +
		`"m1":{"type":"com.symphony.user.mention","version":"1.0","id":[{"type":"com.symphony.user.userId","value":7}]},` +
		`"c2":{"type":"org.symphonyoss.fin.security","version":"1.0","id":[{"type":"org.symphonyoss.fin.security.id.ticker","value":"UST10Y"}]},` +
		`"h2":{"type":"org.symphonyoss.taxonomy","version":"1.0","id":[{"type":"org.symphonyoss.taxonomy.hashtag","value":"Rates"}]}}`
	got := Parse(pml, data).Tags()
	want := []Tag{{Cash: true, Value: "UST10Y"}, {Value: "incident"}, {Value: "Rates"}}
	if !slices.Equal(got, want) {
		t.Errorf("tags %+v, want %+v", got, want)
	}
	if tags := Parse(`<div data-format="PresentationML" data-version="2.0">#plain $TEXT</div>`, "").Tags(); len(tags) != 0 {
		t.Errorf("text that no entity data names gave tags %+v", tags)
	}
}
