package session

import "fmt"

// UsageError is a command line that reads but cannot be: a flag's value
// out of its range, two flags that contradict each other. The command
// line's owner says it, and exits as for any command line it cannot
// understand.
type UsageError struct{ Msg string }

// Error implements error.
func (e *UsageError) Error() string { return e.Msg }

// Usagef returns a UsageError of the formatted message.
func Usagef(format string, a ...any) error {
	return &UsageError{Msg: fmt.Sprintf(format, a...)}
}
