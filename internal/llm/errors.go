package llm

import (
	"errors"
	"fmt"
	"strings"
)

// The kinds of failure, for errors.Is on an error from Complete or Stream.
var (
	// ErrUnavailable means the service did not answer in time or at all,
	// or answered HTTP 429 or 5xx, through the last attempt.
	ErrUnavailable = errors.New("llm: service unavailable")
	// ErrRejected means the service refused the request with a 4xx status
	// other than 429 (or a redirect), or the client refused to send it.
	// Sending it again unchanged will not help.
	ErrRejected = errors.New("llm: request rejected")
	// ErrMalformed means the service answered with something other than a
	// chat completion: not JSON, no choices, or too large.
	ErrMalformed = errors.New("llm: malformed response")
)

// Error is the error returned by Complete and Stream. It never holds the
// API key.
type Error struct {
	Op       string // "complete" or "stream"
	Endpoint string // scheme://host/path of the chat-completions endpoint
	Status   int    // the HTTP status of the last answer, or 0
	Attempts int    // how many requests were sent
	Kind     error  // ErrUnavailable, ErrRejected, ErrMalformed, or nil
	Msg      string // what went wrong, in words; may be empty
	Err      error  // the underlying cause, or nil
}

// Error returns a message such as "llm: complete
// http://localhost:11434/v1/chat/completions: HTTP 503 Service
// Unavailable: model is loading (after 4 attempts)".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("llm: ")
	b.WriteString(e.Op)
	if e.Endpoint != "" {
		b.WriteString(" ")
		b.WriteString(e.Endpoint)
	}
	if e.Msg != "" {
		b.WriteString(": ")
		b.WriteString(e.Msg)
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " (after %d attempts)", e.Attempts)
	}
	return b.String()
}

// Unwrap returns the kind and the cause, those that are set, so that
// errors.Is and errors.As see both.
func (e *Error) Unwrap() []error {
	var errs []error
	for _, err := range []error{e.Kind, e.Err} {
		if err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}
