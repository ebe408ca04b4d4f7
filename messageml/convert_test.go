package messageml

import (
	"testing"
)

// convertCase is one conversion: MessageML (and entity data) in,
// PresentationML and EntityJSON out. Generated ids are written {id}.
type convertCase struct {
	name string
	in   string
	data string
	pml  string
	json string // "" means "{}"
	text string // checked when not empty
}

func runConvertCases(t *testing.T, cases []convertCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Convert(tc.in, tc.data, testUsers)
			if err != nil {
				t.Fatalf("Convert: %v", err)
			}
			matchWithIDs(t, res.PresentationML, tc.pml)
			want := tc.json
			if want == "" {
				want = "{}"
			}
			assertJSONEqual(t, res.EntityJSON, want)
			if tc.text != "" && res.Text != tc.text {
				t.Errorf("Text = %q, want %q", res.Text, tc.text)
			}
		})
	}
}

func TestConvertText(t *testing.T) {
	runConvertCases(t, []convertCase{
		{name: "plain text", in: mml("Leseübungen"), pml: pml("Leseübungen"), text: "Leseübungen"},
		{
			name: "escaping",
			in:   mml(`a &lt; b &amp; c &gt; d "q" 'a' &#xA0;&#65;`),
			pml:  pml("a &lt; b &amp; c &gt; d &quot;q&quot; 'a' \u00a0A"),
			text: "a < b & c > d \"q\" 'a' \u00a0A",
		},
		{
			name: "newlines become one space",
			in:   "<messageML>\n  <p>a\n\nb</p>\r\n</messageML>",
			pml:  pml("   <p>a b</p> "),
		},
		{name: "pre keeps newlines", in: mml("<pre>a\n <b>b\nc</b></pre>"), pml: pml("<pre>a\n <b>b\nc</b></pre>")},
		{
			name: "code keeps its own newlines only",
			in:   mml("<code>a\nb<b>c\nd</b></code>"),
			pml:  pml("<code>a\nb<b>c d</b></code>"),
		},
		{name: "code language", in: mml(`<code language="java">x</code>`), pml: pml(`<code data-language="java">x</code>`)},
		{name: "code data-language wins", in: mml(`<code language="java" data-language="json">x</code>`), pml: pml(`<code data-language="json">x</code>`)},
		{name: "code drops class", in: mml(`<code class="c">x</code>`), pml: pml(`<code>x</code>`)},
		{name: "pre in code", in: mml(`<code><pre>x</pre></code>`), pml: pml(`<code><pre>x</pre></code>`)},
		{
			name: "text tags",
			in:   mml(`<p class="tempo-text-color--red">x<br/>y</p><hr/><b>b</b><i>i</i><sub>s</sub><sup>S</sup><span class="label">l</span>`),
			pml:  pml(`<p class="tempo-text-color--red">x<br/>y</p><hr/><b>b</b><i>i</i><sub>s</sub><sup>S</sup><span class="label">l</span>`),
		},
		{
			name: "attributes come in name order",
			in:   mml(`<div style="color: blue; margin: 15px;" class="c">d</div>`),
			pml:  pml(`<div class="c" style="color: blue; margin: 15px;">d</div>`),
		},
		{
			name: "style with a data URI",
			in:   mml(`<div style="background-image: url(data:image/png;base64,AAAA); color: red">d</div>`),
			pml:  pml(`<div style="background-image: url(data:image/png;base64,AAAA); color: red">d</div>`),
		},
		{
			name: "headings",
			in:   mml(`<h1>1</h1><h2>2</h2><h3>3</h3><h4>4</h4><h5>5</h5><h6 class="x">6</h6>`),
			pml:  pml(`<h1>1</h1><h2>2</h2><h3>3</h3><h4>4</h4><h5>5</h5><h6 class="x">6</h6>`),
		},
		{
			name: "link",
			in:   mml(`<a href="https://example.org/?a=1&amp;b=2" class="l">t</a>`),
			pml:  pml(`<a class="l" href="https://example.org/?a=1&amp;b=2">t</a>`),
		},
		{name: "empty link shows its URL", in: mml(`<a href="https://example.org/x"/>`), pml: pml(`<a href="https://example.org/x">https://example.org/x</a>`)},
		{name: "image", in: mml(`<img src="https://example.org/y.png" class="c"/>`), pml: pml(`<img class="c" src="https://example.org/y.png"/>`)},
		{name: "data image", in: mml(`<img src="data:image/png;base64,iVBORw0KGgo="/>`), pml: pml(`<img src="data:image/png;base64,iVBORw0KGgo="/>`)},
		{
			name: "lists",
			in:   mml("<ul>\n<li>a</li>\n<li>b</li>\n</ul><ol><li>1</li></ol>"),
			pml:  pml("<ul> <li>a</li> <li>b</li> </ul><ol><li>1</li></ol>"),
		},
		{
			name: "table",
			in:   mml(`<table class="pasted-table"><thead><tr><th>H</th></tr></thead><tbody><tr><td rowspan="+2" colspan="03">c</td></tr></tbody><tfoot><tr><td>f</td></tr></tfoot></table>`),
			pml:  pml(`<table class="pasted-table"><thead><tr><th>H</th></tr></thead><tbody><tr><td colspan="3" rowspan="2">c</td></tr></tbody><tfoot><tr><td>f</td></tr></tfoot></table>`),
		},
		{name: "xml declaration and namespace", in: `<?xml version="1.0" encoding="UTF-8"?><messageML xmlns="https://finos.org/messageml">x</messageML>`, pml: pml("x")},
	})
}

func TestConvertEntities(t *testing.T) {
	mention1 := `"mention1":{"type":"com.symphony.user.mention","version":"1.0","id":[{"type":"com.symphony.user.userId","value":"1"}]}`
	runConvertCases(t, []convertCase{
		{
			name: "mention by uid",
			in:   mml(`Hello <mention uid="1"/>!`),
			pml:  pml(`Hello <span class="entity" data-entity-id="mention1">@Bot User01</span>!`),
			json: "{" + mention1 + "}",
			text: "Hello @Bot User01!",
		},
		{
			name: "mention by email ignores its content",
			in:   mml(`Hello <mention email="bot.user1@localhost.com">This will be ignored</mention>!`),
			pml:  pml(`Hello <span class="entity" data-entity-id="mention1">@Bot User01</span>!`),
			json: "{" + mention1 + "}",
		},
		{
			name: "display name is escaped",
			in:   mml(`<mention uid="7215545058313"/>`),
			pml:  pml(`<span class="entity" data-entity-id="mention1">@Jane &lt;Doe&gt; &amp; Co</span>`),
			json: `{"mention1":{"type":"com.symphony.user.mention","version":"1.0","id":[{"type":"com.symphony.user.userId","value":"7215545058313"}]}}`,
		},
		{
			name: "soft mention of an unknown uid shows the number",
			in:   mml(`Hello <mention uid="0" strict="false"/>!`),
			pml:  pml(`Hello <span class="entity" data-entity-id="mention1">0</span>!`),
			json: `{"mention1":{"type":"com.symphony.user.mention","version":"1.0","id":[{"type":"com.symphony.user.userId","value":"0"}]}}`,
		},
		{
			name: "soft mention of an unknown email is a mailto link",
			in:   mml(`Hello <mention email="invalid@email.com" strict="false" />!`),
			pml:  pml(`Hello <a href="mailto:invalid@email.com">invalid@email.com</a>!`),
		},
		{
			name: "soft mention keeps its pretty name",
			in:   mml(`Hello <mention email="invalid@email.com" strict="false">Bot User01</mention>!`),
			pml:  pml(`Hello <a href="mailto:invalid@email.com">Bot User01</a>!`),
		},
		{
			name: "hashtag",
			in:   mml(`<hash tag="world"/>`),
			pml:  pml(`<span class="entity" data-entity-id="keyword1">#world</span>`),
			json: `{"keyword1":{"type":"org.symphonyoss.taxonomy","version":"1.0","id":[{"type":"org.symphonyoss.taxonomy.hashtag","value":"world"}]}}`,
		},
		{
			name: "cashtag ignores its content",
			in:   mml(`<cash tag="id123">$id123</cash>`),
			pml:  pml(`<span class="entity" data-entity-id="keyword1">$id123</span>`),
			json: `{"keyword1":{"type":"org.symphonyoss.fin.security","version":"1.0","id":[{"type":"org.symphonyoss.fin.security.id.ticker","value":"id123"}]}}`,
		},
		{
			name: "emoji",
			in:   mml(`<emoji shortcode="smiley"/><emoji annotation="nope" size="big" family="f"/>`),
			pml:  pml(`<span class="entity" data-entity-id="emoji1">😃</span><span class="entity" data-entity-id="emoji2">:nope:</span>`),
			json: `{"emoji1":{"type":"com.symphony.emoji","version":"1.0","data":{"shortcode":"smiley","annotation":"smiley","size":"normal","unicode":"😃"}},` +
				`"emoji2":{"type":"com.symphony.emoji","version":"1.0","data":{"shortcode":"nope","annotation":"nope","size":"big","family":"f"}}}`,
		},
		{
			name: "emoji keeps its content",
			in:   mml(`<emoji shortcode="+1"><b>yes</b></emoji>`),
			pml:  pml(`<span class="entity" data-entity-id="emoji1"><b>yes</b></span>`),
			json: `{"emoji1":{"type":"com.symphony.emoji","version":"1.0","data":{"shortcode":"+1","annotation":"+1","size":"normal","unicode":"👍"}}}`,
		},
		{
			name: "dateTime",
			in: "<messageML>\n" +
				"<dateTime value=\"2024-12-31T09:29:47Z\" format=\"date\"/>\n" +
				"<dateTime value=\"2025-12-31T09:29:47+01:00\" format=\"time\"/>\n" +
				"<dateTime value=\"2027-12-31T09:29:47.123Z\"/>\n" +
				"</messageML>",
			pml: pml(` <span><time data-entity-id="datetime1" datetime="2024-12-31T09:29:47Z" data-format="date">2024-12-31T09:29:47Z</time></span> ` +
				`<span><time data-entity-id="datetime2" datetime="2025-12-31T09:29:47+01:00" data-format="time">2025-12-31T09:29:47+01:00</time></span> ` +
				`<span><time data-entity-id="datetime3" datetime="2027-12-31T09:29:47.123Z">2027-12-31T09:29:47.123Z</time></span> `),
			json: `{"datetime1":{"type":"org.symphonyoss","version":"1.0","data":{"value":"2024-12-31T09:29:47Z","type":"org.symphonyoss.datetime","format":"date"}},` +
				`"datetime2":{"type":"org.symphonyoss","version":"1.0","data":{"value":"2025-12-31T09:29:47+01:00","type":"org.symphonyoss.datetime","format":"time"}},` +
				`"datetime3":{"type":"org.symphonyoss","version":"1.0","data":{"value":"2027-12-31T09:29:47.123Z","type":"org.symphonyoss.datetime","format":null}}}`,
		},
		{
			name: "one counter for all kinds",
			in:   mml(`<mention uid="1"/><hash tag="a"/><emoji shortcode="no_such"/><mention uid="1"/><cash tag="b"/>`),
			pml: pml(`<span class="entity" data-entity-id="mention1">@Bot User01</span><span class="entity" data-entity-id="keyword2">#a</span>` +
				`<span class="entity" data-entity-id="emoji3">:no_such:</span><span class="entity" data-entity-id="mention4">@Bot User01</span>` +
				`<span class="entity" data-entity-id="keyword5">$b</span>`),
			json: `{` + mention1 + `,"keyword2":{"type":"org.symphonyoss.taxonomy","version":"1.0","id":[{"type":"org.symphonyoss.taxonomy.hashtag","value":"a"}]},` +
				`"emoji3":{"type":"com.symphony.emoji","version":"1.0","data":{"shortcode":"no_such","annotation":"no_such","size":"normal"}},` +
				`"mention4":{"type":"com.symphony.user.mention","version":"1.0","id":[{"type":"com.symphony.user.userId","value":"1"}]},` +
				`"keyword5":{"type":"org.symphonyoss.fin.security","version":"1.0","id":[{"type":"org.symphonyoss.fin.security.id.ticker","value":"b"}]}}`,
		},
		{
			name: "structured object keeps its entities inside it",
			in:   mml(`<div class="entity" data-entity-id="obj1">fallback <mention uid="1"/></div>`),
			data: `{"obj1":{"type":"com.acme.thing","version":"1.0"},"other":{"type":"x"}}`,
			pml:  pml(`<div class="entity" data-entity-id="obj1">fallback <span class="entity" data-entity-id="mention1">@Bot User01</span></div>`),
			json: `{"obj1":{"type":"com.acme.thing","version":"1.0",` + mention1 + `},"other":{"type":"x"}}`,
		},
		{
			name: "entity data given as a JSON string",
			in:   mml(`<span class="entity" data-entity-id="o">x</span>`),
			data: `"{\"o\":{\"type\":\"com.acme\"}}"`,
			pml:  pml(`<span class="entity" data-entity-id="o">x</span>`),
			json: `{"o":{"type":"com.acme"}}`,
		},
		{
			name: "entity span of a mention is rendered from the directory",
			in:   mml(`Hello <span class="entity" data-entity-id="m">@Old Name</span>`),
			data: `{"m":{"type":"com.symphony.user.mention","version":"1.0","id":[{"type":"com.symphony.user.userId","value":1}]}}`,
			pml:  pml(`Hello <span class="entity" data-entity-id="m">@Bot User01</span>`),
			json: `{"m":{"type":"com.symphony.user.mention","version":"1.0","id":[{"type":"com.symphony.user.userId","value":1}]}}`,
		},
		{
			name: "entity div of a security shows its first id",
			in:   mml(`<div class="entity" data-entity-id="123"><b><cash tag="Apple"/></b></div>`),
			data: `{"123":{"type":"org.symphonyoss.fin.security","version":"0.1","id":[{"type":"org.symphonyoss.fin.security.id.isin","value":"US0378331005"}]}}`,
			pml:  pml(`<div class="entity" data-entity-id="123">$US0378331005</div>`),
			json: `{"123":{"type":"org.symphonyoss.fin.security","version":"0.1","id":[{"type":"org.symphonyoss.fin.security.id.isin","value":"US0378331005"}],` +
				`"keyword1":{"type":"org.symphonyoss.fin.security","version":"1.0","id":[{"type":"org.symphonyoss.fin.security.id.ticker","value":"Apple"}]}}}`,
		},
		{
			name: "entity span of a hashtag",
			in:   mml(`<span class="entity" data-entity-id="h">whatever</span>`),
			data: `{"h":{"type":"org.symphonyoss.taxonomy","version":"1.0","id":[{"type":"org.symphonyoss.taxonomy.hashtag","value":"bot"}]}}`,
			pml:  pml(`<span class="entity" data-entity-id="h">#bot</span>`),
			json: `{"h":{"type":"org.symphonyoss.taxonomy","version":"1.0","id":[{"type":"org.symphonyoss.taxonomy.hashtag","value":"bot"}]}}`,
		},
	})
}

func TestConvertSymphonyElements(t *testing.T) {
	runConvertCases(t, []convertCase{
		{
			name: "chime",
			in:   mml(`<chime/>`),
			pml:  pml(`<audio src="https://asset.symphony.com/symphony/audio/chime.mp3" autoplay="true"/>`),
		},
		{
			name: "card",
			in:   mml(`<card iconSrc="icon.png" accent="mauve" class="label"><header>H</header><body>B</body></card>`),
			pml:  pml(`<div class="card label" data-icon-src="icon.png" data-accent-color="mauve"><div class="cardHeader">H</div><div class="cardBody">B</div></div>`),
		},
		{name: "plain card", in: mml(`<card><body>B</body></card>`), pml: pml(`<div class="card"><div class="cardBody">B</div></div>`)},
		{
			name: "expandable card",
			in:   mml(`<expandable-card state="collapsed"><header>H</header><body variant="error">B</body></expandable-card>`),
			pml:  pml(`<div class="expandable-card" data-state="collapsed"><div class="expandableCardHeader">H</div><div class="expandableCardBody" data-variant="error">B</div></div>`),
		},
		{
			name: "ui-action open-im",
			in:   mml(`<ui-action action="open-im" user-ids="[123, 456]" side-by-side="false"><button class="primary">Chat</button></ui-action>`),
			pml:  pml(`<div class="ui-action" data-action="open-im" data-trigger="click" data-user-ids="[123, 456]" data-side-by-side="false"><button class="primary">Chat</button></div>`),
		},
		{
			name: "ui-action on a stream",
			in:   mml(`<ui-action trigger="click" action="open-im" stream-id="iWyZBIOdQQzQj0tKOLRivX___qu6YeyZdA=="><button>Go</button></ui-action>`),
			pml:  pml(`<div class="ui-action" data-action="open-im" data-trigger="click" data-stream-id="iWyZBIOdQQzQj0tKOLRivX___qu6YeyZdA=="><button>Go</button></div>`),
		},
		{
			name: "dialog opened by a ui-action",
			in: mml(`<ui-action action="open-dialog" target-id="dialogId"><button>Open the Dialog</button></ui-action>` +
				`<dialog id="dialogId"><title>title</title><body>body</body><footer>footer</footer></dialog>`),
			pml: pml(`<div class="ui-action" data-action="open-dialog" data-trigger="click" data-target-id="{id}-dialogId"><button>Open the Dialog</button></div>` +
				`<dialog data-width="medium" data-state="close" id="{id}-dialogId" open=""><div class="dialog-title">title</div><div class="dialog-body">body</div><div class="dialog-footer">footer</div></dialog>`),
		},
		{
			name: "dialog holding a form",
			in: mml(`<dialog id="d" width="large" state="open"><form id="f"><title>T</title><body><text-field name="n"/></body>` +
				`<footer><button name="send">Send</button></footer></form></dialog>`),
			pml: pml(`<dialog data-width="large" data-state="open" id="{id}-d" open=""><form id="f"><div class="dialog-title">T</div>` +
				`<div class="dialog-body"><input type="text" name="n"/></div><div class="dialog-footer"><button type="action" name="send">Send</button></div></form></dialog>`),
		},
	})
}

func TestConvertForms(t *testing.T) {
	form := func(body string) string { return mml(`<form id="f">` + body + `<button name="go">Go</button></form>`) }
	formPML := func(body string) string {
		return pml(`<form id="f">` + body + `<button type="action" name="go">Go</button></form>`)
	}
	runConvertCases(t, []convertCase{
		{
			name: "form and buttons",
			in: mml(`<form id="f" multi-submit="reset"><button type="action" class="primary-destructive" name="a" icon="star" title="hint">A</button>` +
				`<button type="reset">R</button><button type="cancel" name="c" formnovalidate="true">C</button></form>`),
			pml: pml(`<form id="f" data-multi-submit="reset"><button type="action" class="primary" data-icon="star" name="a" data-title="hint">A</button>` +
				`<button type="reset">R</button><button type="cancel" name="c" data-formnovalidate="true">C</button></form>`),
		},
		{
			name: "text field",
			in:   form(`<text-field name="t" placeholder="p" required="true" masked="true" minlength="2" maxlength="10" auto-submit="true" formnovalidate="false">init</text-field>`),
			pml:  formPML(`<input type="text" name="t" placeholder="p" required="true" data-masked="true" minlength="2" maxlength="10" data-auto-submit="true" data-formnovalidate="false" value="init"/>`),
		},
		{
			name: "text field with label and tooltip",
			in: "<messageML>\n  <form id=\"example\">\n" +
				`    <text-field title="This only \n accept regex characters" label="Username" name="login" pattern="^[a-zA-Z]{3,}$" pattern-error-message=""/>` +
				"    <button type=\"action\" name=\"send-answers\">Submit</button>\n  </form>\n</messageML>",
			pml: `<div data-format="PresentationML" data-version="2.0">   <form id="example">     <div class="textfield-group" data-generated="true"><label for="textfield-{id}">Username</label>` +
				`<span class="info-hint" data-target-id="textfield-{id}" data-title="This only \n accept regex characters"></span>` +
				`<input type="text" name="login" pattern="^[a-zA-Z]{3,}$" data-pattern-error-message="" id="textfield-{id}"/></div>` +
				`    <button type="action" name="send-answers">Submit</button>   </form> </div>`,
		},
		{
			name: "textarea with label and tooltip",
			in:   form(`<textarea name="justification" pattern="^((?!badword).)*$" pattern-error-message="" title="T" label="Justification"/>`),
			pml: formPML(`<div class="textarea-group" data-generated="true"><label for="textarea-{id}">Justification</label>` +
				`<span class="info-hint" data-target-id="textarea-{id}" data-title="T"></span>` +
				`<textarea name="justification" pattern="^((?!badword).)*$" data-pattern-error-message="" id="textarea-{id}"></textarea></div>`),
		},
		{
			name: "textarea keeps the newlines of its value",
			in:   form("<textarea name=\"t\" placeholder=\"p\" rows=\"3\">line 1\nline 2</textarea>"),
			pml:  formPML("<textarea name=\"t\" placeholder=\"p\" rows=\"3\">line 1\nline 2</textarea>"),
		},
		{
			name: "rich text area",
			in:   form(`<richtextarea name="r" placeholder="p">init</richtextarea>`),
			pml:  formPML(`<textarea name="r" data-richtext="true" placeholder="p">init</textarea>`),
		},
		{
			name: "select",
			in:   form(`<select data-placeholder="Choose" name="s" required="true"><option value="a">A</option><option value="b" selected="true">B</option></select>`),
			pml:  formPML(`<select data-placeholder="Choose" name="s" required="true"><option value="a">A</option><option selected="true" value="b">B</option></select>`),
		},
		{
			name: "multiple select with label",
			in:   form(`<select name="m" multiple="true" min="1" max="2" label="Pick"><option value="a" selected="true">A</option><option value="b" selected="true">B</option></select>`),
			pml: formPML(`<div class="dropdown-group" data-generated="true"><label for="dropdown-{id}">Pick</label>` +
				`<select data-max="2" data-min="1" multiple="true" name="m" id="dropdown-{id}"><option selected="true" value="a">A</option><option selected="true" value="b">B</option></select></div>`),
		},
		{
			name: "checkbox and radio",
			in:   form(`<checkbox name="c" value="v" checked="true">Check <b>me</b></checkbox><checkbox name="bare"/><radio name="r" value="1">One</radio>`),
			pml: formPML(`<div class="checkbox-group"><input type="checkbox" name="c" checked="true" value="v" id="checkbox-group-{id}"/><label for="checkbox-group-{id}">Check <b>me</b></label></div>` +
				`<input type="checkbox" name="bare" value="on"/>` +
				`<div class="radio-group"><input type="radio" name="r" value="1" id="radio-group-{id}"/><label for="radio-group-{id}">One</label></div>`),
		},
		{
			name: "person selector with label and tooltip",
			in:   form(`<person-selector label="Awesome users" name="awesome-users" title="Indicate \n awesome users" value="[123]" required="true"/>`),
			pml: formPML(`<div class="person-selector-group" data-generated="true"><label for="person-selector-{id}">Awesome users</label>` +
				`<span class="info-hint" data-target-id="person-selector-{id}" data-title="Indicate \n awesome users"></span>` +
				`<div class="person-selector" data-name="awesome-users" data-required="true" data-value="[123]" id="person-selector-{id}"></div></div>`),
		},
		{
			name: "room selector",
			in:   form(`<room-selector name="rooms" placeholder="Rooms" value="['iWyZBIOdQQzQj0tKOLRivX___qu6YeyZdA==']"/>`),
			pml:  formPML(`<div class="room-selector" data-name="rooms" data-placeholder="Rooms" data-value="['iWyZBIOdQQzQj0tKOLRivX___qu6YeyZdA==']"></div>`),
		},
		{
			name: "date selector",
			in:   form(`<date-selector name="d" placeholder="When" required="true"/>`),
			pml:  formPML(`<div class="date-selector" data-name="d" data-placeholder="When" data-required="true"></div>`),
		},
		{
			name: "date picker",
			in: form("<date-picker \n      name=\"date-travel\"\n      value=\"2020-09-15\"\n      placeholder=\"Please pick a date\"\n" +
				"      min=\"2020-09-01\"\n      max=\"2020-09-29\"\n" +
				`      disabled-date='[{"day": "2020-09-23"}, {"from": "2020-09-18", "to": "2020-09-20"}, {"daysOfWeek": [0,1]}]'` +
				`      highlighted-date='[{"day": "2020-09-24"}]'` +
				"      required=\"true\"\n      format=\"yyyy-MM-dd\"\n      formnovalidate=\"true\"    />"),
			pml: formPML(`<input type="date" name="date-travel" value="2020-09-15" placeholder="Please pick a date" min="2020-09-01" max="2020-09-29" required="true" ` +
				`data-disabled-date='[{"type":"date","day":"2020-09-23"},{"type":"range","from":"2020-09-18","to":"2020-09-20"},{"type":"weekdays","daysOfWeek":[0,1]}]' ` +
				`data-highlighted-date='[{"type":"date","day":"2020-09-24"}]' data-format="yyyy-MM-dd" data-formnovalidate="true"></input>`),
		},
		{
			name: "time picker",
			in:   form(`<time-picker name="t" value="10:00:00" min="08:00:00" max="18:00:00" step="900" format="hh:mm a" strict="true" disabled-time='[{"time":"12:00:00"},{"from":"13:00:00","to":"14:00:00"}]' label="When"/>`),
			pml: formPML(`<div class="time-picker-group" data-generated="true"><label for="time-picker-{id}">When</label>` +
				`<input type="time" name="t" value="10:00:00" min="08:00:00" max="18:00:00" step="900" data-format="hh:mm a" data-strict="true" ` +
				`data-disabled-time='[{"type":"time","time":"12:00:00"},{"type":"range","from":"13:00:00","to":"14:00:00"}]' id="time-picker-{id}"/></div>`),
		},
		{
			name: "timezone picker",
			in:   form(`<timezone-picker name="tz" value="Europe/Paris" placeholder="Zone" required="false" disabled-timezone='["America/New_York", "UTC"]'/>`),
			pml:  formPML(`<div class="timezone-picker" data-name="tz" data-value="Europe/Paris" data-placeholder="Zone" data-disabled-timezone='["America/New_York","UTC"]' data-required="false"></div>`),
		},
		{
			name: "PresentationML inputs in a form",
			in:   form(`<input type="checkbox" name="c"/><input type="text" name="t" value="v" data-masked="true"/>`),
			pml:  formPML(`<input type="checkbox" name="c" value="on"/><input type="text" name="t" data-masked="true" value="v"/>`),
		},
	})
}

func TestConvertPresentationML(t *testing.T) {
	mentionData := `{"0":{"type":"com.symphony.user.mention","id":[{"type":"com.symphony.user.userId","value":"13056700580915"}]}}`
	runConvertCases(t, []convertCase{
		{
			name: "client message",
			in:   `<div data-format="PresentationML" data-version="2.0" class="wysiwyg"><p>hi <span class="entity" data-entity-id="0">@Someone</span></p></div>`,
			data: mentionData,
			pml:  pml(`<p>hi <span class="entity" data-entity-id="0">@Someone</span></p>`),
			json: mentionData,
			text: "hi @Someone",
		},
		{
			name: "code language is normalised",
			in:   "<div data-format=\"PresentationML\" data-version=\"2.0\"><code language=\"java\" class=\"x\">a\nb</code><pre>c\nd</pre><br/>e\nf</div>",
			pml:  pml("<code data-language=\"java\">a\nb</code><pre>c\nd</pre><br/>e f"),
		},
		{
			name: "form markup passes through",
			in:   `<div data-format="presentationml" data-version="2.0"><form id="f"><input type="text" name="n"/><button type="action" name="b">B</button></form></div>`,
			pml:  pml(`<form id="f"><input type="text" name="n"/><button type="action" name="b">B</button></form>`),
		},
	})
}

func TestConvertIsDeterministic(t *testing.T) {
	in := mml(`<form id="f"><text-field name="t" label="L"/><checkbox name="c">C</checkbox><button name="b">B</button></form>` +
		`<ui-action action="open-dialog" target-id="d"><button>O</button></ui-action><dialog id="d"><title>T</title><body>B</body></dialog>`)
	first, err := Convert(in, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		again, err := Convert(in, "", nil)
		if err != nil {
			t.Fatal(err)
		}
		if again != first {
			t.Fatalf("conversions differ:\n%s\n%s", first.PresentationML, again.PresentationML)
		}
	}
}

func TestConvertDoesNotChangeItsInputData(t *testing.T) {
	data := `{"b":{"type":"x"},"a":{"type":"y"}}`
	res, err := Convert(mml(`<hash tag="t"/>`), data, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"b":{"type":"x"},"a":{"type":"y"},"keyword1":{"type":"org.symphonyoss.taxonomy","version":"1.0","id":[{"type":"org.symphonyoss.taxonomy.hashtag","value":"t"}]}}`
	if res.EntityJSON != want {
		t.Errorf("EntityJSON = %s, want the data's keys first, in order:\n%s", res.EntityJSON, want)
	}
}
