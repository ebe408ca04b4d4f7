package cli

import (
	"fmt"
	"os"
	"testing"
)

// moduleRoot is the module's directory, relative to this package's: the
// tests build the tutti command there and read its README.
const moduleRoot = "../.."

// TestMain keeps the tests away from the configuration of whoever runs
// them: no $TUTTI_CONFIG, no session token, and an empty
// $XDG_CONFIG_HOME, so that tutti without --config finds no file and starts
// the embedded simulator.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "tutti-test-config-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "TestMain:", err)
		os.Exit(1)
	}
	os.Setenv("XDG_CONFIG_HOME", dir)
	for _, v := range []string{"TUTTI_CONFIG", "SYMPHONY_SESSION_TOKEN", "SYMPHONY_KM_TOKEN"} {
		os.Unsetenv(v)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
