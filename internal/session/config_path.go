package session

import (
	"os"
	"path/filepath"
)

// Where a configuration comes from, as resolveConfigPath reports it.
const (
	SourceFlag    = "--config"
	SourceEnv     = "$TUTTI_CONFIG"
	SourceDefault = "the default location"
)

// ResolveConfigPath returns the configuration file to use and where its
// name came from: flagValue (--config), else $TUTTI_CONFIG, else
// defaultConfigPath when that file exists. It returns "", "" when there is
// none: the embedded simulator. A file named by the flag or the variable
// is returned whether it exists or not, so that a wrong name is an error
// rather than a silent fall back to the simulator.
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
	if info, err := os.Stat(def); err != nil || info.IsDir() {
		return "", ""
	}
	return def, SourceDefault
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
