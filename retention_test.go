package storyline

import (
	"testing"
	"time"
)

func TestParseRetention(t *testing.T) {
	const day = 24 * time.Hour
	tests := []struct {
		in      string
		want    time.Duration
		wantErr bool
	}{
		{"", 0, false},
		{"0", 0, false},
		{"0d", 0, false},
		{"90d", 90 * day, false},
		{" 30d ", 30 * day, false},
		{"2w", 14 * day, false},
		{"2160h", 90 * day, false},
		{"36h", 36 * time.Hour, false},
		{"12h", 0, true},
		{"-5d", 0, true},
		{"-24h", 0, true},
		{"90", 0, true},
		{"d", 0, true},
		{"ninety days", 0, true},
		{"99999d", 0, true},
		{"1000000h", 0, true},
	}
	for _, tt := range tests {
		got, err := ParseRetention(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseRetention(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
		if err != nil && ErrorCode(err) != EINVALID {
			t.Errorf("ParseRetention(%q) error code = %s, want %s", tt.in, ErrorCode(err), EINVALID)
		}
		if err == nil && tt.want > 0 {
			if back, err := ParseRetention(FormatRetention(got)); err != nil || back != got {
				t.Errorf("ParseRetention(FormatRetention(%v)) = %v, %v", got, back, err)
			}
		}
	}
}

func FuzzParseRetention(f *testing.F) {
	for _, s := range []string{"90d", "2w", "36h", "0", "-1d", "1e9h"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseRetention(s)
		if err == nil && d != 0 && (d < MinRetention || d > 36525*24*time.Hour) {
			t.Errorf("ParseRetention(%q) = %v, out of range", s, d)
		}
	})
}
