package web

import (
	"strings"
	"testing"
)

func TestNegotiateCoding(t *testing.T) {
	tests := []struct {
		name   string
		values []string
		want   coding
	}{
		{"no header", nil, codingNone},
		{"empty", []string{""}, codingNone},
		{"gzip", []string{"gzip"}, codingGzip},
		{"browser", []string{"gzip, deflate, br, zstd"}, codingZstd},
		{"zstd alone", []string{"zstd"}, codingZstd},
		{"weights", []string{"zstd;q=0.5, gzip"}, codingGzip},
		{"spaces and case", []string{" GZIP ; Q=0.8 , Zstd ; q=0.9"}, codingZstd},
		{"x-gzip", []string{"x-gzip"}, codingGzip},
		{"gzip refused", []string{"gzip;q=0"}, codingNone},
		{"zero with decimals", []string{"gzip;q=0.000, zstd;q=0.001"}, codingZstd},
		{"star", []string{"*"}, codingZstd},
		{"star refused", []string{"*;q=0"}, codingNone},
		{"star refused, gzip named", []string{"*;q=0, gzip"}, codingGzip},
		{"gzip refused, star", []string{"gzip;q=0, *"}, codingZstd},
		{"only identity", []string{"identity"}, codingNone},
		{"identity preferred", []string{"identity;q=1, gzip;q=0.5"}, codingNone},
		{"identity tie", []string{"identity, gzip"}, codingGzip},
		{"unknown codings", []string{"br, deflate, compress"}, codingNone},
		{"malformed weight ignored", []string{"gzip;q=1.5"}, codingNone},
		{"not a number", []string{"gzip;q=abc, zstd;q=0x1p0"}, codingNone},
		{"malformed beside good", []string{"zstd;q=2, gzip"}, codingGzip},
		{"two header lines", []string{"gzip;q=0.5", "zstd;q=0.4"}, codingGzip},
		{"named twice", []string{"gzip;q=0, gzip;q=0.3"}, codingGzip},
		{"empty elements", []string{",, ,gzip,"}, codingGzip},
		{"other parameters", []string{"gzip;level=1;q=0.2"}, codingGzip},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := negotiateCoding(tt.values); got != tt.want {
				t.Errorf("negotiateCoding(%q) = %s, want %s", tt.values, got.name(), tt.want.name())
			}
		})
	}
}

func FuzzNegotiateCoding(f *testing.F) {
	for _, s := range []string{"gzip", "gzip, deflate, br, zstd", "*;q=0", "identity;q=0, gzip;q=0.5", "zstd;q=0.001", "x-gzip;q=1.000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, header string) {
		got := negotiateCoding([]string{header})
		if got >= numCodings {
			t.Fatalf("%q: coding %d", header, got)
		}
		lower := strings.ToLower(header)
		if got != codingNone && !strings.Contains(lower, got.name()) && !strings.Contains(lower, "*") {
			t.Errorf("%q: chose %s, which it does not name", header, got.name())
		}
		if again := negotiateCoding(strings.Split(header, ",")); again != got {
			t.Errorf("%q: %s as one line, %s split into lines", header, got.name(), again.name())
		}
	})
}
