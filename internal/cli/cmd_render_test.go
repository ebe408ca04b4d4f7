package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// renderCmd runs tutti render with args and returns its output.
func renderCmd(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), append([]string{"render"}, args...), &stdout, &stderr)
	if err != nil && stderr.Len() > 0 {
		t.Logf("stderr: %s", stderr.String())
	}
	return stdout.String(), err
}

func renderInputFile(t *testing.T, name, content string) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(file, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return file
}

func TestRenderCommand(t *testing.T) {
	pml := renderInputFile(t, "m.html", `<div data-format="PresentationML" data-version="2.0"><p>Hello <span class="entity" data-entity-id="m">@Jane</span>, <b>see</b> <a href="https://evil.example/">bank.example</a></p></div>`)
	data := renderInputFile(t, "m.json", `{"m":{"type":"com.symphony.user.mention","id":[{"type":"com.symphony.user.userId","value":"7"}]}}`)
	mml := renderInputFile(t, "m.xml", `<messageML>Hi <mention uid="12345"/> <emoji shortcode="rocket"/><table><tr><td>a</td><td>b</td></tr></table></messageML>`)
	v4msg := renderInputFile(t, "msg.json", `{"messageId":"x","timestamp":1599670462918,"message":"<div data-format=\"PresentationML\" data-version=\"2.0\">Hello, <b>World</b>!</div>","data":"{}","user":{"userId":1,"displayName":"bot \u001b[31mname"}}`)
	v4event := renderInputFile(t, "event.json", `{"id":"e","type":"MESSAGESENT","payload":{"messageSent":{"message":{"message":"<div data-format=\"PresentationML\" data-version=\"2.0\"><span class=\"entity\" data-entity-id=\"h\"></span></div>","data":"{\"h\":{\"type\":\"org.symphonyoss.taxonomy\",\"id\":[{\"value\":\"tag\"}]}}","user":{"displayName":"Alice"}}}}}`)
	list := renderInputFile(t, "list.json", `[{"message":"<div>one</div>"},{"message":"<div>two</div>"}]`)
	batch := renderInputFile(t, "batch.json", `{"ackId":"a","events":[{"type":"USERJOINEDROOM","payload":{"userJoinedRoom":{}}},{"type":"MESSAGESENT","payload":{"messageSent":{"message":{"message":"<div>from the feed</div>"}}}}]}`)

	cases := []struct {
		name string
		args []string
		want string
	}{
		{"presentationml with data", []string{pml, "--data", data, "--plain", "--width", "40"}, "Hello @Jane, see bank.example\n(evil.example)\n"},
		{"flags before the file", []string{"--plain", "--width=80", "--data=" + data, pml}, "Hello @Jane, see bank.example (evil.example)\n"},
		{"messageml", []string{mml, "--plain", "--width", "40"}, "Hi @user 12345 🚀\n┌───┬───┐\n│ a │ b │\n└───┴───┘\n"},
		{"messageml forced", []string{"--from", "messageml", mml, "--plain"}, "Hi @user 12345 🚀\n"},
		{"V4Message", []string{v4msg, "--plain", "--from", "message"}, "bot ␛[31mname · "},
		{"V4Event", []string{v4event, "--plain"}, "Alice\n#tag\n"},
		{"array of messages", []string{list, "--plain"}, "one\n\ntwo\n"},
		{"datafeed answer", []string{batch, "--plain"}, "from the feed\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, err := renderCmd(t, c.args...)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out, c.want) {
				t.Errorf("output\n%s\ndoes not contain\n%s", out, c.want)
			}
			if strings.Contains(out, "\x1b") {
				t.Errorf("--plain output has an escape: %q", out)
			}
		})
	}

	styled, err := renderCmd(t, pml, "--data", data, "--width", "60", "--me", "7", "--hyperlinks", "--theme", "light")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(styled, "\x1b[0;") || !strings.Contains(styled, "\x1b]8;;https://evil.example/\x1b\\") {
		t.Errorf("styled output lacks styles or the hyperlink: %q", styled)
	}
	for _, line := range strings.Split(strings.TrimSuffix(styled, "\n"), "\n") {
		if !strings.HasSuffix(line, "\x1b[m") && strings.Contains(line, "\x1b[") {
			t.Errorf("line does not reset its style: %q", line)
		}
	}
}

func TestRenderCommandErrors(t *testing.T) {
	bad := renderInputFile(t, "bad.xml", `<messageML><b><p>x</p></b></messageML>`)
	if _, err := renderCmd(t, bad); err == nil || !strings.Contains(err.Error(), `"p" is not allowed in "b"`) {
		t.Errorf("invalid MessageML: err = %v", err)
	}
	if _, err := renderCmd(t, "--from", "yaml", bad); err == nil {
		t.Error("unknown --from accepted")
	}
	if _, err := renderCmd(t, "--theme", "pink", bad); !errors.Is(err, errUsage) {
		t.Errorf("unknown theme: err = %v", err)
	}
	if _, err := renderCmd(t, bad, bad); !errors.Is(err, errUsage) {
		t.Errorf("two files: err = %v", err)
	}
	if _, err := renderCmd(t, filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("missing file accepted")
	}
	if _, err := renderCmd(t, "--help"); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("--help: err = %v", err)
	}
	empty := renderInputFile(t, "empty.json", `{"id":"e","type":"USERJOINEDROOM","payload":{"userJoinedRoom":{}}}`)
	if _, err := renderCmd(t, empty); err == nil {
		t.Error("an event without a message is accepted")
	}
}
