package session

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestLoggerRedactsSecrets(t *testing.T) {
	const jwt = "eyJhbGciOiJSUzUxMiJ9.eyJzdWIiOiJib3QiLCJleHAiOjE3MH0.c2lnbmF0dXJlLXNpZ25hdHVyZQ"
	for _, format := range []string{"text", "json"} {
		var b bytes.Buffer
		log := NewLogger(&b, format)
		log.Debug("http", "method", "POST", "path", "/login/pubkey/authenticate", "status", 200)
		log.Info("login", "sessionToken", "s3cr3t-session", "keyManagerToken", "s3cr3t-km", "Authorization", "Bearer x")
		log.Warn("failed", "err", errors.New("bad answer: "+jwt), "body", `{"token":"`+jwt+`"}`)
		out := b.String()
		for _, secret := range []string{"s3cr3t-session", "s3cr3t-km", "Bearer x", jwt} {
			if strings.Contains(out, secret) {
				t.Errorf("%s: the log holds %q:\n%s", format, secret, out)
			}
		}
		if !strings.Contains(out, "/login/pubkey/authenticate") || strings.Count(out, "[redacted]") < 5 {
			t.Errorf("%s: log:\n%s", format, out)
		}
		if format == "json" {
			for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
				if !json.Valid([]byte(line)) {
					t.Errorf("not JSON: %s", line)
				}
			}
		}
	}
}

func TestLogFormatIsChecked(t *testing.T) {
	if _, _, err := OpenLog("", "xml"); err == nil || !strings.Contains(err.Error(), "want text or json") {
		t.Errorf("err = %v", err)
	}
}
