package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/tutti-chat/tutti/internal/session"
	"github.com/tutti-chat/tutti/internal/state"
	"github.com/tutti-chat/tutti/symphony"
)

// configSynopses are the forms of tutti config.
const (
	configInitSynopsis  = "config init [FILE] [--force]"
	configCheckSynopsis = "config check [FILE] [--connect] [--" + session.InsecureKeyFlag + "]"
)

// runConfig dispatches tutti config init and tutti config check.
func runConfig(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || isHelpFlag(args[0]) {
		fmt.Fprintf(stderr, "Usage: tutti %s\n       tutti %s\n\n", configInitSynopsis, configCheckSynopsis)
		fmt.Fprintln(stderr, "  init   write a commented configuration template (default: $XDG_CONFIG_HOME/tutti/config.yaml)")
		fmt.Fprintln(stderr, "  check  load and validate a configuration, read its key; --connect logs in too")
		fmt.Fprintln(stderr, "\nRun \"tutti config init --help\" or \"tutti config check --help\" for their flags.")
		if len(args) == 0 {
			return errUsage
		}
		return flag.ErrHelp
	}
	switch args[0] {
	case "init":
		return runConfigInit(ctx, args[1:], stdout, stderr)
	case "check":
		return runConfigCheck(ctx, args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "tutti config: unknown command %q: want init or check\n", args[0])
	return errUsage
}

// runConfigInit writes the configuration template.
func runConfigInit(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("config init", configInitSynopsis, stderr)
	force := fs.Bool("force", false, "overwrite an existing file")
	file, err := parseFlagsAndFile(fs, args)
	if err != nil {
		return err
	}
	home := session.UserHome()
	if file == "" {
		if file = session.DefaultConfigPath(os.Getenv, home); file == "" {
			return errors.New("config init: neither XDG_CONFIG_HOME nor the home directory is known; give the FILE to write")
		}
	}
	path, err := filepath.Abs(file)
	if err != nil {
		return fmt.Errorf("config init: %w", err)
	}
	keyPath := filepath.Join(filepath.Dir(path), "rsa-private.pem")
	if err := writeNewFile(path, []byte(session.ConfigTemplate(keyPath)), *force); err != nil {
		return fmt.Errorf("config init: %w", err)
	}
	arg := ""
	if found, _ := session.ResolveConfigPath("", os.Getenv, home); found == "" || !sameFile(found, path) {
		arg = " " + session.ShellQuote(path)
	}
	fmt.Fprintf(stdout, "wrote %s\n\n", path)
	fmt.Fprintln(stdout, "Next:")
	fmt.Fprintf(stdout, "  1. set host and bot.username in it (%s and %s are placeholders)\n", session.TemplateHost, session.TemplateUsername)
	fmt.Fprintf(stdout, "  2. put the service account's RSA private key at %s and chmod 600 it,\n", keyPath)
	fmt.Fprintln(stdout, "     or, without a key, export SYMPHONY_SESSION_TOKEN (and SYMPHONY_KM_TOKEN)")
	fmt.Fprintf(stdout, "  3. tutti config check --connect%s\n", arg)
	if arg != "" {
		fmt.Fprintf(stdout, "  4. tutti --config%s (or export TUTTI_CONFIG=%s)\n", arg, session.ShellQuote(path))
		return nil
	}
	// tutti finds this file from now on: plain tutti stops at the
	// placeholders instead of opening the demo.
	fmt.Fprintln(stdout, "\ntutti now uses this file and refuses its placeholders until they are set;")
	fmt.Fprintln(stdout, "tutti --simulator runs the demo meanwhile.")
	return nil
}

// writeNewFile writes data to path with mode 0600, creating its directory
// with mode 0700 when missing. An existing file is an error unless force,
// which replaces it atomically.
func writeNewFile(path string, data []byte, force bool) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	// --force replaces a file, never what is not one.
	if info, err := os.Lstat(path); err == nil && !info.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file (%s): name a file to write", path, symphony.DescribeMode(info.Mode()))
	}
	if force {
		return state.WriteFileAtomic(path, data, 0o600)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s exists; pass --force to overwrite it", path)
	}
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(0o600) // whatever the umask
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// sameFile reports whether a and b name the same file.
func sameFile(a, b string) bool {
	ia, err := os.Stat(a)
	if err != nil {
		return false
	}
	ib, err := os.Stat(b)
	return err == nil && os.SameFile(ia, ib)
}

// parseFlagsAndFile parses args, flags and at most one FILE argument in any
// order, and returns the file ("" when none).
func parseFlagsAndFile(fs *flag.FlagSet, args []string) (string, error) {
	file := ""
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return "", err
			}
			return "", errUsage
		}
		if fs.NArg() == 0 {
			return file, nil
		}
		if file != "" {
			fmt.Fprintf(fs.Output(), "unexpected argument %q\n", fs.Arg(0))
			fs.Usage()
			return "", errUsage
		}
		file, args = fs.Arg(0), fs.Args()[1:]
	}
}
