//go:build !unix

package cli

import "os/exec"

// killGroup leaves cmd as it is: its cancellation kills the command alone.
func killGroup(*exec.Cmd) {}
