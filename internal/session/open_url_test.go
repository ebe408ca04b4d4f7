package session

import (
	"strings"
	"testing"
)

func TestOpenURLRefusesOtherSchemes(t *testing.T) {
	for _, u := range []string{"javascript:alert(1)", "file:///etc/passwd", "symphony://x", "data:text/html,x"} {
		err := OpenURL(u)
		if err == nil || !strings.Contains(err.Error(), "refusing") {
			t.Errorf("openURL(%q) = %v, want a refusal", u, err)
		}
	}
}
