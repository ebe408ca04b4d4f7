package simulator

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"fmt"
)

// alphanumerics are the characters of event ids.
const alphanumerics = "abcdefghijklmnopqrstuvwxyz0123456789"

// randomBytes returns n bytes from the system's secure random source.
func randomBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go ≥ 1.24)
	return b
}

// newMessageID returns a message or stream id: 24 random bytes in URL-safe
// base64 without padding, the canonical form of the API.
func newMessageID() string {
	return base64.RawURLEncoding.EncodeToString(randomBytes(24))
}

// newEventID returns a short random alphanumeric event id, like "9rc1dr".
func newEventID() string {
	b := randomBytes(6)
	for i := range b {
		b[i] = alphanumerics[int(b[i])%len(alphanumerics)]
	}
	return string(b)
}

// newHex returns n random bytes as lowercase hex.
func newHex(n int) string { return hex.EncodeToString(randomBytes(n)) }

// newUUID returns a random version 4 UUID.
func newUUID() string {
	b := randomBytes(16)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// newAckID returns an opaque datafeed v2 acknowledgement id.
func newAckID() string {
	return base64.RawURLEncoding.EncodeToString(randomBytes(33))
}
