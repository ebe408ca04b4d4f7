package messageml

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// User is what a mention needs to know of a user.
type User struct {
	ID          int64
	DisplayName string
	Email       string
}

// Resolver looks up users for <mention uid=…/> and <mention email=…/>.
type Resolver interface {
	UserByID(id int64) (User, bool)
	UserByEmail(email string) (User, bool)
}

// Result is a converted message.
type Result struct {
	// PresentationML is the message as the agent delivers it.
	PresentationML string
	// EntityJSON is a JSON object as a string, "{}" when there is none.
	EntityJSON string
	// Text is the text content of PresentationML, for tests and search.
	Text string
}

// Error is an invalid message. Message reads like the agent's 400 answer.
type Error struct {
	Message string
	cause   error
}

// Error implements error.
func (e *Error) Error() string { return e.Message }

// Unwrap returns the error that made the message invalid, when there is one
// (a JSON syntax error in the entity data, for instance).
func (e *Error) Unwrap() error { return e.cause }

// Limits the agent enforces on a message.
const (
	// MaxTextLength is the most characters of text a message may hold.
	MaxTextLength = 60000
	// MaxEntities is the most entities a message may reference.
	MaxEntities = 80
)

// messageMLVersion is the only MessageML version there is.
const messageMLVersion = "2.0"

// freemarkerMarkers are what makes the agent run a message through
// Freemarker.
var freemarkerMarkers = []string{"${", "<#", "<@", "#{"}

// converter holds the state of one conversion.
type converter struct {
	resolver Resolver
	data     *jvalue // EntityJSON, always an object
	format   format  // of the whole message
	index    int     // entities numbered so far, all kinds together
	ids      map[string]bool
	idgen    *idGenerator
	entities map[string][]*jvalue // entity data found by id, see entityData
}

// Convert turns MessageML (<messageML>…</messageML>) into PresentationML and
// EntityJSON exactly as the Symphony agent does, using r to resolve
// mentions; data is the EntityJSON sent with the message, "" for none.
// PresentationML input (<div data-format="PresentationML" …>) is accepted as
// it is, its entity data passed through. An invalid message yields an
// *Error.
func Convert(message, data string, r Resolver) (Result, error) {
	if isBlank(message) {
		return Result{}, errorf("Error parsing message: the message cannot be null or empty")
	}
	entityData, err := parseEntityData(data)
	if err != nil {
		return Result{}, err
	}
	for _, m := range freemarkerMarkers {
		if strings.Contains(message, m) {
			return Result{}, errorf(`Freemarker templates are not supported: the message contains "%s"`, m)
		}
	}
	if strings.ContainsFunc(message, func(r rune) bool { return r < ' ' && r != '\n' && r != '\r' && r != '\t' }) {
		return Result{}, errorf("Invalid control characters in message")
	}
	doc, err := parseXML(message)
	if err != nil {
		return Result{}, &Error{Message: "Invalid messageML: " + err.Error(), cause: err}
	}
	if err := validateEntityReferences(doc, entityData); err != nil {
		return Result{}, err
	}

	cv := &converter{
		resolver: r,
		data:     entityData,
		ids:      map[string]bool{},
		idgen:    newIDGenerator(message),
	}
	var w writer
	switch doc.name {
	case "messageML":
		cv.format = formatMessageML
		root, err := cv.buildRoot(doc)
		if err != nil {
			return Result{}, err
		}
		buildEntityJSON(root, entityData.obj)
		root.spec.render(cv, &w, root)
	case "div":
		cv.format = formatPresentationML
		if err := cv.passPresentationML(&w, doc); err != nil {
			return Result{}, err
		}
	default:
		return Result{}, errorf("Root tag must be <messageML> or <div>")
	}

	res := Result{
		PresentationML: w.out.String(),
		EntityJSON:     entityData.marshal(),
		Text:           w.text.String(),
	}
	if n := utf8.RuneCountInString(res.Text); n > MaxTextLength {
		return Result{}, errorf("Message is too long: %d characters of text, the maximum is %d", n, MaxTextLength)
	}
	if w.entities > MaxEntities {
		return Result{}, errorf("Message has too many entities: %d, the maximum is %d", w.entities, MaxEntities)
	}
	return res, nil
}

// parseEntityData reads the EntityJSON sent with a message. Like the agent,
// it accepts an object, or a JSON string holding an object.
func parseEntityData(data string) (*jvalue, error) {
	if isBlank(data) {
		return jobj(newObject()), nil
	}
	v, err := parseJSON(data)
	if err != nil {
		return nil, &Error{Message: "Error parsing EntityJSON: " + err.Error(), cause: err}
	}
	if v.kind == jString {
		if v, err = parseJSON(v.s); err != nil {
			return nil, &Error{Message: "Error parsing EntityJSON: " + err.Error(), cause: err}
		}
	}
	if v.kind != jObject {
		return nil, errorf("Error parsing EntityJSON: provided content is not a JSON object")
	}
	return v, nil
}

// validateEntityReferences checks that every data-entity-id in the message
// names an object of the entity data (found at any depth, as the agent
// searches it).
func validateEntityReferences(doc *xnode, data *jvalue) error {
	var err error
	var walk func(n *xnode)
	walk = func(n *xnode) {
		if err != nil || n.kind != xElement {
			return
		}
		if id, ok := n.attr("data-entity-id"); ok {
			switch found := data.findPath(id); {
			case found == nil:
				err = errorf(`Error processing EntityJSON: no entity data provided for "data-entity-id"="%s"`, id)
				return
			case found.kind != jObject:
				err = errorf(`Error processing EntityJSON: the node "%s" has to be an object`, id)
				return
			}
		}
		for _, c := range n.children {
			walk(c)
		}
	}
	walk(doc)
	return err
}

// buildRoot builds and validates the <messageML> element.
func (cv *converter) buildRoot(doc *xnode) (*element, error) {
	root := &element{spec: rootSpec, tag: "messageML", format: formatMessageML}
	if err := cv.build(root, doc); err != nil {
		return nil, err
	}
	if err := rootSpec.validate(cv, root); err != nil {
		return nil, err
	}
	return root, nil
}

// build reads the attributes of x into e, in the order the agent's DOM
// gives them (by name), then builds and validates its children.
func (cv *converter) build(e *element, x *xnode) error {
	attrs := sortedAttrs(x)
	read := e.spec.attr
	if read == nil {
		read = baseAttr
	}
	for _, a := range attrs {
		if err := read(cv, e, a); err != nil {
			return err
		}
	}
	return cv.buildChildren(e, x)
}

// buildChildren builds, validates and appends the children of x to e.
func (cv *converter) buildChildren(e *element, x *xnode) error {
	for _, cx := range x.children {
		switch cx.kind {
		case xText:
			e.children = append(e.children, &element{spec: textSpec, tag: "#text", parent: e, text: cx.text})
		case xElement:
			child, err := cv.create(cx, e)
			if err != nil {
				return err
			}
			if child == nil {
				// A generated wrapper <div data-generated>: its children
				// belong to the parent.
				if cx.name == "div" {
					if err := cv.buildChildren(e, cx); err != nil {
						return err
					}
				}
				continue
			}
			if err := cv.build(child, cx); err != nil {
				return err
			}
			if child.spec.validate != nil {
				if err := child.spec.validate(cv, child); err != nil {
					return err
				}
			}
			if child.spec.hasID {
				id := child.attrs.value("id")
				if cv.ids[id] {
					return errorf("Elements must have unique ids. The following value is not unique: [%s].", id)
				}
				cv.ids[id] = true
			}
			e.children = append(e.children, child)
		default:
			return errorf(`Invalid element "%s"`, cx.domName())
		}
	}
	return nil
}

// entityData returns every value the entity data holds under id, at any
// depth. The data does not change while the tree is built, so lookups are
// cached.
func (cv *converter) entityData(id string) []*jvalue {
	if found, ok := cv.entities[id]; ok {
		return found
	}
	if cv.entities == nil {
		cv.entities = map[string][]*jvalue{}
	}
	found := cv.data.findValues(id, nil)
	cv.entities[id] = found
	return found
}

// nextEntityID numbers an entity; all kinds share one counter.
func (cv *converter) nextEntityID(prefix string) string {
	cv.index++
	return fmt.Sprintf("%s%d", prefix, cv.index)
}

// renderChildren renders e's children.
func (cv *converter) renderChildren(w *writer, e *element) {
	for _, c := range e.children {
		cv.render(w, c)
	}
}

// render writes an element, or a text node.
func (cv *converter) render(w *writer, e *element) {
	switch {
	case e.isText():
		w.textNode(e.text, e.parent != nil && e.parent.is(kindCode, kindTextarea, kindRichTextarea))
	case e.spec.render != nil:
		e.spec.render(cv, w, e)
	default:
		renderGeneric(cv, w, e, e.attrs)
	}
}

// renderGeneric writes e with the given attributes and its children.
func renderGeneric(cv *converter, w *writer, e *element, attrs attrList) {
	if e.spec.void {
		w.empty(e.tag, attrs...)
		return
	}
	w.open(e.tag, attrs...)
	cv.renderChildren(w, e)
	w.close()
}

// buildEntityJSON adds the entities of e's subtree to parent. An entity's
// descendants add theirs inside it, as the agent does.
func buildEntityJSON(e *element, parent *jobject) {
	for _, c := range e.children {
		var node *jobject
		if c.spec.entity != nil {
			node = c.spec.entity(c, parent)
		}
		if node != nil {
			buildEntityJSON(c, node)
		} else {
			buildEntityJSON(c, parent)
		}
	}
}
