package ui

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"strconv"
	"syscall"

	"github.com/charmbracelet/x/ansi"

	"github.com/tutti-chat/tutti/internal/sanitize"
	"github.com/tutti-chat/tutti/symphony"
)

// maxCause is the width of a cause in the status bar: the whole error is
// in the log (L).
const maxCause = 28

// shortCause words why a call failed in a few words for the status bar: a
// certificate the pod no longer presents right, a refused or timed-out
// connection, an unknown host, an HTTP status; else the error's own text,
// cut to maxCause.
func shortCause(err error) string {
	var (
		unknownCA x509.UnknownAuthorityError
		invalid   x509.CertificateInvalidError
		hostname  x509.HostnameError
		verify    *tls.CertificateVerificationError
		dns       *net.DNSError
		netErr    net.Error
	)
	switch {
	case err == nil:
		return ""
	case errors.As(err, &unknownCA):
		return "certificate not trusted"
	case errors.As(err, &invalid) && invalid.Reason == x509.Expired:
		return "certificate expired"
	case errors.As(err, &invalid):
		return "certificate invalid"
	case errors.As(err, &hostname):
		return "certificate for another host"
	case errors.As(err, &verify):
		return "certificate refused"
	case errors.As(err, &dns):
		return "host not found"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET):
		return "connection reset"
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return "timed out"
	}
	if _, limited := symphony.IsRateLimited(err); limited {
		return "rate limited (429)"
	}
	if code := symphony.StatusOf(err); code != 0 {
		return "HTTP " + strconv.Itoa(code)
	}
	return ansi.Truncate(sanitize.Line(err.Error()), maxCause, "…")
}
