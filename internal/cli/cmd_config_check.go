package cli

import (
	"context"
	"encoding/pem"
	"errors"
	"fmt"
	"github.com/tutti-chat/tutti/internal/session"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"strconv"
	"strings"

	"github.com/tutti-chat/tutti/internal/sanitize"
	"github.com/tutti-chat/tutti/internal/tuiconfig"
	"github.com/tutti-chat/tutti/names"
	"github.com/tutti-chat/tutti/symphony"
)

// configCheckFlags are the flags of tutti config check.
type configCheckFlags struct {
	connect     bool
	insecureKey bool
}

// runConfigCheck loads and validates a configuration, reads its private
// key and, with --connect, logs in and asks the pod who the account is and
// the agent which datafeed it serves. It prints one line per finding and
// fails when any is a problem.
func runConfigCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var f configCheckFlags
	fs := newFlagSet("config check", configCheckSynopsis, stderr)
	fs.BoolVar(&f.connect, "connect", false, "log in to the pod and the key manager, and ask who the account is and which datafeed the agent serves")
	fs.BoolVar(&f.insecureKey, session.InsecureKeyFlag, false, "accept a private key file that other users may read or write")
	file, err := parseFlagsAndFile(fs, args)
	if err != nil {
		return err
	}
	path, source := session.ResolveConfigPath(file, os.Getenv, session.UserHome())
	if path == "" {
		return fmt.Errorf("config check: no configuration: give FILE, set $TUTTI_CONFIG, or write %s with tutti config init",
			session.DefaultConfigPath(os.Getenv, session.UserHome()))
	}
	if file != "" {
		source = "the command line"
	}
	c := &configChecker{w: stdout, flags: f}
	c.session, c.km = session.SessionTokens(os.Getenv)
	c.run(ctx, path, source)
	if c.problems > 0 {
		return fmt.Errorf("config check: %s found", plural(c.problems, "problem"))
	}
	if f.connect {
		c.line("ok", "tutti can follow this pod")
	} else {
		c.line("ok", "the configuration is complete; --connect tries it on the pod")
	}
	return nil
}

// configChecker runs the checks of one configuration and reports them.
type configChecker struct {
	w           io.Writer
	flags       configCheckFlags
	session, km string // SYMPHONY_SESSION_TOKEN and SYMPHONY_KM_TOKEN
	problems    int
}

// line reports a finding under a label.
func (c *configChecker) line(label, format string, args ...any) {
	fmt.Fprintf(c.w, "%-9s  %s\n", label, fmt.Sprintf(format, args...))
}

// fail reports err as problems, one per line: the configuration's errors
// come joined, one per line.
func (c *configChecker) fail(err error) {
	for l := range strings.SplitSeq(err.Error(), "\n") {
		c.line("error", "%s", l)
		c.problems++
	}
}

// run checks the configuration at path.
func (c *configChecker) run(ctx context.Context, path, source string) {
	c.line("config", "%s (from %s)", path, source)
	cfg, err := symphony.LoadConfig(path)
	if err != nil {
		c.fail(err)
		c.tuiOnly(path)
		return
	}
	tokenMode := c.session != ""
	if tokenMode {
		km := "not set"
		if c.km != "" {
			km = "set"
		}
		c.line("auth", "session-token mode: SYMPHONY_SESSION_TOKEN is set (SYMPHONY_KM_TOKEN %s); bot.privateKey is not used", km)
		err = cfg.ValidateServers()
	} else {
		err = cfg.Validate()
	}
	if err != nil {
		c.fail(err)
		c.tuiOnly(path)
		return
	}
	c.line("servers", "pod %s, agent %s, key manager %s", cfg.Pod.BaseURL(), cfg.Agent.BaseURL(), cfg.KeyManager.BaseURL())
	if !tokenMode {
		c.line("account", "%s", cfg.Bot.Username)
	}
	if err := session.TemplatePlaceholders(cfg, tokenMode); err != nil {
		c.fail(err)
	}
	// The tui: section, checked as tutti checks it at start.
	if _, err := tuiconfig.Decode(path, cfg.Root); err != nil {
		c.fail(err)
	}
	if !tokenMode {
		c.privateKey(cfg)
	}
	c.trustStore(cfg)
	if !c.flags.connect {
		return
	}
	if c.problems > 0 {
		c.line("connect", "not tried: fix the problems above first")
		return
	}
	c.connect(ctx, cfg)
}

// tuiOnly checks the tui: section of the file at path when its pod's
// settings could not be read: its problems are reported as well, all at
// once (a file that is not YAML has none more to say).
func (c *configChecker) tuiOnly(path string) {
	root, err := symphony.LoadConfigRoot(path)
	if err != nil {
		return
	}
	if _, err := tuiconfig.Decode(path, root); err != nil {
		c.fail(err)
	}
}

// privateKey reads and parses bot.privateKey, reporting its type and size
// and never its content, and checks the file's permissions. A problem
// names the line of the setting: "config.yaml:31: bot.privateKey.path: …".
func (c *configChecker) privateKey(cfg *symphony.Config) {
	place := session.KeyPlace(cfg)
	where, mode := "bot.privateKey.content", ""
	if p := cfg.Bot.PrivateKey.Path; p != "" {
		where = p
		if info, err := os.Stat(p); err == nil {
			mode = fmt.Sprintf(", mode %04o", info.Mode().Perm())
		}
		if err := session.CheckKeyPermissions(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			if !c.flags.insecureKey {
				c.fail(fmt.Errorf("%s: %w", place, err))
				return
			}
			mode += " (allowed by --" + session.InsecureKeyFlag + ")"
		}
	}
	data, err := cfg.Bot.PrivateKey.Load()
	if err != nil {
		c.fail(fmt.Errorf("%s: read the private key: %w", place, err))
		return
	}
	key, err := symphony.ParsePrivateKey(data)
	if err != nil {
		if cfg.Bot.PrivateKey.Path != "" {
			err = fmt.Errorf("%s: %w", cfg.Bot.PrivateKey.Path, err)
		}
		c.fail(fmt.Errorf("%s: %w", place, err))
		return
	}
	format := "PKCS#8"
	if b, _ := pem.Decode(data); b != nil && b.Type == "RSA PRIVATE KEY" {
		format = "PKCS#1"
	}
	c.line("key", "%s: RSA %d bits, %s%s", where, key.N.BitLen(), format, mode)
}

// trustStore reads ssl.trustStore, if any, and counts its certificates. A
// problem names the line of the setting, as privateKey's do.
func (c *configChecker) trustStore(cfg *symphony.Config) {
	if cfg.TrustStore.IsZero() {
		return
	}
	place := session.TrustStorePlace(cfg)
	where := cfg.TrustStore.Path
	if where == "" {
		where = "ssl.trustStore.content"
	}
	data, err := cfg.TrustStore.Load()
	if err != nil {
		c.fail(fmt.Errorf("%s: read the trust store: %w", place, err))
		return
	}
	if _, err := symphony.CertPool(data); err != nil {
		if cfg.TrustStore.Path != "" {
			err = fmt.Errorf("%s: %w", cfg.TrustStore.Path, err)
		}
		c.fail(fmt.Errorf("%s: %w", place, err))
		return
	}
	n := 0
	for rest := data; ; {
		var b *pem.Block
		if b, rest = pem.Decode(rest); b == nil {
			break
		}
		if b.Type == "CERTIFICATE" {
			n++
		}
	}
	c.line("trust", "%s: %s, trusted besides the system's", where, plural(n, "certificate"))
}

// connect logs in, asks who the session belongs to and which datafeed the
// agent serves.
func (c *configChecker) connect(ctx context.Context, cfg *symphony.Config) {
	client, err := session.ClientFromConfig(cfg, c.session, c.km, c.flags.insecureKey, slog.New(slog.DiscardHandler))
	if err != nil {
		c.fail(err)
		return
	}
	defer client.CloseIdleConnections()
	if c.session == "" {
		if err := client.Login(ctx); err != nil {
			c.fail(err)
			return
		}
		c.line("login", "pod session and key manager: ok")
	}
	me, err := client.SessionInfo(ctx)
	if err != nil {
		c.fail(err)
		return
	}
	name := sanitize.Name(names.DisplayName(me.DisplayName, me.FirstName, me.LastName, me.Username))
	c.line("user", "%s (%s), id %d", name, sanitize.Line(me.Username), me.ID)
	v2, err := datafeedV2(ctx, client)
	if err != nil {
		c.fail(err)
		return
	}
	switch {
	case v2:
		c.line("datafeed", "the agent serves datafeed v2; datafeed.version is %s", cfg.Datafeed.Version)
	case cfg.Datafeed.Version == "v2":
		c.line("datafeed", "the agent serves datafeed v1 only (v2 answers 404): tutti falls back to v1")
	default:
		c.line("datafeed", "the agent serves datafeed v1 only (v2 answers 404); datafeed.version is v1")
	}
}

// datafeedLister lists the account's datafeeds v2.
type datafeedLister interface {
	ListDatafeeds(ctx context.Context, tag string) ([]symphony.V5Datafeed, error)
}

// datafeedV2 reports whether the agent serves datafeed v2, as the feed
// loop finds out: an agent without it answers the list of feeds with 404.
// Listing creates nothing.
func datafeedV2(ctx context.Context, api datafeedLister) (bool, error) {
	_, err := api.ListDatafeeds(ctx, "")
	switch {
	case err == nil:
		return true, nil
	case symphony.IsNotFound(err):
		return false, nil
	}
	return false, err
}

// plural returns "1 problem", "3 problems".
func plural(n int, word string) string {
	s := strconv.Itoa(n) + " " + word
	if n != 1 {
		s += "s"
	}
	return s
}
