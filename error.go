package storyline

import (
	"errors"
	"fmt"
)

// Domain error codes. Every error a service or store returns to a caller
// carries one of them (through *Error); the HTTP layer maps each code to one
// status in a single place, the CLI to an exit status.
const (
	ENOTFOUND = "not_found" // the thing asked for does not exist
	EINVALID  = "invalid"   // the input is malformed or breaks a rule
	ECONFLICT = "conflict"  // the input clashes with what is stored
	EINTERNAL = "internal"  // anything else: a bug or an unavailable dependency

	EUNAUTHORIZED = "unauthorized" // the caller must sign in (or sign in again)
	EFORBIDDEN    = "forbidden"    // the caller may not do this
	ETOOMANY      = "too_many"     // the caller must slow down
)

// Error is a domain error: a code for programs, a message for people, and
// optionally the underlying error for logs and errors.Is/As.
type Error struct {
	Code    string // one of the E* codes
	Message string // human-readable, safe to show to a user; includes the cause's text when made by Errorf
	Err     error  // underlying cause, may be nil
}

// Error implements the error interface.
func (e *Error) Error() string {
	if e.Message == "" && e.Err != nil {
		return e.Err.Error()
	}
	return e.Message
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a formatted message. A %w
// verb in format wraps its argument as the cause.
func Errorf(code, format string, args ...any) *Error {
	wrapped := fmt.Errorf(format, args...)
	return &Error{Code: code, Message: wrapped.Error(), Err: errors.Unwrap(wrapped)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of the first *Error in err's chain, or a
// generic text for other errors so internals are not shown to users.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
