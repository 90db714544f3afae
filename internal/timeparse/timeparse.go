// Package timeparse reads the date and time forms that pages, feeds and
// article dumps use for publication times. It is shared by the input
// decoders and the extractor so that both accept the same forms.
package timeparse

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// layouts are the accepted forms, most precise first. Times without a
// zone are UTC.
var layouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 Z0700",
	"2006-01-02 15:04:05 -07:00",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"2 Jan 2006 15:04:05 -0700",
	time.RFC850,
	time.ANSIC,
	"January 2, 2006 15:04",
	"January 2, 2006",
	"Jan 2, 2006",
	"2 January 2006",
	"2006-01-02",
	"2006/01/02",
}

// maxLen bounds the input: no date form is longer.
const maxLen = 64

// Parse reads s in one of the common forms: RFC 3339 and its variants,
// RFC 1123, written-out dates, and Unix seconds or milliseconds. The empty
// string is the zero time without an error.
func Parse(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if len(s) > maxLen {
		return time.Time{}, fmt.Errorf("cannot parse date %q: too long", s[:maxLen]+"…")
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		switch {
		case len(s) == 8 && n > 19000101 && n < 22001231: // 20260304
			if t, err := time.Parse("20060102", s); err == nil {
				return t, nil
			}
		case n > 1e14 || n < -1e14:
			return time.Time{}, fmt.Errorf("cannot parse date %q: number out of range", s)
		case n > 1e11 || n < -1e11:
			return time.UnixMilli(n).UTC(), nil
		}
		return time.Unix(n, 0).UTC(), nil
	}
	for _, layout := range layouts {
		if t, err := time.Parse(layout, s); err == nil {
			if t.Year() < 1 || t.Year() > 9999 {
				break
			}
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("cannot parse date %q", s)
}
