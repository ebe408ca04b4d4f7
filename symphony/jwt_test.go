package symphony

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// testKey returns one RSA key shared by the package's tests: generating keys
// under the race detector is slow.
var testKey = sync.OnceValue(func() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	return k
})

func TestSignLoginJWT(t *testing.T) {
	key := testKey()
	now := time.Unix(1_700_000_000, 0)
	signed, err := SignLoginJWT("bot-user", key, now)
	if err != nil {
		t.Fatal(err)
	}
	claims := jwt.MapClaims{}
	tok, err := jwt.ParseWithClaims(signed, claims, func(tk *jwt.Token) (any, error) {
		return &key.PublicKey, nil
	}, jwt.WithValidMethods([]string{"RS512"}), jwt.WithTimeFunc(func() time.Time { return now }))
	if err != nil || !tok.Valid {
		t.Fatalf("signature or claims rejected: %v", err)
	}
	if claims["sub"] != "bot-user" {
		t.Errorf("sub = %v, want bot-user", claims["sub"])
	}
	exp, _ := claims.GetExpirationTime()
	if got := exp.Sub(now); got != 240*time.Second {
		t.Errorf("exp is %s ahead, want 240s", got)
	}
	if _, err := SignLoginJWT("", key, now); err == nil {
		t.Error("empty username accepted")
	}
	if _, err := SignLoginJWT("u", nil, now); err == nil {
		t.Error("nil key accepted")
	}
}

func TestParsePrivateKeyForms(t *testing.T) {
	key := testKey()
	pkcs1 := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})
	pkcs8, err := EncodePrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"PKCS#1": pkcs1, "PKCS#8": pkcs8} {
		got, err := ParsePrivateKey(data)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !got.Equal(key) {
			t.Errorf("%s: a different key came back", name)
		}
	}
	pub, err := EncodePublicKey(&key.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := ParsePublicKey(pub); err != nil || !got.Equal(&key.PublicKey) {
		t.Errorf("public key round trip: %v", err)
	}
	bad := map[string]string{
		"not PEM":   "hello",
		"encrypted": "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n",
		"public":    string(pub),
		"garbage":   "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
	}
	for name, data := range bad {
		_, err := ParsePrivateKey([]byte(data))
		if err == nil {
			t.Errorf("%s: accepted", name)
			continue
		}
		if strings.Contains(err.Error(), "AAAA") {
			t.Errorf("%s: error shows key material: %v", name, err)
		}
	}
}
