package greader

import (
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"time"
)

// Continuation is where a page of a stream ended: the sort key of its
// last item, the time the stream is ordered by (for Storyline, when the
// item was stored, its timestampUsec) and the item ID that breaks ties.
// The next page holds the items after it in the page's order: for a
// newest-first stream those with (Time, ID) below it, for r=o those
// above. Keyed so, a page never skips or repeats an item when new ones
// arrive between requests, as an offset would (Miniflux's).
type Continuation struct {
	Time time.Time // kept to the microsecond
	ID   int64     // positive
}

// IsZero reports whether c is the zero Continuation: the first page.
func (c Continuation) IsZero() bool { return c.ID == 0 && c.Time.IsZero() }

// continuationVersion is the first byte of every continuation, so that a
// later form can be told from this one.
const continuationVersion = 1

// maxContinuation is the length of the longest continuation: a version
// byte and two varints of at most 10 bytes, in base64.
const maxContinuation = (1 + 2*binary.MaxVarintLen64 + 2) / 3 * 4

// EncodeContinuation is c as an opaque token for a response's
// "continuation": URL-safe base64 (no padding) of a version byte and
// varints of c's time in Unix microseconds and its ID, so that apps
// that paste it into a query unescaped (Fluent Reader does) send it back
// intact. It is at most 28 characters.
func EncodeContinuation(c Continuation) string {
	b := make([]byte, 0, 1+2*binary.MaxVarintLen64)
	b = append(b, continuationVersion)
	b = binary.AppendVarint(b, c.Time.UnixMicro())
	b = binary.AppendUvarint(b, uint64(c.ID))
	return base64.RawURLEncoding.EncodeToString(b)
}

// DecodeContinuation reads a token EncodeContinuation made. Anything
// else, including a token another server made (FreshRSS's item IDs,
// Miniflux's offsets), is an error naming it; so is any other spelling
// of a token, so that each Continuation has exactly one. The time comes
// back in UTC.
func DecodeContinuation(s string) (Continuation, error) {
	c, problem := decodeContinuation(s)
	if problem != "" {
		return Continuation{}, fmt.Errorf("greader: continuation %q: %s", s, problem)
	}
	return c, nil
}

// decodeContinuation is DecodeContinuation, with the problem (without the
// input) in place of an error.
func decodeContinuation(s string) (Continuation, string) {
	const notOurs = "not a continuation this server gave"
	if s == "" || len(s) > maxContinuation {
		return Continuation{}, notOurs
	}
	b, err := base64.RawURLEncoding.Strict().DecodeString(s)
	if err != nil || len(b) < 3 || b[0] != continuationVersion {
		return Continuation{}, notOurs
	}
	usec, n := binary.Varint(b[1:])
	if n <= 0 {
		return Continuation{}, notOurs
	}
	id, m := binary.Uvarint(b[1+n:])
	if m <= 0 || 1+n+m != len(b) || id == 0 || id > 1<<63-1 {
		return Continuation{}, notOurs
	}
	c := Continuation{Time: time.UnixMicro(usec).UTC(), ID: int64(id)}
	if EncodeContinuation(c) != s { // an overlong varint, say
		return Continuation{}, notOurs
	}
	return c, ""
}
