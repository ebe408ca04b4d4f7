package session

import (
	"io"
	"log/slog"
	"regexp"
	"runtime"
	"strings"
	"time"
)

// OpenLog returns the debug logger of file in format, text or json (one
// that discards when file is ""), and the function that closes its file.
// The file must be private (OpenPrivate); the log notes the process's
// goroutines and memory every runtimeEvery.
func OpenLog(file, format string) (*slog.Logger, func(), error) {
	if format != "text" && format != "json" {
		return nil, nil, Usagef("--log-format %q: want text or json", format)
	}
	if file == "" {
		return slog.New(slog.DiscardHandler), func() {}, nil
	}
	lf, err := OpenPrivate(file, "log")
	if err != nil {
		return nil, nil, err
	}
	logger := NewLogger(lf, format)
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

// NewLogger returns a debug logger writing text or JSON to w, with secrets
// redacted.
func NewLogger(w io.Writer, format string) *slog.Logger {
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
