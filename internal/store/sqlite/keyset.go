package sqlite

import "time"

// beforeCursor returns the condition, and its arguments, that continues a
// listing ordered by the SQL expressions at, then id, both descending,
// after its row (before, beforeID): (at, id) < (before, beforeID). It is
// written so that an index on at serves it as a range.
func beforeCursor(at, id string, before time.Time, beforeID int64) (string, []any) {
	t := boundNanos(before)
	return at + " <= ? AND (" + at + " < ? OR " + id + " < ?)", []any{t, t, beforeID}
}
