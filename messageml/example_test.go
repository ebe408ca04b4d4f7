package messageml_test

import (
	"fmt"

	"github.com/tutti-chat/tutti/messageml"
)

// directory is a one-user Resolver.
type directory struct{}

func (directory) UserByID(id int64) (messageml.User, bool) {
	if id == 7215545058313 {
		return messageml.User{ID: id, DisplayName: "Jane Doe", Email: "jane@example.com"}, true
	}
	return messageml.User{}, false
}

func (directory) UserByEmail(string) (messageml.User, bool) { return messageml.User{}, false }

func ExampleConvert() {
	res, err := messageml.Convert(`<messageML>Hi <mention uid="7215545058313"/> <emoji shortcode="wave"/></messageML>`, "", directory{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.PresentationML)
	fmt.Println(res.Text)
	// Output:
	// <div data-format="PresentationML" data-version="2.0">Hi <span class="entity" data-entity-id="mention1">@Jane Doe</span> <span class="entity" data-entity-id="emoji2">👋</span></div>
	// Hi @Jane Doe 👋
}

func ExampleConvert_invalid() {
	_, err := messageml.Convert(`<messageML><b><p>x</p></b></messageML>`, "", nil)
	fmt.Println(err)
	// Output: Element "p" is not allowed in "b"
}
