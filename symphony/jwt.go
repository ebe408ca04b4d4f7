package symphony

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// JWTLifetime is how far ahead the expiry of a login JWT lies: under the
// pod's five-minute maximum, with a margin for clock skew, as the BDKs do.
const JWTLifetime = 240 * time.Second

// SignLoginJWT returns the RS512 JWT a service account presents to log in:
// sub is the username and exp lies JWTLifetime after now.
func SignLoginJWT(username string, key *rsa.PrivateKey, now time.Time) (string, error) {
	if username == "" {
		return "", errors.New("sign login JWT: no username")
	}
	if key == nil {
		return "", errors.New("sign login JWT: no private key")
	}
	claims := jwt.MapClaims{"sub": username, "exp": now.Add(JWTLifetime).Unix()}
	signed, err := jwt.NewWithClaims(jwt.SigningMethodRS512, claims).SignedString(key)
	if err != nil {
		return "", fmt.Errorf("sign login JWT: %w", err)
	}
	return signed, nil
}

// ParsePrivateKey reads an RSA private key from PEM, in PKCS#1 ("RSA PRIVATE
// KEY") or PKCS#8 ("PRIVATE KEY") form. The error never contains key
// material.
func ParsePrivateKey(pemData []byte) (*rsa.PrivateKey, error) {
	k, err := parsePrivateKey(pemData)
	if err != nil {
		return nil, err
	}
	if bits := k.N.BitLen(); bits < MinKeyBits {
		return nil, fmt.Errorf("parse private key: the RSA key has %d bits; Symphony wants %d or more (openssl genrsa -out key.pem 4096)", bits, MinKeyBits)
	}
	return k, nil
}

// MinKeyBits is the smallest RSA key a pod accepts.
const MinKeyBits = 2048

// parsePrivateKey decodes an RSA private key from PEM, whatever its size.
func parsePrivateKey(pemData []byte) (*rsa.PrivateKey, error) {
	block, _ := pem.Decode(pemData)
	if block == nil {
		return nil, errors.New("parse private key: no PEM block found")
	}
	switch block.Type {
	case "RSA PRIVATE KEY":
		k, err := x509.ParsePKCS1PrivateKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("parse private key: PKCS#1: %w", err)
		}
		return k, nil
	case "PRIVATE KEY":
		k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("parse private key: PKCS#8: %w", err)
		}
		rk, ok := k.(*rsa.PrivateKey)
		if !ok {
			return nil, fmt.Errorf("parse private key: PKCS#8 holds a %T, want an RSA key", k)
		}
		return rk, nil
	case "ENCRYPTED PRIVATE KEY":
		return nil, errors.New("parse private key: the key is encrypted; decrypt it first (openssl pkcs8 -in key.pem -out plain.pem)")
	default:
		return nil, fmt.Errorf("parse private key: PEM block %q is not an RSA private key", block.Type)
	}
}

// ParsePublicKey reads an RSA public key from PEM: SPKI ("PUBLIC KEY"),
// PKCS#1 ("RSA PUBLIC KEY") or the key of a certificate.
func ParsePublicKey(pemData []byte) (*rsa.PublicKey, error) {
	block, _ := pem.Decode(pemData)
	if block == nil {
		return nil, errors.New("parse public key: no PEM block found")
	}
	var key any
	var err error
	switch block.Type {
	case "PUBLIC KEY":
		key, err = x509.ParsePKIXPublicKey(block.Bytes)
	case "RSA PUBLIC KEY":
		key, err = x509.ParsePKCS1PublicKey(block.Bytes)
	case "CERTIFICATE":
		var cert *x509.Certificate
		if cert, err = x509.ParseCertificate(block.Bytes); err == nil {
			key = cert.PublicKey
		}
	default:
		return nil, fmt.Errorf("parse public key: PEM block %q is not a public key", block.Type)
	}
	if err != nil {
		return nil, fmt.Errorf("parse public key: %w", err)
	}
	rk, ok := key.(*rsa.PublicKey)
	if !ok {
		return nil, fmt.Errorf("parse public key: %T is not an RSA key", key)
	}
	return rk, nil
}

// EncodePrivateKey returns the PKCS#8 PEM of an RSA private key.
func EncodePrivateKey(key *rsa.PrivateKey) ([]byte, error) {
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, fmt.Errorf("encode private key: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), nil
}

// EncodePublicKey returns the SPKI PEM of an RSA public key.
func EncodePublicKey(key *rsa.PublicKey) ([]byte, error) {
	der, err := x509.MarshalPKIXPublicKey(key)
	if err != nil {
		return nil, fmt.Errorf("encode public key: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}), nil
}
