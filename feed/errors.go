package feed

import (
	"errors"
	"strconv"
	"strings"

	"github.com/tutti-chat/tutti/symphony"
)

// opError is a failed datafeed operation. It reads "datafeed v2 read: 403
// Forbidden: ..." rather than repeating the client's own operation name,
// and unwraps to the client's error so that the symphony.Is... helpers
// classify it.
type opError struct {
	op  string
	err error
}

// Error implements error.
func (e *opError) Error() string {
	msg := e.err.Error()
	var a *symphony.APIError
	var n *symphony.NetworkError
	switch {
	case errors.As(e.err, &a) && a.Op != "":
		msg = strings.TrimPrefix(msg, a.Op+": ")
	case errors.As(e.err, &n) && n.Op != "":
		msg = strings.TrimPrefix(msg, n.Op+": ")
	}
	return e.op + ": " + msg
}

// Unwrap returns the client's error.
func (e *opError) Unwrap() error { return e.err }

// wrap names the operation that failed; nil stays nil.
func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return &opError{op: op, err: err}
}

// exhaustedError is a retryable failure that used up the attempts.
type exhaustedError struct {
	attempts int
	err      error
}

// Error implements error.
func (e *exhaustedError) Error() string {
	return e.err.Error() + " (gave up after " + plural(e.attempts, "attempt") + ")"
}

// Unwrap returns the last failure.
func (e *exhaustedError) Unwrap() error { return e.err }

// plural returns "1 attempt", "3 attempts".
func plural(n int, word string) string {
	s := strconv.Itoa(n) + " " + word
	if n != 1 {
		s += "s"
	}
	return s
}
