package llm

import (
	"encoding/json"
	"errors"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on what the client reads from a server.
const (
	maxBody       = 8 << 20  // a whole completion's body
	maxStreamBody = 32 << 20 // a whole event stream
	maxText       = 8 << 20  // the text a stream adds up to
	maxEvent      = 1 << 20  // one event-stream line, and one event's data
	maxErrorBody  = 64 << 10 // what is read of an error answer
	maxServerText = 200      // what is quoted of a server's error message
)

// errTooLarge is returned by a cappedReader whose limit is passed.
var errTooLarge = errors.New("body too large")

// cappedReader reads r until more than left bytes would have been read,
// then fails with errTooLarge.
type cappedReader struct {
	r    io.Reader
	left int64
}

// Read reads from the underlying reader, failing with errTooLarge once
// its limit is used up and a byte more is there to read.
func (c *cappedReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		var one [1]byte
		n, err := c.r.Read(one[:])
		if n > 0 {
			return 0, errTooLarge
		}
		return 0, err
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

// serverText returns the message in a server's error body b, fit to quote
// in an error: with the key taken out, on one line, at most about
// maxServerText bytes.
func serverText(b []byte, key string) string {
	return clip(scrub(errorMessage(b), key), maxServerText)
}

// errorMessage returns the message of a JSON error body in the shapes the
// OpenAI-compatible servers use ({"error":{"message":…}}, {"error":…},
// {"message":…}, {"detail":…}), or else b as it is.
func errorMessage(b []byte) string {
	var v struct {
		Error   json.RawMessage `json:"error"`
		Message json.RawMessage `json:"message"`
		Detail  json.RawMessage `json:"detail"`
	}
	if json.Unmarshal(b, &v) == nil {
		for _, raw := range []json.RawMessage{v.Error, v.Message, v.Detail} {
			if s := rawText(raw); s != "" {
				return s
			}
		}
	}
	return string(b)
}

// rawText returns raw if it is a JSON string, the "message" in it if it is
// an object, and "" otherwise.
func rawText(raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var o struct {
		Message string `json:"message"`
	}
	if json.Unmarshal(raw, &o) == nil {
		return o.Message
	}
	return ""
}

// clip returns s as valid UTF-8 on one line, its runs of spaces and
// control characters made single spaces, cut to at most n bytes plus "…".
func clip(s string, n int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
