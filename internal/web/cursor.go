package web

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/storyline/storyline"
)

// A cursor marks where a listing stopped: the sort time and ID of its last
// item, opaque to clients (URL-safe base64 of "nanos.id").

// encodeCursor returns the cursor after an item with time t and ID id.
func encodeCursor(t time.Time, id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(t.UnixNano(), 10) + "." + strconv.FormatInt(id, 10)))
}

// decodeCursor reads a cursor made by encodeCursor; "" is the start (zero
// values). A damaged cursor is EINVALID.
func decodeCursor(s string) (time.Time, int64, error) {
	if s == "" {
		return time.Time{}, 0, nil
	}
	bad := storyline.Errorf(storyline.EINVALID, "parameter cursor=%.40q: not a cursor this server gave out", s)
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return time.Time{}, 0, bad
	}
	ns, ids, ok := strings.Cut(string(raw), ".")
	if !ok {
		return time.Time{}, 0, bad
	}
	n, err1 := strconv.ParseInt(ns, 10, 64)
	id, err2 := strconv.ParseInt(ids, 10, 64)
	if err1 != nil || err2 != nil || id <= 0 {
		return time.Time{}, 0, bad
	}
	return time.Unix(0, n).UTC(), id, nil
}

// offsetCursor is the cursor of a listing paged by position (search
// results): the offset of the next page.
func offsetCursor(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte(fmt.Sprintf("o%d", offset)))
}

// decodeOffsetCursor reads an offsetCursor; "" is 0.
func decodeOffsetCursor(s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil && strings.HasPrefix(string(raw), "o") {
		if n, err := strconv.Atoi(string(raw[1:])); err == nil && n >= 0 && n <= 10_000 {
			return n, nil
		}
	}
	return 0, storyline.Errorf(storyline.EINVALID, "parameter cursor=%.40q: not a cursor this server gave out", s)
}
