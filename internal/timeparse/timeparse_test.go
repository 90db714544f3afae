package timeparse

import (
	"strings"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2026-03-04T09:30:00+02:00", time.Date(2026, 3, 4, 7, 30, 0, 0, time.UTC)},
		{"2026-03-04T09:30:00.123Z", time.Date(2026, 3, 4, 9, 30, 0, 123e6, time.UTC)},
		{"2026-03-04 09:30:00", time.Date(2026, 3, 4, 9, 30, 0, 0, time.UTC)},
		{"Wed, 04 Mar 2026 09:30:00 GMT", time.Date(2026, 3, 4, 9, 30, 0, 0, time.UTC)},
		{"March 4, 2026", time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)},
		{"2026-03-04", time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)},
		{"2026/03/04", time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)},
		{"20260304", time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)},
		{"1772617800", time.Unix(1772617800, 0)},
		{"1772617800000", time.Unix(1772617800, 0)},
		{"", time.Time{}},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("Parse(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"soon", "99999999999999999", "2026-13-45", strings.Repeat("9", 70)} {
		if _, err := Parse(bad); err == nil || !strings.Contains(err.Error(), bad[:min(len(bad), 10)]) {
			t.Errorf("Parse(%q) error %v", bad, err)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"2026-03-04T09:30:00Z", "1772617800", "March 4, 2026", "20260304"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if _, err := Parse(s); err != nil && !strings.Contains(err.Error(), "cannot parse date") {
			t.Fatalf("error without the reason: %v", err)
		}
	})
}
