package symphony

import (
	"encoding/base64"
	"strings"
)

// CanonicalID returns the canonical form of a stream or message id: URL-safe
// base64 without padding, as the API uses in paths and payloads. Ids in the
// standard alphabet (as the desktop client shows them) are converted; ids
// already canonical, and strings that are not base64 at all, are returned
// unchanged (without padding), so the function is idempotent.
func CanonicalID(id string) string {
	id = strings.TrimSpace(id)
	if !strings.ContainsAny(id, "+/=") {
		return id
	}
	padded := padBase64(strings.TrimRight(id, "="))
	raw, err := base64.StdEncoding.Strict().DecodeString(padded)
	if err != nil || base64.StdEncoding.EncodeToString(raw) != padded {
		return strings.TrimSpace(strings.NewReplacer("+", "-", "/", "_", "=", "").Replace(id))
	}
	return base64.RawURLEncoding.EncodeToString(raw)
}

// StandardID returns an id in the standard base64 alphabet with padding, the
// form the desktop client shows and ui-action data-stream-id expects.
func StandardID(id string) string {
	c := CanonicalID(id)
	raw, err := base64.RawURLEncoding.Strict().DecodeString(c)
	if err != nil || base64.RawURLEncoding.EncodeToString(raw) != c {
		return id
	}
	return base64.StdEncoding.EncodeToString(raw)
}

// padBase64 adds the padding a standard base64 string without it needs.
func padBase64(s string) string {
	if r := len(s) % 4; r != 0 {
		s += strings.Repeat("=", 4-r)
	}
	return s
}
