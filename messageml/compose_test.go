package messageml

import (
	"errors"
	"strings"
	"testing"
)

// directory is a Directory over a fixed set of users, found by id, e-mail
// or any of their names, ignoring case.
type directory struct {
	users []User
	names map[string]int64
}

func (d directory) UserByID(id int64) (User, bool) {
	for _, u := range d.users {
		if u.ID == id {
			return u, true
		}
	}
	return User{}, false
}

func (d directory) UserByEmail(email string) (User, bool) {
	for _, u := range d.users {
		if strings.EqualFold(u.Email, email) {
			return u, true
		}
	}
	return User{}, false
}

func (d directory) UserByName(name string) (User, bool) {
	id, ok := d.names[strings.ToLower(name)]
	if !ok {
		return User{ID: id}, false
	}
	if u, ok := d.UserByID(id); ok {
		return u, true
	}
	return User{ID: id}, true // a name whose user cannot be resolved by id
}

var composerUsers = directory{
	users: []User{
		{ID: 1, DisplayName: "Bot User01", Email: "bot.user1@localhost.com"},
		{ID: 2, DisplayName: "Ana Lima", Email: "ana@example.com"},
		{ID: 3, DisplayName: "Ana", Email: "ana3@example.com"},
		{ID: 4, DisplayName: "J. R. Ewing", Email: "jr@example.com"},
	},
	names: map[string]int64{"bot user01": 1, "ana lima": 2, "alima": 2, "ana": 3, "j. r. ewing": 4, "ghost": 99},
}

func TestFromComposer(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"plain", "hello world", "hello world"},
		{"escaped", `<script>alert("x")</script> & co`, `&lt;script&gt;alert("x")&lt;/script&gt; &amp; co`},
		{"entity text", "&amp; &#36;", "&amp;amp; &amp;#36;"},
		{"freemarker", "${user} #{x} <#if> <@m>", `&#36;{user} &#35;{x} &lt;<hash tag="if"/>&gt; &lt;@m&gt;`},
		{"newlines", "a\nb\n\nc", "a<br/>b<br/><br/>c"},
		{"crlf", "a\r\nb\rc", "a<br/>b<br/>c"},
		{"trimmed", "\n\nhi  \n\n", "hi"},
		{"leading spaces kept", "  indented", "  indented"},
		{"tab", "a\tb", "a\tb"},

		{"bold", "a **b** c", "a <b>b</b> c"},
		{"bold unbalanced", "a **b c", "a **b c"},
		{"bold empty", "****", "****"},
		{"bold spaced", "a ** b ** c", "a ** b ** c"},
		{"triple stars", "***x***", "***x***"},
		{"italic star", "*it* and 2 * 3 * 4", "<i>it</i> and 2 * 3 * 4"},
		{"italic underscore", "_it_ yes", "<i>it</i> yes"},
		{"snake_case", "call snake_case_name now", "call snake_case_name now"},
		{"dunder", "__init__", "__init__"},
		{"italic with snake inside", "_a snake_case b_", "<i>a snake_case b</i>"},
		{"underscore unbalanced", "_open", "_open"},
		{"nested", "**bold _it_ `c`**", "<b>bold <i>it</i> `c`</b>"},
		{"entities in emphasis", "**@ana** _#t_ *:smile: $X*", `<b><mention uid="3"/></b> <i><hash tag="t"/></i> <i><emoji shortcode="smile"/> <cash tag="X"/></i>`},
		{"emphasis per line", "**a\nb**", "**a<br/>b**"},

		{"code span", "run `ls <dir> && echo`", "run <code>ls &lt;dir&gt; &amp;&amp; echo</code>"},
		{"code span keeps markup", "`**x** @ana #t $X :smile:`", "<code>**x** @ana #t $X :smile:</code>"},
		{"double backticks", "``a ` b``", "<code>a ` b</code>"},
		{"backtick unbalanced", "a `b", "a `b"},
		{"fence", "see:\n```python\nprint(1 < 2)\n  x\n```\nafter", `see:<br/><code language="python"><pre>print(1 &lt; 2)` + "\n  x</pre></code>after"},
		{"fence alias", "```sh\nls\n```", `<code language="shell"><pre>ls</pre></code>`},
		{"fence alias case", "```JSON\n{}\n```", `<code language="json"><pre>{}</pre></code>`},
		{"fence unknown language", "```go\nfunc(){}\n```", "<code><pre>func(){}</pre></code>"},
		{"fence no language", "```\na\n\nb\n```", "<code><pre>a\n\nb</pre></code>"},
		{"fence unclosed", "```js\nx = 1", `<code language="js"><pre>x = 1</pre></code>`},
		{"fence freemarker", "```\n${x}\n```", "<code><pre>&#36;{x}</pre></code>"},
		{"fence inline", "```a```", "<code>a</code>"},

		{"mention username", "hi @alima!", `hi <mention uid="2"/>!`},
		{"mention display name", "hi @Ana Lima, ok", `hi <mention uid="2"/>, ok`},
		{"mention shorter name", "hi @Ana there", `hi <mention uid="3"/> there`},
		{"mention with dots", "@J. R. Ewing.", `<mention uid="4"/>.`},
		{"mention sentence end", "ask @ana.", `ask <mention uid="3"/>.`},
		{"mention possessive", "@Ana Lima's turn", `<mention uid="2"/>'s turn`},
		{"mention in bold", "**@Ana Lima**", `<b><mention uid="2"/></b>`},
		{"mention unknown", "hi @nobody", "hi @nobody"},
		{"mention unresolvable", "hi @ghost", "hi @ghost"},
		{"email", "mail ana@example.com or @ana", `mail ana@example.com or <mention uid="3"/>`},
		{"at alone", "a @ b", "a @ b"},

		{"hashtag", "#release-2 ready #q3_results", `<hash tag="release-2"/> ready <hash tag="q3_results"/>`},
		{"hashtag trailing dash", "#wip-", `<hash tag="wip"/>-`},
		{"hashtag number", "item #1", "item #1"},
		{"hashtag in word", "C# and a#b", "C# and a#b"},
		{"cashtag", "buy $AAPL, $brk2 now", `buy <cash tag="AAPL"/>, <cash tag="brk2"/> now`},
		{"dollars", "costs $5 or $5.50", "costs $5 or $5.50"},
		{"cashtag in word", "a$B $C_D $", "a$B $C_D $"},

		{"emoji", "ok :smile: :thumbsup:", `ok <emoji shortcode="smile"/> <emoji shortcode="thumbsup"/>`},
		{"emoji unknown", ":nosuchemoji:", ":nosuchemoji:"},
		{"time is not emoji", "at 12:30:00", "at 12:30:00"},
		{"emoji underscore", ":smiley_cat:", `<emoji shortcode="smiley_cat"/>`},
		{"emoji plus", ":+1: ok", `<emoji shortcode="+1"/> ok`},

		{"url", "see https://example.com/a?b=1&c=2.", `see <a href="https://example.com/a?b=1&amp;c=2">https://example.com/a?b=1&amp;c=2</a>.`},
		{"url parens", "(http://x.org/wiki/Foo_(bar))", `(<a href="http://x.org/wiki/Foo_(bar)">http://x.org/wiki/Foo_(bar)</a>)`},
		{"url in bold", "**https://x.org**", `<b><a href="https://x.org">https://x.org</a></b>`},
		{"url hash", "https://x.org/#a_b", `<a href="https://x.org/#a_b">https://x.org/#a_b</a>`},
		{"url invalid", "http://x.org/{a} https://", "http://x.org/{a} https://"},
		{"url in word", "xhttps://x.org", "xhttps://x.org"},
		{"no scheme", "www.x.org mailto:a@b.c", "www.x.org mailto:a@b.c"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, data, err := FromComposer(c.in, composerUsers)
			if err != nil {
				t.Fatalf("FromComposer(%q): %v", c.in, err)
			}
			if want := "<messageML>" + c.want + "</messageML>"; got != want {
				t.Errorf("FromComposer(%q)\n got %s\nwant %s", c.in, got, want)
			}
			if data != "" {
				t.Errorf("data = %q", data)
			}
		})
	}
}

func TestFromComposerText(t *testing.T) {
	in := "Hi @Ana Lima :smile: **$AAPL** is up #q3 see https://x.org & `<b>`"
	msg, data, err := FromComposer(in, composerUsers)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Convert(msg, data, composerUsers)
	if err != nil {
		t.Fatal(err)
	}
	if want := "Hi @Ana Lima 😄 $AAPL is up #q3 see https://x.org & <b>"; res.Text != want {
		t.Errorf("text = %q, want %q", res.Text, want)
	}
}

func TestFromComposerNilDirectory(t *testing.T) {
	got, _, err := FromComposer("hi @ana", nil)
	if err != nil || got != "<messageML>hi @ana</messageML>" {
		t.Errorf("FromComposer = %q, %v", got, err)
	}
}

func TestFromComposerEntityLimit(t *testing.T) {
	in := strings.Repeat("#t ", MaxEntities+5)
	got, _, err := FromComposer(in, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(got, "<hash "); n != MaxEntities {
		t.Errorf("%d hashtags, want %d", n, MaxEntities)
	}
}

func TestFromComposerErrors(t *testing.T) {
	cases := []struct {
		name, in, want string
		is             error
	}{
		{"empty", "", "empty", ErrEmptyMessage},
		{"blank", " \n\t\r\n", "empty", ErrEmptyMessage},
		{"control", "a\x1b[31mb", "control character U+001B", nil},
		{"nul", "a\x00", "control character U+0000", nil},
		{"invalid utf-8", "a\xffb", "not valid UTF-8", nil},
		{"too long", strings.Repeat("x", MaxTextLength+1), "too long", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := FromComposer(c.in, composerUsers)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("FromComposer(%.20q) = %v, want an error about %s", c.in, err, c.want)
			}
			if c.is != nil && !errors.Is(err, c.is) {
				t.Errorf("error %v is not %v", err, c.is)
			}
			if c.name == "too long" {
				var e *Error
				if !errors.As(err, &e) {
					t.Errorf("error %v does not wrap the agent's *Error", err)
				}
			}
		})
	}
}
