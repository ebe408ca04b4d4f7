package simulator

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"path"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tutti-chat/tutti/simulator/scenario"
)

// Server is a running simulator. Its methods are safe for concurrent use.
type Server struct {
	opts    Options
	log     *slog.Logger
	url     string
	caPEM   []byte
	keyPEM  []byte
	signKey *rsa.PrivateKey
	account string // the primary service account's username
	gen     scenario.Player
	http    *http.Server

	playback   *replay       // set when the server replays a recording
	replayDone chan struct{} // closed when the replay reaches the recording's end

	ctx       context.Context
	cancel    context.CancelFunc
	wg        sync.WaitGroup
	closeOnce sync.Once

	faults  faultState
	limiter *rateLimiter // nil without a rate limit

	liveCtx    context.Context // ends the live actions (StopLive, Close)
	liveCancel context.CancelFunc
	liveDone   chan struct{} // closed when the live actions have ended

	mu     sync.Mutex
	st     *state
	humans humanBook // the keys the simulator issued to people (humans.go)
}

// startKeys returns the service account's key and the token signing key of
// opts, generating those it lacks at the same time: an RSA 2048 key takes
// 50–200 ms to generate, most of the simulator's start.
func startKeys(opts Options) (key, signKey *rsa.PrivateKey, err error) {
	key, signKey = opts.PrivateKey, opts.SigningKey
	var keyErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		if key == nil {
			key, keyErr = rsa.GenerateKey(rand.Reader, 2048)
		}
	}()
	if signKey == nil {
		if signKey, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
			<-done
			return nil, nil, fmt.Errorf("start simulator: generate the token signing key: %w", err)
		}
	}
	<-done
	if keyErr != nil {
		return nil, nil, fmt.Errorf("start simulator: generate the service account key: %w", keyErr)
	}
	return key, signKey, nil
}

// Start loads the scenario, listens on addr ("127.0.0.1:0" when empty) and
// serves in the background until ctx is done or Close is called.
func Start(ctx context.Context, addr string, opts Options) (*Server, error) {
	opts = opts.withDefaults()
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	s := &Server{opts: opts, log: opts.Logger}
	s.faults.log = opts.Logger
	if opts.RateLimit > 0 {
		s.limiter = &rateLimiter{rate: opts.RateLimit}
	}

	key, signKey, err := startKeys(opts)
	if err != nil {
		return nil, err
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, fmt.Errorf("start simulator: encode the service account key: %w", err)
	}
	s.keyPEM = pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
	s.signKey = signKey

	s.st = newState(opts)
	s.st.ledger = &ledger{w: opts.Ledger, log: opts.Logger}
	load := s.load
	if opts.Replay != nil {
		load = s.loadReplay
		s.opts.Scenario = replayScenario
	}
	if err := load(&key.PublicKey); err != nil {
		return nil, fmt.Errorf("start simulator: %w", err)
	}
	if opts.Replay != nil && len(opts.Humans) > 0 {
		return nil, fmt.Errorf("start simulator: a replay has no humans: its people are the recording's")
	}
	if err := s.loadHumans(); err != nil {
		return nil, fmt.Errorf("start simulator: %w", err)
	}

	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("start simulator: %w", err)
	}
	scheme := "http"
	var tlsConfig *tls.Config
	if opts.TLS {
		var cert tls.Certificate
		s.caPEM, cert, err = newCertificates(opts.Clock())
		if err != nil {
			ln.Close()
			return nil, fmt.Errorf("start simulator: %w", err)
		}
		tlsConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
		scheme = "https"
	}
	s.url = scheme + "://" + dialAddr(ln.Addr())
	if s.playback != nil {
		// The recording's start is now.
		s.playback.clock.t0 = s.now()
	}

	s.ctx, s.cancel = context.WithCancel(context.WithoutCancel(ctx))
	s.http = &http.Server{
		Handler:           s.handler(),
		TLSConfig:         tlsConfig,
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return s.ctx },
		ErrorLog:          slog.NewLogLogger(opts.Logger.Handler(), slog.LevelDebug),
	}

	s.wg.Go(func() {
		var err error
		if tlsConfig != nil {
			err = s.http.ServeTLS(ln, "", "")
		} else {
			err = s.http.Serve(ln)
		}
		if err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("simulator: serve", "err", err)
		}
	})
	s.wg.Go(func() {
		select {
		case <-ctx.Done():
			s.closeOnce.Do(s.shutdown)
		case <-s.ctx.Done():
		}
	})
	s.liveCtx, s.liveCancel = context.WithCancel(s.ctx)
	s.liveDone = make(chan struct{})
	switch {
	case s.playback != nil:
		s.wg.Go(s.runReplay)
	case s.gen != nil && !opts.NoLive:
		s.wg.Go(s.runLive)
	default:
		close(s.liveDone)
	}
	s.startFaultSchedule()
	s.log.Info("simulator: serving", "url", s.url, "scenario", s.opts.Scenario, "account", s.account)
	return s, nil
}

// dialAddr is the address clients dial for a listener: the loopback
// address when it listens on all interfaces.
func dialAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok || !tcp.IP.IsUnspecified() {
		return a.String()
	}
	return net.JoinHostPort("127.0.0.1", strconv.Itoa(tcp.Port))
}

// Close stops the server: pending long polls return, background work ends,
// and Close returns once every goroutine of the server is done. It is safe
// to call more than once.
func (s *Server) Close() error {
	s.closeOnce.Do(s.shutdown)
	s.wg.Wait()
	return nil
}

// shutdown cancels the server's context and stops the HTTP server.
func (s *Server) shutdown() {
	s.cancel()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := s.http.Shutdown(ctx); err != nil {
		_ = s.http.Close()
	}
}

// URL returns the base URL of the pod, agent and key manager, without a
// trailing slash: URL()+"/pod", URL()+"/agent", URL()+"/login", URL()+"/relay".
func (s *Server) URL() string { return s.url }

// Account returns the username of the primary service account.
func (s *Server) Account() string { return s.account }

// AccountID returns the user id of the primary service account.
func (s *Server) AccountID() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.account
}

// PrivateKeyPEM returns the primary service account's private key, PKCS#8
// PEM ("PRIVATE KEY").
func (s *Server) PrivateKeyPEM() []byte { return slices.Clone(s.keyPEM) }

// CACertPEM returns the PEM certificate of the CA that issued the server's
// certificate, or nil when the server does not use TLS.
func (s *Server) CACertPEM() []byte { return slices.Clone(s.caPEM) }

// now returns the pod's time.
func (s *Server) now() time.Time { return s.opts.Clock() }

// handler builds the server's HTTP handler: every route, behind recovery
// and, for the pod and agent APIs, the injected faults; an operation of the
// official documents that no route serves answers 501 (notServed).
func (s *Server) handler() http.Handler {
	mux := http.NewServeMux()
	table := map[string]map[string]http.HandlerFunc{}
	add := func(method, pattern string, h http.HandlerFunc) {
		if table[pattern] == nil {
			table[pattern] = map[string]http.HandlerFunc{}
		}
		table[pattern][method] = h
	}
	s.routes(add)
	for pattern, methods := range table {
		mux.HandleFunc(pattern, dispatch(methods))
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "No resource at "+r.URL.Path)
	})
	return s.recoverer(s.logRequests(s.withDistance(s.withRateLimit(s.withFaults(uncleanPaths(notServed(mux, table)))))))
}

// routes registers every endpoint.
func (s *Server) routes(add func(method, pattern string, h http.HandlerFunc)) {
	// Login: the pod's and the key manager's.
	add(http.MethodPost, "/login/pubkey/authenticate", s.handleLogin("sessionToken"))
	add(http.MethodPost, "/relay/pubkey/authenticate", s.handleLogin("keyManagerToken"))

	// Pod.
	add(http.MethodGet, "/pod/v2/sessioninfo", s.pod(s.handleSessionInfo))
	add(http.MethodPost, "/pod/v1/streams/list", s.pod(s.handleStreamsList))
	add(http.MethodGet, "/pod/v2/streams/{sid}/info", s.pod(s.handleStreamInfo))
	add(http.MethodGet, "/pod/v3/room/{id}/info", s.pod(s.handleRoomInfo))
	add(http.MethodGet, "/pod/v2/room/{id}/membership/list", s.pod(s.handleRoomMembers))
	s.roomRoutes(add)
	add(http.MethodPost, "/pod/v1/im/create", s.pod(s.handleIMCreate))
	add(http.MethodGet, "/pod/v1/im/{id}/info", s.pod(s.handleIMInfo))
	add(http.MethodGet, "/pod/v3/users", s.pod(s.handleUsers))
	add(http.MethodGet, "/pod/v2/user", s.pod(s.handleUser))
	add(http.MethodGet, "/pod/v1/connection/list", s.pod(s.handleConnections))
	add(http.MethodPost, "/pod/v1/connection/accept", s.pod(s.handleConnectionAccept))
	add(http.MethodPost, "/pod/v1/connection/reject", s.pod(s.handleConnectionReject))
	add(http.MethodPost, "/pod/v1/connection/create", s.pod(s.handleConnectionCreate))
	add(http.MethodGet, "/pod/v3/user/{uid}/presence", s.pod(s.handlePresence))
	s.peopleRoutes(add)
	s.fileRoutes(add)

	// Agent.
	add(http.MethodGet, "/agent/v1/info", s.handleAgentInfo)
	add(http.MethodGet, "/agent/v5/datafeeds", s.agent(s.handleListV2))
	add(http.MethodPost, "/agent/v5/datafeeds", s.agent(s.handleCreateV2))
	add(http.MethodDelete, "/agent/v5/datafeeds/{id}", s.agent(s.handleDeleteV2))
	add(http.MethodPost, "/agent/v5/datafeeds/{id}/read", s.agent(s.handleReadV2))
	add(http.MethodPost, "/agent/v4/datafeed/create", deprecated(s.agent(s.handleCreateV1)))
	add(http.MethodGet, "/agent/v4/datafeed/{id}/read", deprecated(s.agent(s.handleReadV1)))
	add(http.MethodGet, "/agent/v4/stream/{sid}/message", s.agent(s.handleHistory))
	add(http.MethodPost, "/agent/v4/stream/{sid}/message/create", s.agent(s.handleMessageCreate))
	add(http.MethodPost, "/agent/v4/stream/{sid}/message/{mid}/update", s.agent(s.handleMessageUpdate))
	add(http.MethodGet, "/agent/v1/message/{id}", s.agent(s.handleGetMessage))
	add(http.MethodGet, "/agent/v1/stream/{sid}/attachment", s.agent(s.handleAttachment))
	add(http.MethodGet, "/agent/v1/message/search", s.agent(s.handleSearchGet))
	add(http.MethodPost, "/agent/v1/message/search", s.agent(s.handleSearchPost))
	s.bdkRoutes(add)

	// The simulator's own administration API (not Symphony's).
	add(http.MethodGet, "/simulator/faults", s.handleFaultsList)
	add(http.MethodPost, "/simulator/faults", s.handleFaultsInject)
	add(http.MethodGet, "/simulator/state", s.handleState)
	s.elementsRoutes(add)

	if s.playback != nil {
		s.replayRoutes(add)
	}
}

// dispatch routes a request to the handler of its method; other methods
// are answered 405 with an Allow header.
func dispatch(methods map[string]http.HandlerFunc) http.HandlerFunc {
	allowed := make([]string, 0, len(methods))
	for m := range methods {
		allowed = append(allowed, m)
	}
	slices.Sort(allowed)
	return func(w http.ResponseWriter, r *http.Request) {
		h, ok := methods[r.Method]
		if !ok && r.Method == http.MethodHead {
			h, ok = methods[http.MethodGet]
		}
		if !ok {
			w.Header().Set("Allow", strings.Join(allowed, ", "))
			writeError(w, http.StatusMethodNotAllowed, msgMethodNotAllowed)
			return
		}
		h(w, r)
	}
}

// deprecated adds the X-Warning header the agent sends on datafeed v1 calls.
func deprecated(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Warning", "This method is deprecated")
		h(w, r)
	}
}

// recoverer turns a panic into a 500 with an error body. An aborted
// response (http.ErrAbortHandler, used to drop a connection on purpose)
// goes through.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler { //nolint:errorlint // a sentinel panic value
				panic(v)
			}
			s.log.Error("simulator: panic", "method", r.Method, "path", r.URL.Path, "panic", v,
				"stack", string(debug.Stack()))
			writeError(w, http.StatusInternalServerError, msgInternal)
		}()
		next.ServeHTTP(w, r)
	})
}

// statusWriter records the status of an answer.
type statusWriter struct {
	http.ResponseWriter
	status int
}

// WriteHeader implements http.ResponseWriter.
func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

// Write implements http.ResponseWriter.
func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// logRequests logs every request at debug level.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			s.log.Debug("simulator: request", "method", r.Method, "path", r.URL.Path,
				"status", sw.status, "duration", time.Since(start))
		}()
		next.ServeHTTP(sw, r)
	})
}

// uncleanPaths answers a path with empty or dot segments with the pod's
// JSON 404, where the standard mux would redirect with an HTML body.
func uncleanPaths(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The escaped path: an id in standard base64 may hold "%2F%2F".
		if p := r.URL.EscapedPath(); p != "/" && (p == "" || path.Clean(p) != p) {
			writeError(w, http.StatusNotFound, "No resource at "+p)
			return
		}
		next.ServeHTTP(w, r)
	})
}
