package simulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/tutti-chat/tutti/elements"
	"github.com/tutti-chat/tutti/symphony"
)

// No public REST call submits a Symphony Elements form on a real pod: only
// Symphony's own clients do. The simulator offers its own, so that a
// client logged in as a person of the pod can answer a bot's form:
//
//	GET  /simulator/v1/elements         {"submit": true}: forms can be submitted
//	POST /simulator/v1/elements/submit  submit a form as the session's user
//
// A real pod answers both paths 404, and a client then keeps forms
// read-only.

// elementsRoutes registers the Elements endpoints.
func (s *Server) elementsRoutes(add func(method, pattern string, h http.HandlerFunc)) {
	add(http.MethodGet, symphony.ElementsCapabilityPath, s.handleElementsCapability)
	add(http.MethodPost, symphony.ElementsSubmitPath, s.pod(s.handleElementsSubmit))
}

// handleElementsCapability answers GET /simulator/v1/elements.
func (s *Server) handleElementsCapability(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]bool{"submit": true})
}

// formSubmitRequest is the body of POST /simulator/v1/elements/submit
// (symphony.FormSubmission), values kept raw to be read against the form.
type formSubmitRequest struct {
	MessageID  string                     `json:"messageId"`
	FormID     string                     `json:"formId"`
	Action     string                     `json:"action"`
	FormValues map[string]json.RawMessage `json:"formValues"`
}

// handleElementsSubmit answers POST /simulator/v1/elements/submit: the
// session's user submits a form of a message of a stream they are in. The
// button must be an action button of the form, every value a field of it
// in the shape the datafeed carries, every required field answered (400
// otherwise, naming what is wrong); an unknown message is a 404, a stream
// the user is not in a 403. Package elements reads the form and checks
// the submission, as it reads the form for tutti's form filler. The
// form's author, the bot that sent it, then receives
// SYMPHONYELEMENTSACTION: "once submitted, the data is submitted to the
// bot", and to no one else (the Elements documentation's message flow).
func (s *Server) handleElementsSubmit(w http.ResponseWriter, r *http.Request, c caller) {
	var req formSubmitRequest
	if err := decodeJSON(w, r, &req, false); err != nil {
		writeErr(w, err)
		return
	}
	var missing []string
	for _, f := range [][2]string{{"messageId", req.MessageID}, {"formId", req.FormID}, {"action", req.Action}} {
		if strings.TrimSpace(f[1]) == "" {
			missing = append(missing, f[0])
		}
	}
	if len(missing) > 0 {
		writeErr(w, badRequest("The request needs %s", strings.Join(missing, ", ")))
		return
	}
	mid := symphony.CanonicalID(req.MessageID)
	s.mu.Lock()
	m := s.st.messages[mid]
	var pml string
	var err error
	switch {
	case m == nil || m.suppressed:
		err = errorf(http.StatusNotFound, "The message %s does not exist", req.MessageID)
	case !m.stream.isMember(c.id):
		err = forbidden()
	case m.msg.User == nil:
		err = badRequest("The message %s has no author to answer", req.MessageID)
	default:
		pml = m.msg.Message
	}
	s.mu.Unlock()
	if err != nil {
		writeErr(w, err)
		return
	}
	form, err := findForm(pml, mid, req.FormID)
	if err != nil {
		writeErr(w, err)
		return
	}
	known := func(id int64) bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.st.users[id] != nil
	}
	values, err := form.Accept(req.Action, req.FormValues, known)
	if err != nil {
		// A refusal names every problem of the submission: a 400.
		var ref *elements.Refusal
		if errors.As(err, &ref) {
			err = badRequest("Form %q: %s", ref.Form, strings.Join(ref.Problems, "; "))
		}
		writeErr(w, err)
		return
	}
	now := s.now()
	s.mu.Lock()
	ev := s.st.newEvent(symphony.EventSymphonyElementsAction, c.id, now)
	// The envelope's messageId names the message holding the form, as on a
	// real pod (finos/symphony-bdk-java#622).
	ev.MessageID = m.msg.MessageID
	ev.Payload.SymphonyElementsAction = &symphony.V4SymphonyElementsAction{
		Stream: bareStream(m.stream), FormMessageID: m.msg.MessageID, FormID: req.FormID, FormValues: values,
	}
	s.st.emit(now, ev, m.msg.User.UserID)
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, struct{}{})
}

// findForm returns the form of id in a message's PresentationML.
func findForm(pml, mid, id string) (*elements.Form, error) {
	forms := elements.Forms(pml)
	ids := make([]string, 0, len(forms))
	for i := range forms {
		if forms[i].ID == id {
			return &forms[i], nil
		}
		ids = append(ids, fmt.Sprintf("%q", forms[i].ID))
	}
	if len(forms) == 0 {
		return nil, badRequest("The message %s has no form", mid)
	}
	return nil, badRequest("The message %s has no form with id %q (its forms: %s)", mid, id, strings.Join(ids, ", "))
}
