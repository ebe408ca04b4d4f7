package symphony

import (
	"context"
	"errors"
	"net/http"
)

// No public REST call submits a Symphony Elements form: on a real pod only
// Symphony's own clients do. The embedded simulator offers one of its own
// so that a client can stand in for a person answering a bot's form; a
// real pod answers its paths 404, and a client then keeps forms read-only.
const (
	// ElementsCapabilityPath answers GET with 200 {"submit": true} where
	// forms can be submitted.
	ElementsCapabilityPath = "/simulator/v1/elements"
	// ElementsSubmitPath submits a form (POST, with the sessionToken
	// header of the person who submits it).
	ElementsSubmitPath = "/simulator/v1/elements/submit"
)

// FormSubmission is a person's answer to a Symphony Elements form, as the
// simulator's ElementsSubmitPath takes it. Values hold what the datafeed's
// SYMPHONYELEMENTSACTION carries in formValues, by field name: a string
// for a text field, text area, radio group, single select or date picker
// ("YYYY-MM-DD"); a checked checkbox's value (an unchecked one is left
// out); an array for a multiple select or several fields sharing a name;
// an array of user ids (numbers) for a person selector; {"userIds": [...],
// "streamIds": [...]} for a room selector. Action is the name of the
// button pressed; it is not one of Values.
type FormSubmission struct {
	MessageID string         `json:"messageId"` // the message holding the form, either base64 alphabet
	FormID    string         `json:"formId"`
	Action    string         `json:"action"`
	Values    map[string]any `json:"formValues"`
}

// elementsCapability is the answer of ElementsCapabilityPath.
type elementsCapability struct {
	Submit bool `json:"submit"`
}

// CanSubmitForms reports whether the pod takes form submissions (GET
// ElementsCapabilityPath): true where the answer is 200 with submit true,
// false without an error where the path is unknown (404, a real pod), and
// an error for any other answer.
func (c *Client) CanSubmitForms(ctx context.Context) (bool, error) {
	var out elementsCapability
	_, err := c.do(ctx, request{op: "probe form submission", srv: &c.pod, method: http.MethodGet,
		path: ElementsCapabilityPath, auth: authNone, out: &out})
	if IsNotFound(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return out.Submit, nil
}

// SubmitForm submits a form as the client's user (POST
// ElementsSubmitPath): the form's author, the bot, then receives
// SYMPHONYELEMENTSACTION on its datafeed. The pod refuses a form, button
// or field the message does not have and a required field left empty
// (400), a message it does not know (404) and a stream the user is not in
// (403).
func (c *Client) SubmitForm(ctx context.Context, f FormSubmission) error {
	if f.MessageID == "" || f.FormID == "" || f.Action == "" {
		return errors.New("submit form: a message id, a form id and an action are required")
	}
	if f.Values == nil {
		f.Values = map[string]any{}
	}
	_, err := c.do(ctx, request{op: "submit form", srv: &c.pod, method: http.MethodPost,
		path: ElementsSubmitPath, in: f, auth: authSession})
	return err
}
