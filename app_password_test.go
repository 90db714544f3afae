package storyline

import (
	"testing"
	"time"
)

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
