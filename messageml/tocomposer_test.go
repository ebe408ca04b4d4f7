package messageml

import (
	"errors"
	"testing"
)

// composerDir resolves one user by id, e-mail and name.
type composerDir struct{}

func (composerDir) UserByID(id int64) (User, bool) {
	return User{ID: 7, DisplayName: "Ana Lima", Email: "ana@example.com"}, id == 7
}
func (composerDir) UserByEmail(e string) (User, bool) {
	return User{ID: 7, DisplayName: "Ana Lima", Email: "ana@example.com"}, e == "ana@example.com"
}
func (composerDir) UserByName(n string) (User, bool) {
	return User{ID: 7, DisplayName: "Ana Lima", Email: "ana@example.com"}, n == "Ana Lima"
}

func TestToComposerRoundTrips(t *testing.T) {
	for _, text := range []string{
		"hello",
		"hi **bold** *it* `code` @Ana Lima #tag $AAPL :smile: https://example.com/a?b=1&c=2",
		"two\nlines",
		"before\n```\nfunc x() {}\n```\nafter",
		"a < b & c > d",
	} {
		ml, data, err := FromComposer(text, composerDir{})
		if err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		res, err := Convert(ml, data, composerDir{})
		if err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		got, err := ToComposer(res.PresentationML, res.EntityJSON, composerDir{})
		if err != nil {
			t.Fatalf("%q: ToComposer: %v", text, err)
		}
		ml2, data2, err := FromComposer(got, composerDir{})
		if err != nil {
			t.Fatalf("%q -> %q: %v", text, got, err)
		}
		if res2, _ := Convert(ml2, data2, composerDir{}); canonicalPML(res2.PresentationML) != canonicalPML(res.PresentationML) {
			t.Errorf("%q -> %q -> %s, want %s", text, got, res2.PresentationML, res.PresentationML)
		}
	}
}

func TestToComposerRefusesWhatItCannotWrite(t *testing.T) {
	for _, pml := range []string{
		`<div data-format="PresentationML" data-version="2.0"><table><tr><td>x</td></tr></table></div>`,
		`<div data-format="PresentationML" data-version="2.0"><a href="https://example.com">the site</a></div>`,
		`<div data-format="PresentationML" data-version="2.0"><div class="card"><div class="cardBody">x</div></div></div>`,
		`<div data-format="PresentationML" data-version="2.0">a **literal** star</div>`,
		`<div data-format="PresentationML" data-version="2.0"><form id="f"><button name="b">Go</button></form></div>`,
	} {
		if got, err := ToComposer(pml, "", composerDir{}); !errors.Is(err, ErrNotComposable) {
			t.Errorf("%s: got %q, %v; want ErrNotComposable", pml, got, err)
		}
	}
}
