package session

import (
	"context"
	"fmt"
	"os/exec"
)

// RunProgram runs the program name with args, never through a shell,
// until it ends or ctx is done (then it is killed): how the UI shows a
// command notification.
func RunProgram(ctx context.Context, name string, args ...string) error {
	path, err := exec.LookPath(name)
	if err != nil {
		return fmt.Errorf("run %s: not installed", name)
	}
	if out, err := exec.CommandContext(ctx, path, args...).CombinedOutput(); err != nil {
		if len(out) > 200 {
			out = out[:200]
		}
		return fmt.Errorf("run %s: %w: %q", name, err, out)
	}
	return nil
}
