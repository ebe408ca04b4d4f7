package cli

import (
	"context"
	"fmt"
	"io"
	"runtime/debug"
)

// buildVersion describes the binary from its build information: the module
// version, and the VCS revision and time when the build recorded them.
type buildVersion struct {
	Module, Version, Revision, Time, GoVersion string
	Modified                                   bool
}

func readBuildVersion() buildVersion {
	v := buildVersion{Version: "(devel)"}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	v.Module, v.GoVersion = info.Main.Path, info.GoVersion
	if info.Main.Version != "" {
		v.Version = info.Main.Version
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			v.Revision = s.Value
		case "vcs.time":
			v.Time = s.Value
		case "vcs.modified":
			v.Modified = s.Value == "true"
		}
	}
	return v
}

// short is the version for the User-Agent header.
func (v buildVersion) short() string {
	if v.Version != "(devel)" {
		return v.Version
	}
	if len(v.Revision) >= 12 {
		return "devel-" + v.Revision[:12]
	}
	return "devel"
}

func runVersion(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("version", "version", stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	v := readBuildVersion()
	fmt.Fprintf(stdout, "tutti %s\n", v.Version)
	if v.Revision != "" {
		dirty := ""
		if v.Modified {
			dirty = " (modified)"
		}
		fmt.Fprintf(stdout, "revision %s%s %s\n", v.Revision, dirty, v.Time)
	}
	if v.GoVersion != "" {
		fmt.Fprintf(stdout, "built with %s\n", v.GoVersion)
	}
	return nil
}
