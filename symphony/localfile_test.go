//go:build unix

package symphony

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestReadLocalFileRefusesOddFiles: a FIFO, a directory or a file too
// large is refused at once, naming it, never read (a FIFO would block).
func TestReadLocalFileRefusesOddFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "key.pem")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	if _, err := ReadLocalFile(fifo, 1<<20); err == nil || !strings.Contains(err.Error(), fifo+" is not a regular file (a named pipe)") {
		t.Errorf("FIFO: %v", err)
	}
	if _, err := (Secret{Path: fifo}).Load(); err == nil || !strings.Contains(err.Error(), "named pipe") {
		t.Errorf("a FIFO as the private key: %v", err)
	}
	if _, err := LoadConfig(fifo); err == nil || !strings.Contains(err.Error(), "named pipe") {
		t.Errorf("a FIFO as the configuration: %v", err)
	}
	if _, err := ReadLocalFile(dir, 1<<20); err == nil || !strings.Contains(err.Error(), "a directory") {
		t.Errorf("directory: %v", err)
	}
	big := filepath.Join(dir, "big")
	if err := os.WriteFile(big, make([]byte, 2000), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadLocalFile(big, 1000); err == nil || !strings.Contains(err.Error(), "2000 bytes") {
		t.Errorf("too large: %v", err)
	}
	if data, err := ReadLocalFile(big, 2000); err != nil || len(data) != 2000 {
		t.Errorf("at the limit: %d bytes, %v", len(data), err)
	}
}

// TestParsePrivateKeyRefusesSmallKeys: the pod wants RSA keys of 2048 bits
// or more; a smaller one is refused with its size and the fix.
func TestParsePrivateKeyRefusesSmallKeys(t *testing.T) {
	k, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	pemData := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)})
	if _, err := ParsePrivateKey(pemData); err == nil || !strings.Contains(err.Error(), "has 1024 bits; Symphony wants 2048 or more") {
		t.Errorf("a 1024-bit key: %v", err)
	}
}
