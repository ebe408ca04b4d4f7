package render

// A style is how one run of text looks: attributes from the markup (b, i,
// u, s …) and a semantic class that the Theme maps to colours and more
// attributes. Styles are small comparable values; the escape sequences are
// written from them at layout time (see Theme.appendSGR), never stored.
type style struct {
	attr attr  // attributes from the markup, added to the class's own
	cls  class // foreground role
	bg   class // background role (tempo-bg-color--*), 0 for none
}

// attr is a set of text attributes.
type attr uint8

const (
	attrBold attr = 1 << iota
	attrFaint
	attrItalic
	attrUnderline
	attrStrike
	attrReverse
)

// class is a semantic role of text. The Theme gives each one a colour and
// attributes; a class without a colour in the palette keeps its
// attributes, so that a colourless theme still tells a mention from text.
type class uint8

const (
	clsText          class = iota // ordinary text: the terminal's colours
	clsDim                        // secondary text: hosts, hints, "… N more lines"
	clsBorder                     // table borders, bars, gutters
	clsAccent                     // card bars without an accent of their own
	clsLink                       // link text
	clsMention                    // @mention of someone else
	clsMentionMe                  // @mention of the reader
	clsHashtag                    // #hashtag
	clsCashtag                    // $cashtag
	clsCode                       // inline code and code blocks
	clsHeading1                   // h1
	clsHeading2                   // h2
	clsHeading3                   // h3 … h6
	clsLabel                      // span.label, form labels
	clsToken                      // span.tempo-token
	clsPlaceholder                // form placeholders
	clsButton                     // secondary and tertiary buttons
	clsButtonPrimary              // primary buttons
	clsButtonDanger               // destructive buttons
	clsError                      // error variants, required markers
	clsTime                       // time elements
	clsKeyword                    // syntax: keywords
	clsType                       // syntax: types and builtins
	clsString                     // syntax: strings
	clsNumber                     // syntax: numbers
	clsComment                    // syntax: comments
	clsLiteral                    // syntax: true, false, null …
	clsTag                        // syntax: markup tags, keys
	clsAttr                       // syntax: markup attributes
	clsRed                        // tempo colours and card accents from here on
	clsOrange
	clsYellow
	clsGreen
	clsTeal
	clsBlue
	clsPurple
	clsPink
	clsGrey
	clsWhite
	clsBlack
	numClasses
)

// namedColour maps a Symphony colour name (tempo-text-color--NAME,
// tempo-bg-color--NAME, a card's data-accent-color) to a class; ok is false
// for names we do not know, and for "normal", which means no colour.
func namedColour(name string) (c class, ok bool) {
	switch name {
	case "red", "error", "danger":
		return clsRed, true
	case "orange", "warning":
		return clsOrange, true
	case "yellow", "gold":
		return clsYellow, true
	case "green", "success":
		return clsGreen, true
	case "teal", "cyan", "aqua":
		return clsTeal, true
	case "blue", "primary", "info":
		return clsBlue, true
	case "purple", "violet", "mauve":
		return clsPurple, true
	case "pink", "magenta", "fuchsia":
		return clsPink, true
	case "grey", "gray", "secondary", "disabled", "tertiary":
		return clsGrey, true
	case "white":
		return clsWhite, true
	case "black":
		return clsBlack, true
	case "link":
		return clsLink, true
	}
	return clsText, false
}
