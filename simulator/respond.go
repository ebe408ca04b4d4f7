package simulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/tutti-chat/tutti/symphony"
)

// Error messages of the real pod and agent, where one is known.
const (
	msgInvalidSession   = "Invalid session"
	msgInvalidKMToken   = "Invalid key manager token"
	msgForbidden        = "The user lacks the required entitlement to perform this operation"
	msgNoDatafeedV1     = "Could not find a datafeed with the provided id"
	msgInternal         = "Internal server error, please retry later"
	msgUnavailable      = "Service temporarily unavailable, please retry later"
	msgTooManyRequests  = "Too many requests, please retry later"
	msgMethodNotAllowed = "HTTP method not allowed"
)

// Body limits.
const (
	maxJSONBody    = 1 << 20   // JSON request bodies
	maxMessageBody = 1_500_000 // total size of a message (PAYLOAD_TOO_LARGE above)
	maxMultipart   = 2_000_000 // a multipart request, framing included
)

// What the simulator says it is.
const (
	apiVersion     = "25.8.1"   // the agent and pod version it reports
	podOrigin      = "INTERNAL" // V2StreamAttributes.origin
	agentUserAgent = "Agent-" + apiVersion + "-Linux-simulator"
)

// apiError is an error answer: an HTTP status and the message of its body.
type apiError struct {
	status  int
	message string
}

// Error implements error.
func (e *apiError) Error() string { return strconv.Itoa(e.status) + " " + e.message }

// errorf builds an apiError.
func errorf(status int, format string, args ...any) *apiError {
	return &apiError{status: status, message: fmt.Sprintf(format, args...)}
}

// badRequest is a 400 apiError.
func badRequest(format string, args ...any) *apiError {
	return errorf(http.StatusBadRequest, format, args...)
}

// forbidden is the 403 of a user without access to a resource.
func forbidden() *apiError { return &apiError{status: http.StatusForbidden, message: msgForbidden} }

// writeJSON writes v as the JSON body of a status answer.
func writeJSON(w http.ResponseWriter, status int, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		writeError(w, http.StatusInternalServerError, msgInternal)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)+1))
	w.WriteHeader(status)
	_, _ = w.Write(append(data, '\n'))
}

// writeError writes the error body of the pod and the agent.
func writeError(w http.ResponseWriter, status int, message string) {
	data, _ := json.Marshal(symphony.ErrorBody{Code: status, Message: message})
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)+1))
	w.WriteHeader(status)
	_, _ = w.Write(append(data, '\n'))
}

// writeErr writes err as an error answer: an *apiError with its status,
// anything else as a 500.
func writeErr(w http.ResponseWriter, err error) {
	var ae *apiError
	if errors.As(err, &ae) {
		writeError(w, ae.status, ae.message)
		return
	}
	writeError(w, http.StatusInternalServerError, msgInternal)
}

// writeNoContent answers 204 with no body.
func writeNoContent(w http.ResponseWriter) { w.WriteHeader(http.StatusNoContent) }

// decodeJSON reads a JSON request body into v. An empty body leaves v
// untouched when optional is true. Malformed JSON is a 400, a body over
// maxJSONBody a 413.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any, optional bool) error {
	body := http.MaxBytesReader(w, r.Body, maxJSONBody)
	data, err := io.ReadAll(body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return errorf(http.StatusRequestEntityTooLarge, "Request body exceeds %d bytes", maxJSONBody)
		}
		return badRequest("Could not read the request body")
	}
	if strings.TrimSpace(string(data)) == "" {
		if optional {
			return nil
		}
		return badRequest("The request body is required")
	}
	if err := json.Unmarshal(data, v); err != nil {
		return badRequest("Could not parse the request body: %s", jsonProblem(err))
	}
	return nil
}

// jsonProblem describes a JSON decoding error without echoing the body.
func jsonProblem(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("malformed JSON at offset %d", se.Offset)
	case errors.As(err, &te):
		if te.Field != "" {
			return fmt.Sprintf("field %q must be %s, not %s", te.Field, te.Type, te.Value)
		}
		return fmt.Sprintf("expected %s, not %s", te.Type, te.Value)
	default:
		return "malformed JSON"
	}
}

// queryInt parses an optional integer query parameter; absent gives def.
func queryInt(r *http.Request, name string, def int64) (int64, bool, error) {
	v := strings.TrimSpace(r.URL.Query().Get(name))
	if v == "" {
		return def, false, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, true, badRequest("Invalid value for parameter %s: %q is not an integer", name, v)
	}
	return n, true, nil
}
