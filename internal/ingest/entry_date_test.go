package ingest

import (
	"testing"
	"time"
)

func TestLastModified(t *testing.T) {
	now := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		header string
		want   time.Time
	}{
		{"Fri, 04 Dec 2026 08:30:00 GMT", time.Date(2026, 12, 4, 8, 30, 0, 0, time.UTC)},
		{"Friday, 04-Dec-26 08:30:00 GMT", time.Date(2026, 12, 4, 8, 30, 0, 0, time.UTC)},
		{"", time.Time{}},
		{"yesterday", time.Time{}},
		{"Sat, 01 Jan 2100 00:00:00 GMT", time.Time{}}, // in the future
		{"Thu, 01 Jan 1970 00:00:00 GMT", time.Time{}}, // a server's zero
	} {
		if got := lastModified(tc.header, now); !got.Equal(tc.want) {
			t.Errorf("lastModified(%q) = %v, want %v", tc.header, got, tc.want)
		}
	}
}
