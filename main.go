// Command tutti is a keyboard-driven terminal client for Symphony Messaging.
// The command line is internal/cli's; main only gives it the process.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/tutti-chat/tutti/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
