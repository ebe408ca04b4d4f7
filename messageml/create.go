package messageml

import (
	"slices"
	"strings"
)

// simpleSpecs are the tags whose spec does not depend on where they are.
var simpleSpecs = map[string]*spec{
	"p":               paragraphSpec,
	"br":              lineBreakSpec,
	"hr":              hrSpec,
	"b":               boldSpec,
	"i":               italicSpec,
	"sub":             subscriptSpec,
	"sup":             superscriptSpec,
	"pre":             preSpec,
	"code":            codeSpec,
	"a":               linkSpec,
	"img":             imageSpec,
	"ul":              bulletListSpec,
	"ol":              orderedListSpec,
	"li":              listItemSpec,
	"table":           tableSpec,
	"thead":           tableHeaderSpec,
	"tbody":           tableBodySpec,
	"tfoot":           tableFooterSpec,
	"tr":              tableRowSpec,
	"th":              tableHeaderCellSpec,
	"td":              tableCellSpec,
	"form":            formSpec,
	"select":          selectSpec,
	"option":          optionSpec,
	"button":          buttonSpec,
	"text-field":      textFieldSpec,
	"textarea":        textareaSpec,
	"richtextarea":    richTextareaSpec,
	"checkbox":        checkboxSpec,
	"radio":           radioSpec,
	"person-selector": personSelectorSpec,
	"room-selector":   roomSelectorSpec,
	"date-selector":   dateSelectorSpec,
	"date-picker":     datePickerSpec,
	"time-picker":     timePickerSpec,
	"timezone-picker": timezonePickerSpec,
	"ui-action":       uiActionSpec,
	"dialog":          dialogSpec,
	"title":           dialogTitleSpec,
	"footer":          dialogFooterSpec,
}

// shorthandTags are MessageML conveniences that PresentationML may not use.
var shorthandTags = setOf("chime", "hash", "cash", "mention", "card", "expandable-card", "header", "body")

// create makes the element for x under parent. It returns nil, nil for the
// PresentationML helpers the agent drops (a label, a tooltip span, a
// generated wrapper div).
func (cv *converter) create(x *xnode, parent *element) (*element, error) {
	tag := x.name
	if shorthandTags[tag] && cv.format == formatPresentationML {
		return nil, errorf(`Shorthand tag "%s" is not allowed in PresentationML`, tag)
	}
	e := &element{tag: tag, parent: parent, format: formatMessageML}
	if len(tag) == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6' {
		e.spec = headerSpec
		return e, nil
	}
	if s, ok := simpleSpecs[tag]; ok {
		e.spec = s
		if s == buttonSpec && !parent.is(kindUIAction) {
			e.attrs.set("type", "action")
		}
		if s.kind == kindUIAction {
			e.attrs.set("trigger", "click")
		}
		return e, nil
	}
	switch tag {
	case "chime", "audio":
		if !parent.is(kindRoot) {
			return nil, errorf(`Element "chime" has to be the only element in the message.`)
		}
		parent.chime = true
		e.tag = "chime"
		e.spec = chimeSpec
	case "span":
		if isTooltip(x) {
			return nil, nil
		}
		if hasClass(x, "entity") {
			return cv.createEntity(x, parent)
		}
		e.spec = spanSpec
	case "div":
		if _, generated := x.attr("data-generated"); generated {
			return nil, nil
		}
		if hasClass(x, "entity") {
			return cv.createEntity(x, parent)
		}
		e.spec = divSpec
	case "label":
		return nil, nil
	case "input":
		return createInput(x, e)
	case "hash":
		e.spec, e.presTag, e.entityID = hashSpec, "span", cv.nextEntityID("keyword")
	case "cash":
		e.spec, e.presTag, e.entityID = cashSpec, "span", cv.nextEntityID("keyword")
	case "mention":
		e.spec, e.presTag, e.entityID = mentionSpec, "span", cv.nextEntityID("mention")
	case "emoji":
		e.spec, e.entityID, e.size = emojiSpec, cv.nextEntityID("emoji"), "normal"
	case "dateTime":
		e.spec, e.entityID = dateTimeSpec, cv.nextEntityID("datetime")
	case "card":
		e.spec = cardSpec
	case "expandable-card":
		e.spec = expandableCardSpec
	case "header":
		e.spec = cardHeaderSpec
		if parent.is(kindExpandableCard) {
			e.spec = expandableCardHeaderSpec
		}
	case "body":
		switch {
		case parent.is(kindDialog) || parent.parent != nil && parent.parent.is(kindDialog):
			e.spec = dialogBodySpec
		case parent.is(kindExpandableCard):
			e.spec = expandableCardBodySpec
		default:
			e.spec = cardBodySpec
		}
	default:
		return nil, errorf(`Invalid MessageML content at element "%s"`, tag)
	}
	return e, nil
}

// createEntity makes the element for a <span> or <div class="entity">: a
// mention, hashtag or cashtag when its entity data says so, else a
// structured object.
func (cv *converter) createEntity(x *xnode, parent *element) (*element, error) {
	id, _ := x.attr("data-entity-id")
	found := cv.entityData(id)
	switch {
	case len(found) == 0:
		return nil, errorf(`The attribute "data-entity-id" is required`)
	case len(found) > 1:
		return nil, errorf(`Duplicate "data-entity-id"="%s" in entityJSON`, id)
	}
	entity := found[0]
	typ := entity.path("type")
	value := entity.path("id").index(0).path("value")
	e := &element{tag: x.name, parent: parent, format: formatPresentationML, presTag: x.name}
	if typ != nil && typ.kind == jString && value != nil {
		switch typ.s {
		case cashtagType:
			e.tag, e.spec, e.keyword, e.hasKeyword = "cash", cashSpec, value.text(), true
			return e, nil
		case hashtagType:
			e.tag, e.spec, e.keyword, e.hasKeyword = "hash", hashSpec, value.text(), true
			return e, nil
		case mentionType:
			e.tag, e.spec, e.uid, e.hasUID = "mention", mentionSpec, value.asLong(), true
			return e, nil
		}
	}
	e.format = formatMessageML
	e.presTag = ""
	if x.name == "div" {
		e.spec = divSpec
	} else {
		e.spec = spanSpec
	}
	return e, nil
}

// hasClass reports whether x's class attribute lists class.
func hasClass(x *xnode, class string) bool {
	v, _ := x.attr("class")
	for _, c := range strings.Fields(v) {
		if c == class {
			return true
		}
	}
	return false
}

// isTooltip reports whether x is the tooltip span of a form element.
func isTooltip(x *xnode) bool {
	class, hasClass := x.attr("class")
	_, hasTarget := x.attr("data-target-id")
	_, hasTitle := x.attr("data-title")
	return hasClass && class == "info-hint" && hasTarget && hasTitle
}

// createInput makes the form control for a PresentationML <input> found in
// a MessageML message, as the agent reads it.
func createInput(x *xnode, e *element) (*element, error) {
	typ, _ := x.attr("type")
	types := strings.Fields(typ)
	switch {
	case slices.Contains(types, "text"):
		e.tag, e.spec = "text-field", textFieldSpec
	case slices.Contains(types, "checkbox"):
		e.tag, e.spec = "checkbox", checkboxSpec
	case slices.Contains(types, "radio"):
		e.tag, e.spec = "radio", radioSpec
	case slices.Contains(types, "date"), slices.Contains(types, "time"):
		return nil, errorf(`Invalid MessageML content at element "%s"`, x.name)
	default:
		return nil, errorf(`The input type "%s" is not allowed on PresentationML`, typ)
	}
	if len(x.children) > 0 {
		return nil, errorf(`Element "%s" may not have child elements or text content`, e.tag)
	}
	e.format = formatPresentationML
	return e, nil
}
