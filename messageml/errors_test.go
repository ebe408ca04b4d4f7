package messageml

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestConvertRejects(t *testing.T) {
	form := func(body string) string { return mml(`<form id="f">` + body + `<button name="go">Go</button></form>`) }
	tests := []struct {
		name, in, data, want string
	}{
		// Input as a whole.
		{"empty", "  \n", "", "Error parsing message: the message cannot be null or empty"},
		{"control character", mml("a\x01b"), "", "Invalid control characters in message"},
		{"freemarker expression", mml("Hi ${name}"), "", `Freemarker templates are not supported: the message contains "${"`},
		{"freemarker directive", mml(`<#list items as i>x</#list>`), "", `Freemarker templates are not supported: the message contains "<#"`},
		{"wrong root", `<p>x</p>`, "", "Root tag must be <messageML> or <div>"},
		{"bad entity data", mml("x"), `{"a":`, "Error parsing EntityJSON: unexpected EOF"},
		{"entity data not an object", mml("x"), `[1]`, "Error parsing EntityJSON: provided content is not a JSON object"},
		{"beta", `<messageML beta="true">x</messageML>`, "", `Attribute "beta" on element "messageML" is only allowed when MessageMLContext is initialized with beta=true`},
		{"root attribute", `<messageML class="x">x</messageML>`, "", `Element "messageML" may not have attributes`},

		// Well-formedness.
		{"unclosed tag", mml("<p>x"), "", `Invalid messageML: The element type "p" must be terminated by the matching end-tag "</p>".`},
		{"unclosed root", "<messageML><p>x</p>", "", "Invalid messageML: XML document structures must start and end within the same entity."},
		{"named HTML entity", mml("a&nbsp;b"), "", `Invalid messageML: The entity "nbsp" was referenced, but not declared.`},
		{"bare ampersand", mml("a & b"), "", "Invalid messageML: The entity name must immediately follow the '&' in the entity reference."},
		{"unquoted attribute", mml(`<a href=x>y</a>`), "", `Invalid messageML: Open quote is expected for attribute "href" associated with an  element type  "a".`},
		{"duplicate attribute", mml(`<p class="a" class="b">y</p>`), "", `Invalid messageML: Attribute "class" was already specified for element "p".`},
		{"less-than in attribute", mml(`<p class="<">y</p>`), "", `Invalid messageML: The value of attribute "class" associated with an element type "p" must not contain the '<' character.`},
		{"doctype", `<!DOCTYPE x><messageML>x</messageML>`, "", `Invalid messageML: DOCTYPE is disallowed when the feature "http://apache.org/xml/features/disallow-doctype-decl" set to true.`},
		{"text after root", mml("x") + "y", "", "Invalid messageML: Content is not allowed in trailing section."},
		{"second root", mml("x") + "<p/>", "", "Invalid messageML: The markup in the document following the root element must be well-formed."},
		{"text before root", "x" + mml("x"), "", "Invalid messageML: Content is not allowed in prolog."},
		{"bad character reference", mml("&#1;"), "", `Invalid messageML: Character reference "&#1" is an invalid XML character.`},
		{"comment", mml("a<!-- c -->b"), "", `Invalid element "#comment"`},
		{"cdata", mml("<![CDATA[x]]>"), "", `Invalid element "#cdata-section"`},
		{"processing instruction", mml("<?php echo 1; ?>"), "", `Invalid element "php"`},

		// Vocabulary and attributes.
		{"unknown tag", mml("<foo/>"), "", `Invalid MessageML content at element "foo"`},
		{"underline is not MessageML", mml("<u>x</u>"), "", `Invalid MessageML content at element "u"`},
		{"unknown attribute", mml(`<p foo="1">x</p>`), "", `Attribute "foo" is not allowed in "p"`},
		{"style property", mml(`<p style="position: fixed">x</p>`), "", `Invalid property(s): [position] in the "style" attribute`},
		{"unparseable style", mml(`<p style="color">x</p>`), "", `Unparseable "style" attribute: color`},
		{"br attribute", mml(`<br class="x"/>`), "", `Attribute "class" is not allowed in "br"`},
		{"br content", mml(`<br>x</br>`), "", `Element "br" may not have child elements or text content`},
		{"block in bold", mml("<b><div>x</div></b>"), "", `Element "div" is not allowed in "b"`},
		{"list text", mml("<ul>x<li>a</li></ul>"), "", `Element "ul" may not have text content`},
		{"empty list", mml("<ol> </ol>"), "", `The "ol" element must have at least one child that is any of the following elements: [listitem].`},
		{"list item outside a list", mml("<li>x</li>"), "", `Element "li" can only be a child of the following elements: [orderedlist, bulletlist]`},
		{"table cell in a table", mml("<table><td>x</td></table>"), "", `Element "td" is not allowed in "table"`},
		{"bad rowspan", mml(`<table><tr><td rowspan="two">x</td></tr></table>`), "", `Invalid input: rowspan must be a int64 value not "two"`},
		{"th has no rowspan", mml(`<table><tr><th rowspan="2">x</th></tr></table>`), "", `Attribute "rowspan" is not allowed in "th"`},
		{"image without src", mml(`<img/>`), "", `The attribute "src" is required`},
		{"link without href", mml(`<a>x</a>`), "", `The attribute "href" is required`},
		{"relative link", mml(`<a href="/x">x</a>`), "", `The attribute "href" must contain an absolute URI`},
		{"link scheme", mml(`<a href="javascript:alert(1)">x</a>`), "", `URI scheme "javascript" is not supported by the pod.`},
		{"malformed link", mml(`<a href="http://a b">x</a>`), "", `Invalid input: href must be a URI value not "http://a b"`},
		{"code language", mml(`<code language="cobol">x</code>`), "", `Attribute "language" of element "code" can only be one of the following values: [plaintext, c, cpp, csharp, css, html, java, js, jsx, php, python, r, typescript, tsx, markdown, json, scala, shell, yaml].`},

		// Entities.
		{"mention of an unknown uid", mml(`<mention uid="0"/>`), "", `Failed to lookup user "0"`},
		{"mention of an unknown email", mml(`<mention email="nobody@example.com"/>`), "", `Failed to lookup user "nobody@example.com"`},
		{"malformed uid", mml(`<mention uid="bot.user1"/>`), "", `Invalid input: uid must be a int64 value not "bot.user1"`},
		{"mention class", mml(`<mention uid="1" class="label"/>`), "", `Attribute "class" is not allowed in "mention"`},
		{"hashtag of punctuation", mml(`<hash tag="!!"/>`), "", "Values of the attribute 'tag' for the element 'hash' must match the pattern [\\S]*[^\\s!@#$%^&*()+=<>,./?`~:;'\"\\\\|-]+[\\S]*$."},
		{"hashtag with space", mml(`<hash tag="a b"/>`), "", "Values of the attribute 'tag' for the element 'hash' must match the pattern [\\S]*[^\\s!@#$%^&*()+=<>,./?`~:;'\"\\\\|-]+[\\S]*$."},
		{"cashtag without tag", mml(`<cash/>`), "", `The attribute "tag" is required`},
		{"emoji without shortcode", mml(`<emoji/>`), "", `Either the attribute "shortcode" or "annotation" are required`},
		{"emoji shortcode", mml(`<emoji shortcode=":smiley:"/>`), "", "Shortcode or Annotation parameter may only contain alphanumeric characters, underscore, plus sign and dash"},
		{"dateTime without value", mml(`<dateTime format="date"/>`), "", `The attribute "value" is required`},
		{"dateTime value", mml(`<dateTime value="2024-12-01"/>`), "", `Attribute "value" has invalid date format`},
		{"dateTime impossible day", mml(`<dateTime value="2024-02-30T10:00:00Z"/>`), "", `Attribute "value" has invalid date format`},
		{"dateTime format", mml(`<dateTime value="2027-12-31T09:29:47Z" format="test"/>`), "", `Attribute "format" of element "dateTime" can only be one of the following values: [date_time, date, time, time_secs].`},
		{"entity without data", mml(`<span class="entity" data-entity-id="x">y</span>`), "", `Error processing EntityJSON: no entity data provided for "data-entity-id"="x"`},
		{"entity data not an object", mml(`<span class="entity" data-entity-id="x">y</span>`), `{"x":1}`, `Error processing EntityJSON: the node "x" has to be an object`},
		{"entity without id", mml(`<div class="entity">y</div>`), "", `The attribute "data-entity-id" is required`},
		{"entity id without class", mml(`<span data-entity-id="x">y</span>`), `{"x":{}}`, `The attribute "data-entity-id" is only allowed if the element class is "entity".`},
		{"duplicate entity data", mml(`<span class="entity" data-entity-id="x">y</span>`), `{"a":{"x":{}},"x":{}}`, `Duplicate "data-entity-id"="x" in entityJSON`},
		{"entity span of an unknown user", mml(`<span class="entity" data-entity-id="m">@x</span>`), `{"m":{"type":"com.symphony.user.mention","id":[{"type":"com.symphony.user.userId","value":0}]}}`, `Failed to lookup user "0"`},

		// Symphony elements.
		{"chime with company", mml(`<chime/>x`), "", "Chime messages may not have any other content"},
		{"nested chime", mml(`<p><chime/></p>`), "", `Element "chime" has to be the only element in the message.`},
		{"card header outside a card", mml(`<header>x</header>`), "", `Element "header" can only be a child of the following elements: [card]`},
		{"card body attribute", mml(`<card><body class="x">B</body></card>`), "", `Attribute "class" is not allowed in "body"`},
		{"expandable card without state", mml(`<expandable-card><body>B</body></expandable-card>`), "", `The attribute "state" is required`},
		{"expandable card state", mml(`<expandable-card state="open"><body>B</body></expandable-card>`), "", `Attribute "state" of element "expandable-card" can only be one of the following values: [collapsed, cropped, expanded].`},
		{"body variant", mml(`<expandable-card state="cropped"><body variant="warning">B</body></expandable-card>`), "", `Attribute "variant" of element "body" can only be one of the following values: [default, error].`},
		{"ui-action without button", mml(`<ui-action action="open-im" user-ids="[1]"> </ui-action>`), "", `The "ui-action" element must have at least one child that is any of the following elements: [button, uiaction].`},
		{"ui-action action", mml(`<ui-action action="open-room" user-ids="[1]"><button>x</button></ui-action>`), "", `Attribute "action" of element "ui-action" can only be one of the following values: [open-im, open-dialog].`},
		{"ui-action target", mml(`<ui-action action="open-im"><button>x</button></ui-action>`), "", `At least one between "stream-id" and "user-ids" should be present`},
		{"ui-action user ids", mml(`<ui-action action="open-im" user-ids="1,2"><button>x</button></ui-action>`), "", `Attribute "user-ids" contains an unsupported format, should be an array of user ids`},
		{"ui-action too many users", mml(`<ui-action action="open-im" user-ids="[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16]"><button>x</button></ui-action>`), "", `Attribute "user-ids" contains more values than allowed. Max value is 15`},
		{"ui-action button name", mml(`<ui-action action="open-im" user-ids="[1]"><button name="b">x</button></ui-action>`), "", `Attributes "type" and "name" are not allowed on a button inside a UIAction.`},
		{"dialog without its target", mml(`<ui-action action="open-dialog" target-id="d"><button>x</button></ui-action>`), "", "ui-action with a target-id must have only one dialog sibling with a matching id"},
		{"dialog without title", mml(`<dialog id="d"><body>B</body></dialog>`), "", `The "dialog" element must have at least one child that is any of the following elements: [title].`},
		{"dialog id", mml(`<dialog id="a b"><title>T</title><body>B</body></dialog>`), "", `The attribute "id" is required and must not contain any whitespace`},
		{"dialog width", mml(`<dialog id="d" width="huge"><title>T</title><body>B</body></dialog>`), "", `Attribute "width" of element "dialog" can only be one of the following values: [small, medium, large, full-width].`},

		// Forms.
		{"form without action button", mml(`<form id="f"><button type="reset">R</button></form>`), "", "The form with id 'f' should have at least one action button"},
		{"form without id", mml(`<form><button name="b">B</button></form>`), "", `The attribute "id" is required`},
		{"nested form", mml(`<form id="a"><form id="b"><button name="x">X</button></form><button name="y">Y</button></form>`), "", `Element "form" cannot be an inner child of the following elements: [form]`},
		{"duplicate form ids", mml(`<form id="a"><button name="x">X</button></form><form id="a"><button name="y">Y</button></form>`), "", "Elements must have unique ids. The following value is not unique: [a]."},
		{"button outside a form", mml(`<button type="reset">R</button>`), "", `Element "button" can only be a inner child of the following elements: [form, uiaction]`},
		{"button without name", form(`<button type="action">A</button>`), "", `Attribute "name" is required for action buttons`},
		{"button type", form(`<button type="potato">A</button>`), "", `Attribute "type" must be "action", "reset" or "cancel"`},
		{"button class", form(`<button type="reset" class="outclassed">A</button>`), "", `Attribute "class" must be "primary", "secondary", "tertiary" or "destructive" ("primary-destructive" and "secondary-destructive" are deprecated)`},
		{"button without text", form(`<button type="action" name="b"></button>`), "", `The "button" element must have at least one child that is any of the following elements: [text content].`},
		{"text field outside a form", mml(`<text-field name="t"/>`), "", `Element "text-field" can only be a inner child of the following elements: [form]`},
		{"text field without name", form(`<text-field placeholder="p"/>`), "", `The attribute "name" is required`},
		{"text field id", form(`<text-field name="t" id="x"/>`), "", `Attribute "id" is not allowed in "text-field"`},
		{"text field pattern message", form(`<text-field name="t" pattern="a+"/>`), "", `The attribute "pattern-error-message" is mandatory when attribute "pattern" is defined`},
		{"text field regex", form(`<text-field name="t" pattern="(a" pattern-error-message="m"/>`), "", `The regex "(a" is not valid`},
		{"text field length", form(`<text-field name="t" maxlength="200"/>`), "", `The attribute "maxlength" must be between 1 and 128`},
		{"text field value length", form(`<text-field name="t" maxlength="3">long value</text-field>`), "", `The length of this text-field's initial value must be between 1 and 3`},
		{"text field masked", form(`<text-field name="t" masked="yes"/>`), "", `Attribute "masked" of element "text-field" can only be one of the following values: [true, false].`},
		{"text field content", form(`<text-field name="t"><b>x</b></text-field>`), "", `Element "b" is not allowed in "text-field"`},
		{"textarea rows", form(`<textarea name="t" rows="-1"/>`), "", `Attribute "rows" is not valid, it must be an integer >= 0`},
		{"select without option", form(`<select name="s"> </select>`), "", `The "select" element must have at least one child that is any of the following elements: [option].`},
		{"select with two selected", form(`<select name="s"><option value="1" selected="true">1</option><option selected="true" value="2">2</option></select>`), "", `Element "select" can only have one selected "option"`},
		{"select min without multiple", form(`<select name="s" min="1"><option value="1">1</option></select>`), "", `Attribute "min" is not allowed. Attribute "multiple" missing`},
		{"option without value", form(`<select name="s"><option>1</option></select>`), "", `The attribute "value" is required`},
		{"option outside select", mml(`<option value="1">1</option>`), "", `Element "option" can only be a child of the following elements: [select]`},
		{"checkbox without name", form(`<checkbox>c</checkbox>`), "", `The attribute "name" is required`},
		{"checkbox content", form(`<checkbox name="c"><p>c</p></checkbox>`), "", `Element "p" is not allowed in "checkbox"`},
		{"too many checkboxes", mml(`<form id="f">` + strings.Repeat(`<checkbox name="c">c</checkbox>`, 51) + `<button name="b">B</button></form>`), "", `Element "form" cannot have more than 50 children of the following elements: [checkbox, radio].`},
		{"person selector value", form(`<person-selector name="p" value="[abc]"/>`), "", `Attribute "value" contains an unsupported format, should be an array of user ids`},
		{"person selector content", form(`<person-selector name="p">x</person-selector>`), "", `Element "person-selector" may not have child elements or text content`},
		{"date picker value", form(`<date-picker name="d" value="15/09/2020"/>`), "", `Attribute "value" has invalid date format`},
		{"date picker intervals", form(`<date-picker name="d" disabled-date='[{"from": "2020-09-18"}]'/>`), "", "Date interval 'type' is unknown or null"},
		{"date picker interval date", form(`<date-picker name="d" highlighted-date='[{"day": "2020-09"}]'/>`), "", `"2020-09" is not a valid date in ISO_8601 format`},
		{"date picker format", form(`<date-picker name="d" format="yyyy-MM-dd HH:mm:ss"/>`), "", `Attribute "format" contains an unsupported date format, only 'M', 'd' and 'y' are supported with a space or '.','-','/',':' as separator`},
		{"date picker name length", form(`<date-picker name="` + strings.Repeat("n", 65) + `"/>`), "", `The attribute "name" length is bigger than maximum allowed [64]`},
		{"time picker step", form(`<time-picker name="t" step="60"/>`), "", `Attribute "step" must be less than "43200" and more than "600".`},
		{"time picker value", form(`<time-picker name="t" value="10:00"/>`), "", `Attribute "value" has invalid time format, only HH:mm:ss format is allowed`},
		{"time picker format", form(`<time-picker name="t" format="HH:mm:ss.SSS"/>`), "", `Attribute "format" contains an unsupported time format, only 'h', 'm' 's' and 'a' are supported with ':' or space as separator`},
		{"timezone", form(`<timezone-picker name="tz" value="Mars/Olympus"/>`), "", `Attribute "value" contains an invalid timezone: Mars/Olympus`},
		{"disabled timezones", form(`<timezone-picker name="tz" disabled-timezone='{"a":1}'/>`), "", `Error parsing json in attribute "disabled-timezone". It should contain an array of Strings`},
		{"unknown input type", form(`<input type="file" name="f"/>`), "", `The input type "file" is not allowed on PresentationML`},

		// PresentationML.
		{"malformed PresentationML", `<div data-format="PresentationML">x</div>`, "", `Malformed PresentationML. The attributes "data-format" and "data-version" are required.`},
		{"shorthand in PresentationML", `<div data-format="PresentationML" data-version="2.0"><mention uid="1"/></div>`, "", `Shorthand tag "mention" is not allowed in PresentationML`},
		{"MessageML tag in PresentationML", `<div data-format="PresentationML" data-version="2.0"><text-field name="t"/></div>`, "", `Invalid MessageML content at element "text-field"`},
		{"PresentationML entity without data", `<div data-format="PresentationML" data-version="2.0"><span class="entity" data-entity-id="0">x</span></div>`, "", `Error processing EntityJSON: no entity data provided for "data-entity-id"="0"`},

		// Limits.
		{"too much text", mml(strings.Repeat("a", MaxTextLength+1)), "", "Message is too long: 60001 characters of text, the maximum is 60000"},
		{"too many entities", mml(strings.Repeat(`<hash tag="t"/>`, MaxEntities+1)), "", "Message has too many entities: 81, the maximum is 80"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Convert(tt.in, tt.data, testUsers)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Convert = %q, %v; want *Error %q", res.PresentationML, err, tt.want)
			}
			if e.Message != tt.want {
				t.Errorf("Message =\n  %s\nwant\n  %s", e.Message, tt.want)
			}
			if res != (Result{}) {
				t.Errorf("Result = %+v, want zero with an error", res)
			}
		})
	}
}

func TestConvertAcceptsLimits(t *testing.T) {
	if _, err := Convert(mml(strings.Repeat("é", MaxTextLength)), "", nil); err != nil {
		t.Errorf("%d characters: %v", MaxTextLength, err)
	}
	if _, err := Convert(mml(strings.Repeat(`<hash tag="t"/>`, MaxEntities)), "", nil); err != nil {
		t.Errorf("%d entities: %v", MaxEntities, err)
	}
}

func TestErrorUnwrapsTheCause(t *testing.T) {
	_, err := Convert(mml("x"), `{"a":1,}`, nil)
	var syntax *json.SyntaxError
	if !errors.As(err, &syntax) {
		t.Fatalf("error %v (%T) does not wrap a *json.SyntaxError", err, err)
	}
	_, err = Convert("<messageML>", "", nil)
	var xe *xmlError
	if !errors.As(err, &xe) {
		t.Fatalf("error %v does not wrap the XML error", err)
	}
}

func TestConvertWithoutResolver(t *testing.T) {
	if _, err := Convert(mml(`<mention uid="1"/>`), "", nil); err == nil || err.Error() != `Failed to lookup user "1"` {
		t.Errorf("err = %v", err)
	}
	res, err := Convert(mml(`<mention uid="1" strict="false"/>`), "", nil)
	if err != nil || res.PresentationML != pml(`<span class="entity" data-entity-id="mention1">1</span>`) {
		t.Errorf("Convert = %q, %v", res.PresentationML, err)
	}
}
