package cli

import (
	"context"
	"fmt"
	"github.com/tutti-chat/tutti/internal/session"
	"io"
)

func runVersion(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("version", "version", stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	v := session.ReadBuild()
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
