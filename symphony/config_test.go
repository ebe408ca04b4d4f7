package symphony

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// parseTestConfig parses src as "config.yaml" with env as the environment.
func parseTestConfig(src string, env map[string]string) (*Config, error) {
	return ParseConfig("config.yaml", []byte(src), func(k string) (string, bool) {
		v, ok := env[k]
		return v, ok
	})
}

// srv is a server with the BDK default timeouts.
func srv(scheme, host string, port int, context string) ServerConfig {
	return ServerConfig{
		Scheme: scheme, Host: host, Port: port, Context: context,
		ConnectionTimeout: 15 * time.Second, ReadTimeout: 60 * time.Second,
	}
}

// wantErrs fails unless err holds every one of want.
func wantErrs(t *testing.T, err error, want ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %q", want)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q\ndoes not contain %q", err, w)
		}
	}
}

func TestParseConfigInheritance(t *testing.T) {
	type servers struct{ pod, agent, km, sa ServerConfig }
	withTimeouts := func(s ServerConfig, conn, read time.Duration) ServerConfig {
		s.ConnectionTimeout, s.ReadTimeout = conn, read
		return s
	}
	withHeaders := func(s ServerConfig, h map[string]string) ServerConfig {
		s.DefaultHeaders = h
		return s
	}
	withProxy := func(s ServerConfig, p *ProxyConfig) ServerConfig {
		s.Proxy = p
		return s
	}
	globalProxy := &ProxyConfig{Host: "proxy.acme.com", Port: 3128, Username: "u", Password: "p"}
	podProxy := &ProxyConfig{Host: "pod-proxy.acme.com", Port: 8080}

	tests := []struct {
		name string
		src  string
		want servers
	}{{
		name: "global host only",
		src:  "host: acme.symphony.com\n",
		want: servers{
			pod:   srv("https", "acme.symphony.com", 443, ""),
			agent: srv("https", "acme.symphony.com", 443, ""),
			km:    srv("https", "acme.symphony.com", 443, ""),
			sa:    srv("https", "acme.symphony.com", 443, ""),
		},
	}, {
		name: "per-server overrides key by key",
		src: `
scheme: https
host: acme.symphony.com
port: 8443
context: ctx
pod:
  host: pod.acme.com
agent:
  port: 443
keyManager:
  host: km.acme.com
  context: relay-ctx
sessionAuth:
  scheme: http
`,
		want: servers{
			pod:   srv("https", "pod.acme.com", 8443, "/ctx"),
			agent: srv("https", "acme.symphony.com", 443, "/ctx"),
			km:    srv("https", "km.acme.com", 8443, "/relay-ctx"),
			sa:    srv("http", "acme.symphony.com", 8443, "/ctx"),
		},
	}, {
		name: "servers without a global host",
		src: `
pod: {host: pod.acme.com}
agent: {host: agent.acme.com, port: 7443}
keyManager: {host: km.acme.com}
`,
		want: servers{
			pod:   srv("https", "pod.acme.com", 443, ""),
			agent: srv("https", "agent.acme.com", 7443, ""),
			km:    srv("https", "km.acme.com", 443, ""),
			sa:    srv("https", "", 443, ""),
		},
	}, {
		name: "an empty context overrides the global one",
		src: `
host: acme.symphony.com
context: /ctx/
pod:
  context: ""
`,
		want: servers{
			pod:   srv("https", "acme.symphony.com", 443, ""),
			agent: srv("https", "acme.symphony.com", 443, "/ctx"),
			km:    srv("https", "acme.symphony.com", 443, "/ctx"),
			sa:    srv("https", "acme.symphony.com", 443, "/ctx"),
		},
	}, {
		name: "timeouts and headers",
		src: `
host: acme.symphony.com
connectionTimeout: 10000
readTimeout: 30000
defaultHeaders:
  Connection: Keep-Alive
  X-Team: chat
agent:
  readTimeout: 90000
  defaultHeaders:
    X-Agent: "1"
keyManager:
  defaultHeaders: {}
`,
		want: servers{
			pod:   withHeaders(withTimeouts(srv("https", "acme.symphony.com", 443, ""), 10*time.Second, 30*time.Second), map[string]string{"Connection": "Keep-Alive", "X-Team": "chat"}),
			agent: withHeaders(withTimeouts(srv("https", "acme.symphony.com", 443, ""), 10*time.Second, 90*time.Second), map[string]string{"X-Agent": "1"}),
			km:    withHeaders(withTimeouts(srv("https", "acme.symphony.com", 443, ""), 10*time.Second, 30*time.Second), map[string]string{}),
			sa:    withHeaders(withTimeouts(srv("https", "acme.symphony.com", 443, ""), 10*time.Second, 30*time.Second), map[string]string{"Connection": "Keep-Alive", "X-Team": "chat"}),
		},
	}, {
		name: "proxy inherited and overridden",
		src: `
host: acme.symphony.com
proxy:
  host: proxy.acme.com
  port: 3128
  username: u
  password: p
pod:
  proxy:
    host: pod-proxy.acme.com
    port: 8080
`,
		want: servers{
			pod:   withProxy(srv("https", "acme.symphony.com", 443, ""), podProxy),
			agent: withProxy(srv("https", "acme.symphony.com", 443, ""), globalProxy),
			km:    withProxy(srv("https", "acme.symphony.com", 443, ""), globalProxy),
			sa:    withProxy(srv("https", "acme.symphony.com", 443, ""), globalProxy),
		},
	}, {
		name: "null values inherit",
		src: `
host: acme.symphony.com
port: 8443
pod:
  host: ~
  port:
`,
		want: servers{
			pod:   srv("https", "acme.symphony.com", 8443, ""),
			agent: srv("https", "acme.symphony.com", 8443, ""),
			km:    srv("https", "acme.symphony.com", 8443, ""),
			sa:    srv("https", "acme.symphony.com", 8443, ""),
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := parseTestConfig(tt.src, nil)
			if err != nil {
				t.Fatal(err)
			}
			got := servers{c.Pod, c.Agent, c.KeyManager, c.SessionAuth}
			for _, s := range []struct {
				name      string
				got, want ServerConfig
			}{{"pod", got.pod, tt.want.pod}, {"agent", got.agent, tt.want.agent}, {"keyManager", got.km, tt.want.km}, {"sessionAuth", got.sa, tt.want.sa}} {
				if !reflect.DeepEqual(s.got, s.want) {
					t.Errorf("%s = %+v\nwant %+v", s.name, s.got, s.want)
				}
			}
		})
	}
}

func TestParseConfigServersDoNotShareState(t *testing.T) {
	c, err := parseTestConfig("host: a.com\nproxy: {host: p.com, port: 1}\ndefaultHeaders: {A: b}\n", nil)
	if err != nil {
		t.Fatal(err)
	}
	c.Pod.DefaultHeaders["A"] = "changed"
	c.Pod.Proxy.Host = "changed"
	if c.Agent.DefaultHeaders["A"] != "b" || c.Agent.Proxy.Host != "p.com" {
		t.Errorf("changing pod changed agent: %+v %+v", c.Agent.DefaultHeaders, c.Agent.Proxy)
	}
}

func TestParseConfigDefaults(t *testing.T) {
	c, err := parseTestConfig(`
host: acme.symphony.com
bot:
  username: bot-username
  privateKey:
    path: /path/to/rsa-private-key.pem
`, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Path != "config.yaml" {
		t.Errorf("Path = %q", c.Path)
	}
	if got, want := c.Pod.BaseURL(), "https://acme.symphony.com:443"; got != want {
		t.Errorf("Pod.BaseURL() = %q, want %q", got, want)
	}
	if c.Pod.Proxy != nil || c.Pod.DefaultHeaders != nil {
		t.Errorf("Pod proxy %+v headers %+v, want none", c.Pod.Proxy, c.Pod.DefaultHeaders)
	}
	wantBot := BotConfig{Username: "bot-username", PrivateKey: Secret{Path: "/path/to/rsa-private-key.pem"}}
	if c.Bot != wantBot {
		t.Errorf("Bot = %+v, want %+v", c.Bot, wantBot)
	}
	if !c.TrustStore.IsZero() {
		t.Errorf("TrustStore = %+v, want zero", c.TrustStore)
	}
	wantRetry := RetryConfig{MaxAttempts: 10, InitialInterval: 500 * time.Millisecond, Multiplier: 2, MaxInterval: 300 * time.Second}
	if c.Retry != wantRetry {
		t.Errorf("Retry = %+v, want %+v", c.Retry, wantRetry)
	}
	wantDF := DatafeedConfig{Version: "v2", Retry: wantRetry}
	wantDF.Retry.MaxAttempts = -1
	if c.Datafeed != wantDF {
		t.Errorf("Datafeed = %+v, want %+v", c.Datafeed, wantDF)
	}
	if err := c.Validate(); err != nil {
		t.Errorf("Validate() = %v", err)
	}
}

func TestParseConfigRetryAndDatafeed(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		wantRetry RetryConfig
		wantDF    DatafeedConfig
	}{{
		name: "all keys",
		src: `
retry:
  maxAttempts: 2
  initialIntervalMillis: 1000
  multiplier: 3.0
  maxIntervalMillis: 2000
datafeed:
  version: V1
  tag: my-tag
  idFilePath: /var/lib/tutti
  includeInvisible: true
  retry:
    maxAttempts: 5
    multiplier: 1.5
`,
		wantRetry: RetryConfig{MaxAttempts: 2, InitialInterval: time.Second, Multiplier: 3, MaxInterval: 2 * time.Second},
		wantDF: DatafeedConfig{Version: "v1", Tag: "my-tag", IDFilePath: "/var/lib/tutti", IncludeInvisible: true,
			Retry: RetryConfig{MaxAttempts: 5, InitialInterval: 500 * time.Millisecond, Multiplier: 1.5, MaxInterval: 300 * time.Second}},
	}, {
		name: "multiplier below 1 becomes 2, negative attempts are kept",
		src: `
retry:
  maxAttempts: -1
  multiplier: 0.5
datafeed:
  retry:
    initialIntervalMillis: 0
`,
		wantRetry: RetryConfig{MaxAttempts: -1, InitialInterval: 500 * time.Millisecond, Multiplier: 2, MaxInterval: 300 * time.Second},
		wantDF: DatafeedConfig{Version: "v2",
			Retry: RetryConfig{MaxAttempts: -1, InitialInterval: 0, Multiplier: 2, MaxInterval: 300 * time.Second}},
	}, {
		name: "quoted numbers and booleans are accepted",
		src: `
retry:
  maxAttempts: "3"
datafeed:
  includeInvisible: "TRUE"
`,
		wantRetry: RetryConfig{MaxAttempts: 3, InitialInterval: 500 * time.Millisecond, Multiplier: 2, MaxInterval: 300 * time.Second},
		wantDF: DatafeedConfig{Version: "v2", IncludeInvisible: true,
			Retry: RetryConfig{MaxAttempts: -1, InitialInterval: 500 * time.Millisecond, Multiplier: 2, MaxInterval: 300 * time.Second}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := parseTestConfig(tt.src, nil)
			if err != nil {
				t.Fatal(err)
			}
			if c.Retry != tt.wantRetry {
				t.Errorf("Retry = %+v, want %+v", c.Retry, tt.wantRetry)
			}
			if c.Datafeed != tt.wantDF {
				t.Errorf("Datafeed = %+v, want %+v", c.Datafeed, tt.wantDF)
			}
		})
	}
}

func TestConfigContextNormalisation(t *testing.T) {
	tests := []struct{ context, want string }{
		{`""`, ""},
		{`/`, ""},
		{`ctx`, "/ctx"},
		{`/ctx`, "/ctx"},
		{`ctx/`, "/ctx"},
		{`/ctx/`, "/ctx"},
		{`//a/b//`, "/a/b"},
		{`" ctx "`, "/ctx"},
	}
	for _, tt := range tests {
		t.Run(tt.context, func(t *testing.T) {
			c, err := parseTestConfig("host: acme.symphony.com\ncontext: "+tt.context+"\n", nil)
			if err != nil {
				t.Fatal(err)
			}
			if c.Agent.Context != tt.want {
				t.Errorf("Context = %q, want %q", c.Agent.Context, tt.want)
			}
			if got, want := c.Agent.BaseURL(), "https://acme.symphony.com:443"+tt.want; got != want {
				t.Errorf("BaseURL() = %q, want %q", got, want)
			}
		})
	}
}

func TestConfigBaseURL(t *testing.T) {
	tests := []struct {
		s    ServerConfig
		want string
	}{
		{ServerConfig{Scheme: "https", Host: "acme.symphony.com", Port: 443, Context: "/ctx"}, "https://acme.symphony.com:443/ctx"},
		{ServerConfig{Scheme: "http", Host: "localhost", Port: 8080}, "http://localhost:8080"},
		{ServerConfig{Scheme: "https", Host: "::1", Port: 7443}, "https://[::1]:7443"},
	}
	for _, tt := range tests {
		if got := tt.s.BaseURL(); got != tt.want {
			t.Errorf("%+v.BaseURL() = %q, want %q", tt.s, got, tt.want)
		}
	}
}

func TestConfigInterpolation(t *testing.T) {
	env := map[string]string{"USER": "alice", "DOMAIN": "acme", "EMPTY": "", "PORT": "8443"}
	tests := []struct {
		name  string
		value string // YAML text of bot.username
		want  string
	}{
		{"whole value", "${USER}", "alice"},
		{"nested in a string", "bot-${USER}@${DOMAIN}.com", "bot-alice@acme.com"},
		{"default unused", "${USER:-bob}", "alice"},
		{"default used", "${NOPE:-bob}", "bob"},
		{"empty default", "x${NOPE:-}y", "xy"},
		{"defined but empty keeps the empty value", "${EMPTY:-bob}", ""},
		{"default with a reference", "${NOPE:-${USER}-2}", "alice-2"},
		{"default with spaces", `"${NOPE:-the bot}"`, "the bot"},
		{"escaped", "$${USER}", "${USER}"},
		{"no braces is literal", "$USER", "$USER"},
		{"quoted", `"${USER}"`, "alice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := parseTestConfig("bot:\n  username: "+tt.value+"\n", env)
			if err != nil {
				t.Fatal(err)
			}
			if c.Bot.Username != tt.want {
				t.Errorf("username = %q, want %q", c.Bot.Username, tt.want)
			}
		})
	}

	t.Run("numbers", func(t *testing.T) {
		c, err := parseTestConfig("host: h\nport: ${PORT}\nagent:\n  port: ${AGENT_PORT:-7443}\n", env)
		if err != nil {
			t.Fatal(err)
		}
		if c.Pod.Port != 8443 || c.Agent.Port != 7443 {
			t.Errorf("ports = %d, %d; want 8443, 7443", c.Pod.Port, c.Agent.Port)
		}
		var n struct{ Port int }
		if err := c.Root.Decode(&n); err != nil || n.Port != 8443 {
			t.Errorf("Root.Decode port = %d, %v; want 8443", n.Port, err)
		}
	})

	t.Run("unset variable in an ignored section", func(t *testing.T) {
		c, err := parseTestConfig("host: h\napp:\n  appId: ${APP_ID}\n", env)
		if err != nil {
			t.Fatal(err)
		}
		var root struct {
			App struct {
				AppID string `yaml:"appId"`
			}
		}
		if err := c.Root.Decode(&root); err != nil || root.App.AppID != "${APP_ID}" {
			t.Errorf("app.appId = %q, %v; want it untouched", root.App.AppID, err)
		}
	})

	errTests := []struct {
		name, src string
		want      string
	}{
		{"missing variable", "host: h\nbot:\n  username: ${BOT_USER}\n",
			"config.yaml:3: bot.username: environment variable BOT_USER is not set"},
		{"missing variable inside a string", "host: h\npod:\n  host: pod.${REGION}.acme.com\n",
			"config.yaml:3: pod.host: environment variable REGION is not set"},
		{"missing variable in a default", "bot:\n  username: ${A:-${B}}\n",
			"config.yaml:2: bot.username: environment variable B is not set"},
		{"unterminated", "bot:\n  username: ${USER\n", "config.yaml:2: bot.username: unterminated ${"},
		{"empty name", "bot:\n  username: ${:-x}\n", "config.yaml:2: bot.username: empty variable name"},
		{"interpolated number is checked", "port: ${DOMAIN}\n", `config.yaml:1: port: want a number, got "acme"`},
	}
	for _, tt := range errTests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseTestConfig(tt.src, env)
			wantErrs(t, err, tt.want)
		})
	}
}

func TestParseConfigErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"port not a number", "host: h\npod:\n  port: abc\n", []string{`config.yaml:3: pod.port: want a number, got "abc"`}},
		{"port too large", "port: 70000\n", []string{"config.yaml:1: port: want a port between 1 and 65535, got 70000"}},
		{"port zero", "agent:\n  port: 0\n", []string{"config.yaml:2: agent.port: want a port between 1 and 65535, got 0"}},
		{"port not whole", "keyManager:\n  port: 1.5\n", []string{`config.yaml:2: keyManager.port: want a whole number, got "1.5"`}},
		{"port is a list", "port: [1, 2]\n", []string{"config.yaml:1: port: want a single value, got a list"}},
		{"unknown datafeed version", "datafeed:\n  version: v3\n", []string{`config.yaml:2: datafeed.version: want "v1" or "v2", got "v3"`}},
		{"unknown scheme", "sessionAuth:\n  scheme: ftp\n", []string{`config.yaml:2: sessionAuth.scheme: want "https" or "http", got "ftp"`}},
		{"host is a URL", "host: https://acme.symphony.com\n", []string{`config.yaml:1: host: want a host name without scheme or path`}},
		{"host with port", "pod:\n  host: acme.symphony.com:8443\n", []string{`config.yaml:2: pod.host: want a host name without port`}},
		{"host is a mapping", "host:\n  name: x\n", []string{"config.yaml:2: host: want a single value, got a mapping"}},
		{"negative timeout", "readTimeout: -1\n", []string{"config.yaml:1: readTimeout: want a number of milliseconds (0 or more), got -1"}},
		{"bad boolean", "datafeed:\n  includeInvisible: maybe\n", []string{`config.yaml:2: datafeed.includeInvisible: want true or false, got "maybe"`}},
		{"bad multiplier", "retry:\n  multiplier: fast\n", []string{`config.yaml:2: retry.multiplier: want a number, got "fast"`}},
		{"bad maxAttempts", "datafeed:\n  retry:\n    maxAttempts: lots\n", []string{`config.yaml:3: datafeed.retry.maxAttempts: want a number, got "lots"`}},
		{"section is a list", "pod:\n  - host: a\n", []string{"config.yaml:2: pod: want a mapping, got a list"}},
		{"section is a scalar", "bot: tibot\n", []string{`config.yaml:1: bot: want a mapping, got "tibot"`}},
		{"header value is a mapping", "defaultHeaders:\n  X-A:\n    b: c\n", []string{"config.yaml:3: defaultHeaders.X-A: want a single value, got a mapping"}},
		{"private key path and content", "bot:\n  privateKey:\n    path: /k.pem\n    content: KEY\n",
			[]string{"config.yaml:4: bot.privateKey: both path and content are set; set exactly one"}},
		{"certificate path and content", "bot:\n  certificate:\n    content: C\n    path: /c.pem\n",
			[]string{"config.yaml:3: bot.certificate: both path and content are set; set exactly one"}},
		{"trust store path and content", "ssl:\n  trustStore: {path: /ca.pem, content: CA}\n",
			[]string{"config.yaml:2: ssl.trustStore: both path and content are set; set exactly one"}},
		{"private key is a string", "bot:\n  privateKey: /k.pem\n", []string{`config.yaml:2: bot.privateKey: want a mapping with path or content, got "/k.pem"`}},
		{"flat and structured private key", "bot:\n  privateKey: {path: /a.pem}\n  privateKeyPath: /b.pem\n",
			[]string{"config.yaml:3: bot.privateKeyPath: bot.privateKey is set too; keep only bot.privateKey"}},
		{"flat path and content", "bot:\n  privateKeyPath: /a.pem\n  privateKeyContent: KEY\n",
			[]string{"config.yaml:3: bot.privateKeyContent: bot.privateKeyPath is set too; set exactly one"}},
		{"flat and structured trust store", "ssl:\n  trustStorePath: /a.pem\n  trustStore: {path: /b.pem}\n",
			[]string{"config.yaml:2: ssl.trustStorePath: ssl.trustStore is set too; keep only ssl.trustStore"}},
		{"proxy without port", "proxy:\n  host: p.acme.com\n", []string{"config.yaml:1: proxy.port: missing; a proxy needs a port"}},
		{"proxy without host", "pod:\n  proxy:\n    port: 3128\n", []string{"config.yaml:2: pod.proxy.host: missing; a proxy needs a host"}},
		{"duplicate key", "host: a\nbot:\n  username: x\nhost: b\n", []string{"config.yaml:4: host: duplicate key (first set on line 1)"}},
		{"several problems at once", "pod:\n  port: abc\ndatafeed:\n  version: v3\n",
			[]string{`config.yaml:2: pod.port: want a number, got "abc"`, `config.yaml:4: datafeed.version: want "v1" or "v2", got "v3"`}},
		{"YAML syntax error", "host: a\nbot:\n  username: x\n   bad: [\n", []string{"config.yaml:4: invalid YAML: "}},
		{"tab indentation", "bot:\n\tusername: x\n", []string{"config.yaml:2: invalid YAML: "}},
		{"JSON syntax error", "{\n  \"host\": \"a\",\n  \"bot\": {\"username\": \"x\",}\n  \"pod\": 1\n}\n", []string{"config.yaml:", "invalid YAML: "}},
		{"empty file", "", []string{"config.yaml:1: empty file"}},
		{"only comments", "# nothing here\n", []string{"config.yaml:1: empty file"}},
		{"top level is a list", "- host: a\n", []string{"config.yaml:1: want a mapping of settings at the top level, got a list"}},
		{"top level is a scalar", "acme.symphony.com\n", []string{`config.yaml:1: want a mapping of settings at the top level, got "acme.symphony.com"`}},
		{"two documents", "host: a\n---\nhost: b\n", []string{"config.yaml:2: more than one YAML document"}},
		{"legacy format", "{\n  \"sessionAuthHost\": \"x\",\n  \"podHost\": \"x\"\n}\n",
			[]string{"config.yaml:2: sessionAuthHost: the pre-2.0 (SDK 1.x) configuration format is not supported"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := parseTestConfig(tt.src, nil)
			if err == nil {
				t.Fatalf("got %+v, want an error", c)
			}
			wantErrs(t, err, tt.want...)
		})
	}
}

func TestParseConfigUnknownKeysIgnored(t *testing.T) {
	c, err := parseTestConfig(`
_version: '2.0'
host: acme.symphony.com
connectionPoolMax: 20
app:
  appId: app
  privateKey: {path: /app.pem}
datahose: {tag: t, eventTypes: [MESSAGESENT]}
commonJwt: {enabled: true}
extensions: {anything: [1, 2, {x: y}]}
agent:
  connectionPoolPerRoute: 10
bot:
  username: b
  privateKey: {path: /k.pem, password: ignored}
  certificate: {password: ignored}
tui:
  theme: dark
`, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Agent.Host != "acme.symphony.com" || c.Bot.PrivateKey.Path != "/k.pem" || !c.Bot.Certificate.IsZero() {
		t.Errorf("got %+v", c)
	}
}

func TestParseConfigJSON(t *testing.T) {
	src := "{\n\t\"host\": \"acme.symphony.com\",\n\t\"port\": 8443,\n\t\"bot\": {\n\t\t\"username\": \"tibot\",\n\t\t\"privateKey\": {\"content\": \"-----BEGIN RSA PRIVATE KEY-----\\nAA\\n-----END RSA PRIVATE KEY-----\\n\"}\n\t},\n\t\"datafeed\": {\"includeInvisible\": true}\n}\n"
	c, err := ParseConfig("config.json", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Pod.BaseURL() != "https://acme.symphony.com:8443" || c.Bot.Username != "tibot" || !c.Datafeed.IncludeInvisible {
		t.Errorf("got %+v", c)
	}
	if !strings.HasPrefix(c.Bot.PrivateKey.Content, "-----BEGIN RSA PRIVATE KEY-----\n") {
		t.Errorf("private key content = %q", c.Bot.PrivateKey.Content)
	}

	_, err = ParseConfig("config.json", []byte("{\n\t\"host\": \"a\",\n\t\"port\": \"x\"\n}"), nil)
	wantErrs(t, err, `config.json:3: port: want a number, got "x"`)
}

func TestParseConfigWithoutName(t *testing.T) {
	c, err := ParseConfig("", []byte("host: a\n"), nil)
	if err != nil || c.Path != "" {
		t.Fatalf("ParseConfig = %+v, %v", c, err)
	}
	_, err = ParseConfig("", []byte("port: x\n"), nil)
	wantErrs(t, err, `config:1: port: want a number, got "x"`)
}

func TestParseConfigSpringBootForm(t *testing.T) {
	src := `
logging:
  level: debug
bdk:
  host: acme.symphony.com
  bot:
    username: mybot
    privateKey:
      path: /k.pem
`
	c, err := parseTestConfig(src, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Pod.Host != "acme.symphony.com" || c.Bot.Username != "mybot" || c.Bot.PrivateKey.Path != "/k.pem" {
		t.Errorf("got %+v", c)
	}
	if err := c.Validate(); err != nil {
		t.Errorf("Validate() = %v", err)
	}

	_, err = parseTestConfig("bdk:\n  port: x\n", nil)
	wantErrs(t, err, `config.yaml:2: bdk.port: want a number, got "x"`)

	c, err = parseTestConfig("bdk:\n  host: a\n  bot:\n    privateKey: {path: /k.pem}\n", nil)
	if err != nil {
		t.Fatal(err)
	}
	wantErrs(t, c.Validate(), "config.yaml:3: bdk.bot.username: missing")

	// With BDK keys at the top level, bdk: is just an unknown key.
	c, err = parseTestConfig("host: a\nbdk:\n  host: b\n", nil)
	if err != nil || c.Pod.Host != "a" {
		t.Errorf("got %+v, %v; want host a", c, err)
	}
}

func TestParseConfigAliases(t *testing.T) {
	c, err := parseTestConfig(`
host: acme.symphony.com
proxy: &proxy
  host: proxy.acme.com
  port: 3128
keyManager:
  proxy: *proxy
  host: &h km.acme.com
sessionAuth:
  host: *h
`, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.KeyManager.Proxy == nil || c.KeyManager.Proxy.Port != 3128 || c.SessionAuth.Host != "km.acme.com" {
		t.Errorf("got %+v", c)
	}
}

func TestConfigRoot(t *testing.T) {
	c, err := parseTestConfig("host: acme.symphony.com\ntui:\n  theme: ${THEME:-dark}\n  width: 80\n", nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Root == nil || len(c.Root.Content) != 4 || c.Root.Content[2].Value != "tui" {
		t.Fatalf("Root = %+v", c.Root)
	}
	tui := c.Root.Content[3]
	if tui.Line != 3 {
		t.Errorf("tui section line = %d, want 3", tui.Line)
	}
	var got struct {
		Theme string
		Width int
	}
	if err := tui.Decode(&got); err != nil || got.Theme != "dark" || got.Width != 80 {
		t.Errorf("tui = %+v, %v", got, err)
	}
}

func TestConfigValidate(t *testing.T) {
	const ok = "host: acme.symphony.com\nbot:\n  username: b\n  privateKey: {path: /k.pem}\n"
	tests := []struct {
		name string
		src  string
		want []string // nil: valid
	}{
		{"minimal", ok, nil},
		{"separate hosts", "pod: {host: p}\nagent: {host: a}\nkeyManager: {host: k}\nbot: {username: b, privateKeyContent: KEY}\n", nil},
		{"certificate and RSA key uses the key", ok + "  certificate: {path: /c.p12, password: x}\n", nil},
		{"no username", "host: h\nbot:\n  privateKey: {path: /k.pem}\n", []string{"config.yaml:2: bot.username: missing"}},
		{"empty username", "host: h\nbot:\n  username: \"\"\n  privateKey: {path: /k.pem}\n", []string{"config.yaml:3: bot.username: missing"}},
		{"no bot", "host: h\n", []string{"config.yaml:1: bot.username: missing", "config.yaml:1: bot.privateKey: missing"}},
		{"no private key", "host: h\nbot:\n  username: b\n", []string{"config.yaml:2: bot.privateKey: missing; set bot.privateKey.path"}},
		{"empty private key", "host: h\nbot:\n  username: b\n  privateKey: {path: ''}\n", []string{"config.yaml:4: bot.privateKey: missing"}},
		{"certificate only", "host: h\nbot:\n  username: b\n  certificate:\n    path: /c.p12\n    password: x\n",
			[]string{"config.yaml:4: bot.certificate: certificate authentication is not supported; use an RSA key (bot.privateKey)"}},
		{"deprecated certificate only", "host: h\nbot:\n  username: b\n  certificatePath: /c.p12\n  certificatePassword: x\n",
			[]string{"config.yaml:4: bot.certificate: certificate authentication is not supported; use an RSA key (bot.privateKey)"}},
		{"load balancing", "host: h\nagent:\n  loadBalancing:\n    mode: roundRobin\n    nodes: [{host: a1}, {host: a2}]\nbot: {username: b, privateKeyPath: /k.pem}\n",
			[]string{"config.yaml:3: agent.loadBalancing: agent load balancing is not supported"}},
		{"missing hosts", "pod:\n  host: p\nbot: {username: b, privateKeyPath: /k.pem}\n",
			[]string{"config.yaml:1: agent.host: missing; set host (shared by all servers) or agent.host", "config.yaml:1: keyManager.host: missing"}},
		{"empty host override", "host: h\nkeyManager:\n  host: ''\nbot: {username: b, privateKeyPath: /k.pem}\n",
			[]string{"config.yaml:3: keyManager.host: missing"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := parseTestConfig(tt.src, nil)
			if err != nil {
				t.Fatal(err)
			}
			err = c.Validate()
			if tt.want == nil {
				if err != nil {
					t.Errorf("Validate() = %v, want nil", err)
				}
				return
			}
			wantErrs(t, err, tt.want...)
		})
	}

	t.Run("load balancing is not also a missing agent host", func(t *testing.T) {
		c, err := parseTestConfig("pod: {host: p}\nkeyManager: {host: k}\nagent:\n  loadBalancing: {mode: random}\nbot: {username: b, privateKeyPath: /k.pem}\n", nil)
		if err != nil {
			t.Fatal(err)
		}
		err = c.Validate()
		wantErrs(t, err, "agent.loadBalancing")
		if strings.Contains(err.Error(), "agent.host: missing") {
			t.Errorf("Validate() = %v; want no agent.host error", err)
		}
	})

	t.Run("hand-built config", func(t *testing.T) {
		c := &Config{
			Pod: ServerConfig{Host: "p"}, Agent: ServerConfig{Host: "a"}, KeyManager: ServerConfig{Host: "k"},
			Bot: BotConfig{Username: "b", PrivateKey: Secret{Path: "/k", Content: "K"}},
		}
		wantErrs(t, c.Validate(), "config: bot.privateKey: both path and content are set")
		c.Bot.PrivateKey.Content = ""
		if err := c.Validate(); err != nil {
			t.Errorf("Validate() = %v", err)
		}
	})
}

func TestConfigValidateServers(t *testing.T) {
	for name, src := range map[string]string{
		"no bot":           "host: h\n",
		"certificate only": "host: h\nbot:\n  username: b\n  certificate: {path: /c.p12}\n",
		"username only":    "host: h\nbot:\n  username: b\n",
	} {
		c, err := parseTestConfig(src, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.ValidateServers(); err != nil {
			t.Errorf("%s: ValidateServers() = %v, want nil", name, err)
		}
		if c.Validate() == nil {
			t.Errorf("%s: Validate() = nil, want the account's problems", name)
		}
	}
	c, err := parseTestConfig("pod:\n  host: p\nagent:\n  loadBalancing: {mode: random}\n", nil)
	if err != nil {
		t.Fatal(err)
	}
	err = c.ValidateServers()
	wantErrs(t, err, "config.yaml:4: agent.loadBalancing: agent load balancing is not supported", "config.yaml:1: keyManager.host: missing")
	if strings.Contains(err.Error(), "bot.") {
		t.Errorf("ValidateServers() = %v; want nothing about the bot", err)
	}
}

// TestConfigErrorsHideKeys: a private key written where a mapping belongs
// must not come back in the error message.
func TestConfigErrorsHideKeys(t *testing.T) {
	const body = "MIIEpAIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0"
	for name, src := range map[string]string{
		"PEM":        "bot:\n  privateKey: |\n    -----BEGIN RSA PRIVATE KEY-----\n    " + body + "\n    -----END RSA PRIVATE KEY-----\n",
		"one line":   "bot:\n  privateKey: " + strings.Repeat(body, 4) + "\n",
		"flat, list": "bot:\n  privateKeyContent: [" + body + "]\n",
	} {
		_, err := parseTestConfig(src, nil)
		if err == nil {
			t.Fatalf("%s: no error", name)
		}
		if strings.Contains(err.Error(), body[:20]) {
			t.Errorf("%s: the error shows the key: %v", name, err)
		}
	}
}

func TestConfigDeprecatedKeys(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		wantBot  BotConfig
		wantSSL  Secret
		validate string // "" : valid; otherwise part of the error
	}{{
		name:    "privateKeyPath",
		src:     "host: h\nbot:\n  username: b\n  privateKeyPath: /k.pem\n",
		wantBot: BotConfig{Username: "b", PrivateKey: Secret{Path: "/k.pem"}},
	}, {
		name:    "privateKeyContent",
		src:     "host: h\nbot:\n  username: b\n  privateKeyContent: |\n    -----BEGIN PRIVATE KEY-----\n    AA\n    -----END PRIVATE KEY-----\n",
		wantBot: BotConfig{Username: "b", PrivateKey: Secret{Content: "-----BEGIN PRIVATE KEY-----\nAA\n-----END PRIVATE KEY-----\n"}},
	}, {
		name:     "certificatePath",
		src:      "host: h\nbot:\n  username: b\n  certificatePath: /c.p12\n",
		wantBot:  BotConfig{Username: "b", Certificate: Secret{Path: "/c.p12"}},
		validate: "config.yaml:4: bot.certificate: certificate authentication is not supported",
	}, {
		name:     "certificateContent",
		src:      "host: h\nbot:\n  username: b\n  certificateContent: CERT\n",
		wantBot:  BotConfig{Username: "b", Certificate: Secret{Content: "CERT"}},
		validate: "config.yaml:4: bot.certificate: certificate authentication is not supported",
	}, {
		name:    "trustStorePath",
		src:     "host: h\nbot: {username: b, privateKeyPath: /k.pem}\nssl:\n  trustStorePath: /ca.pem\n  trustStorePassword: ignored\n",
		wantBot: BotConfig{Username: "b", PrivateKey: Secret{Path: "/k.pem"}},
		wantSSL: Secret{Path: "/ca.pem"},
	}, {
		name:    "trustStore content",
		src:     "host: h\nbot: {username: b, privateKeyPath: /k.pem}\nssl:\n  trustStore:\n    content: CA\n",
		wantBot: BotConfig{Username: "b", PrivateKey: Secret{Path: "/k.pem"}},
		wantSSL: Secret{Content: "CA"},
	}, {
		name:    "empty flat key next to a structured one",
		src:     "host: h\nbot:\n  username: b\n  privateKey: {path: /k.pem}\n  privateKeyContent: ''\n",
		wantBot: BotConfig{Username: "b", PrivateKey: Secret{Path: "/k.pem"}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := parseTestConfig(tt.src, nil)
			if err != nil {
				t.Fatal(err)
			}
			if c.Bot != tt.wantBot {
				t.Errorf("Bot = %+v, want %+v", c.Bot, tt.wantBot)
			}
			if c.TrustStore != tt.wantSSL {
				t.Errorf("TrustStore = %+v, want %+v", c.TrustStore, tt.wantSSL)
			}
			err = c.Validate()
			if tt.validate == "" {
				if err != nil {
					t.Errorf("Validate() = %v", err)
				}
				return
			}
			wantErrs(t, err, tt.validate)
		})
	}
}

func TestConfigSecretLoad(t *testing.T) {
	dir := t.TempDir()
	keyPath := filepath.Join(dir, "key.pem")
	if err := os.WriteFile(keyPath, []byte("FROM FILE"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		s        Secret
		want     string
		wantErr  string
		wantZero bool
	}{
		{name: "path", s: Secret{Path: keyPath}, want: "FROM FILE"},
		{name: "content", s: Secret{Content: "INLINE"}, want: "INLINE"},
		{name: "missing file", s: Secret{Path: filepath.Join(dir, "nope.pem")}, wantErr: "load secret: stat "},
		{name: "both", s: Secret{Path: keyPath, Content: "INLINE"}, wantErr: "load secret: both path and content are set"},
		{name: "neither", s: Secret{}, wantErr: "load secret: neither path nor content is set", wantZero: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.s.IsZero(); got != tt.wantZero {
				t.Errorf("IsZero() = %v, want %v", got, tt.wantZero)
			}
			b, err := tt.s.Load()
			if tt.wantErr != "" {
				wantErrs(t, err, tt.wantErr)
				return
			}
			if err != nil || string(b) != tt.want {
				t.Errorf("Load() = %q, %v; want %q", b, err, tt.want)
			}
		})
	}
	_, err := Secret{Path: filepath.Join(dir, "nope.pem")}.Load()
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Load() = %v, want an error wrapping os.ErrNotExist", err)
	}
}

func TestLoadConfig(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.yaml")
	src := "host: acme.symphony.com\nbot:\n  username: ${TUTTI_TEST_BOT_USER}\n  privateKey:\n    path: ${TUTTI_TEST_KEY:-/default.pem}\n"
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TUTTI_TEST_BOT_USER", "envbot")
	c, err := LoadConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	if c.Path != path || c.Bot.Username != "envbot" || c.Bot.PrivateKey.Path != "/default.pem" {
		t.Errorf("got %+v", c)
	}

	if err := os.WriteFile(path, []byte("host: a\npod:\n  port: abc\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = LoadConfig(path)
	wantErrs(t, err, path+`:3: pod.port: want a number, got "abc"`)

	_, err = LoadConfig(filepath.Join(dir, "missing.yaml"))
	wantErrs(t, err, "load config: stat ")
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("LoadConfig(missing) = %v, want an error wrapping os.ErrNotExist", err)
	}
}

// TestConfigFixtures loads every BDK configuration file kept under the
// shared fixtures: each either loads with the values it holds, or fails
// with a message naming what is not supported.
func TestConfigFixtures(t *testing.T) {
	root := filepath.Join("..", "..", "shared", "fixtures")
	if _, err := os.Stat(root); err != nil {
		t.Skipf("shared fixtures not found at %s: %v", root, err)
	}
	const javaKey = "/Users/local/conf/agent/privatekey.pem"
	fixtures := map[string]struct {
		parseErr    string              // the file is rejected by ParseConfig
		validateErr []string            // the file loads but Validate fails
		check       func(*Config) error // values read from the file
	}{
		"finos__symphony-bdk-java/config/application.yaml": {
			check: func(c *Config) error {
				return errors.Join(
					diff("pod", c.Pod.BaseURL(), "https://acme.symphony.com:443"),
					diff("agent", c.Agent.BaseURL(), "https://acme.symphony.com:443"),
					diff("username", c.Bot.Username, "mybot"),
					diff("key", c.Bot.PrivateKey.Path, "path/to/bot-privatekey.pem"),
				)
			},
		},
		"finos__symphony-bdk-java/config/config.json": {
			check: func(c *Config) error {
				return errors.Join(
					diff("pod", c.Pod.BaseURL(), "https://devx1.symphony.com:443"),
					diff("keyManager", c.KeyManager.Host, "devx1.symphony.com"),
					diff("username", c.Bot.Username, "tibot"),
					diff("key", c.Bot.PrivateKey, Secret{Path: javaKey}),
					diff("datafeed", c.Datafeed.Version, "v2"),
				)
			},
		},
		"finos__symphony-bdk-java/config/config.yaml": {
			check: func(c *Config) error {
				return errors.Join(
					diff("agent", c.Agent.BaseURL(), "https://devx1.symphony.com:443"),
					diff("username", c.Bot.Username, "tibot"),
					diff("key", c.Bot.PrivateKey, Secret{Path: javaKey}),
					diff("datafeed attempts", c.Datafeed.Retry.MaxAttempts, 2),
					diff("datafeed interval", c.Datafeed.Retry.InitialInterval, 500*time.Millisecond),
					diff("retry attempts", c.Retry.MaxAttempts, 10),
				)
			},
		},
		"finos__symphony-bdk-java/config/config_client_global.yaml": {
			check: func(c *Config) error {
				return errors.Join(
					diff("pod", c.Pod.BaseURL(), "https://diff-pod.symphony.com:8443/context"),
					diff("pod headers", c.Pod.DefaultHeaders, map[string]string{"Connection": "Keep-Alive", "Keep-Alive": "close"}),
					diff("pod timeouts", [2]time.Duration{c.Pod.ConnectionTimeout, c.Pod.ReadTimeout}, [2]time.Duration{10 * time.Second, 30 * time.Second}),
					diff("agent", c.Agent.BaseURL(), "https://devx1.symphony.com:443/context"),
					diff("agent timeouts", [2]time.Duration{c.Agent.ConnectionTimeout, c.Agent.ReadTimeout}, [2]time.Duration{20 * time.Second, 60 * time.Second}),
					diff("agent headers", c.Agent.DefaultHeaders, map[string]string{"Connection": "Keep-Alive", "Keep-Alive": "timeout=5, max=1000"}),
					diff("keyManager", c.KeyManager.BaseURL(), "https://devx1.symphony.com:8443/diff-context"),
					diff("sessionAuth", c.SessionAuth.BaseURL(), "http://devx1.symphony.com:8443/context"),
					diff("key", c.Bot.PrivateKey, Secret{Path: javaKey}),
				)
			},
		},
		"finos__symphony-bdk-java/config/config_lb.yaml": {
			validateErr: []string{
				"config_lb.yaml:2: agent.loadBalancing: agent load balancing is not supported",
				"bot.username: missing",
			},
		},
		"finos__symphony-bdk-java/config/df_retry_config.yaml": {
			check: func(c *Config) error {
				return errors.Join(
					diff("pod", c.Pod.BaseURL(), "https://acme.symphony.com:443"),
					diff("key", c.Bot.PrivateKey, Secret{Path: javaKey}),
					diff("retry", c.Retry, RetryConfig{MaxAttempts: 2, InitialInterval: time.Second, Multiplier: 3, MaxInterval: 2 * time.Second}),
					diff("datafeed retry", c.Datafeed.Retry, RetryConfig{MaxAttempts: -1, InitialInterval: 500 * time.Millisecond, Multiplier: 2, MaxInterval: 300 * time.Second}),
				)
			},
		},
		"finos__symphony-bdk-java/config/legacy_config.json": {
			parseErr: "legacy_config.json:2: podHost: the pre-2.0 (SDK 1.x) configuration format is not supported",
		},
		"finos__symphony-bdk-python/config/config.yaml": {
			check: func(c *Config) error {
				return errors.Join(
					diff("pod", c.Pod.BaseURL(), "https://devx1.symphony.com:443"),
					diff("username", c.Bot.Username, "youbot"),
					diff("key", c.Bot.PrivateKey, Secret{Path: javaKey}),
				)
			},
		},
		"finos__symphony-bdk-python/config/config_global.yaml": {
			check: func(c *Config) error {
				headers := map[string]string{"user-agent": "custom-user-agent", "header-key": "header-value"}
				return errors.Join(
					diff("pod", c.Pod.BaseURL(), "https://diff-pod.symphony.com:8443/context"),
					diff("agent", c.Agent.BaseURL(), "https://devx1.symphony.com:443/context"),
					diff("keyManager", c.KeyManager.BaseURL(), "https://devx1.symphony.com:8443/diff-context"),
					diff("sessionAuth", c.SessionAuth.BaseURL(), "http://devx1.symphony.com:8443/context"),
					diff("pod headers", c.Pod.DefaultHeaders, headers),
					diff("agent headers", c.Agent.DefaultHeaders, headers),
					diff("username", c.Bot.Username, "youbot"),
				)
			},
		},
		"finos__symphony-bdk-python/config/config_global_proxy.yaml": {
			check: func(c *Config) error {
				p := &ProxyConfig{Host: "proxy.symphony.com", Port: 1234, Username: "proxyuser", Password: "proxypass"}
				return errors.Join(diff("pod proxy", c.Pod.Proxy, p), diff("agent proxy", c.Agent.Proxy, p))
			},
			validateErr: []string{"config_global_proxy.yaml:1: bot.username: missing", "pod.host: missing"},
		},
		"finos__symphony-bdk-python/config/datafeed_retry_config.yaml": {
			check: func(c *Config) error {
				return errors.Join(
					diff("pod", c.Pod.Host, "acme.symphony.com"),
					diff("datafeed retry", c.Datafeed.Retry, RetryConfig{MaxAttempts: 2, InitialInterval: time.Second, Multiplier: 3, MaxInterval: 2 * time.Second}),
					diff("retry", c.Retry.MaxAttempts, 10),
				)
			},
			validateErr: []string{"bot.username: missing"},
		},
		"finos__symphony-bdk-python/config/retry_config.yaml": {
			check: func(c *Config) error {
				return errors.Join(
					diff("retry", c.Retry, RetryConfig{MaxAttempts: 2, InitialInterval: time.Second, Multiplier: 3, MaxInterval: 2 * time.Second}),
					diff("datafeed attempts", c.Datafeed.Retry.MaxAttempts, -1),
				)
			},
			validateErr: []string{"bot.username: missing"},
		},
	}

	var files []string
	for _, dir := range []string{"finos__symphony-bdk-java/config", "finos__symphony-bdk-python/config"} {
		entries, err := os.ReadDir(filepath.Join(root, dir))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if !e.IsDir() {
				files = append(files, dir+"/"+e.Name())
			}
		}
	}
	for name := range fixtures {
		if !slices.Contains(files, name) {
			t.Errorf("fixture %s is expected but missing", name)
		}
	}
	for _, name := range files {
		t.Run(name, func(t *testing.T) {
			want, ok := fixtures[name]
			if !ok {
				t.Fatalf("no expectations for fixture %s; add them to this test", name)
			}
			c, err := LoadConfig(filepath.Join(root, filepath.FromSlash(name)))
			if want.parseErr != "" {
				wantErrs(t, err, want.parseErr)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if want.check != nil {
				if err := want.check(c); err != nil {
					t.Error(err)
				}
			}
			err = c.Validate()
			if want.validateErr == nil {
				if err != nil {
					t.Errorf("Validate() = %v", err)
				}
				return
			}
			wantErrs(t, err, want.validateErr...)
		})
	}
}

// diff returns an error when got is not want.
func diff(what string, got, want any) error {
	if reflect.DeepEqual(got, want) {
		return nil
	}
	return fmt.Errorf("%s: got %+v, want %+v", what, got, want)
}
