package symphony

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Default timeouts: a connection must be made within ConnectTimeout, and an
// answer must start within ReadTimeout, which lies above the agent's 30 s
// datafeed long poll.
const (
	ConnectTimeout = 15 * time.Second
	ReadTimeout    = 60 * time.Second

	// minLongPollReadTimeout is the least read timeout a configuration may
	// set: above the agent's 30 s datafeed long poll.
	minLongPollReadTimeout = 35 * time.Second
)

// HTTPOptions configure the HTTP client of one server.
type HTTPOptions struct {
	ConnectTimeout time.Duration // 0 means ConnectTimeout
	ReadTimeout    time.Duration // 0 means ReadTimeout
	// Proxy is the proxy URL; nil means the standard environment variables
	// (HTTPS_PROXY, HTTP_PROXY, NO_PROXY).
	Proxy *url.URL
	// RootCAs are trusted in addition to the system's; nil means the
	// system's only. Verification is never switched off.
	RootCAs *x509.CertPool
}

// NewHTTPClient returns an HTTP client with tutti's timeouts, proxy and
// trust settings.
func NewHTTPClient(o HTTPOptions) *http.Client {
	if o.ConnectTimeout <= 0 {
		o.ConnectTimeout = ConnectTimeout
	}
	if o.ReadTimeout <= 0 {
		o.ReadTimeout = ReadTimeout
	}
	proxy := http.ProxyFromEnvironment
	if o.Proxy != nil {
		proxy = http.ProxyURL(o.Proxy)
	}
	dialer := &net.Dialer{Timeout: o.ConnectTimeout, KeepAlive: 30 * time.Second}
	transport := &http.Transport{
		Proxy:                 proxy,
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   o.ConnectTimeout,
		ResponseHeaderTimeout: o.ReadTimeout,
		IdleConnTimeout:       90 * time.Second,
		MaxIdleConnsPerHost:   8,
		ForceAttemptHTTP2:     true,
		TLSClientConfig:       &tls.Config{MinVersion: tls.VersionTLS12, RootCAs: o.RootCAs},
	}
	return &http.Client{Transport: transport}
}

// CertPool returns the system's certificate pool with the PEM certificates
// of bundle added.
func CertPool(bundle []byte) (*x509.CertPool, error) {
	pool, err := x509.SystemCertPool()
	if err != nil || pool == nil {
		pool = x509.NewCertPool()
	}
	if len(bundle) == 0 {
		return pool, nil
	}
	if !pool.AppendCertsFromPEM(bundle) {
		return nil, errors.New("trust store: no PEM certificate found")
	}
	return pool, nil
}

// ProxyURL builds a proxy URL from its parts; an empty host gives nil.
func ProxyURL(host string, port int, username, password string) (*url.URL, error) {
	if host == "" {
		return nil, nil
	}
	if strings.ContainsAny(host, "/@ ") {
		return nil, fmt.Errorf("proxy host %q is not a host name", host)
	}
	if port <= 0 {
		port = 8080
	}
	u := &url.URL{Scheme: "http", Host: net.JoinHostPort(host, fmt.Sprint(port))}
	if username != "" {
		u.User = url.UserPassword(username, password)
	}
	return u, nil
}
