package render

import (
	"strings"
	"unicode/utf8"
)

// Syntax highlighting is a small hand-written scanner per language family
// rather than chroma: chroma's regular-expression lexers take about 550 µs
// for 20 lines of Go on the target machine (five times the whole budget of
// a code block), and backtracking expressions on hostile input are a way
// to stall a frame. The scanner is linear in the input, knows comments,
// strings, numbers, keywords, types and literals, markup tags and
// attributes, and JSON and YAML keys, which is what a chat reader needs.

// span styles bytes [start, end) of a code block.
type span struct {
	start, end int32
	st         style
}

// lexer describes one language family.
type lexer struct {
	lineComments  []string           // "//", "#", "--"
	blockComments [][2]string        // {"/*", "*/"}
	quotes        string             // string delimiters
	multiline     string             // delimiters whose strings may span lines
	triple        bool               // Python's """ and '''
	words         func(string) class // keywords, literals, types and builtins
	foldCase      bool               // keywords are case-insensitive (SQL)
	identExtra    string             // characters allowed in identifiers besides letters, digits and _
	capsType      bool               // a capitalised identifier is a type (Java and friends)
	annotations   bool               // @name is an annotation or decorator
	hashComment   bool               // # starts a comment only at the start of a word (shell, YAML)
	variables     bool               // $name and ${…} are variables (shell, PHP)
	keys          bool               // name: at the start of a line is a key (YAML); "key": (JSON)
	markup        bool               // XML and HTML
}

// lexerFor returns the lexer of a data-language value; ok is false for
// languages shown without highlighting.
func lexerFor(lang string) (lx lexer, ok bool) {
	const cStyle = "//"
	slashStar := [][2]string{{"/*", "*/"}}
	switch strings.ToLower(lang) {
	case "go", "golang":
		return lexer{lineComments: []string{cStyle}, blockComments: slashStar, quotes: "\"'`", multiline: "`", words: wordsGo}, true
	case "java", "kotlin", "kt", "scala", "groovy", "dart":
		return lexer{lineComments: []string{cStyle}, blockComments: slashStar, quotes: "\"'", multiline: "", triple: true, capsType: true, annotations: true, words: wordsJava}, true
	case "c", "h", "cpp", "c++", "cc", "cxx", "hpp", "objective-c", "objc":
		return lexer{lineComments: []string{cStyle}, blockComments: slashStar, quotes: "\"'", identExtra: "#", words: wordsC}, true
	case "csharp", "cs", "c#":
		return lexer{lineComments: []string{cStyle}, blockComments: slashStar, quotes: "\"'", capsType: true, words: wordsCsharp}, true
	case "javascript", "js", "jsx", "typescript", "ts", "tsx", "node", "json5", "mjs":
		return lexer{lineComments: []string{cStyle}, blockComments: slashStar, quotes: "\"'`", multiline: "`", identExtra: "$", annotations: true, words: wordsJavascript}, true
	case "python", "py", "python3":
		return lexer{lineComments: []string{"#"}, quotes: "\"'", triple: true, annotations: true, words: wordsPython}, true
	case "rust", "rs":
		return lexer{lineComments: []string{cStyle}, blockComments: slashStar, quotes: "\"", capsType: true, words: wordsRust}, true
	case "swift":
		return lexer{lineComments: []string{cStyle}, blockComments: slashStar, quotes: "\"", capsType: true, annotations: true, words: wordsSwift}, true
	case "ruby", "rb":
		return lexer{lineComments: []string{"#"}, quotes: "\"'", capsType: true, words: wordsRuby}, true
	case "php":
		return lexer{lineComments: []string{cStyle, "#"}, blockComments: slashStar, quotes: "\"'", variables: true, words: wordsPhp}, true
	case "bash", "sh", "shell", "zsh", "console", "shell-session", "ksh":
		return lexer{lineComments: []string{"#"}, quotes: "\"'`", hashComment: true, variables: true, identExtra: "-", words: wordsBash}, true
	case "sql", "mysql", "postgresql", "postgres", "plsql", "tsql":
		return lexer{lineComments: []string{"--"}, blockComments: slashStar, quotes: "'\"", foldCase: true, words: wordsSql}, true
	case "json", "jsonc":
		return lexer{lineComments: []string{cStyle}, blockComments: slashStar, quotes: "\"", keys: true, words: wordsJson}, true
	case "yaml", "yml":
		return lexer{lineComments: []string{"#"}, quotes: "\"'", hashComment: true, keys: true, identExtra: "-./", words: wordsYaml}, true
	case "xml", "html", "xhtml", "svg", "htm", "messageml", "presentationml":
		return lexer{markup: true}, true
	case "css", "scss", "less":
		return lexer{lineComments: []string{cStyle}, blockComments: slashStar, quotes: "\"'", identExtra: "-", annotations: true, keys: true, words: wordsCss}, true
	case "r":
		return lexer{lineComments: []string{"#"}, quotes: "\"'", words: wordsR}, true
	}
	return lexer{}, false
}

// highlight returns the styled spans of src, in order and not
// overlapping.
func (lx *lexer) highlight(src string) []span {
	if lx.markup {
		return highlightMarkup(src)
	}
	var spans []span
	add := func(start, end int, c class) {
		if end > start {
			spans = append(spans, span{start: int32(start), end: int32(end), st: style{cls: c}})
		}
	}
	lineStart := true // only whitespace since the last newline
	for i := 0; i < len(src); {
		c := src[i]
		if c == '\n' {
			lineStart = true
			i++
			continue
		}
		if c == ' ' || c == '\t' {
			i++
			continue
		}
		atLineStart := lineStart
		lineStart = false
		if lx.keys && atLineStart && c == '-' && i+1 < len(src) && src[i+1] == ' ' {
			lineStart = true // a YAML list item: a key may follow
			i++
			continue
		}
		if end, ok := lx.comment(src, i); ok {
			add(i, end, clsComment)
			i = end
			continue
		}
		if strings.IndexByte(lx.quotes, c) >= 0 {
			end := lx.stringEnd(src, i)
			cls := clsString
			if lx.keys && isKey(src, end) {
				cls = clsTag
			}
			add(i, end, cls)
			i = end
			continue
		}
		if isDigit(c) || c == '.' && i+1 < len(src) && isDigit(src[i+1]) {
			j := i + 1
			for j < len(src) && (isIdentByte(src[j]) || src[j] == '.') {
				j++
			}
			add(i, j, clsNumber)
			i = j
			continue
		}
		if lx.annotations && c == '@' && i+1 < len(src) && isIdentStart(src[i+1]) {
			j := lx.identEnd(src, i+1)
			add(i, j, clsAttr)
			i = j
			continue
		}
		if lx.variables && c == '$' && i+1 < len(src) {
			j := i + 1
			if src[j] == '{' {
				if k := strings.IndexByte(src[j:], '}'); k > 0 && !strings.Contains(src[j:j+k], "\n") {
					j += k + 1
				}
			} else {
				for j < len(src) && isIdentByte(src[j]) {
					j++
				}
			}
			if j > i+1 {
				add(i, j, clsAttr)
				i = j
				continue
			}
		}
		if isIdentStart(c) || strings.IndexByte(lx.identExtra, c) >= 0 && c != '-' && c != '.' && c != '/' {
			j := lx.identEnd(src, i)
			word := src[i:j]
			cls := lx.classify(word)
			switch {
			case lx.keys && atLineStart && isKey(src, j):
				add(i, j, clsTag)
			case cls != clsText:
				add(i, j, cls)
			case lx.capsType && c >= 'A' && c <= 'Z' && len(word) > 1 && hasLower(word):
				add(i, j, clsType)
			}
			i = j
			continue
		}
		if c >= utf8.RuneSelf {
			_, size := utf8.DecodeRuneInString(src[i:])
			i += size
			continue
		}
		i++
	}
	return spans
}

// comment returns the end of a comment starting at src[i].
func (lx *lexer) comment(src string, i int) (int, bool) {
	for _, lc := range lx.lineComments {
		if !strings.HasPrefix(src[i:], lc) {
			continue
		}
		if lc == "#" && lx.hashComment && i > 0 && src[i-1] != ' ' && src[i-1] != '\t' && src[i-1] != '\n' {
			continue
		}
		if j := strings.IndexByte(src[i:], '\n'); j >= 0 {
			return i + j, true
		}
		return len(src), true
	}
	for _, bc := range lx.blockComments {
		if strings.HasPrefix(src[i:], bc[0]) {
			if j := strings.Index(src[i+len(bc[0]):], bc[1]); j >= 0 {
				return i + len(bc[0]) + j + len(bc[1]), true
			}
			return len(src), true
		}
	}
	return 0, false
}

// stringEnd returns the end of the string literal starting at src[i].
func (lx *lexer) stringEnd(src string, i int) int {
	q := src[i]
	if lx.triple && i+2 < len(src) && src[i+1] == q && src[i+2] == q {
		if j := strings.Index(src[i+3:], src[i:i+3]); j >= 0 {
			return i + 3 + j + 3
		}
		return len(src)
	}
	multi := strings.IndexByte(lx.multiline, q) >= 0
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\\':
			if q != '`' {
				j++
			}
		case q:
			return j + 1
		case '\n':
			if !multi {
				return j
			}
		}
	}
	return len(src)
}

// identEnd returns the end of the identifier starting at src[i].
func (lx *lexer) identEnd(src string, i int) int {
	j := i + 1
	for j < len(src) && (isIdentByte(src[j]) || strings.IndexByte(lx.identExtra, src[j]) >= 0) {
		j++
	}
	return j
}

// classify returns the class of a word: keyword, literal, type, or
// clsText for an ordinary identifier.
func (lx *lexer) classify(word string) class {
	if lx.words == nil || len(word) > 24 {
		return clsText
	}
	c := lx.words(word)
	if c == clsText && lx.foldCase {
		var buf [24]byte
		if lw := lower(word, buf[:0]); lw != word {
			c = lx.words(lw)
		}
	}
	return c
}

// isKey reports whether a key ends at src[j]: a colon follows, itself
// followed by whitespace or the end (YAML, CSS) or anything (JSON).
func isKey(src string, j int) bool {
	for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
		j++
	}
	if j >= len(src) || src[j] != ':' {
		return false
	}
	return j+1 == len(src) || src[j+1] == ' ' || src[j+1] == '\n' || src[j+1] == '\t' || src[j+1] == '"' ||
		src[j+1] >= '0' && src[j+1] <= '9' || src[j+1] == '{' || src[j+1] == '[' || src[j+1] == 't' || src[j+1] == 'f' || src[j+1] == 'n'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

func isIdentByte(c byte) bool { return isIdentStart(c) || isDigit(c) }

func hasLower(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'a' && s[i] <= 'z' {
			return true
		}
	}
	return false
}

// highlightMarkup highlights XML and HTML: tags, attributes, attribute
// values, comments and character references.
func highlightMarkup(src string) []span {
	var spans []span
	add := func(start, end int, c class) {
		if end > start {
			spans = append(spans, span{start: int32(start), end: int32(end), st: style{cls: c}})
		}
	}
	for i := 0; i < len(src); {
		switch {
		case strings.HasPrefix(src[i:], "<!--"):
			end := len(src)
			if j := strings.Index(src[i+4:], "-->"); j >= 0 {
				end = i + 4 + j + 3
			}
			add(i, end, clsComment)
			i = end
		case src[i] == '<' && i+1 < len(src) && (isIdentStart(src[i+1]) || src[i+1] == '/' || src[i+1] == '?' || src[i+1] == '!'):
			j := i + 1
			for j < len(src) && (isIdentByte(src[j]) || strings.IndexByte("/?!:.-", src[j]) >= 0) {
				j++
			}
			add(i, j, clsTag)
			i = j
			for i < len(src) && src[i] != '>' && src[i] != '<' {
				switch c := src[i]; {
				case c == '"' || c == '\'':
					end := strings.IndexByte(src[i+1:], c)
					if end < 0 {
						end = len(src)
					} else {
						end += i + 2
					}
					add(i, end, clsString)
					i = end
				case isIdentStart(c):
					j := i + 1
					for j < len(src) && (isIdentByte(src[j]) || src[j] == '-' || src[j] == ':' || src[j] == '.') {
						j++
					}
					add(i, j, clsAttr)
					i = j
				case c == '/' || c == '?':
					add(i, i+1, clsTag)
					i++
				default:
					i++
				}
			}
			if i < len(src) && src[i] == '>' {
				add(i, i+1, clsTag)
				i++
			}
		case src[i] == '&':
			j := i + 1
			for j < len(src) && j-i < 12 && (isIdentByte(src[j]) || src[j] == '#') {
				j++
			}
			if j < len(src) && src[j] == ';' && j > i+1 {
				add(i, j+1, clsLiteral)
				i = j + 1
			} else {
				i++
			}
		default:
			i++
		}
	}
	return spans
}
