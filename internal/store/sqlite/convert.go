package sqlite

import (
	"database/sql"
	"math"
	"strings"
	"time"
)

// Times are stored as INTEGER Unix nanoseconds, which sort and compare
// cheaply and keep a time.Time exactly (apart from its location: times come
// back in UTC). An unknown (zero) time is NULL.

// nullTime returns t as Unix nanoseconds, or NULL for the zero time. The
// caller checks the range first with storeutil.InTimeRange.
func nullTime(t time.Time) sql.NullInt64 {
	if t.IsZero() {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: t.UnixNano(), Valid: true}
}

// boundNanos returns t as Unix nanoseconds for a comparison, clamping times
// outside the representable range.
func boundNanos(t time.Time) int64 {
	switch {
	case t.Before(time.Unix(0, math.MinInt64)):
		return math.MinInt64
	case t.After(time.Unix(0, math.MaxInt64)):
		return math.MaxInt64
	}
	return t.UnixNano()
}

// timeOf converts a stored time back; NULL is the zero time.
func timeOf(n sql.NullInt64) time.Time {
	if !n.Valid {
		return time.Time{}
	}
	return time.Unix(0, n.Int64).UTC()
}

// nullID returns id as a nullable foreign key: 0 is NULL.
func nullID(id int64) sql.NullInt64 {
	return sql.NullInt64{Int64: id, Valid: id != 0}
}

// nullString returns s as a nullable column: "" is NULL.
func nullString(s string) sql.NullString {
	return sql.NullString{String: s, Valid: s != ""}
}

// containsFold reports whether substr is in s, ignoring case.
func containsFold(s, substr string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(substr))
}
