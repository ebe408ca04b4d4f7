package symphony

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// loginTimeout bounds one login, which runs detached from the caller that
// started it so that its cancellation cannot fail the other waiters.
const loginTimeout = 60 * time.Second

// ErrTokenRejected is in the chain of the error of a call refused with 401
// in session-token mode (Options.SessionToken): there is no key to log in
// again with, so the call fails for good.
var ErrTokenRejected = errors.New("the session token in SYMPHONY_SESSION_TOKEN was refused (401): " +
	"get a new one (and SYMPHONY_KM_TOKEN with it), or configure an RSA key (bot.privateKey)")

// tokenRejectedError is a 401 answer to a call made with static tokens. It
// reads as the operation followed by ErrTokenRejected, and unwraps to both
// ErrTokenRejected and the *APIError, so that IsUnauthorized still holds.
type tokenRejectedError struct {
	api *APIError
}

// Error implements error.
func (e *tokenRejectedError) Error() string { return e.api.Op + ": " + ErrTokenRejected.Error() }

// Unwrap returns ErrTokenRejected and the 401 answer.
func (e *tokenRejectedError) Unwrap() []error { return []error{ErrTokenRejected, e.api} }

// Login logs in to the pod and the key manager now, replacing any tokens the
// client holds.
func (c *Client) Login(ctx context.Context) error {
	c.mu.Lock()
	gen := c.gen
	c.mu.Unlock()
	if c.staticTokens {
		return nil
	}
	return c.relogin(ctx, gen)
}

// currentTokens returns the tokens to use and the login generation they come
// from, logging in first when the client has none.
func (c *Client) currentTokens(ctx context.Context) (tokens, int, error) {
	c.mu.Lock()
	if c.loggedIn {
		t, g := c.tokens, c.gen
		c.mu.Unlock()
		return t, g, nil
	}
	gen := c.gen
	c.mu.Unlock()
	if err := c.relogin(ctx, gen); err != nil {
		return tokens{}, 0, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.tokens, c.gen, nil
}

// relogin logs in again unless a login newer than staleGen already
// succeeded. Concurrent callers share one login: the first starts it, the
// others wait for its result.
func (c *Client) relogin(ctx context.Context, staleGen int) error {
	if c.staticTokens {
		return ErrTokenRejected
	}
	c.mu.Lock()
	if c.gen != staleGen && c.loggedIn {
		c.mu.Unlock()
		return nil
	}
	if ch := c.inflight; ch != nil {
		c.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
		c.mu.Lock()
		defer c.mu.Unlock()
		return c.lastErr
	}
	ch := make(chan struct{})
	c.inflight = ch
	c.mu.Unlock()

	lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), loginTimeout)
	tok, err := c.login(lctx)
	cancel()

	c.mu.Lock()
	if err == nil {
		c.tokens = tok
		c.loggedIn = true
		c.gen++
	}
	c.lastErr = err
	c.inflight = nil
	close(ch)
	c.mu.Unlock()
	return err
}

// login performs the pod and key-manager logins, each with a fresh JWT.
func (c *Client) login(ctx context.Context) (tokens, error) {
	session, err := c.pubkeyLogin(ctx, "log in to the pod", &c.pod, "/login/pubkey/authenticate")
	if err != nil {
		return tokens{}, err
	}
	km, err := c.pubkeyLogin(ctx, "log in to the key manager", &c.km, "/relay/pubkey/authenticate")
	if err != nil {
		return tokens{}, err
	}
	return tokens{session: session, keyManager: km}, nil
}

func (c *Client) pubkeyLogin(ctx context.Context, op string, srv *server, path string) (string, error) {
	jwt, err := SignLoginJWT(c.username, c.key, c.now())
	if err != nil {
		return "", fmt.Errorf("%s: %w", op, err)
	}
	var tok Token
	_, err = c.do(ctx, request{
		op: op, srv: srv, method: http.MethodPost, path: path,
		in: AuthenticateRequest{Token: jwt}, auth: authNone, out: &tok,
	})
	if err != nil {
		return "", err
	}
	if tok.Token == "" {
		return "", fmt.Errorf("%s: the answer holds no token", op)
	}
	return tok.Token, nil
}
