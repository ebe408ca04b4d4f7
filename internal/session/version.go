package session

import "runtime/debug"

// Build describes the binary from its build information: the module
// version, and the VCS revision and time when the build recorded them.
type Build struct {
	Module, Version, Revision, Time, GoVersion string
	Modified                                   bool
}

// ReadBuild reads the binary's build information.
func ReadBuild() Build {
	v := Build{Version: "(devel)"}
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

// Short is the version for the User-Agent header.
func (v Build) Short() string {
	if v.Version != "(devel)" {
		return v.Version
	}
	if len(v.Revision) >= 12 {
		return "devel-" + v.Revision[:12]
	}
	return "devel"
}
