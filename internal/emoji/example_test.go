package emoji_test

import (
	"fmt"

	"github.com/tutti-chat/tutti/internal/emoji"
)

func ExampleSet_Lookup() {
	glyph, ok := emoji.Table().Lookup("smiley")
	fmt.Println(glyph, ok)
	// Output: 😃 true
}

func ExampleSet_Shortcodes() {
	fmt.Println(emoji.Table().Shortcodes("thumbs"))
	// Output: [thumbsdown thumbsdown_tone1 thumbsdown_tone2 thumbsdown_tone3 thumbsdown_tone4 thumbsdown_tone5 thumbsup thumbsup_tone1 thumbsup_tone2 thumbsup_tone3 thumbsup_tone4 thumbsup_tone5]
}
