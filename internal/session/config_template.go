package session

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/tutti-chat/tutti/internal/yamlnode"
	"github.com/tutti-chat/tutti/symphony"
)

// Placeholders of the configuration template, which tutti config check
// reports when they are still there.
const (
	// TemplateHost cannot resolve (RFC 2606): a login JWT must never go to
	// a host the user did not choose.
	TemplateHost = "your-pod.invalid"
	// TemplateUsername is the service account of the template.
	TemplateUsername = "your-service-account"
)

// ConfigTemplate returns the commented BDK config.yaml that tutti config
// init writes: one pod, an RSA service account whose key is at keyPath,
// the optional proxy and trust store commented out, and tutti's own tui:
// section with every key at its default.
func ConfigTemplate(keyPath string) string {
	return strings.ReplaceAll(configTemplateText, "{{keyPath}}", yamlQuote(keyPath))
}

// yamlQuote returns s as a double-quoted YAML string.
func yamlQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// TemplatePlaceholders reports the values of the template of tutti config
// init that were left as they are: the host and, unless in session-token
// mode, the username.
func TemplatePlaceholders(cfg *symphony.Config, tokenMode bool) error {
	var errs []error
	if cfg.Pod.Host == TemplateHost || cfg.Agent.Host == TemplateHost || cfg.KeyManager.Host == TemplateHost {
		errs = append(errs, fmt.Errorf("%s: host: still the template's %s; set the pod's host name", placeLine(cfg, "host"), TemplateHost))
	}
	if !tokenMode && cfg.Bot.Username == TemplateUsername {
		errs = append(errs, fmt.Errorf("%s: bot.username: still the template's %s; set the service account's username",
			placeLine(cfg, "bot", "username"), TemplateUsername))
	}
	if len(errs) == 0 {
		return nil
	}
	return &placeholderError{errors.Join(errs...)}
}

// placeholderError is TemplatePlaceholders' error: one line for each value
// of the template left as it is.
type placeholderError struct{ err error }

// Error implements error.
func (e *placeholderError) Error() string { return e.err.Error() }

// Unwrap returns the joined errors.
func (e *placeholderError) Unwrap() error { return e.err }

// placeLine returns "file:line" of the value of the key path in cfg's
// file, or the file when the path is not there.
func placeLine(cfg *symphony.Config, path ...string) string {
	if line := lineOf(cfg, path...); line > 0 {
		return cfg.Path + ":" + strconv.Itoa(line)
	}
	return cfg.Path
}

// lineOf returns the line of the value of the key path in cfg's file; 0
// when the path is not there.
func lineOf(cfg *symphony.Config, path ...string) int {
	n := cfg.Root
	for _, key := range path {
		if n = yamlnode.Lookup(n, key); n == nil {
			return 0
		}
	}
	return n.Line
}

// KeyPlace returns where cfg's file sets the private key, as a message
// starts with it: "file:line: bot.privateKey.path" (or .content, or a
// deprecated flat key, under a Spring Boot bdk: key too); the file alone
// when none is there.
func KeyPlace(cfg *symphony.Config) string {
	keys := []string{"privateKey.path", "privateKeyPath", "privateKey.content", "privateKeyContent", "privateKey"}
	if cfg.Bot.PrivateKey.Path == "" {
		keys = []string{"privateKey.content", "privateKeyContent", "privateKey.path", "privateKeyPath", "privateKey"}
	}
	return settingPlace(cfg, "bot", keys)
}

// TrustStorePlace returns where cfg's file sets the trust store, as
// KeyPlace does the key: "file:line: ssl.trustStore.path" and the like.
func TrustStorePlace(cfg *symphony.Config) string {
	return settingPlace(cfg, "ssl", []string{"trustStore.path", "trustStorePath", "trustStore.content", "trustStore"})
}

// settingPlace returns "file:line: section.key" for the first of keys
// (dotted key paths inside section) that cfg's file has, at the top level
// or under bdk:; the file alone when it has none of them.
func settingPlace(cfg *symphony.Config, section string, keys []string) string {
	for _, prefix := range []string{"", "bdk."} {
		for _, key := range keys {
			path := prefix + section + "." + key
			if line := lineOf(cfg, strings.Split(path, ".")...); line > 0 {
				return cfg.Path + ":" + strconv.Itoa(line) + ": " + path
			}
		}
	}
	return cfg.Path
}

const configTemplateText = `# tutti: the Symphony pod to follow, in the Symphony BDK config.yaml format
# (a BDK bot's own file works too). Written by "tutti config init"; check it
# with "tutti config check --connect". Values may use ${VAR} and
# ${VAR:-default} from the environment.

# The pod. The pod, agent and key manager all use this host and port unless
# a pod:, agent: or keyManager: section sets its own host, port, context or
# proxy.
host: ` + TemplateHost + `     # the pod's host name, e.g. acme.symphony.com
# port: 443
# agent:
#   host: your-agent.example.com
# keyManager:
#   host: your-km.example.com

# An HTTP proxy for every server; a pod:, agent: or keyManager: section may
# set its own.
# proxy:
#   host: proxy.example.com
#   port: 8080
#   username: me
#   password: ${PROXY_PASSWORD}

# The service account and its RSA private key: a PKCS#1 or PKCS#8 PEM file
# that only you may read (chmod 600). Without a key, set the environment's
# SYMPHONY_SESSION_TOKEN (and SYMPHONY_KM_TOKEN) instead; this section is
# not needed then.
bot:
  username: ` + TemplateUsername + `
  privateKey:
    path: {{keyPath}}

# Certificate authorities to trust besides the system's: a PEM bundle, for a
# pod behind a company CA. Verification is never switched off.
# ssl:
#   trustStore:
#     path: /etc/ssl/certs/company-ca.pem

datafeed:
  version: v2          # v2, or v1 for an agent without datafeed v2

# tutti's own settings; every key is shown with its default.
tui:
  keys:                  # key overrides by action name, e.g. timeline.scroll-down: [j, down]; see ` + "`?`" + ` in the UI
  theme: auto            # auto | dark | light | high-contrast | mono
  timeFormat: "15:04"    # a Go time layout for message times
  bell: [mention, im, chime]   # what rings the terminal bell; [] or never for nothing
  membershipRows: shown  # shown | hidden
  mouse: true
  links: false           # OSC 8 hyperlinks for http(s), mailto and symphony links
  historyPageSize: 100   # messages per history request, 1–500
  maxRowsPerStream: 20000  # rows a stream keeps in memory; older ones are dropped
  listOrder: activity      # activity (the most recently active first) | name
  systemEvents: hidden     # hidden | shown: the pod's generic system events in Activity
  downloadDir: ""          # where attachments are saved; "" is $XDG_DOWNLOAD_DIR, else ~/Downloads
  watch: []                # rules of the events that matter, for tutti tail --watch NAME, e.g.
  #   - name: incidents
  #     hashtags: [incident]
  #     regex: "(?i)sev ?[12]"
  #     streams: [Ops Incidents]
`
