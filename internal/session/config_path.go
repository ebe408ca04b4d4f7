package session

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Where a configuration comes from, as resolveConfigPath reports it.
const (
	SourceFlag    = "--config"
	SourceEnv     = "$TUTTI_CONFIG"
	SourceDefault = "the default location"
)

// ResolveConfigPath returns the configuration file to use and where its
// name came from: flagValue (--config), else $TUTTI_CONFIG, else
// defaultConfigPath when anything is there. It returns "", "" when there
// is none: the embedded simulator. A file named by the flag or the
// variable is returned whether it exists or not, and the default location
// whatever is there (a directory, a link to nothing), so that a wrong name
// or a broken file is an error rather than a silent fall back to the
// simulator's made-up pod.
func ResolveConfigPath(flagValue string, getenv func(string) string, home string) (path, source string) {
	if flagValue != "" {
		return flagValue, SourceFlag
	}
	if env := getenv("TUTTI_CONFIG"); env != "" {
		return env, SourceEnv
	}
	def := DefaultConfigPath(getenv, home)
	if def == "" {
		return "", ""
	}
	if _, err := os.Lstat(def); err != nil {
		return "", ""
	}
	return def, SourceDefault
}

// Resolve returns the configuration file t connects to and where its name
// came from, as ResolveConfigPath finds them, or "", "" for the embedded
// simulator: with --simulator, whatever configuration exists. It refuses
// what the command line cannot mean: --simulator with --config, and flags
// of the embedded simulator (t.SimFlags) while a configuration names a
// pod, which would otherwise be silently ignored.
func (t Target) Resolve(getenv func(string) string, home string) (path, source string, err error) {
	if t.Simulator {
		if t.Config != "" {
			return "", "", Usagef("--simulator and --config contradict each other: " +
				"--simulator runs the embedded simulator, --config names a pod; give one of them")
		}
		return "", "", nil
	}
	path, source = ResolveConfigPath(t.Config, getenv, home)
	if path == "" || len(t.SimFlags) == 0 {
		return path, source, nil
	}
	verb, them := "apply", "them"
	if len(t.SimFlags) == 1 {
		verb, them = "applies", "it"
	}
	instead := "add --simulator to run the embedded simulator instead"
	if source == SourceFlag {
		instead = "give --simulator instead of --config to run the embedded simulator"
	}
	return "", "", fmt.Errorf("%s %s only to the embedded simulator, but the configuration %s (from %s) names a pod: drop %s, or %s",
		joinAnd(t.SimFlags), verb, path, source, them, instead)
}

// IgnoredTokenNote is what tutti says when --simulator runs the embedded
// simulator while SYMPHONY_SESSION_TOKEN is set: the simulator's account
// logs in with its own key, and the token goes nowhere.
const IgnoredTokenNote = "SYMPHONY_SESSION_TOKEN is set but not used: " +
	"--simulator runs the embedded simulator, which logs in with its own key"

// joinAnd writes words as "a", "a and b" or "a, b and c".
func joinAnd(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// DefaultConfigPath returns $XDG_CONFIG_HOME/tutti/config.yaml, or
// home/.config/tutti/config.yaml when XDG_CONFIG_HOME is unset or not an
// absolute path (as the XDG specification asks); "" when neither is known.
func DefaultConfigPath(getenv func(string) string, home string) string {
	if x := getenv("XDG_CONFIG_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "tutti", "config.yaml")
	}
	if home == "" {
		return ""
	}
	return filepath.Join(home, ".config", "tutti", "config.yaml")
}

// UserHome returns the user's home directory, or "" when it is unknown.
func UserHome() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return home
}
