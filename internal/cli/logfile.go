package cli

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"regexp"
	"runtime"
	"strings"
	"time"
)

// logFlags choose the debug log: a file and its format.
type logFlags struct {
	file, format string
}

// addLogFlags declares --log and --log-format.
func addLogFlags(fs *flag.FlagSet, f *logFlags) {
	fs.StringVar(&f.file, "log", "", "append a debug log to `FILE` (never to the terminal while the UI runs)")
	fs.StringVar(&f.format, "log-format", "text", "format of the --log file: text or json")
}

// open returns the logger the flags ask for (one that discards when no
// file is named) and the function that closes its file.
func (f logFlags) open() (*slog.Logger, func(), error) {
	if f.format != "text" && f.format != "json" {
		return nil, nil, fmt.Errorf("--log-format %q: want text or json", f.format)
	}
	if f.file == "" {
		return slog.New(slog.DiscardHandler), func() {}, nil
	}
	lf, err := openPrivate(f.file, "log")
	if err != nil {
		return nil, nil, err
	}
	logger := newLogger(lf, f.format)
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		logRuntime(logger, stop)
	}()
	return logger, func() {
		close(stop)
		<-done
		lf.Close()
	}, nil
}

// runtimeEvery is how often the log notes the process's goroutines and
// memory.
const runtimeEvery = 30 * time.Second

// logRuntime writes a line of the process's goroutines and memory to the
// log every runtimeEvery until stop is closed: what a long run's plateau is
// read from.
func logRuntime(logger *slog.Logger, stop <-chan struct{}) {
	t := time.NewTicker(runtimeEvery)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		logger.Debug("runtime", "goroutines", runtime.NumGoroutine(), "heapAlloc", ms.HeapAlloc,
			"heapInuse", ms.HeapInuse, "sys", ms.Sys, "gc", ms.NumGC)
	}
}

// newLogger returns a debug logger writing text or JSON to w, with secrets
// redacted.
func newLogger(w io.Writer, format string) *slog.Logger {
	opts := &slog.HandlerOptions{Level: slog.LevelDebug, ReplaceAttr: redactAttr}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// secretKeys are attribute names whose values are never logged.
var secretKeys = []string{"token", "authorization", "password", "secret", "privatekey", "jwt", "cookie"}

// jwtRE matches a JSON web token (three base64url segments).
var jwtRE = regexp.MustCompile(`eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}`)

// redactAttr replaces the value of a secret-looking attribute, and any
// JSON web token inside a string value, with "[redacted]".
func redactAttr(_ []string, a slog.Attr) slog.Attr {
	key := strings.ToLower(a.Key)
	for _, s := range secretKeys {
		if strings.Contains(key, s) {
			return slog.String(a.Key, "[redacted]")
		}
	}
	if a.Value.Kind() == slog.KindString {
		if v := a.Value.String(); jwtRE.MatchString(v) {
			return slog.String(a.Key, jwtRE.ReplaceAllString(v, "[redacted]"))
		}
	}
	if a.Value.Kind() == slog.KindAny {
		if err, ok := a.Value.Any().(error); ok && jwtRE.MatchString(err.Error()) {
			return slog.String(a.Key, jwtRE.ReplaceAllString(err.Error(), "[redacted]"))
		}
	}
	return a
}
