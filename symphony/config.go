package symphony

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"net"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/tutti-chat/tutti/internal/yamlnode"
)

// BDK defaults [J-cfg BdkServerConfig, BdkClientConfig, BdkRetryConfig].
const (
	bdkDefaultScheme            = "https"
	bdkDefaultPort              = 443
	bdkDefaultConnectionTimeout = 15 * time.Second
	bdkDefaultReadTimeout       = 60 * time.Second
	bdkDefaultMaxAttempts       = 10
	bdkDefaultInitialInterval   = 500 * time.Millisecond
	bdkDefaultMultiplier        = 2
	bdkDefaultMaxInterval       = 300 * time.Second
	bdkDefaultDatafeedVersion   = "v2"
	bdkUnnamedConfig            = "config"
)

// Config is a loaded BDK config.yaml with inheritance resolved.
//
// The format is the one the Symphony BDKs read (YAML or JSON): global
// scheme, host, port, context, proxy, defaultHeaders, connectionTimeout and
// readTimeout are inherited, key by key, by pod, agent, keyManager and
// sessionAuth unless they set their own. Unknown keys are ignored. Scalar
// values may use ${VAR} and ${VAR:-default}. A Spring Boot application.yaml
// that keeps these settings under a top-level bdk: key is accepted too.
type Config struct {
	Path                                string       // file it came from ("" when parsed from bytes without a name)
	Pod, Agent, KeyManager, SessionAuth ServerConfig // the global server keys filled in where a server does not set its own
	Bot                                 BotConfig
	TrustStore                          Secret // ssl.trustStore (or the deprecated ssl.trustStorePath): a PEM CA bundle
	Retry                               RetryConfig
	Datafeed                            DatafeedConfig
	// Root is the top-level mapping of the file, with ${...} already
	// replaced in scalar values (a reference to an unset variable is left as
	// written), so that other features can decode their own section with
	// line numbers.
	Root *yaml.Node

	lines             map[string]int // key path → line, for Validate's messages
	prefix            string         // "bdk." when the settings sit under a Spring Boot bdk: key
	loadBalancingLine int            // line of agent.loadBalancing, 0 when absent
}

// ServerConfig is where one of the servers (pod, agent, key manager, session
// auth) lives and how to talk to it.
type ServerConfig struct {
	Scheme                         string // "https" or "http"; default "https"
	Host                           string
	Port                           int    // default 443
	Context                        string // a leading "/" and no trailing "/", or ""
	Proxy                          *ProxyConfig
	DefaultHeaders                 map[string]string
	ConnectionTimeout, ReadTimeout time.Duration // milliseconds in the file; default 15s and 60s
}

// BaseURL returns scheme://host:port followed by the context, e.g.
// "https://acme.symphony.com:443/ctx". The port is always written, as the
// BDK does.
func (s ServerConfig) BaseURL() string {
	return s.Scheme + "://" + net.JoinHostPort(s.Host, strconv.Itoa(s.Port)) + s.Context
}

// ProxyConfig is an HTTP proxy for a server.
type ProxyConfig struct {
	Host     string
	Port     int
	Username string
	Password string
}

// Secret is a file path or inline content (a PEM key, certificate or CA
// bundle); at most one of them is set. A relative Path is relative to the
// working directory, as with the BDK.
type Secret struct {
	Path    string
	Content string
}

// Load returns the secret's bytes: the file at Path, or Content.
func (s Secret) Load() ([]byte, error) {
	switch {
	case s.Path != "" && s.Content != "":
		return nil, errors.New("load secret: both path and content are set")
	case s.Path != "":
		b, err := ReadLocalFile(s.Path, MaxConfigFileSize)
		if err != nil {
			return nil, fmt.Errorf("load secret: %w", err)
		}
		return b, nil
	case s.Content != "":
		return []byte(s.Content), nil
	default:
		return nil, errors.New("load secret: neither path nor content is set")
	}
}

// IsZero reports whether neither Path nor Content is set.
func (s Secret) IsZero() bool { return s.Path == "" && s.Content == "" }

// BotConfig is the service account: bot.username, bot.privateKey and
// bot.certificate. The deprecated flat keys privateKeyPath,
// privateKeyContent, certificatePath and certificateContent are accepted too.
type BotConfig struct {
	Username    string
	PrivateKey  Secret
	Certificate Secret
}

// RetryConfig is an exponential back-off: wait InitialInterval, then
// multiply by Multiplier up to MaxInterval, for at most MaxAttempts
// attempts (negative: no limit).
type RetryConfig struct {
	MaxAttempts     int
	InitialInterval time.Duration
	Multiplier      float64
	MaxInterval     time.Duration
}

// DatafeedConfig is the datafeed section.
type DatafeedConfig struct {
	Version          string // "v1" or "v2"; default "v2"
	Tag              string
	IDFilePath       string
	IncludeInvisible bool
	Retry            RetryConfig // default: no attempt limit, other values as the top-level default
}

// LoadConfig reads the BDK configuration file at path; ${VAR} references
// are resolved from the environment.
func LoadConfig(path string) (*Config, error) {
	data, err := ReadLocalFile(path, MaxConfigFileSize)
	if err != nil {
		return nil, fmt.Errorf("load config: %w", err)
	}
	return ParseConfig(path, data, os.LookupEnv)
}

// LoadConfigRoot reads the configuration file at path only as YAML: its
// top-level mapping (what Config.Root is), ${VAR} references resolved from
// the environment as LoadConfig resolves them, none of its settings read or
// checked. It is for a program that uses another section of the file (tui:)
// while the pod's settings may be unfinished or absent.
func LoadConfigRoot(path string) (*yaml.Node, error) {
	data, err := ReadLocalFile(path, MaxConfigFileSize)
	if err != nil {
		return nil, fmt.Errorf("load config: %w", err)
	}
	root, err := bdkParseYAML(path, data)
	if err != nil {
		return nil, err
	}
	bdkInterpolateTree(root, os.LookupEnv, map[*yaml.Node]error{})
	return root, nil
}

// ParseConfig parses a BDK configuration. name is used in error messages and
// as Config.Path; lookupEnv resolves ${VAR} references (nil: none is set).
// Every error names the file, the line and the key path, as in
// `config.yaml:7: pod.port: want a number, got "abc"`; all the problems
// found are reported together.
func ParseConfig(name string, data []byte, lookupEnv func(string) (string, bool)) (*Config, error) {
	if lookupEnv == nil {
		lookupEnv = func(string) (string, bool) { return "", false }
	}
	file := name
	if file == "" {
		file = bdkUnnamedConfig
	}
	root, err := bdkParseYAML(file, data)
	if err != nil {
		return nil, err
	}
	d := &bdkDecoder{Decoder: yamlnode.Decoder{File: file}, failed: map[*yaml.Node]error{}, lines: map[string]int{}}
	bdkInterpolateTree(root, lookupEnv, d.failed)

	top := d.mapping(root, "")
	if err := bdkLegacyFormat(top); err != nil {
		return nil, err
	}
	prefix := ""
	d.lines[""] = root.Line
	if bdk := top.value("bdk"); bdk != nil && bdk.Kind == yaml.MappingNode && !bdkHasModernKeys(top) {
		prefix = "bdk."
		d.prefix = prefix
		d.lines[""] = top.line("bdk")
		top = d.mapping(bdk, "bdk")
	}

	c := &Config{Path: name, Root: root, prefix: prefix}
	global := d.server(top)
	globalResolved := global.resolve(ServerConfig{
		Scheme:            bdkDefaultScheme,
		Port:              bdkDefaultPort,
		ConnectionTimeout: bdkDefaultConnectionTimeout,
		ReadTimeout:       bdkDefaultReadTimeout,
	})
	for _, s := range []struct {
		key string
		dst *ServerConfig
	}{{"pod", &c.Pod}, {"agent", &c.Agent}, {"keyManager", &c.KeyManager}, {"sessionAuth", &c.SessionAuth}} {
		m := top.sub(s.key)
		*s.dst = d.server(m).resolve(globalResolved)
		if s.key == "agent" && m.has("loadBalancing") {
			c.loadBalancingLine = m.line("loadBalancing")
		}
	}
	c.Bot = d.bot(top.sub("bot"))
	c.TrustStore = d.trustStore(top.sub("ssl"))
	c.Retry = d.retry(top.sub("retry"), bdkDefaultMaxAttempts)
	c.Datafeed = d.datafeed(top.sub("datafeed"))
	c.lines = d.lines

	if err := d.ErrByLine(); err != nil {
		return nil, err
	}
	return c, nil
}

// Validate checks that the configuration holds what an RSA login needs: a
// bot username, one RSA private key and a host for the pod, the agent and
// the key manager. Certificate authentication and agent load balancing are
// reported as unsupported.
func (c *Config) Validate() error { return c.validate(true) }

// ValidateServers checks what a client given its session and key-manager
// tokens needs (NewFromConfigWithTokens): a host for the pod, the agent and
// the key manager. The bot section is not used then and not checked; agent
// load balancing is reported as unsupported.
func (c *Config) ValidateServers() error { return c.validate(false) }

// validate checks the servers and, when account is set, the service
// account's RSA credentials.
func (c *Config) validate(account bool) error {
	file := c.Path
	if file == "" {
		file = bdkUnnamedConfig
	}
	d := &yamlnode.Decoder{File: file}
	add := func(key, msg string, near ...string) {
		d.Errorf(c.lineOf(near...), c.prefix+key, "%s", msg)
	}
	if account {
		c.validateAccount(add)
	}
	if c.loadBalancingLine > 0 {
		d.Errorf(c.loadBalancingLine, c.prefix+"agent.loadBalancing",
			"agent load balancing is not supported; set agent.host to a single agent")
	}
	for _, s := range []struct {
		key string
		srv ServerConfig
	}{{"pod", c.Pod}, {"agent", c.Agent}, {"keyManager", c.KeyManager}} {
		if s.key == "agent" && c.loadBalancingLine > 0 {
			continue
		}
		if s.srv.Host == "" {
			add(s.key+".host", "missing; set host (shared by all servers) or "+s.key+".host", s.key+".host", s.key, "host")
		}
	}
	return d.ErrByLine()
}

// validateAccount reports, through add, what an RSA login lacks: a bot
// username and exactly one private key.
func (c *Config) validateAccount(add func(key, msg string, near ...string)) {
	if strings.TrimSpace(c.Bot.Username) == "" {
		add("bot.username", "missing; set the service account's username", "bot.username", "bot")
	}
	switch {
	case !c.Bot.PrivateKey.IsZero():
		if c.Bot.PrivateKey.Path != "" && c.Bot.PrivateKey.Content != "" {
			add("bot.privateKey", "both path and content are set; set exactly one", "bot.privateKey", "bot")
		}
	case !c.Bot.Certificate.IsZero():
		add("bot.certificate", "certificate authentication is not supported; use an RSA key (bot.privateKey)", "bot.certificate", "bot")
	default:
		add("bot.privateKey", "missing; set bot.privateKey.path (or bot.privateKey.content) to the RSA private key", "bot.privateKey", "bot")
	}
}

// lineOf returns the line of the first of the key paths the file has, or the
// line of the top-level mapping.
func (c *Config) lineOf(paths ...string) int {
	for _, p := range paths {
		if l, ok := c.lines[p]; ok {
			return l
		}
	}
	return c.lines[""]
}

// bdkParseYAML parses data as a single YAML (or JSON) document whose top
// level is a mapping, and returns that mapping.
func bdkParseYAML(file string, data []byte) (*yaml.Node, error) {
	syntax := func(err error) error {
		// yaml.v3 writes "yaml: line 3: did not find expected key".
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		line := 0
		if rest, ok := strings.CutPrefix(msg, "line "); ok {
			if num, text, ok := strings.Cut(rest, ": "); ok {
				if n, err := strconv.Atoi(num); err == nil {
					line, msg = n, text
				}
			}
		}
		return &yamlnode.Error{File: file, Line: line, Msg: "invalid YAML: " + msg}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		return nil, syntax(err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, &yamlnode.Error{File: file, Line: 1, Msg: "empty file; want a BDK configuration (host, bot.username, bot.privateKey ...)"}
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		return nil, &yamlnode.Error{File: file, Line: next.Line, Msg: "more than one YAML document; want one"}
	case !errors.Is(err, io.EOF):
		return nil, syntax(err)
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, &yamlnode.Error{File: file, Line: root.Line, Msg: "want a mapping of settings at the top level, got " + yamlnode.KindOf(root)}
	}
	return root, nil
}

// bdkHasModernKeys reports whether m has a top-level key of the BDK 2.0
// format.
func bdkHasModernKeys(m *bdkMap) bool {
	return slices.ContainsFunc([]string{"host", "pod", "agent", "keyManager", "sessionAuth", "bot"}, m.has)
}

// bdkLegacyFormat reports a file in the SDK 1.x format, which the BDK 2.0
// loaders no longer read and which would otherwise load as an empty
// configuration.
func bdkLegacyFormat(m *bdkMap) error {
	if bdkHasModernKeys(m) {
		return nil
	}
	legacy := []string{
		"sessionAuthHost", "sessionAuthPort", "keyAuthHost", "keyAuthPort", "podHost", "podPort",
		"agentHost", "agentPort", "botUsername", "botEmailAddress", "botPrivateKeyPath", "botPrivateKeyName",
		"botCertPath", "botCertName", "botCertPassword",
	}
	first := ""
	for _, k := range legacy {
		if m.has(k) && (first == "" || m.line(k) < m.line(first)) {
			first = k
		}
	}
	if first == "" {
		return nil
	}
	return &yamlnode.Error{File: m.d.File, Line: m.line(first), Path: first,
		Msg: "the pre-2.0 (SDK 1.x) configuration format is not supported; rewrite the file in the BDK 2.0 format " +
			"(host or pod.host, agent.host and keyManager.host; bot.username; bot.privateKey.path)"}
}

// bdkDecoder turns yaml nodes into settings, collecting every problem in
// its yamlnode.Decoder. Values are read through bdkMap, in the BDK's own
// grammar (spaces trimmed, true or false only), never with the embedded
// Decoder's String, OneOf, Bool or Int.
type bdkDecoder struct {
	yamlnode.Decoder
	prefix string               // "bdk." when reading a Spring Boot bdk: section
	failed map[*yaml.Node]error // interpolation failures by node
	lines  map[string]int       // key path without prefix → line
}

// noteLine records the line of the key at path (prefix included).
func (d *bdkDecoder) noteLine(path string, line int) {
	d.lines[strings.TrimPrefix(path, d.prefix)] = line
}

// lineOr returns the line of key in m, or of the mapping's own key.
func (d *bdkDecoder) lineOr(m *bdkMap, key string) int {
	if l := m.line(key); l > 0 {
		return l
	}
	return d.lines[strings.TrimPrefix(m.path, d.prefix)]
}

// bdkMap is one mapping of the file at a key path. A missing or null
// mapping is an empty bdkMap, so lookups need no nil checks.
type bdkMap struct {
	d    *bdkDecoder
	path string
	keys map[string]*yaml.Node // key → key node
	vals map[string]*yaml.Node // key → value node (aliases resolved; nil for null)
}

// bdkShape describes n, the value of a secret's key, for a message: as
// yamlnode.KindOf does, except that a value that could hold key material is
// not shown: several lines, a PEM armour, or more than 256 bytes (an RSA
// key in base64 is longer).
func bdkShape(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode && (len(n.Value) > 256 || strings.ContainsAny(n.Value, "\r\n") || strings.Contains(n.Value, "-----")) {
		return "a single value (not shown: it may be a key)"
	}
	return yamlnode.KindOf(n)
}

// mapping reads n as a mapping at path; a non-mapping is reported and read
// as empty.
func (d *bdkDecoder) mapping(n *yaml.Node, path string) *bdkMap {
	m := &bdkMap{d: d, path: path, keys: map[string]*yaml.Node{}, vals: map[string]*yaml.Node{}}
	n = yamlnode.Deref(n)
	if yamlnode.IsNull(n) {
		return m
	}
	if n.Kind != yaml.MappingNode {
		d.Errorf(n.Line, path, "want a mapping, got %s", yamlnode.KindOf(n))
		return m
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], yamlnode.Deref(n.Content[i+1])
		if k.Kind != yaml.ScalarNode {
			continue
		}
		key := k.Value
		if first, dup := m.keys[key]; dup {
			d.Errorf(k.Line, yamlnode.JoinPath(path, key), "duplicate key (first set on line %d)", first.Line)
			continue
		}
		m.keys[key] = k
		if !yamlnode.IsNull(v) {
			m.vals[key] = v
		}
	}
	return m
}

// has reports whether key is set to something other than null.
func (m *bdkMap) has(key string) bool { return m.vals[key] != nil }

// value returns key's value node, or nil.
func (m *bdkMap) value(key string) *yaml.Node { return m.vals[key] }

// line returns the line of key, or 0.
func (m *bdkMap) line(key string) int {
	if k := m.keys[key]; k != nil {
		return k.Line
	}
	return 0
}

// keyPath returns the key path of key in m.
func (m *bdkMap) keyPath(key string) string { return yamlnode.JoinPath(m.path, key) }

// note records key's line for later messages.
func (m *bdkMap) note(key string) {
	if k := m.keys[key]; k != nil {
		m.d.noteLine(m.keyPath(key), k.Line)
	}
}

// sub returns the mapping at key.
func (m *bdkMap) sub(key string) *bdkMap {
	m.note(key)
	return m.d.mapping(m.vals[key], m.keyPath(key))
}

// scalar returns key's text, after interpolation, and whether it is set.
func (m *bdkMap) scalar(key string) (string, *yaml.Node, bool) {
	m.note(key)
	n := m.vals[key]
	if n == nil {
		return "", nil, false
	}
	s, ok := m.d.Scalar(n, m.keyPath(key), "a single value")
	if !ok {
		return "", nil, false
	}
	if err := m.d.failed[n]; err != nil {
		m.d.Errorf(n.Line, m.keyPath(key), "%v", err)
		return "", nil, false
	}
	return s, n, true
}

// str returns key as a string.
func (m *bdkMap) str(key string) (string, bool) {
	s, _, ok := m.scalar(key)
	return s, ok
}

// integer returns key as a whole number in [lo, hi]; what names the
// expected value in messages.
func (m *bdkMap) integer(key string, lo, hi int64, what string) (int64, bool) {
	s, n, ok := m.scalar(key)
	if !ok {
		return 0, false
	}
	v, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil {
		if f, ferr := strconv.ParseFloat(strings.TrimSpace(s), 64); ferr == nil && !math.IsInf(f, 0) {
			m.d.Errorf(n.Line, m.keyPath(key), "want a whole number, got %q", s)
		} else {
			m.d.Errorf(n.Line, m.keyPath(key), "want a number, got %q", s)
		}
		return 0, false
	}
	if v < lo || v > hi {
		m.d.Errorf(n.Line, m.keyPath(key), "want %s, got %d", what, v)
		return 0, false
	}
	return v, true
}

// millis returns key, a non-negative number of milliseconds.
func (m *bdkMap) millis(key string) (time.Duration, bool) {
	v, ok := m.integer(key, 0, math.MaxInt64/int64(time.Millisecond), "a number of milliseconds (0 or more)")
	return time.Duration(v) * time.Millisecond, ok
}

// float returns key as a number.
func (m *bdkMap) float(key string) (float64, bool) {
	s, n, ok := m.scalar(key)
	if !ok {
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		m.d.Errorf(n.Line, m.keyPath(key), "want a number, got %q", s)
		return 0, false
	}
	return v, true
}

// boolean returns key as true or false.
func (m *bdkMap) boolean(key string) (bool, bool) {
	s, n, ok := m.scalar(key)
	if !ok {
		return false, false
	}
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	m.d.Errorf(n.Line, m.keyPath(key), "want true or false, got %q", s)
	return false, false
}

// bdkServer is the server keys of one mapping; nil fields are not set.
type bdkServer struct {
	scheme, host, context          *string
	port                           *int
	proxy                          *ProxyConfig
	proxySet                       bool
	headers                        map[string]string
	headersSet                     bool
	connectionTimeout, readTimeout *time.Duration
}

// resolve fills the unset keys of s from parent.
func (s bdkServer) resolve(parent ServerConfig) ServerConfig {
	r := parent
	if s.scheme != nil {
		r.Scheme = *s.scheme
	}
	if s.host != nil {
		r.Host = *s.host
	}
	if s.port != nil {
		r.Port = *s.port
	}
	if s.context != nil {
		r.Context = *s.context
	}
	if s.proxySet {
		r.Proxy = s.proxy
	}
	if r.Proxy != nil {
		p := *r.Proxy
		r.Proxy = &p
	}
	if s.headersSet {
		r.DefaultHeaders = s.headers
	}
	r.DefaultHeaders = maps.Clone(r.DefaultHeaders)
	if s.connectionTimeout != nil {
		r.ConnectionTimeout = *s.connectionTimeout
	}
	if s.readTimeout != nil {
		r.ReadTimeout = *s.readTimeout
	}
	return r
}

// server reads the server keys of m.
func (d *bdkDecoder) server(m *bdkMap) bdkServer {
	var s bdkServer
	if v, ok := m.str("scheme"); ok {
		v = strings.ToLower(strings.TrimSpace(v))
		if v != "https" && v != "http" {
			d.Errorf(m.line("scheme"), m.keyPath("scheme"), `want "https" or "http", got %q`, v)
		} else {
			s.scheme = &v
		}
	}
	if v, ok := m.str("host"); ok {
		if h, err := bdkCheckHost(v); err != nil {
			d.Errorf(m.line("host"), m.keyPath("host"), "%v", err)
		} else {
			s.host = &h
		}
	}
	if v, ok := m.integer("port", 1, 65535, "a port between 1 and 65535"); ok {
		p := int(v)
		s.port = &p
	}
	if v, ok := m.str("context"); ok {
		c := bdkNormaliseContext(v)
		s.context = &c
	}
	if m.has("proxy") {
		s.proxySet = true
		s.proxy = d.proxy(m.sub("proxy"))
	}
	if m.has("defaultHeaders") {
		s.headersSet = true
		s.headers = d.headers(m.sub("defaultHeaders"))
	}
	if v, ok := m.millis("connectionTimeout"); ok {
		s.connectionTimeout = &v
	}
	if v, ok := m.millis("readTimeout"); ok {
		s.readTimeout = &v
	}
	return s
}

// bdkCheckHost trims a host name and rejects a URL or a host:port.
func bdkCheckHost(h string) (string, error) {
	h = strings.TrimSpace(h)
	switch {
	case strings.Contains(h, "/"):
		return "", fmt.Errorf("want a host name without scheme or path, got %q (use scheme and context)", h)
	case strings.Count(h, ":") == 1, strings.HasPrefix(h, "[") && !strings.HasSuffix(h, "]"):
		return "", fmt.Errorf("want a host name without port, got %q (use port)", h)
	}
	return strings.TrimSuffix(strings.TrimPrefix(h, "["), "]"), nil
}

// bdkNormaliseContext returns c with one leading "/" and no trailing "/",
// or "" for an empty or root context.
func bdkNormaliseContext(c string) string {
	c = strings.Trim(strings.TrimSpace(c), "/")
	if c == "" {
		return ""
	}
	return "/" + c
}

// proxy reads a proxy mapping; one without a host is no proxy.
func (d *bdkDecoder) proxy(m *bdkMap) *ProxyConfig {
	var p ProxyConfig
	p.Host, _ = m.str("host")
	p.Host = strings.TrimSpace(p.Host)
	port, portOK := m.integer("port", 1, 65535, "a port between 1 and 65535")
	p.Port = int(port)
	p.Username, _ = m.str("username")
	p.Password, _ = m.str("password")
	if p.Host == "" {
		if p.Port != 0 || p.Username != "" || p.Password != "" {
			d.Errorf(d.lineOr(m, "host"), m.keyPath("host"), "missing; a proxy needs a host")
		}
		return nil
	}
	if !portOK && !m.has("port") {
		d.Errorf(d.lineOr(m, "port"), m.keyPath("port"), "missing; a proxy needs a port")
	}
	return &p
}

// headers reads a mapping of header names to values.
func (d *bdkDecoder) headers(m *bdkMap) map[string]string {
	h := make(map[string]string, len(m.vals))
	for k := range m.keys {
		if v, ok := m.str(k); ok {
			h[k] = v
		}
	}
	return h
}

// secret reads a {path, content} mapping (other keys, such as password,
// are ignored).
func (d *bdkDecoder) secret(m *bdkMap) Secret {
	var s Secret
	s.Path, _ = m.str("path")
	s.Content, _ = m.str("content")
	if s.Path != "" && s.Content != "" {
		d.Errorf(d.lineOr(m, "content"), m.path, "both path and content are set; set exactly one")
	}
	return s
}

// secretWithFlat reads the secret at key of m, or its deprecated flat keys
// pathKey and contentKey ("" when there is none), rejecting conflicting
// settings.
func (d *bdkDecoder) secretWithFlat(m *bdkMap, key, pathKey, contentKey string) Secret {
	var s Secret
	if m.has(key) {
		if n := m.value(key); n.Kind != yaml.MappingNode {
			// Not yamlnode.KindOf: the value may be the secret itself, which no
			// message may show.
			m.note(key)
			d.Errorf(n.Line, m.keyPath(key), "want a mapping with path or content, got %s", bdkShape(n))
		} else {
			s = d.secret(m.sub(key))
		}
	}
	var flat Secret
	flatKey := ""
	flat.Path, _ = m.str(pathKey)
	if flat.Path != "" {
		flatKey = pathKey
	}
	if contentKey != "" {
		flat.Content, _ = m.str(contentKey)
		if flat.Content != "" {
			if flatKey != "" {
				d.Errorf(m.line(contentKey), m.keyPath(contentKey), "%s is set too; set exactly one", m.keyPath(pathKey))
				return s
			}
			flatKey = contentKey
		}
	}
	switch {
	case flatKey == "":
		return s
	case !s.IsZero():
		d.Errorf(m.line(flatKey), m.keyPath(flatKey), "%s is set too; keep only %s", m.keyPath(key), m.keyPath(key))
		return s
	}
	d.noteLine(m.keyPath(key), m.line(flatKey))
	return flat
}

// bot reads the bot section.
func (d *bdkDecoder) bot(m *bdkMap) BotConfig {
	var b BotConfig
	b.Username, _ = m.str("username")
	b.Username = strings.TrimSpace(b.Username)
	b.PrivateKey = d.secretWithFlat(m, "privateKey", "privateKeyPath", "privateKeyContent")
	b.Certificate = d.secretWithFlat(m, "certificate", "certificatePath", "certificateContent")
	return b
}

// trustStore reads ssl.trustStore, or the deprecated ssl.trustStorePath.
func (d *bdkDecoder) trustStore(m *bdkMap) Secret {
	return d.secretWithFlat(m, "trustStore", "trustStorePath", "")
}

// retry reads a retry section.
func (d *bdkDecoder) retry(m *bdkMap, defaultMaxAttempts int) RetryConfig {
	r := RetryConfig{
		MaxAttempts:     defaultMaxAttempts,
		InitialInterval: bdkDefaultInitialInterval,
		Multiplier:      bdkDefaultMultiplier,
		MaxInterval:     bdkDefaultMaxInterval,
	}
	if v, ok := m.integer("maxAttempts", math.MinInt32, math.MaxInt32, "a whole number (negative: no limit)"); ok {
		r.MaxAttempts = int(v)
	}
	if v, ok := m.millis("initialIntervalMillis"); ok {
		r.InitialInterval = v
	}
	if v, ok := m.float("multiplier"); ok {
		r.Multiplier = v
	}
	if r.Multiplier < 1 {
		r.Multiplier = bdkDefaultMultiplier
	}
	if v, ok := m.millis("maxIntervalMillis"); ok {
		r.MaxInterval = v
	}
	return r
}

// datafeed reads the datafeed section.
func (d *bdkDecoder) datafeed(m *bdkMap) DatafeedConfig {
	df := DatafeedConfig{Version: bdkDefaultDatafeedVersion}
	if v, ok := m.str("version"); ok {
		switch v = strings.ToLower(strings.TrimSpace(v)); v {
		case "v1", "v2":
			df.Version = v
		case "":
		default:
			d.Errorf(m.line("version"), m.keyPath("version"), `want "v1" or "v2", got %q`, v)
		}
	}
	df.Tag, _ = m.str("tag")
	df.IDFilePath, _ = m.str("idFilePath")
	df.IncludeInvisible, _ = m.boolean("includeInvisible")
	df.Retry = d.retry(m.sub("retry"), -1)
	return df
}
