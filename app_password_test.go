package storyline

import (
	"strings"
	"testing"
	"time"
)

func TestCleanAppPasswordLabel(t *testing.T) {
	tests := []struct {
		in, want string
		code     string
	}{
		{"Reeder", "Reeder", ""},
		{"  NetNewsWire on the phone\t", "NetNewsWire on the phone", ""},
		{"", "", ""},
		{"   ", "", ""},
		{"Läsaren – 手机", "Läsaren – 手机", ""},
		{strings.Repeat("é", MaxAppPasswordLabel), strings.Repeat("é", MaxAppPasswordLabel), ""},
		{strings.Repeat("é", MaxAppPasswordLabel+1), "", EINVALID},
		{"two\nlines", "", EINVALID},
		{"nul\x00", "", EINVALID},
		{"\xff", "", EINVALID},
	}
	for _, tt := range tests {
		got, err := CleanAppPasswordLabel(tt.in)
		if got != tt.want || ErrorCode(err) != tt.code {
			t.Errorf("CleanAppPasswordLabel(%q) = %q, %v; want %q, code %q", tt.in, got, err, tt.want, tt.code)
		}
	}
}

func TestAppPasswordTouchDue(t *testing.T) {
	last := time.Date(2024, 3, 14, 9, 30, 0, 0, time.UTC)
	tests := []struct {
		name string
		last time.Time
		at   time.Time
		want bool
	}{
		{"never used", time.Time{}, last, true},
		{"just used", last, last.Add(time.Second), false},
		{"almost a minute", last, last.Add(AppPasswordTouchEvery - time.Nanosecond), false},
		{"a minute", last, last.Add(AppPasswordTouchEvery), true},
		{"an hour", last, last.Add(time.Hour), true},
		{"earlier", last, last.Add(-time.Hour), false},
	}
	for _, tt := range tests {
		p := &AppPassword{LastUsedAt: tt.last}
		if got := p.TouchDue(tt.at); got != tt.want {
			t.Errorf("%s: TouchDue = %v, want %v", tt.name, got, tt.want)
		}
	}
}
