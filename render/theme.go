package render

import (
	"image/color"
	"os"
	"strconv"

	"github.com/charmbracelet/x/ansi"
)

// Palette is the set of colours a Theme is built from. A nil colour means
// "the terminal's own colour"; the role then falls back to an attribute
// (bold, underline, reverse, faint) where one is needed to stay readable.
// Colours may be any color.Color: ansi.BasicColor and ansi.IndexedColor are
// written as 16- and 256-colour codes, anything else as 24-bit colour
// (Bubble Tea downsamples that for terminals that need it).
type Palette struct {
	Dim, Border, Accent        color.Color // secondary text; rules and bars; default card accent
	Link                       color.Color
	Mention                    color.Color // a mention of someone else
	MentionMe, MentionMeBg     color.Color // a mention of the reader
	Hashtag, Cashtag           color.Color
	Code                       color.Color // inline code and unhighlighted code
	Heading                    color.Color
	Label                      color.Color // span.label, form labels
	Token, TokenBg             color.Color // span.tempo-token
	Button                     color.Color
	ButtonPrimary, ButtonBg    color.Color // primary buttons
	Danger                     color.Color // destructive buttons, errors, required markers
	Time                       color.Color
	Keyword, Type, String      color.Color // syntax highlighting
	Number, Comment, Literal   color.Color
	Tag, Attr                  color.Color
	Red, Orange, Yellow, Green color.Color // the named Symphony colours
	Teal, Blue, Purple, Pink   color.Color
	Grey, White, Black         color.Color
	Name                       string // reported by Theme.Name
}

// Theme is a Palette compiled into SGR parameters, ready to be written in
// front of every run of text without further work. A Theme is immutable
// and safe for concurrent use; build one when the configuration is read
// and pass it in Options. The zero Theme has no colours and only the
// attributes every role needs (it is NoColorTheme).
type Theme struct {
	t *themeTable
}

type themeTable struct {
	name string
	fg   [numClasses]string // "38;2;r;g;b" … or "" for no colour
	bg   [numClasses]string // a background the class brings with it (mention of me, token, primary button)
	asBg [numClasses]string // the class's colour used as a background (tempo-bg-color--*)
	attr [numClasses]attr   // attributes the class adds
}

// Name returns the palette name the theme was built from ("dark", "light",
// "nocolor", or a caller's).
func (th Theme) Name() string {
	if th.t == nil {
		return "nocolor"
	}
	return th.t.name
}

// NewTheme compiles a palette.
func NewTheme(p Palette) Theme {
	t := &themeTable{name: p.Name}
	set := func(c class, fg color.Color) {
		t.fg[c] = colourParams(fg, false)
		t.asBg[c] = colourParams(fg, true)
	}
	set(clsDim, p.Dim)
	set(clsBorder, p.Border)
	set(clsAccent, p.Accent)
	set(clsLink, p.Link)
	set(clsMention, p.Mention)
	set(clsMentionMe, p.MentionMe)
	t.bg[clsMentionMe] = colourParams(p.MentionMeBg, true)
	set(clsHashtag, p.Hashtag)
	set(clsCashtag, p.Cashtag)
	set(clsCode, p.Code)
	set(clsHeading1, p.Heading)
	set(clsHeading2, p.Heading)
	set(clsHeading3, p.Heading)
	set(clsLabel, p.Label)
	set(clsToken, p.Token)
	t.bg[clsToken] = colourParams(p.TokenBg, true)
	set(clsPlaceholder, p.Dim)
	set(clsButton, p.Button)
	set(clsButtonPrimary, p.ButtonPrimary)
	t.bg[clsButtonPrimary] = colourParams(p.ButtonBg, true)
	set(clsButtonDanger, p.Danger)
	set(clsError, p.Danger)
	set(clsTime, p.Time)
	set(clsKeyword, p.Keyword)
	set(clsType, p.Type)
	set(clsString, p.String)
	set(clsNumber, p.Number)
	set(clsComment, p.Comment)
	set(clsLiteral, p.Literal)
	set(clsTag, p.Tag)
	set(clsAttr, p.Attr)
	set(clsRed, p.Red)
	set(clsOrange, p.Orange)
	set(clsYellow, p.Yellow)
	set(clsGreen, p.Green)
	set(clsTeal, p.Teal)
	set(clsBlue, p.Blue)
	set(clsPurple, p.Purple)
	set(clsPink, p.Pink)
	set(clsGrey, p.Grey)
	set(clsWhite, p.White)
	set(clsBlack, p.Black)
	for c := range numClasses {
		t.attr[c] = classAttr(c, t.fg[c] != "", t.bg[c] != "")
	}
	return Theme{t: t}
}

// classAttr returns the attributes of a class, given whether the palette
// colours it and gives it a background.
func classAttr(c class, coloured, hasBg bool) attr {
	switch c {
	case clsDim, clsBorder, clsLabel:
		if !coloured {
			return attrFaint
		}
	case clsLink:
		return attrUnderline
	case clsMention, clsHeading2, clsHeading3, clsButton, clsButtonDanger:
		return attrBold
	case clsMentionMe, clsButtonPrimary:
		if !hasBg {
			return attrBold | attrReverse
		}
		return attrBold
	case clsHeading1:
		return attrBold | attrUnderline
	case clsToken:
		if !hasBg {
			return attrReverse
		}
	case clsPlaceholder:
		if !coloured {
			return attrItalic | attrFaint
		}
		return attrItalic
	case clsComment:
		return attrItalic
	case clsError:
		if !coloured {
			return attrBold
		}
	}
	return 0
}

// colourParams returns the SGR parameters that select c as the foreground
// (or background) colour, "" for nil.
func colourParams(c color.Color, bg bool) string {
	if c == nil {
		return ""
	}
	switch c := c.(type) {
	case ansi.BasicColor:
		n := int(c) & 15
		base := 30
		if bg {
			base = 40
		}
		if n >= 8 {
			base += 60
			n -= 8
		}
		return strconv.Itoa(base + n)
	case ansi.IndexedColor:
		if bg {
			return "48;5;" + strconv.Itoa(int(c))
		}
		return "38;5;" + strconv.Itoa(int(c))
	}
	r, g, b, _ := c.RGBA()
	prefix := "38;2;"
	if bg {
		prefix = "48;2;"
	}
	return prefix + strconv.Itoa(int(r>>8)) + ";" + strconv.Itoa(int(g>>8)) + ";" + strconv.Itoa(int(b>>8))
}

// appendSGR appends the sequence that sets style s, from a clean state (it
// resets first), to b. A style that resolves to nothing appends the reset.
func (th Theme) appendSGR(b []byte, s style) []byte {
	a, fg, bg := th.resolve(s)
	if a == 0 && fg == "" && bg == "" {
		return append(b, "\x1b[m"...)
	}
	b = append(b, "\x1b[0"...)
	for _, x := range [...]struct {
		a attr
		p string
	}{{attrBold, ";1"}, {attrFaint, ";2"}, {attrItalic, ";3"}, {attrUnderline, ";4"}, {attrReverse, ";7"}, {attrStrike, ";9"}} {
		if a&x.a != 0 {
			b = append(b, x.p...)
		}
	}
	if fg != "" {
		b = append(b, ';')
		b = append(b, fg...)
	}
	if bg != "" {
		b = append(b, ';')
		b = append(b, bg...)
	}
	return append(b, 'm')
}

// isPlain reports whether s resolves to no attribute and no colour.
func (th Theme) isPlain(s style) bool {
	a, fg, bg := th.resolve(s)
	return a == 0 && fg == "" && bg == ""
}

// blankIsPlain reports whether a space written in style s looks like a
// plain one: no background, underline, reverse video or strike-through.
func (th Theme) blankIsPlain(s style) bool {
	a, _, bg := th.resolve(s)
	return bg == "" && a&(attrUnderline|attrReverse|attrStrike) == 0
}

// resolve returns the attributes and colour parameters of s.
func (th Theme) resolve(s style) (a attr, fg, bg string) {
	a = s.attr
	if th.t == nil {
		a |= classAttr(s.cls, false, false)
		if s.bg != clsText && s.cls == clsText {
			a |= attrReverse
		}
		return a, "", ""
	}
	t := th.t
	a |= t.attr[s.cls]
	fg, bg = t.fg[s.cls], t.bg[s.cls]
	if s.bg != clsText && t.asBg[s.bg] != "" {
		bg = t.asBg[s.bg]
	}
	return a, fg, bg
}

// hex turns 0xRRGGBB into a colour.
func hex(v uint32) color.Color {
	return color.RGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}
}

// DarkPalette is the default palette for terminals with a dark background.
func DarkPalette() Palette {
	return Palette{
		Name:   "dark",
		Dim:    hex(0x8b91a8),
		Border: hex(0x5a6077),
		Accent: hex(0x7aa2f7),
		Link:   hex(0x7dcfff), Mention: hex(0xe0af68),
		MentionMe: hex(0x1a1b26), MentionMeBg: hex(0xe0af68),
		Hashtag: hex(0x9ece6a), Cashtag: hex(0x2ac3de),
		Code: hex(0xc3a6ff), Heading: hex(0x7aa2f7), Label: hex(0x8b91a8),
		Token: hex(0xc0caf5), TokenBg: hex(0x3b4261),
		Button: hex(0xc0caf5), ButtonPrimary: hex(0x1a1b26), ButtonBg: hex(0x7aa2f7),
		Danger: hex(0xf7768e), Time: hex(0xb4f9f8),
		Keyword: hex(0xbb9af7), Type: hex(0x2ac3de), String: hex(0x9ece6a),
		Number: hex(0xff9e64), Comment: hex(0x737aa2), Literal: hex(0xff9e64),
		Tag: hex(0xf7768e), Attr: hex(0xe0af68),
		Red: hex(0xf7768e), Orange: hex(0xff9e64), Yellow: hex(0xe0af68), Green: hex(0x9ece6a),
		Teal: hex(0x1abc9c), Blue: hex(0x7aa2f7), Purple: hex(0xbb9af7), Pink: hex(0xff79c6),
		Grey: hex(0x9aa5ce), White: hex(0xe5e9f0), Black: hex(0x6b7089),
	}
}

// LightPalette is the default palette for terminals with a light
// background.
func LightPalette() Palette {
	return Palette{
		Name:   "light",
		Dim:    hex(0x6a6f85),
		Border: hex(0xa8aecb),
		Accent: hex(0x2e5cb8),
		Link:   hex(0x006a9e), Mention: hex(0x8f5e00),
		MentionMe: hex(0xffffff), MentionMeBg: hex(0xb86e00),
		Hashtag: hex(0x3f6e14), Cashtag: hex(0x00728a),
		Code: hex(0x6b3fb0), Heading: hex(0x2e5cb8), Label: hex(0x6a6f85),
		Token: hex(0x343b58), TokenBg: hex(0xdde3f5),
		Button: hex(0x343b58), ButtonPrimary: hex(0xffffff), ButtonBg: hex(0x2e5cb8),
		Danger: hex(0xc0263f), Time: hex(0x006b6b),
		Keyword: hex(0x7a3eb5), Type: hex(0x00728a), String: hex(0x3f6e14),
		Number: hex(0xa34700), Comment: hex(0x7c80a0), Literal: hex(0xa34700),
		Tag: hex(0xc0263f), Attr: hex(0x8f5e00),
		Red: hex(0xc0263f), Orange: hex(0xa34700), Yellow: hex(0x8f6a00), Green: hex(0x3f6e14),
		Teal: hex(0x007a66), Blue: hex(0x2e5cb8), Purple: hex(0x7a3eb5), Pink: hex(0xb0307a),
		Grey: hex(0x6a6f85), White: hex(0x8a8fa8), Black: hex(0x1d2030),
	}
}

// HighContrastPalette uses the terminal's own bright colours, which the
// user's terminal palette already makes readable on its background, and no
// faint secondary text.
func HighContrastPalette() Palette {
	return Palette{
		Name: "high-contrast",
		Dim:  ansi.White, Border: ansi.BrightWhite, Accent: ansi.BrightCyan,
		Link: ansi.BrightCyan, Mention: ansi.BrightYellow,
		MentionMe: ansi.Black, MentionMeBg: ansi.BrightYellow,
		Hashtag: ansi.BrightGreen, Cashtag: ansi.BrightCyan,
		Code: ansi.BrightMagenta, Heading: ansi.BrightWhite, Label: ansi.BrightWhite,
		Token: ansi.Black, TokenBg: ansi.BrightWhite,
		Button: ansi.BrightWhite, ButtonPrimary: ansi.Black, ButtonBg: ansi.BrightCyan,
		Danger: ansi.BrightRed, Time: ansi.BrightCyan,
		Keyword: ansi.BrightMagenta, Type: ansi.BrightCyan, String: ansi.BrightGreen,
		Number: ansi.BrightYellow, Comment: ansi.BrightBlue, Literal: ansi.BrightYellow,
		Tag: ansi.BrightRed, Attr: ansi.BrightYellow,
		Red: ansi.BrightRed, Orange: ansi.BrightYellow, Yellow: ansi.BrightYellow, Green: ansi.BrightGreen,
		Teal: ansi.BrightCyan, Blue: ansi.BrightBlue, Purple: ansi.BrightMagenta, Pink: ansi.BrightMagenta,
		Grey: ansi.BrightWhite, White: ansi.BrightWhite, Black: ansi.BrightBlack,
	}
}

// DarkTheme is NewTheme(DarkPalette()).
func DarkTheme() Theme { return NewTheme(DarkPalette()) }

// LightTheme is NewTheme(LightPalette()).
func LightTheme() Theme { return NewTheme(LightPalette()) }

// NoColorTheme is the theme for NO_COLOR (https://no-color.org): no colour
// at all, only attributes — bold mentions, reversed mentions of the
// reader, underlined links, faint secondary text. It is the zero Theme.
func NoColorTheme() Theme { return Theme{} }

// DefaultTheme returns NoColorTheme when the NO_COLOR environment variable
// is set to anything but the empty string, and the dark or light theme
// otherwise.
func DefaultTheme(dark bool) Theme {
	if os.Getenv("NO_COLOR") != "" {
		return NoColorTheme()
	}
	if dark {
		return DarkTheme()
	}
	return LightTheme()
}
