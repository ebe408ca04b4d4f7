package messageml

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Directory is what the composer needs to turn "@name" into a mention: a
// Resolver that also finds users by display name or username.
type Directory interface {
	Resolver
	// UserByName returns the user whose display name or username is name.
	UserByName(name string) (User, bool)
}

// ErrEmptyMessage is returned by FromComposer for a message with no text.
var ErrEmptyMessage = errors.New("messageml: the message is empty")

// FromComposer turns what a user typed into MessageML the agent accepts,
// with data the EntityJSON to send along ("": every entity is a tag).
//
// Contract:
//   - Text is escaped: nothing typed is read as markup, and nothing reaches
//     the agent's Freemarker ("${" and "#{" are written as character
//     references).
//   - Line breaks are kept as typed: each newline after a line of text
//     becomes <br/>; "\r\n" and "\r" count as newlines, and blank lines
//     around the message are dropped.
//   - A line starting with ``` opens a code block, closed by a line of ```
//     (or the end of the message: the rest is the block; an opening fence
//     on the last line stays text). The block is always a block, however
//     short: <code><pre>…</pre></code>, which messageml-utils accepts and
//     readers show on lines of their own. It stands on its own lines: the
//     newline before it is the <br/> ending the line above, the one after
//     its closing fence is the block's end, and each blank line typed
//     around it is a <br/>. Its info string becomes the language of <code>
//     when the agent knows it (common aliases such as "py" or "sh" are
//     mapped), else the block has no language.
//   - Within a line: `code` (not inside bold or italic, where the agent
//     refuses it), **bold**, *italic* and _italic_ (an underscore
//     inside a word, as in snake_case, stays text; unbalanced markers stay
//     text); http(s) URLs become links; "@name" becomes a mention when d
//     knows the name (the longest run of up to five words that it knows),
//     and stays text otherwise, as does an e-mail address; #tag (with at
//     least one letter) becomes a hashtag, $TICKER (a letter, then letters
//     and digits) a cashtag, and :shortcode: an emoji when the emoji table
//     knows it. Past MaxEntities entities the rest stays text.
//   - The result always converts with Convert; a message that cannot (too
//     long, a control character, invalid UTF-8, no text) yields an error
//     that says why, wrapping the *Error of Convert when it has one.
//
// d may be nil: no mention is then resolved.
func FromComposer(text string, d Directory) (messageML string, data string, err error) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	if err := checkComposerText(text); err != nil {
		return "", "", err
	}
	text = strings.Trim(text, "\n")
	text = strings.TrimRight(text, " \t\n")
	if isBlank(text) {
		return "", "", ErrEmptyMessage
	}
	c := &composer{dir: d}
	c.b.WriteString("<messageML>")
	c.blocks(strings.Split(text, "\n"))
	c.b.WriteString("</messageML>")
	messageML = c.b.String()
	var r Resolver
	if d != nil {
		r = d
	}
	if _, err := Convert(messageML, "", r); err != nil {
		return "", "", fmt.Errorf("messageml: the message cannot be sent: %w", err)
	}
	return messageML, "", nil
}

// checkComposerText refuses text that no message can hold: invalid UTF-8,
// control characters other than tab and newline, and what XML 1.0 forbids.
func checkComposerText(text string) error {
	for i, r := range text {
		switch {
		case r == utf8.RuneError:
			if _, size := utf8.DecodeRuneInString(text[i:]); size <= 1 {
				return fmt.Errorf("messageml: the message is not valid UTF-8 (byte %d)", i)
			}
		case r == '\n' || r == '\t':
		case r < ' ' || r == 0x7f || r == 0xFFFE || r == 0xFFFF:
			return fmt.Errorf("messageml: the message contains the control character %U at byte %d", r, i)
		}
	}
	return nil
}

// composer holds the state of one FromComposer conversion.
type composer struct {
	dir      Directory
	b        strings.Builder
	entities int
	depth    int // of <b> and <i> around the text being written
}

// blocks writes lines: fenced code blocks, and lines of text each ended by
// <br/> when another line follows. A block ends a line of its own, so the
// newline after its closing fence writes nothing: a <br/> there would show
// as a blank line.
func (c *composer) blocks(lines []string) {
	for i := 0; i < len(lines); i++ {
		if info, ok := fenceOpening(lines[i]); ok && i+1 < len(lines) {
			end := len(lines)
			for j := i + 1; j < len(lines); j++ {
				if isFenceClosing(lines[j]) {
					end = j
					break
				}
			}
			c.codeBlock(info, lines[i+1:end])
			i = end
			continue
		}
		c.inline(lines[i])
		if i+1 < len(lines) {
			c.b.WriteString("<br/>")
		}
	}
}

// fenceOpening reports whether line opens a fenced code block, and returns
// its info string.
func fenceOpening(line string) (string, bool) {
	rest, ok := strings.CutPrefix(line, "```")
	if !ok {
		return "", false
	}
	info := strings.TrimSpace(strings.TrimLeft(rest, "`"))
	if strings.Contains(info, "`") {
		return "", false // ```a``` on one line is inline code
	}
	return info, true
}

// isFenceClosing reports whether line closes a fenced code block.
func isFenceClosing(line string) bool {
	t := strings.TrimSpace(line)
	return len(t) >= 3 && strings.Trim(t, "`") == ""
}

// codeBlock writes a fenced code block: a <pre> in <code>, a block even
// when it holds one line. A <code> alone is also what `code` in a line
// becomes, and readers (render among them) take one of a single line
// without a language for inline code.
func (c *composer) codeBlock(info string, lines []string) {
	body := strings.Join(lines, "\n")
	if lang := codeLanguage(info); lang != "" {
		c.b.WriteString(`<code language="` + lang + `"><pre>`)
	} else {
		c.b.WriteString("<code><pre>")
	}
	if strings.HasPrefix(body, "\n") {
		// HTML drops a newline right after <pre>: keep the blank line typed.
		c.b.WriteString("\n")
	}
	writeEscaped(&c.b, body, false)
	c.b.WriteString("</pre></code>")
}

// languageAliases maps common fence info strings to the languages of
// <code language>.
var languageAliases = map[string]string{
	"text": "plaintext", "txt": "plaintext", "plain": "plaintext",
	"c++": "cpp", "cxx": "cpp", "cc": "cpp", "hpp": "cpp", "h": "c",
	"c#": "csharp", "cs": "csharp",
	"javascript": "js", "node": "js", "mjs": "js",
	"ts": "typescript", "py": "python", "python3": "python",
	"md": "markdown", "sh": "shell", "bash": "shell", "zsh": "shell", "console": "shell",
	"yml": "yaml", "htm": "html", "xml": "html", "sc": "scala",
}

// codeLanguage returns the <code language> for a fence's info string (its
// first word), "" when the agent knows no such language.
func codeLanguage(info string) string {
	word, _, _ := strings.Cut(info, " ")
	word = strings.ToLower(word)
	if alias, ok := languageAliases[word]; ok {
		word = alias
	}
	for _, l := range codeLanguages {
		if l == word {
			return l
		}
	}
	return ""
}

// writeEscaped writes s as XML text (or, with attr, as an attribute value
// in double quotes), keeping Freemarker's "${" and "#{" from the agent.
func writeEscaped(b *strings.Builder, s string, attr bool) {
	for i := 0; i < len(s); i++ {
		switch ch := s[i]; {
		case ch == '&':
			b.WriteString("&amp;")
		case ch == '<':
			b.WriteString("&lt;")
		case ch == '>':
			b.WriteString("&gt;")
		case ch == '"' && attr:
			b.WriteString("&quot;")
		case ch == '$' && i+1 < len(s) && s[i+1] == '{':
			b.WriteString("&#36;")
		case ch == '#' && i+1 < len(s) && s[i+1] == '{':
			b.WriteString("&#35;")
		default:
			b.WriteByte(ch)
		}
	}
}
