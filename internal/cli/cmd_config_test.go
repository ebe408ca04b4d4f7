package cli

import (
	"bytes"
	"context"
	"errors"
	"github.com/tutti-chat/tutti/internal/session"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/tutti-chat/tutti/internal/tuiconfig"
	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/simulator/simtest"
	"github.com/tutti-chat/tutti/symphony"
)

func TestConfigInitWritesAValidTemplate(t *testing.T) {
	xdg := filepath.Join(t.TempDir(), "xdg")
	t.Setenv("XDG_CONFIG_HOME", xdg)
	stdout, stderr, err := runCommand(t, "config", "init")
	if err != nil {
		t.Fatalf("config init: %v\n%s", err, stderr)
	}
	path := filepath.Join(xdg, "tutti", "config.yaml")
	if !strings.Contains(stdout, "wrote "+path) || !strings.Contains(stdout, "tutti config check --connect\n") {
		t.Errorf("output names neither the file nor the next step:\n%s", stdout)
	}
	if !strings.Contains(stdout, "tutti now uses this file") || !strings.Contains(stdout, "tutti --simulator runs the demo") {
		t.Errorf("output does not say that tutti uses the file now, nor how to run the demo:\n%s", stdout)
	}
	for p, want := range map[string]os.FileMode{filepath.Join(xdg, "tutti"): 0o700, path: 0o600} {
		info, err := os.Stat(p)
		if err != nil || info.Mode().Perm() != want {
			t.Errorf("%s: %v, %v; want mode %04o", p, info, err, want)
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	// As written, with its placeholders, it parses and validates.
	cfg, err := symphony.ParseConfig(path, data, nil)
	if err != nil {
		t.Fatalf("the template does not parse: %v", err)
	}
	if err := cfg.Validate(); err != nil {
		t.Fatalf("the template does not validate: %v", err)
	}
	if cfg.Pod.Host != session.TemplateHost || cfg.Bot.Username != session.TemplateUsername || cfg.Datafeed.Version != "v2" ||
		cfg.Bot.PrivateKey.Path != filepath.Join(xdg, "tutti", "rsa-private.pem") {
		t.Errorf("template config: %+v", cfg)
	}
	// So does every optional section once uncommented, with the
	// placeholders filled in.
	uncommented := regexp.MustCompile(`(?m)^# ( *[a-zA-Z]+:)`).ReplaceAll(data, []byte("$1"))
	uncommented = bytes.ReplaceAll(uncommented, []byte("${PROXY_PASSWORD}"), []byte("${PROXY_PASSWORD:-secret}"))
	full, err := symphony.ParseConfig(path, uncommented, nil)
	if err != nil {
		t.Fatalf("the template with every section uncommented does not parse: %v\n%s", err, uncommented)
	}
	if full.Agent.Host != "your-agent.example.com" || full.Pod.Proxy == nil || full.Pod.Proxy.Port != 8080 ||
		full.TrustStore.Path == "" || full.Pod.Port != 443 {
		t.Errorf("uncommented template: %+v", full)
	}

	// The tui: section has exactly its keys, with their defaults.
	var root struct {
		TUI yaml.Node `yaml:"tui"`
	}
	if err := cfg.Root.Decode(&root); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for i := 0; i < len(root.TUI.Content); i += 2 {
		keys = append(keys, root.TUI.Content[i].Value)
	}
	want := "keys theme timeFormat bell membershipRows mouse links historyPageSize maxRowsPerStream listOrder systemEvents downloadDir watch"
	if strings.Join(keys, " ") != want {
		t.Errorf("tui keys %v, want %s", keys, want)
	}
	// The template's values are the defaults, as tuiconfig reads them.
	got, err := tuiconfig.Decode("config.yaml", cfg.Root)
	if err != nil {
		t.Fatal(err)
	}
	d := tuiconfig.Defaults()
	if got.Theme != d.Theme || got.TimeFormat != d.TimeFormat || got.Bell != d.Bell || got.HideMembership != d.HideMembership ||
		got.Mouse != d.Mouse || got.Links != d.Links || got.HistoryPageSize != d.HistoryPageSize || got.MaxRowsPerStream != d.MaxRowsPerStream {
		t.Errorf("the template's tui: section is not the defaults: %+v", got)
	}

	// Not again without --force.
	if err := os.WriteFile(path, []byte("host: mine\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCommand(t, "config", "init"); err == nil || !strings.Contains(err.Error(), "--force") {
		t.Errorf("config init over an existing file: %v", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "host: mine\n" {
		t.Errorf("the existing file was changed: %q", got)
	}
	if _, stderr, err := runCommand(t, "config", "init", "--force"); err != nil {
		t.Fatalf("config init --force: %v\n%s", err, stderr)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, data) {
		t.Error("--force did not write the template")
	}
}

func TestConfigInitFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a", "b", "tutti.yaml")
	stdout, stderr, err := runCommand(t, "config", "init", path)
	if err != nil {
		t.Fatalf("config init FILE: %v\n%s", err, stderr)
	}
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("%s: %v, %v", path, info, err)
	}
	// Elsewhere than the default, the next steps name the file.
	if !strings.Contains(stdout, "tutti config check --connect "+path) || !strings.Contains(stdout, "tutti --config "+path) {
		t.Errorf("the next steps do not name the file:\n%s", stdout)
	}
	if strings.Contains(stdout, "--simulator") {
		t.Errorf("a file tutti does not find needs no --simulator for the demo:\n%s", stdout)
	}
	if _, _, err := runCommand(t, "config", "init", path, "extra"); !errors.Is(err, errUsage) {
		t.Errorf("two files: %v, want a usage error", err)
	}
}

// TestConfigCheckAgainstTheSimulator checks the configuration tutti
// simulator --write-config writes, over TLS, with --connect.
func TestConfigCheckAgainstTheSimulator(t *testing.T) {
	srv, path := simConfig(t, true)
	stdout, stderr, err := runCommand(t, "config", "check", "--connect", path)
	if err != nil {
		t.Fatalf("config check: %v\n%s%s", err, stdout, stderr)
	}
	me, _ := srv.UserByUsername(srv.Account())
	for _, want := range []string{
		"config     " + path + " (from the command line)\n",
		"servers    pod " + srv.URL(),
		"account    tutti-bot\n",
		"key        " + filepath.Join(filepath.Dir(path), "tutti-bot-key.pem") + ": RSA 2048 bits, PKCS#",
		", mode 0600\n",
		"trust      " + filepath.Join(filepath.Dir(path), "simulator-ca.pem") + ": 1 certificate",
		"login      pod session and key manager: ok\n",
		"user       " + me.DisplayName + " (tutti-bot), id " + strconv.FormatInt(me.ID, 10) + "\n",
		"datafeed   the agent serves datafeed v2; datafeed.version is v2\n",
		"ok         tutti can follow this pod\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	assertNoSecret(t, stdout+stderr, srv.PrivateKeyPEM())

	// $TUTTI_CONFIG is where it looks without FILE; nothing is contacted
	// without --connect.
	t.Setenv("TUTTI_CONFIG", path)
	stdout, _, err = runCommand(t, "config", "check")
	if err != nil || !strings.Contains(stdout, "(from $TUTTI_CONFIG)") || strings.Contains(stdout, "login") ||
		!strings.Contains(stdout, "--connect tries it") {
		t.Errorf("config check from $TUTTI_CONFIG: %v\n%s", err, stdout)
	}
}

// assertNoSecret fails when out holds a line of the PEM key's body.
func assertNoSecret(t *testing.T, out string, keyPEM []byte) {
	t.Helper()
	for _, l := range strings.Split(string(keyPEM), "\n") {
		if len(l) > 16 && !strings.HasPrefix(l, "-----") && strings.Contains(out, l) {
			t.Fatalf("the output shows the private key:\n%s", out)
		}
	}
}

func TestConfigCheckReportsEveryProblem(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.yaml")
	src := "host: acme.symphony.com\npod:\n  port: abc\nbot:\n  privateKey:\n    path: /nowhere/key.pem\ndatafeed:\n  version: v3\n"
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	stdout, _, err := runCommand(t, "config", "check", path)
	if err == nil || err.Error() != "config check: 2 problems found" {
		t.Fatalf("config check of a broken file: %v\n%s", err, stdout)
	}
	for _, want := range []string{
		"error      " + path + `:3: pod.port: want a number, got "abc"` + "\n",
		"error      " + path + `:8: datafeed.version: want "v1" or "v2", got "v3"` + "\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}

	// Once it parses, Validate's problems, again one per line.
	src = "host: acme.symphony.com\nbot:\n  certificate:\n    path: /c.p12\n"
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	stdout, _, err = runCommand(t, "config", "check", path)
	if err == nil || !strings.Contains(stdout, "error      "+path+":2: bot.username: missing") ||
		!strings.Contains(stdout, "error      "+path+":3: bot.certificate: certificate authentication is not supported") {
		t.Errorf("config check of an incomplete file: %v\n%s", err, stdout)
	}

	// A key that does not parse is named, never shown.
	keyPath := filepath.Join(dir, "key.pem")
	bogus := "-----BEGIN RSA PRIVATE KEY-----\nQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=\n-----END RSA PRIVATE KEY-----\n"
	if err := os.WriteFile(keyPath, []byte(bogus), 0o600); err != nil {
		t.Fatal(err)
	}
	src = "host: acme.symphony.com\nbot:\n  username: b\n  privateKey:\n    path: " + keyPath + "\n"
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	stdout, _, err = runCommand(t, "config", "check", "--connect", path)
	if err == nil || !strings.Contains(stdout, "error      "+path+":5: bot.privateKey.path: "+keyPath+": parse private key: PKCS#1") ||
		!strings.Contains(stdout, "connect    not tried") {
		t.Errorf("config check with a bad key: %v\n%s", err, stdout)
	}
	assertNoSecret(t, stdout, []byte(bogus))
}

func TestConfigCheckKeyPermissions(t *testing.T) {
	_, path := simConfig(t, false)
	keyPath := filepath.Join(filepath.Dir(path), "tutti-bot-key.pem")
	if err := os.Chmod(keyPath, 0o640); err != nil {
		t.Fatal(err)
	}
	stdout, _, err := runCommand(t, "config", "check", "--connect", path)
	want := "error      " + path + ":" + lineOfText(t, path, "    path: "+keyPath) + ": bot.privateKey.path: the private key " + keyPath +
		" has mode 0640: other users may read or change it; run chmod 600 " + keyPath
	if err == nil || !strings.Contains(stdout, want) || strings.Contains(stdout, "login ") {
		t.Errorf("config check with a 0640 key: %v\n%s", err, stdout)
	}
	stdout, _, err = runCommand(t, "config", "check", "--connect", "--insecure-key-permissions", path)
	if err != nil || !strings.Contains(stdout, "mode 0640 (allowed by --insecure-key-permissions)") ||
		!strings.Contains(stdout, "login      pod session and key manager: ok") {
		t.Errorf("config check --insecure-key-permissions: %v\n%s", err, stdout)
	}
}

func TestConfigCheckTemplatePlaceholders(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	if _, _, err := runCommand(t, "config", "init", path); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lineOf := func(prefix string) string {
		for i, l := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(l, prefix) {
				return strconv.Itoa(i + 1)
			}
		}
		t.Fatalf("the template has no line %q", prefix)
		return ""
	}
	stdout, _, err := runCommand(t, "config", "check", "--connect", path)
	for _, want := range []string{
		"error      " + path + ":" + lineOf("host: ") + ": host: still the template's " + session.TemplateHost,
		"error      " + path + ":" + lineOf("  username: ") + ": bot.username: still the template's " + session.TemplateUsername,
		"error      " + path + ":" + lineOf("    path: ") + ": bot.privateKey.path: read the private key: ",
		"rsa-private.pem: no such file or directory",
		"connect    not tried",
	} {
		if err == nil || !strings.Contains(stdout, want) {
			t.Errorf("config check of the bare template: %v; output lacks %q:\n%s", err, want, stdout)
		}
	}
}

func TestConfigCheckSessionTokens(t *testing.T) {
	srv := simtest.Start(t, simulator.Options{})
	// No bot section: a token is all the account there is.
	host, port, _ := strings.Cut(strings.TrimPrefix(srv.URL(), "http://"), ":")
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte("scheme: http\nhost: "+host+"\nport: "+port+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	session, km := simtest.Tokens(t, srv)
	t.Setenv("SYMPHONY_SESSION_TOKEN", session)
	t.Setenv("SYMPHONY_KM_TOKEN", km)
	stdout, _, err := runCommand(t, "config", "check", "--connect", path)
	if err != nil || !strings.Contains(stdout, "auth       session-token mode: SYMPHONY_SESSION_TOKEN is set (SYMPHONY_KM_TOKEN set)") ||
		!strings.Contains(stdout, " (tutti-bot), id ") || !strings.Contains(stdout, "datafeed   the agent serves datafeed v2") ||
		strings.Contains(stdout, "login ") {
		t.Errorf("config check with tokens: %v\n%s", err, stdout)
	}

	t.Setenv("SYMPHONY_SESSION_TOKEN", "expired-"+session[:20])
	stdout, stderr, err := runCommand(t, "config", "check", "--connect", path)
	if err == nil || !strings.Contains(stdout,
		"error      get session info: the session token in SYMPHONY_SESSION_TOKEN was refused (401): get a new one") {
		t.Errorf("config check with a refused token: %v\n%s", err, stdout)
	}
	if strings.Contains(stdout+stderr, session[:20]) || strings.Contains(stdout+stderr, km) {
		t.Errorf("the output shows a token:\n%s", stdout)
	}
}

// fakeLister answers ListDatafeeds with err.
type fakeLister struct{ err error }

func (f fakeLister) ListDatafeeds(context.Context, string) ([]symphony.V5Datafeed, error) {
	return nil, f.err
}

func TestDatafeedV2(t *testing.T) {
	notFound := &symphony.APIError{Op: "list datafeeds", Status: http.StatusNotFound}
	forbidden := &symphony.APIError{Op: "list datafeeds", Status: http.StatusForbidden}
	for _, tt := range []struct {
		err    error
		v2     bool
		failed bool
	}{{nil, true, false}, {notFound, false, false}, {forbidden, false, true}} {
		v2, err := datafeedV2(context.Background(), fakeLister{tt.err})
		if v2 != tt.v2 || (err != nil) != tt.failed {
			t.Errorf("list answering %v: v2=%v, %v", tt.err, v2, err)
		}
	}
}

// TestConfigCheckReportsTheTuiSectionToo: when the pod's settings fail,
// config check still reports the problems of the tui: section, every
// problem at once.
func TestConfigCheckReportsTheTuiSectionToo(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte("tui:\n  theme: purple\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	stdout, _, err := runCommand(t, "config", "check", path)
	if err == nil || !strings.Contains(stdout, "bot.username: missing") || !strings.Contains(stdout, "tui.theme: want auto") {
		t.Errorf("config check: %v\n%s", err, stdout)
	}
}
