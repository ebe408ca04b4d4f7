package symphony

import (
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
)

// NewFromConfig returns a Client for the servers, account, proxies and trust
// store of a BDK configuration. It reads the private key and the trust store
// but contacts no server. version goes into the User-Agent header.
func NewFromConfig(cfg *Config, version string, logger *slog.Logger) (*Client, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	keyPEM, err := cfg.Bot.PrivateKey.Load()
	if err != nil {
		return nil, fmt.Errorf("read the private key (bot.privateKey): %w", err)
	}
	key, err := ParsePrivateKey(keyPEM)
	if err != nil {
		return nil, fmt.Errorf("bot.privateKey: %w", err)
	}
	return newFromConfig(cfg, Options{Username: cfg.Bot.Username, PrivateKey: key, Version: version, Logger: logger})
}

// NewFromConfigWithTokens returns a Client in session-token mode
// (Options.SessionToken) for the servers, proxies and trust store of a BDK
// configuration: it never logs in, and the bot section is not used.
// keyManagerToken may be empty. It reads the trust store but contacts no
// server.
func NewFromConfigWithTokens(cfg *Config, sessionToken, keyManagerToken, version string, logger *slog.Logger) (*Client, error) {
	if err := cfg.ValidateServers(); err != nil {
		return nil, err
	}
	if sessionToken == "" {
		return nil, errors.New("new client: the session token is empty")
	}
	return newFromConfig(cfg, Options{SessionToken: sessionToken, KeyManagerToken: keyManagerToken, Version: version, Logger: logger})
}

// newFromConfig completes opts, which holds the credentials, with the
// configuration's servers and their HTTP clients.
func newFromConfig(cfg *Config, opts Options) (*Client, error) {
	var roots *x509.CertPool
	if !cfg.TrustStore.IsZero() {
		bundle, err := cfg.TrustStore.Load()
		if err != nil {
			return nil, fmt.Errorf("read the trust store (ssl.trustStore): %w", err)
		}
		if roots, err = CertPool(bundle); err != nil {
			return nil, fmt.Errorf("ssl.trustStore: %w", err)
		}
	}
	clients := map[string]*http.Client{}
	for name, s := range map[string]ServerConfig{"pod": cfg.Pod, "agent": cfg.Agent, "keyManager": cfg.KeyManager} {
		var err error
		if clients[name], err = httpClientFor(s, roots); err != nil {
			return nil, fmt.Errorf("%s.proxy: %w", name, err)
		}
	}
	opts.PodURL, opts.AgentURL, opts.KeyManagerURL = cfg.Pod.BaseURL(), cfg.Agent.BaseURL(), cfg.KeyManager.BaseURL()
	opts.PodHTTP, opts.AgentHTTP, opts.KeyManagerHTTP = clients["pod"], clients["agent"], clients["keyManager"]
	c, err := New(opts)
	if err != nil {
		return nil, err
	}
	c.pod.headers, c.agent.headers, c.km.headers = cfg.Pod.DefaultHeaders, cfg.Agent.DefaultHeaders, cfg.KeyManager.DefaultHeaders
	return c, nil
}

// httpClientFor returns the HTTP client of one configured server.
func httpClientFor(s ServerConfig, roots *x509.CertPool) (*http.Client, error) {
	o := HTTPOptions{ConnectTimeout: s.ConnectionTimeout, ReadTimeout: s.ReadTimeout, RootCAs: roots}
	if o.ReadTimeout > 0 && o.ReadTimeout < minLongPollReadTimeout {
		// A read timeout under the agent's 30 s long poll would fail every
		// quiet datafeed read.
		o.ReadTimeout = minLongPollReadTimeout
	}
	if p := s.Proxy; p != nil {
		u, err := ProxyURL(p.Host, p.Port, p.Username, p.Password)
		if err != nil {
			return nil, err
		}
		o.Proxy = u
	}
	return NewHTTPClient(o), nil
}
