package symphony

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// APIError is an HTTP answer that is not a success. Op names the operation
// ("read datafeed v2"), Status the HTTP status, Code and Message come from
// the error body when it has one.
type APIError struct {
	Op         string
	Method     string
	Path       string
	Status     int
	Code       int
	Message    string
	RetryAfter time.Duration // from Retry-After, when the answer had one
}

// Error implements error.
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString(e.Op)
	b.WriteString(": ")
	b.WriteString(strconv.Itoa(e.Status))
	if t := http.StatusText(e.Status); t != "" {
		b.WriteString(" " + t)
	}
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, " (retry after %s)", e.RetryAfter)
	}
	return b.String()
}

// NetworkError is a failure to reach the server or to read its answer.
type NetworkError struct {
	Op  string
	Err error
}

// Error implements error.
func (e *NetworkError) Error() string { return e.Op + ": " + e.Err.Error() }

// Unwrap returns the underlying error.
func (e *NetworkError) Unwrap() error { return e.Err }

// StatusOf returns the HTTP status of an *APIError in err's chain, or 0.
func StatusOf(err error) int {
	var a *APIError
	if errors.As(err, &a) {
		return a.Status
	}
	return 0
}

// IsFeedGone reports a 400 on a datafeed read: the feed no longer exists
// (expired, over capacity, or an unknown ackId) and must be created anew.
func IsFeedGone(err error) bool { return StatusOf(err) == http.StatusBadRequest }

// IsUnauthorized reports a 401: the session or key-manager token is invalid.
func IsUnauthorized(err error) bool { return StatusOf(err) == http.StatusUnauthorized }

// IsForbidden reports a 403.
func IsForbidden(err error) bool { return StatusOf(err) == http.StatusForbidden }

// IsNotFound reports a 404.
func IsNotFound(err error) bool { return StatusOf(err) == http.StatusNotFound }

// IsServerError reports a 5xx answer.
func IsServerError(err error) bool { s := StatusOf(err); return s >= 500 && s <= 599 }

// IsRateLimited reports a 429 and the delay its Retry-After asked for (0 when
// it gave none).
func IsRateLimited(err error) (time.Duration, bool) {
	var a *APIError
	if errors.As(err, &a) && a.Status == http.StatusTooManyRequests {
		return a.RetryAfter, true
	}
	return 0, false
}

// IsNetwork reports a failure to reach the server or read its answer that is
// not the caller's own cancellation.
func IsNetwork(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) {
		return false
	}
	var n *NetworkError
	if errors.As(err, &n) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne)
}

// IsRetryable reports an error worth retrying after a delay: network
// failures, 5xx and 429.
func IsRetryable(err error) bool {
	_, limited := IsRateLimited(err)
	return limited || IsServerError(err) || IsNetwork(err)
}

// parseRetryAfter reads a Retry-After header in seconds or as an HTTP date.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}
