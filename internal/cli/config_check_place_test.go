package cli

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// lineOfText returns, as text, the number of the first line of the file
// at path that starts with prefix; the test fails when there is none.
func lineOfText(t *testing.T, path, prefix string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(l, prefix) {
			return strconv.Itoa(i + 1)
		}
	}
	t.Fatalf("%s has no line %q", path, prefix)
	return ""
}

// TestConfigCheckKeyErrorsNameTheirLine: every problem config check finds
// with the private key or the trust store starts, as the configuration's
// own problems do, with file:line and the setting: the line of
// bot.privateKey.path (or .content, or the deprecated flat key, under a
// Spring Boot bdk: key too) or of ssl.trustStore.path.
func TestConfigCheckKeyErrorsNameTheirLine(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.yaml")
	write := func(name, src string, mode os.FileMode) {
		t.Helper()
		if err := os.WriteFile(name, []byte(src), mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(name, mode); err != nil {
			t.Fatal(err)
		}
	}
	check := func(what string, want ...string) {
		t.Helper()
		stdout, _, err := runCommand(t, "config", "check", path)
		if err == nil {
			t.Errorf("%s: config check found no problem:\n%s", what, stdout)
		}
		for _, w := range want {
			if !strings.Contains(stdout, "error      "+w) {
				t.Errorf("%s: output lacks %q:\n%s", what, "error      "+w, stdout)
			}
		}
	}
	keyPath := filepath.Join(dir, "key.pem")
	bogus := "-----BEGIN RSA PRIVATE KEY-----\nQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=\n-----END RSA PRIVATE KEY-----\n"

	// No key file where the template says.
	write(path, "host: acme.symphony.com\nbot:\n  username: b\n  privateKey:\n    path: "+keyPath+"\n", 0o600)
	check("a missing key", path+":5: bot.privateKey.path: read the private key: ")
	// A key file others may read.
	write(keyPath, bogus, 0o640)
	check("a key of mode 0640", path+":5: bot.privateKey.path: the private key "+keyPath+" has mode 0640")
	// A key that does not parse: named, never shown.
	write(keyPath, bogus, 0o600)
	check("a bad key file", path+":5: bot.privateKey.path: "+keyPath+": parse private key: ")
	// Inline, in a Spring Boot file with the deprecated flat key.
	write(path, "bdk:\n  host: acme.symphony.com\n  bot:\n    username: b\n    privateKeyContent: |\n      -----BEGIN RSA PRIVATE KEY-----\n"+
		"      QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=\n      -----END RSA PRIVATE KEY-----\n", 0o600)
	check("a bad inline key", path+":5: bdk.bot.privateKeyContent: parse private key: ")
	// A trust store that holds no certificate.
	ca := filepath.Join(dir, "ca.pem")
	write(ca, "not a certificate\n", 0o600)
	_, simPath := simConfig(t, false)
	data, err := os.ReadFile(simPath)
	if err != nil {
		t.Fatal(err)
	}
	write(path, string(data)+"ssl:\n  trustStore:\n    path: "+ca+"\n", 0o600)
	check("a bad trust store", path+":"+lineOfText(t, path, "    path: "+ca)+": ssl.trustStore.path: "+ca+": ")
	// And the tui: section's key bindings, as ever.
	write(path, string(data)+"tui:\n  keys:\n    timeline.fly: [x]\n", 0o600)
	check("an unknown action", path+":"+lineOfText(t, path, "    timeline.fly:")+": tui.keys.timeline.fly: ")
}
