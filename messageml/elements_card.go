package messageml

import (
	"encoding/json"
	"strings"
)

// Symphony-specific containers: chime, cards, UI actions and dialogs.

// chimeSource is the only sound a chime may play.
const chimeSource = "https://asset.symphony.com/symphony/audio/chime.mp3"

var (
	chimeSpec = &spec{
		kind: kindChime, phrasing: true,
		attr: func(_ *converter, e *element, a xattr) error {
			switch a.name {
			case "src":
				if !strings.EqualFold(a.value, chimeSource) {
					return errorf(`Attribute "src" value needs to be "%s"`, chimeSource)
				}
			case "autoplay":
			default:
				return notAllowedAttr(e, a)
			}
			return nil
		},
		validate: func(_ *converter, e *element) error { return assertNoContent(e) },
		render: func(_ *converter, w *writer, _ *element) {
			w.empty("audio", attr{name: "src", value: chimeSource}, attr{name: "autoplay", value: "true"})
		},
	}
	cardSpec = &spec{
		kind: kindCard,
		attr: func(cv *converter, e *element, a xattr) error {
			switch a.name {
			case "iconSrc", "data-icon-src":
				e.attrs.set("iconSrc", a.value)
			case "accent", "data-accent-color":
				e.attrs.set("accent", a.value)
			default:
				return baseAttr(cv, e, a)
			}
			return nil
		},
		render: func(cv *converter, w *writer, e *element) {
			attrs := []attr{{name: "class", value: prefixClass("card", e)}}
			if v, ok := e.attrs.get("iconSrc"); ok {
				attrs = append(attrs, attr{name: "data-icon-src", value: v})
			}
			if v, ok := e.attrs.get("accent"); ok {
				attrs = append(attrs, attr{name: "data-accent-color", value: v})
			}
			w.open("div", attrs...)
			cv.renderChildren(w, e)
			w.close()
		},
	}
	cardHeaderSpec = &spec{
		kind: kindCardHeader, attr: rejectAttr,
		validate: func(_ *converter, e *element) error {
			return firstError(assertNoAttributes(e), assertParent(e, kindCard))
		},
		render: classDiv("cardHeader"),
	}
	cardBodySpec = &spec{
		kind: kindCardBody, attr: rejectAttr,
		validate: func(_ *converter, e *element) error {
			return firstError(assertNoAttributes(e), assertParent(e, kindCard))
		},
		render: classDiv("cardBody"),
	}
	expandableCardSpec = &spec{
		kind: kindExpandableCard,
		attr: func(cv *converter, e *element, a xattr) error {
			if a.name == "state" || a.name == "data-state" {
				e.attrs.set("state", a.value)
				return nil
			}
			return baseAttr(cv, e, a)
		},
		validate: func(_ *converter, e *element) error {
			if err := assertNotBlank(e, "state"); err != nil {
				return err
			}
			return assertValue(e, "state", "collapsed", "cropped", "expanded")
		},
		render: func(cv *converter, w *writer, e *element) {
			attrs := []attr{{name: "class", value: prefixClass("expandable-card", e)}}
			if v, ok := e.attrs.get("state"); ok {
				attrs = append(attrs, attr{name: "data-state", value: v})
			}
			w.open("div", attrs...)
			cv.renderChildren(w, e)
			w.close()
		},
	}
	expandableCardHeaderSpec = &spec{
		kind: kindExpandableCardHeader, attr: rejectAttr,
		validate: func(_ *converter, e *element) error {
			return firstError(assertParent(e, kindExpandableCard), assertNoAttributes(e))
		},
		render: classDiv("expandableCardHeader"),
	}
	expandableCardBodySpec = &spec{
		kind: kindExpandableCardBody,
		attr: func(_ *converter, e *element, a xattr) error {
			if a.name == "variant" || a.name == "data-variant" {
				e.attrs.set("variant", a.value)
				return nil
			}
			return notAllowedAttr(e, a)
		},
		validate: func(_ *converter, e *element) error {
			if err := assertParent(e, kindExpandableCard); err != nil {
				return err
			}
			return assertOptionalValue(e, "variant", "default", "error")
		},
		render: func(cv *converter, w *writer, e *element) {
			attrs := []attr{{name: "class", value: "expandableCardBody"}}
			if v, ok := e.attrs.get("variant"); ok {
				attrs = append(attrs, attr{name: "data-variant", value: v})
			}
			w.open("div", attrs...)
			cv.renderChildren(w, e)
			w.close()
		},
	}
	uiActionSpec = &spec{
		kind: kindUIAction,
		attr: func(_ *converter, e *element, a xattr) error {
			name := strings.TrimPrefix(a.name, "data-")
			switch name {
			case "action", "trigger", "user-ids", "stream-id", "side-by-side", "target-id":
				e.attrs.set(name, a.value)
				return nil
			}
			return notAllowedAttr(e, a)
		},
		validate: validateUIAction,
		render: func(cv *converter, w *writer, e *element) {
			attrs := []attr{{name: "class", value: "ui-action"}, {name: "data-action", value: e.attrs.value("action")}}
			for _, name := range []string{"trigger", "user-ids", "stream-id", "side-by-side", "target-id"} {
				if v, ok := e.attrs.get(name); ok {
					attrs = append(attrs, attr{name: "data-" + name, value: v})
				}
			}
			w.open("div", attrs...)
			cv.renderChildren(w, e)
			w.close()
		},
	}
	dialogSpec = &spec{
		kind: kindDialog, hasID: true,
		attr: func(_ *converter, e *element, a xattr) error {
			switch a.name {
			case "width", "data-width", "state", "data-state", "data-open", "id":
				e.attrs.set(strings.TrimPrefix(a.name, "data-"), a.value)
				return nil
			}
			return notAllowedAttr(e, a)
		},
		validate: validateDialog,
		render: func(cv *converter, w *writer, e *element) {
			w.open("dialog",
				attr{name: "data-width", value: e.attrs.value("width")},
				attr{name: "data-state", value: e.attrs.value("state")},
				attr{name: "id", value: cv.dialogID(e)},
				attr{name: "open", value: ""})
			cv.renderChildren(w, e)
			w.close()
		},
	}
	dialogTitleSpec  = &spec{kind: kindDialogTitle, validate: validateDialogChild, render: classDiv("dialog-title")}
	dialogBodySpec   = &spec{kind: kindDialogBody, validate: validateDialogChild, render: classDiv("dialog-body")}
	dialogFooterSpec = &spec{kind: kindDialogFooter, validate: validateDialogChild, render: classDiv("dialog-footer")}
)

// classDiv renders an element as <div class="…"> around its children.
func classDiv(class string) func(*converter, *writer, *element) {
	return func(cv *converter, w *writer, e *element) {
		w.open("div", attr{name: "class", value: class})
		cv.renderChildren(w, e)
		w.close()
	}
}

// prefixClass is a card's class: its kind, then the classes it was given.
func prefixClass(kind string, e *element) string {
	if c, ok := e.attrs.get("class"); ok {
		return kind + " " + c
	}
	return kind
}

// validateUIAction checks a <ui-action> and the attributes its action needs.
func validateUIAction(_ *converter, e *element) error {
	if err := firstError(assertContent(e, kindButton, kindUIAction), assertContainsChild(e, kindButton, kindUIAction)); err != nil {
		return err
	}
	if err := assertNotBlank(e, "action"); err != nil {
		return err
	}
	if err := assertValue(e, "action", "open-im", "open-dialog"); err != nil {
		return err
	}
	switch e.attrs.value("action") {
	case "open-im":
		if err := assertOptionalBool(e, "side-by-side"); err != nil {
			return err
		}
		userIDs, hasUsers := e.attrs.get("user-ids")
		_, hasStream := e.attrs.get("stream-id")
		switch {
		case hasUsers && hasStream:
			return errorf(`Only one between "stream-id" and "user-ids" is allowed`)
		case !hasUsers && !hasStream:
			return errorf(`At least one between "stream-id" and "user-ids" should be present`)
		case hasUsers:
			ids, ok := parseLongList(userIDs)
			if !ok {
				return errorf(`Attribute "user-ids" contains an unsupported format, should be an array of user ids`)
			}
			if ids > 15 {
				return errorf(`Attribute "user-ids" contains more values than allowed. Max value is 15`)
			}
		}
	case "open-dialog":
		if err := assertID(e, "target-id"); err != nil {
			return err
		}
	}
	return assertOptionalValue(e, "trigger", "click")
}

// validateDialog checks a <dialog>, filling in its default width and state.
func validateDialog(_ *converter, e *element) error {
	if err := assertID(e, "id"); err != nil {
		return err
	}
	for _, d := range []struct {
		name, def string
		allowed   []string
	}{
		{"width", "medium", []string{"small", "medium", "large", "full-width"}},
		{"state", "close", []string{"open", "close"}},
	} {
		if !e.attrs.has(d.name) {
			e.attrs.set(d.name, d.def)
		}
		if err := assertValue(e, d.name, d.allowed...); err != nil {
			return err
		}
	}
	forms := 0
	for _, c := range e.children {
		if c.is(kindForm) {
			forms++
		}
	}
	switch {
	case forms == 1:
		if assertContent(e, kindForm) != nil {
			return errorf(`A "dialog" element can't contain a "form" element and any other element.`)
		}
		return nil
	case forms > 1:
		return errorf(`A "dialog" element can contain only one "form" element`)
	}
	return firstError(
		assertContainsChild(e, kindDialogTitle),
		assertContainsChild(e, kindDialogBody),
		assertContent(e, kindDialogFooter, kindDialogTitle, kindDialogBody))
}

// validateDialogChild checks a dialog <title>, <body> or <footer>.
func validateDialogChild(_ *converter, e *element) error {
	if err := assertNoAttributes(e); err != nil {
		return err
	}
	parent := kindDialog
	if e.parent.is(kindForm) && e.parent.parent != nil && e.parent.parent.is(kindDialog) {
		parent = kindForm
	}
	if err := assertParent(e, parent); err != nil {
		return err
	}
	for _, c := range e.children {
		if c.is(kindDialog) {
			return errorf("%s should not contain a dialog", e.tag)
		}
	}
	return nil
}

// dialogID is the id a dialog is rendered with: a short id, a dash and the
// id it was given.
func (cv *converter) dialogID(e *element) string {
	if e.presentationID == "" {
		e.presentationID = cv.idgen.next() + "-" + e.attrs.value("id")
	}
	return e.presentationID
}

// linkDialogs points every <ui-action target-id> at the rendered id of the
// dialog it opens, which must be one of its siblings.
func (cv *converter) linkDialogs(root *element) error {
	actions := root.find(func(e *element) bool { return e.is(kindUIAction) && e.attrs.has("target-id") })
	for _, action := range actions {
		target := action.attrs.value("target-id")
		var dialogs []*element
		for _, sibling := range action.parent.children {
			if sibling.is(kindDialog) && sibling.attrs.value("id") == target {
				dialogs = append(dialogs, sibling)
			}
		}
		if len(dialogs) != 1 {
			return errorf("ui-action with a target-id must have only one dialog sibling with a matching id")
		}
		action.attrs.set("target-id", cv.dialogID(dialogs[0]))
	}
	return nil
}

// parseLongList reads a JSON array of user ids as Jackson reads a
// List<Long>: numbers, numeric strings and nulls. It returns the length.
func parseLongList(s string) (int, bool) {
	var raw []json.RawMessage
	if err := json.Unmarshal([]byte(s), &raw); err != nil {
		return 0, false
	}
	for _, r := range raw {
		v, err := parseJSON(string(r))
		if err != nil {
			return 0, false
		}
		switch v.kind {
		case jNull, jNumber:
		case jString:
			if _, ok := parseJavaLong(v.s); !ok {
				return 0, false
			}
		default:
			return 0, false
		}
	}
	return len(raw), true
}
