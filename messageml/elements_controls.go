package messageml

import (
	"strconv"
	"strings"
)

// Form controls: text fields, text areas, drop-downs, checkboxes, radio
// buttons and user, room and date selectors.

var (
	textFieldSpec = &spec{
		kind: kindTextField, void: true,
		attr: func(_ *converter, e *element, a xattr) error {
			if e.format == formatPresentationML {
				return textFieldInputAttr(e, a)
			}
			switch a.name {
			case "name", "required", "placeholder", "minlength", "maxlength", "masked", "pattern",
				"pattern-error-message", "label", "title", "disabled", "readonly", "formnovalidate":
				e.attrs.set(a.name, a.value)
			case "auto-submit":
				e.attrs.set("data-auto-submit", a.value)
			default:
				return notAllowedAttr(e, a)
			}
			return nil
		},
		validate: func(_ *converter, e *element) error {
			if err := validateFormElement(e, true); err != nil {
				return err
			}
			if !e.attrs.has("name") {
				return errorf(`The attribute "name" is required`)
			}
			if err := assertOptionalBool(e, "required", "masked", "disabled", "readonly", "data-auto-submit"); err != nil {
				return err
			}
			return firstError(assertNotBlank(e, "name"), assertContent(e, kindText), validateLengths(e, 1, 128))
		},
		render: func(cv *converter, w *writer, e *element) {
			attrs := attrList{{name: "type", value: "text"}, {name: "name", value: e.attrs.value("name")}}
			copyAttrs(&attrs, e.attrs, "placeholder", "required", "masked=data-masked", "minlength", "maxlength",
				"disabled", "readonly", "data-auto-submit", "formnovalidate=data-formnovalidate")
			if len(e.children) == 1 {
				attrs.set("value", e.children[0].textContent())
			}
			copyAttrs(&attrs, e.attrs, "pattern", "pattern-error-message=data-pattern-error-message")
			renderSplittable(cv, w, e, "textfield", func(id string) {
				w.empty("input", withID(attrs, id)...)
			})
		},
	}
	textareaSpec = &spec{
		kind: kindTextarea,
		attr: textareaAttr,
		validate: func(_ *converter, e *element) error {
			return validateTextarea(e)
		},
		render: func(cv *converter, w *writer, e *element) { renderTextarea(cv, w, e, "textarea") },
	}
	richTextareaSpec = &spec{
		kind: kindRichTextarea,
		attr: func(cv *converter, e *element, a xattr) error {
			if err := textareaAttr(cv, e, a); err != nil {
				return err
			}
			e.attrs.set("data-richtext", "true")
			return nil
		},
		validate: func(_ *converter, e *element) error {
			return validateTextarea(e)
		},
		render: func(cv *converter, w *writer, e *element) { renderTextarea(cv, w, e, "richtextarea") },
	}
	selectSpec = &spec{
		kind: kindSelect,
		attr: func(_ *converter, e *element, a xattr) error {
			switch a.name {
			case "name", "required", "data-placeholder", "label", "title", "multiple", "disabled", "readonly":
				e.attrs.set(a.name, a.value)
			case "min", "max", "auto-submit", "formnovalidate":
				e.attrs.set("data-"+a.name, a.value)
			default:
				return notAllowedAttr(e, a)
			}
			return nil
		},
		validate: validateSelect,
		render: func(cv *converter, w *writer, e *element) {
			attrs := append(attrList(nil), e.attrs...)
			attrs.del("label")
			attrs.del("title")
			renderSplittable(cv, w, e, "dropdown", func(id string) {
				w.open("select", withID(attrs, id)...)
				cv.renderChildren(w, e)
				w.close()
			})
		},
	}
	optionSpec = &spec{
		kind: kindOption,
		attr: func(_ *converter, e *element, a xattr) error {
			if a.name == "value" || a.name == "selected" {
				e.attrs.set(a.name, a.value)
				return nil
			}
			return notAllowedAttr(e, a)
		},
		validate: func(_ *converter, e *element) error {
			if !e.attrs.has("value") {
				return errorf(`The attribute "value" is required`)
			}
			return firstError(assertOptionalBool(e, "selected"), assertParent(e, kindSelect),
				assertContent(e, kindText), assertContainsChild(e, kindText))
		},
	}
	checkboxSpec = &spec{
		kind: kindCheckbox, attr: groupedAttr,
		validate: func(_ *converter, e *element) error {
			if err := validateFormElement(e, false); err != nil {
				return err
			}
			if !e.attrs.has("name") {
				return errorf(`The attribute "name" is required`)
			}
			if err := assertOptionalBool(e, "checked", "disabled", "readonly"); err != nil {
				return err
			}
			return firstError(assertContent(e, kindText, kindBold, kindItalic), assertNotBlank(e, "name"))
		},
		render: func(cv *converter, w *writer, e *element) { renderGrouped(cv, w, e, "checkbox") },
	}
	radioSpec = &spec{
		kind: kindRadio, attr: groupedAttr,
		validate: func(_ *converter, e *element) error {
			if err := validateFormElement(e, false); err != nil {
				return err
			}
			if err := assertNotBlank(e, "name"); err != nil {
				return err
			}
			if err := assertOptionalBool(e, "checked", "disabled", "readonly"); err != nil {
				return err
			}
			return assertContent(e, kindText, kindBold, kindItalic)
		},
		render: func(cv *converter, w *writer, e *element) { renderGrouped(cv, w, e, "radio") },
	}
	personSelectorSpec = &spec{
		kind: kindPersonSelector,
		attr: selectorAttr,
		validate: func(_ *converter, e *element) error {
			return validateSelector(e, func(v string) bool { _, ok := parseLongList(v); return ok },
				`Attribute "value" contains an unsupported format, should be an array of user ids`)
		},
		render: func(cv *converter, w *writer, e *element) { renderSelector(cv, w, e, "person-selector") },
	}
	roomSelectorSpec = &spec{
		kind: kindRoomSelector,
		attr: selectorAttr,
		validate: func(_ *converter, e *element) error {
			return validateSelector(e, func(v string) bool { _, ok := parseStringList(v, true); return ok },
				`Attribute "value" contains an unsupported format, should be an array of room ids`)
		},
		render: func(cv *converter, w *writer, e *element) { renderSelector(cv, w, e, "room-selector") },
	}
	dateSelectorSpec = &spec{
		kind: kindDateSelector,
		attr: func(_ *converter, e *element, a xattr) error {
			switch a.name {
			case "name", "placeholder", "required", "formnovalidate":
				e.attrs.set(a.name, a.value)
				return nil
			}
			return notAllowedAttr(e, a)
		},
		validate: func(_ *converter, e *element) error {
			return firstError(validateFormElement(e, false), assertNotBlank(e, "name"),
				assertOptionalBool(e, "required"), assertNoContent(e))
		},
		render: func(_ *converter, w *writer, e *element) {
			attrs := attrList{{name: "class", value: "date-selector"}, {name: "data-name", value: e.attrs.value("name")}}
			copyAttrs(&attrs, e.attrs, "placeholder=data-placeholder", "required=data-required", "formnovalidate=data-formnovalidate")
			w.open("div", attrs...)
			w.close()
		},
	}
)

// textFieldInputAttr reads the attributes of an <input type="text">.
func textFieldInputAttr(e *element, a xattr) error {
	switch a.name {
	case "name", "required", "placeholder", "minlength", "maxlength", "label", "pattern":
		e.attrs.set(a.name, a.value)
	case "data-pattern-error-message", "data-masked", "data-formnovalidate":
		e.attrs.set(strings.TrimPrefix(a.name, "data-"), a.value)
	case "value":
		e.children = append(e.children, &element{spec: textSpec, tag: "#text", parent: e, text: a.value})
	case "type", "id":
	default:
		return notAllowedAttr(e, a)
	}
	return nil
}

// textareaAttr reads the attributes of a <textarea> or <richtextarea>.
func textareaAttr(_ *converter, e *element, a xattr) error {
	switch a.name {
	case "name", "required", "placeholder", "minlength", "maxlength", "pattern", "label", "title",
		"disabled", "readonly", "rows", "cols", "pattern-error-message":
		e.attrs.set(a.name, a.value)
	case "formnovalidate":
		e.attrs.set("data-formnovalidate", a.value)
	default:
		return notAllowedAttr(e, a)
	}
	return nil
}

// validateTextarea checks a <textarea> or <richtextarea>.
func validateTextarea(e *element) error {
	if err := validateFormElement(e, true); err != nil {
		return err
	}
	if !e.attrs.has("name") {
		return errorf(`The attribute "name" is required`)
	}
	if err := assertOptionalBool(e, "required", "disabled", "readonly"); err != nil {
		return err
	}
	for _, name := range []string{"rows", "cols"} {
		if _, err := checkInt(e, name, 0, `Attribute "`+name+`" is not valid, it must be an integer >= 0`); err != nil {
			return err
		}
	}
	return firstError(assertNotBlank(e, "name"), assertContent(e, kindText), validateLengths(e, 0, 10000))
}

// renderTextarea writes a <textarea>, pattern attributes last.
func renderTextarea(cv *converter, w *writer, e *element, kind string) {
	var attrs attrList
	for _, a := range e.attrs {
		switch a.name {
		case "pattern", "pattern-error-message", "label", "title":
		default:
			attrs = append(attrs, a)
		}
	}
	copyAttrs(&attrs, e.attrs, "pattern", "pattern-error-message=data-pattern-error-message")
	renderSplittable(cv, w, e, kind, func(id string) {
		w.open("textarea", withID(attrs, id)...)
		cv.renderChildren(w, e)
		w.close()
	})
}

// validateSelect checks a <select>, its options and its selection bounds.
func validateSelect(_ *converter, e *element) error {
	if err := validateFormElement(e, false); err != nil {
		return err
	}
	if !e.attrs.has("name") {
		return errorf(`The attribute "name" is required`)
	}
	if err := firstError(assertNotBlank(e, "name"), assertContent(e, kindOption), assertContainsChild(e, kindOption)); err != nil {
		return err
	}
	if err := assertOptionalBool(e, "required", "multiple", "disabled", "readonly", "data-auto-submit"); err != nil {
		return err
	}
	multiple := strings.EqualFold(e.attrs.value("multiple"), "true")
	_, hasMin := e.attrs.get("data-min")
	if hasMin && !multiple {
		return errorf(`Attribute "min" is not allowed. Attribute "multiple" missing`)
	}
	if e.attrs.has("data-max") && !multiple {
		return errorf(`Attribute "max" is not allowed. Attribute "multiple" missing`)
	}
	minimum, err := checkInt(e, "data-min", 0, `Attribute "min" is not valid, it must be >= 0`)
	if err != nil {
		return err
	}
	maximum, err := checkInt(e, "data-max", 1, `Attribute "max" is not valid, it must be >= 1`)
	if err != nil {
		return err
	}
	if maximum > 0 && minimum > maximum {
		return errorf(`Attribute "min" is greater than attribute "max"`)
	}
	if multiple && strings.EqualFold(e.attrs.value("required"), "true") && hasMin && minimum == 0 {
		return errorf(`Attribute "min" cannot be 0 if "required" is true`)
	}
	if !multiple {
		selected := 0
		for _, c := range e.children {
			if strings.EqualFold(c.attrs.value("selected"), "true") {
				selected++
			}
		}
		if selected > 1 {
			return errorf(`Element "select" can only have one selected "option"`)
		}
	}
	return nil
}

// groupedAttr reads the attributes of a checkbox or a radio button.
func groupedAttr(_ *converter, e *element, a xattr) error {
	if e.format == formatPresentationML {
		switch a.name {
		case "type", "id":
			return nil
		case "data-formnovalidate":
			e.attrs.set("formnovalidate", a.value)
			return nil
		}
	}
	switch a.name {
	case "name", "value", "checked", "label", "disabled", "readonly", "formnovalidate":
		e.attrs.set(a.name, a.value)
		return nil
	}
	return notAllowedAttr(e, a)
}

// renderGrouped writes a checkbox or radio button: a bare <input> without
// text, else the input and a <label> for it in a "<kind>-group" div.
func renderGrouped(cv *converter, w *writer, e *element, kind string) {
	attrs := attrList{{name: "type", value: kind}, {name: "name", value: e.attrs.value("name")}}
	copyAttrs(&attrs, e.attrs, "checked")
	if v, ok := e.attrs.get("value"); ok {
		attrs.set("value", v)
	} else {
		attrs.set("value", "on")
	}
	copyAttrs(&attrs, e.attrs, "disabled", "readonly", "formnovalidate=data-formnovalidate")
	if len(e.children) == 0 {
		w.empty("input", attrs...)
		return
	}
	group := kind + "-group"
	id := group + "-" + cv.idgen.next()
	w.open("div", attr{name: "class", value: group})
	w.empty("input", withID(attrs, id)...)
	w.open("label", attr{name: "for", value: id})
	cv.renderChildren(w, e)
	w.close()
	w.close()
}

// selectorAttr reads the attributes of a person or room selector.
func selectorAttr(_ *converter, e *element, a xattr) error {
	switch a.name {
	case "name", "placeholder", "required", "label", "title", "value", "formnovalidate":
		e.attrs.set(a.name, a.value)
		return nil
	}
	return notAllowedAttr(e, a)
}

// validateSelector checks a person or room selector; validValue checks
// its value attribute, badValue is the error when it fails.
func validateSelector(e *element, validValue func(string) bool, badValue string) error {
	if err := validateFormElement(e, false); err != nil {
		return err
	}
	if !e.attrs.has("name") {
		return errorf(`The attribute "name" is required`)
	}
	if err := assertOptionalBool(e, "required"); err != nil {
		return err
	}
	if v, ok := e.attrs.get("value"); ok && !validValue(v) {
		return errorf("%s", badValue)
	}
	return firstError(assertNoContent(e), assertNotBlank(e, "name"))
}

// renderSelector writes a person or room selector as a <div>.
func renderSelector(cv *converter, w *writer, e *element, class string) {
	attrs := attrList{{name: "class", value: class}, {name: "data-name", value: e.attrs.value("name")}}
	copyAttrs(&attrs, e.attrs, "placeholder=data-placeholder", "required=data-required", "value=data-value",
		"formnovalidate=data-formnovalidate")
	renderSplittable(cv, w, e, class, func(id string) {
		w.open("div", withID(attrs, id)...)
		w.close()
	})
}

// parseJavaLong parses a long as Jackson coerces a string to one.
func parseJavaLong(s string) (int64, bool) {
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}
