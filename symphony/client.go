package symphony

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	fastjson "github.com/goccy/go-json"
	"github.com/tutti-chat/tutti/internal/sanitize"
)

// Options configure a Client.
type Options struct {
	// PodURL, AgentURL and KeyManagerURL are base URLs,
	// scheme://host:port[/context], without the /pod, /agent, /login or
	// /relay paths.
	PodURL, AgentURL, KeyManagerURL string
	// Username and PrivateKey are the service account's RSA credentials.
	Username   string
	PrivateKey *rsa.PrivateKey
	// SessionToken and KeyManagerToken, when set, are used as they are and
	// no login happens; a 401 is then returned to the caller, with
	// ErrTokenRejected in its chain.
	SessionToken, KeyManagerToken string
	// PodHTTP, AgentHTTP and KeyManagerHTTP carry the calls to each server;
	// nil means NewHTTPClient(HTTPOptions{}).
	PodHTTP, AgentHTTP, KeyManagerHTTP *http.Client
	// Version goes into the User-Agent header: tutti/<Version>.
	Version string
	// Clock gives the time for login JWTs; nil means time.Now.
	Clock func() time.Time
	// Logger receives a debug line per request; nil discards.
	Logger *slog.Logger
}

// Client calls a Symphony pod, key manager and agent. It is safe for
// concurrent use. Every call that needs a session logs in first if needed;
// on a 401 it logs in again once, however many calls are waiting, and
// retries each call once.
type Client struct {
	pod, agent, km server
	username       string
	key            *rsa.PrivateKey
	staticTokens   bool
	userAgent      string
	now            func() time.Time
	log            *slog.Logger

	mu       sync.Mutex
	tokens   tokens
	loggedIn bool
	gen      int           // counts successful logins
	inflight chan struct{} // closed when the login under way ends
	lastErr  error         // the error of the last login

	exchanges exchangeLog // the last HTTP calls, for the UI's log
}

type server struct {
	base    string
	http    *http.Client
	headers map[string]string // the configuration's defaultHeaders
}

type tokens struct {
	session, keyManager string
}

// New returns a Client. It does not contact any server.
func New(opts Options) (*Client, error) {
	c := &Client{
		username:  opts.Username,
		key:       opts.PrivateKey,
		userAgent: "tutti/" + orDefault(opts.Version, "dev"),
		now:       opts.Clock,
		log:       opts.Logger,
	}
	if c.now == nil {
		c.now = time.Now
	}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	var err error
	if c.pod, err = newServer("pod", opts.PodURL, opts.PodHTTP); err != nil {
		return nil, err
	}
	if c.agent, err = newServer("agent", orDefault(opts.AgentURL, opts.PodURL), opts.AgentHTTP); err != nil {
		return nil, err
	}
	if c.km, err = newServer("key manager", orDefault(opts.KeyManagerURL, opts.PodURL), opts.KeyManagerHTTP); err != nil {
		return nil, err
	}
	switch {
	case opts.SessionToken != "":
		c.staticTokens = true
		c.loggedIn = true
		c.tokens = tokens{session: opts.SessionToken, keyManager: opts.KeyManagerToken}
	case opts.Username == "" || opts.PrivateKey == nil:
		return nil, errors.New("new client: need a username and a private key, or a session token")
	}
	return c, nil
}

func newServer(what, base string, hc *http.Client) (server, error) {
	u, err := url.Parse(base)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return server{}, fmt.Errorf("new client: %s URL %q is not an http(s) URL", what, base)
	}
	if hc == nil {
		hc = NewHTTPClient(HTTPOptions{})
	}
	return server{base: strings.TrimRight(base, "/"), http: hc}, nil
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// Username returns the service account the client logs in as ("" in token
// mode).
func (c *Client) Username() string { return c.username }

// authKind says which tokens a call carries.
type authKind int

const (
	authNone       authKind = iota // login calls
	authSession                    // pod calls
	authSessionKey                 // agent calls
)

// request is one API call.
type request struct {
	op          string
	srv         *server
	method      string
	path        string // with the context path (/pod, /agent, /login, /relay)
	query       url.Values
	in          any    // encoded as the JSON body when non-nil
	body        []byte // the raw body, when in is nil
	contentType string
	auth        authKind
	out         any // decoded from a 200/201 body when non-nil
	// sink, when non-nil, reads a 2xx body instead of out, as it streams.
	sink func(io.Reader) error
}

// maxErrorBody bounds how much of an error body is read.
const maxErrorBody = 64 << 10

// do performs a call, logging in first when needed and once more on a 401.
// It returns the HTTP status of the final answer; a 204 leaves out untouched.
func (c *Client) do(ctx context.Context, r request) (int, error) {
	if r.in != nil {
		data, err := json.Marshal(r.in)
		if err != nil {
			return 0, fmt.Errorf("%s: encode request: %w", r.op, err)
		}
		r.body, r.contentType, r.in = data, "application/json", nil
	}
	if r.auth == authNone {
		return c.send(ctx, r, tokens{})
	}
	tok, gen, err := c.currentTokens(ctx)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", r.op, err)
	}
	status, err := c.send(ctx, r, tok)
	if !IsUnauthorized(err) {
		return status, err
	}
	if c.staticTokens {
		var api *APIError
		errors.As(err, &api)
		return status, &tokenRejectedError{api: api}
	}
	c.log.Debug("session rejected, logging in again", "op", r.op)
	if lerr := c.relogin(ctx, gen); lerr != nil {
		return status, fmt.Errorf("%s: %w", r.op, lerr)
	}
	tok, _, err = c.currentTokens(ctx)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", r.op, err)
	}
	return c.send(ctx, r, tok)
}

// send performs one HTTP exchange.
func (c *Client) send(ctx context.Context, r request, tok tokens) (int, error) {
	u := r.srv.base + r.path
	if len(r.query) > 0 {
		u += "?" + r.query.Encode()
	}
	var body io.Reader
	if r.body != nil {
		body = bytes.NewReader(r.body)
	}
	req, err := http.NewRequestWithContext(ctx, r.method, u, body)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", r.op, err)
	}
	for k, v := range r.srv.headers {
		req.Header.Set(k, v)
	}
	req.Header.Set("User-Agent", c.userAgent)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("X-Trace-Id", traceID())
	if r.contentType != "" {
		req.Header.Set("Content-Type", r.contentType)
	}
	if r.auth >= authSession {
		req.Header.Set("sessionToken", tok.session)
	}
	if r.auth == authSessionKey && tok.keyManager != "" {
		req.Header.Set("keyManagerToken", tok.keyManager)
	}
	start := time.Now()
	resp, err := r.srv.http.Do(req)
	ex := Exchange{At: start, Op: r.op, Method: r.method, Path: r.path, Duration: time.Since(start)}
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return 0, fmt.Errorf("%s: %w", r.op, ctxErr)
		}
		ex.Err = err.Error()
		c.exchanges.add(ex)
		return 0, &NetworkError{Op: r.op, Err: err}
	}
	defer resp.Body.Close()
	ex.Status = resp.StatusCode
	c.exchanges.add(ex)
	c.log.Debug("http", "method", r.method, "path", r.path, "status", resp.StatusCode,
		"duration", time.Since(start), "trace", req.Header.Get("X-Trace-Id"))
	switch {
	case resp.StatusCode == http.StatusNoContent:
		return resp.StatusCode, nil
	case resp.StatusCode >= 200 && resp.StatusCode < 300 && r.sink != nil:
		return resp.StatusCode, r.sink(resp.Body)
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		if r.out == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			return resp.StatusCode, nil
		}
		data, err := io.ReadAll(resp.Body)
		if err != nil {
			return resp.StatusCode, &NetworkError{Op: r.op, Err: fmt.Errorf("read answer: %w", err)}
		}
		if len(bytes.TrimSpace(data)) == 0 {
			return http.StatusNoContent, nil
		}
		if err := DecodeJSON(data, r.out); err != nil {
			return resp.StatusCode, fmt.Errorf("%s: decode answer: %w", r.op, err)
		}
		return resp.StatusCode, nil
	default:
		return resp.StatusCode, c.apiError(r, resp)
	}
}

// apiError builds the *APIError of an answer that is not a success.
func (c *Client) apiError(r request, resp *http.Response) *APIError {
	data, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	e := &APIError{
		Op:         r.op,
		Method:     r.method,
		Path:       r.path,
		Status:     resp.StatusCode,
		RetryAfter: parseRetryAfter(resp.Header.Get("Retry-After"), c.now()),
	}
	var body ErrorBody
	if json.Unmarshal(data, &body) == nil && (body.Message != "" || body.Code != 0) {
		e.Code = body.Code
		e.Message = cleanRemoteText(body.Message, 300)
	} else {
		e.Message = cleanRemoteText(string(data), 300)
	}
	return e
}

// cleanRemoteText makes a remote string safe to show in one line: it goes
// through the sanitiser and is cut to max runes.
func cleanRemoteText(s string, max int) string {
	s = sanitize.Line(strings.TrimSpace(s))
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return string(r[:max]) + "…"
}

// traceID returns a random six-character id for the X-Trace-Id header.
func traceID() string {
	const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	var raw [6]byte
	_, _ = rand.Read(raw[:])
	for i, b := range raw {
		raw[i] = alphabet[int(b)%len(alphabet)]
	}
	return string(raw[:])
}

// DecodeJSON decodes JSON as the client decodes every answer. It uses
// goccy/go-json, compatible with encoding/json and about five times faster
// on datafeed batches, the client's hot path; a panic of the decoder on
// hostile input becomes an error.
func DecodeJSON(data []byte, v any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("malformed JSON (%v)", r)
		}
	}()
	return fastjson.Unmarshal(data, v)
}

// WrapTransports makes every call of the client (pod, agent and key
// manager) go through wrap(transport), for instance to record answers. An
// HTTP client shared by several servers is wrapped once; the clients given
// in Options are copied, not changed. It must be called before the first
// call.
func (c *Client) WrapTransports(wrap func(http.RoundTripper) http.RoundTripper) {
	wrapped := map[*http.Client]*http.Client{}
	for _, s := range []*server{&c.pod, &c.agent, &c.km} {
		if w, ok := wrapped[s.http]; ok {
			s.http = w
			continue
		}
		hc := *s.http
		rt := hc.Transport
		if rt == nil {
			rt = http.DefaultTransport
		}
		hc.Transport = wrap(rt)
		wrapped[s.http] = &hc
		s.http = &hc
	}
}

// CloseIdleConnections closes the connections to the pod, agent and key
// manager that carry no request now, such as one dialled for a request
// cancelled before it was sent; a server shutting down would otherwise
// wait for them.
func (c *Client) CloseIdleConnections() {
	for _, s := range []server{c.pod, c.agent, c.km} {
		if s.http != nil {
			s.http.CloseIdleConnections()
		}
	}
}
