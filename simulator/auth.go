package simulator

import (
	"errors"
	"net/http"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/tutti-chat/tutti/symphony"
)

// maxJWTLifetime is how far in the future a login JWT's exp may be.
const maxJWTLifetime = 5 * time.Minute

// errUnknownAccount is a login JWT whose sub has no public key in the pod.
var errUnknownAccount = errors.New("unknown account")

// caller is the authenticated user of a pod or agent call.
type caller struct {
	id   int64
	user *user
}

// authHandler is a handler of an authenticated call.
type authHandler func(w http.ResponseWriter, r *http.Request, c caller)

// handleLogin answers a public-key login: name is "sessionToken" for the
// pod (/login) and "keyManagerToken" for the key manager (/relay).
func (s *Server) handleLogin(name string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req symphony.AuthenticateRequest
		if err := decodeJSON(w, r, &req, false); err != nil {
			writeErr(w, err)
			return
		}
		u, err := s.verifyLoginJWT(req.Token)
		if err != nil {
			s.log.Debug("simulator: login refused", "err", err)
			writeErr(w, err)
			return
		}
		var tok symphony.Token
		if name == "sessionToken" {
			t, err := s.newSessionToken(u)
			if err != nil {
				writeErr(w, err)
				return
			}
			tok = symphony.Token{Name: name, Token: t}
		} else {
			tok = symphony.Token{Name: name, Token: s.newKMToken(u)}
		}
		writeJSON(w, http.StatusOK, tok)
	}
}

// verifyLoginJWT checks a login JWT: RS512, signed by the key of the
// account named by sub, with an exp that is neither past nor more than five
// minutes ahead.
func (s *Server) verifyLoginJWT(token string) (*user, error) {
	if token == "" {
		return nil, errorf(http.StatusUnauthorized, "Invalid authentication token: the token is empty")
	}
	var account *user
	claims := jwt.RegisteredClaims{}
	_, err := jwt.ParseWithClaims(token, &claims, func(t *jwt.Token) (any, error) {
		sub, _ := t.Claims.GetSubject()
		s.mu.Lock()
		defer s.mu.Unlock()
		u := s.st.userByName(sub)
		if u == nil || u.key == nil {
			return nil, errUnknownAccount
		}
		account = u
		return u.key, nil
	}, jwt.WithValidMethods([]string{jwt.SigningMethodRS512.Alg()}),
		jwt.WithExpirationRequired(), jwt.WithTimeFunc(s.now))
	switch {
	case err == nil:
	case errors.Is(err, errUnknownAccount):
		return nil, errorf(http.StatusUnauthorized,
			"Invalid authentication token: user %q does not exist or has no public key", claims.Subject)
	case errors.Is(err, jwt.ErrTokenExpired):
		return nil, errorf(http.StatusUnauthorized, "Invalid authentication token: the token has expired")
	case errors.Is(err, jwt.ErrTokenRequiredClaimMissing):
		return nil, errorf(http.StatusUnauthorized, "Invalid authentication token: the exp claim is required")
	case errors.Is(err, jwt.ErrTokenSignatureInvalid):
		return nil, errorf(http.StatusUnauthorized, "Invalid authentication token: invalid token signature")
	case errors.Is(err, jwt.ErrTokenMalformed):
		return nil, errorf(http.StatusUnauthorized, "Invalid authentication token: malformed token")
	default:
		return nil, errorf(http.StatusUnauthorized, "Invalid authentication token: %v", err)
	}
	if claims.ExpiresAt.Sub(s.now()) > maxJWTLifetime+time.Second {
		return nil, errorf(http.StatusUnauthorized,
			"Invalid authentication token: the expiration date must be at most 5 minutes in the future")
	}
	return account, nil
}

// sessionClaims are the claims of a session token, like a real pod's.
type sessionClaims struct {
	jwt.RegisteredClaims
	UserID                      int64  `json:"userId"`
	SessionID                   string `json:"sessionId"`
	TokenType                   string `json:"tokenType"`
	CanUseSimplifiedKeyDelivery bool   `json:"canUseSimplifiedKeyDelivery"`
}

// newSessionToken opens a session for u: an RS512 JWT signed by the pod.
func (s *Server) newSessionToken(u *user) (string, error) {
	now := s.now()
	exp := now.Add(s.opts.SessionTTL)
	claims := sessionClaims{
		RegisteredClaims: jwt.RegisteredClaims{
			Subject: u.username, Issuer: "symphony", ID: newHex(16),
			IssuedAt: jwt.NewNumericDate(now), ExpiresAt: jwt.NewNumericDate(exp),
		},
		UserID: u.id, SessionID: newUUID(), TokenType: "SESSION",
	}
	tok, err := jwt.NewWithClaims(jwt.SigningMethodRS512, claims).SignedString(s.signKey)
	if err != nil {
		return "", errorf(http.StatusInternalServerError, "Could not create the session: %v", err)
	}
	s.mu.Lock()
	s.st.sessions[tok] = &session{user: u.id, expires: exp}
	s.mu.Unlock()
	return tok, nil
}

// newKMToken opens a key-manager session for u: an opaque hex token.
func (s *Server) newKMToken(u *user) string {
	tok := "0100" + newHex(64)
	s.mu.Lock()
	s.st.kmTokens[tok] = &session{user: u.id, expires: s.now().Add(s.opts.SessionTTL)}
	s.mu.Unlock()
	return tok
}

// authenticate finds the caller of a pod (agent false) or agent call. The
// sessionToken header is required; on the agent, so is a keyManagerToken of
// the same user: the session tokens the simulator issues deny simplified key
// delivery (canUseSimplifiedKeyDelivery false), and the agent then needs
// both tokens.
func (s *Server) authenticate(r *http.Request, agent bool) (caller, error) {
	tok := r.Header.Get("sessionToken")
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	sess := s.st.sessions[tok]
	if tok == "" || sess == nil {
		return caller{}, errorf(http.StatusUnauthorized, msgInvalidSession)
	}
	if !now.Before(sess.expires) {
		delete(s.st.sessions, tok)
		return caller{}, errorf(http.StatusUnauthorized, msgInvalidSession)
	}
	if agent {
		km := r.Header.Get("keyManagerToken")
		ks := s.st.kmTokens[km]
		if km == "" || ks == nil || ks.user != sess.user {
			return caller{}, errorf(http.StatusUnauthorized, msgInvalidKMToken)
		}
		if !now.Before(ks.expires) {
			delete(s.st.kmTokens, km)
			return caller{}, errorf(http.StatusUnauthorized, msgInvalidKMToken)
		}
	}
	u := s.st.users[sess.user]
	if u == nil {
		return caller{}, errorf(http.StatusUnauthorized, msgInvalidSession)
	}
	return caller{id: u.id, user: u}, nil
}

// pod wraps a pod handler with session authentication.
func (s *Server) pod(h authHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c, err := s.authenticate(r, false)
		if err != nil {
			writeErr(w, err)
			return
		}
		h(w, r, c)
	}
}

// agent wraps an agent handler with session and key-manager authentication.
func (s *Server) agent(h authHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c, err := s.authenticate(r, true)
		if err != nil {
			writeErr(w, err)
			return
		}
		h(w, r, c)
	}
}

// expireSessions invalidates every session and key-manager token.
func (s *state) expireSessions() int {
	n := len(s.sessions) + len(s.kmTokens)
	clear(s.sessions)
	clear(s.kmTokens)
	return n
}
