package outlet

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestClean(t *testing.T) {
	tests := []struct {
		in   string
		want string
		q    Quality
	}{
		{"The Harbour Gazette", "The Harbour Gazette", Good},
		{"  Harbour   Gazette \n", "Harbour Gazette", Good},
		{"BBC", "BBC", Good},
		{"harbour.example", "harbour.example", Good},
		{"NBC 5 Dallas-Fort Worth", "NBC 5 Dallas-Fort Worth", Good},
		{"Valmora Daily | The city's favourite news site", "Valmora Daily", Good},
		{"Valmora Daily - News, Sport, Weather", "Valmora Daily", Good},
		{"Racing | F1 | Rally | Karting", "", Refused},
		{"https://www.facebook.com/ValmoraDaily", "", Refused},
		{"www.example.com/news", "", Refused},
		{"Copyright 2014", "", Refused},
		{"© 2019 Valmora Media", "", Refused},
		{"Valmora Media. All rights reserved.", "", Refused},
		{"Hosted", "", Refused},
		{"Experience", "", Refused},
		{"news", "", Refused},
		{"Space", "", Refused}, // a section: Space.com's publisher name
		{"Space.com", "Space.com", Good},
		{"U.S.", "", Refused},
		{"UK", "", Refused},
		{"2019", "", Refused},
		{"", "", Refused},
		{"Everything you need to know about the harbour city today", "", Refused},
		{"@valmoradaily", "valmoradaily", Weak},
		{"@ValmoraDaily", "ValmoraDaily", Weak},
		{"valmoradaily", "valmoradaily", Weak},
		{"my6sense", "my6sense", Weak},
		{"Wday_", "Wday_", Weak},
		{"“Valmora Daily”", "Valmora Daily", Good},
	}
	for _, tt := range tests {
		got, q := Clean(tt.in)
		if got != tt.want || q != tt.q {
			t.Errorf("Clean(%q) = %q, %d; want %q, %d", tt.in, got, q, tt.want, tt.q)
		}
	}
}

func TestName(t *testing.T) {
	tests := []struct {
		name       string
		candidates []string
		want       string
	}{
		{"the first good name", []string{"Valmora Daily", "valmora.example"}, "Valmora Daily"},
		{"junk gives way to the host", []string{"Copyright 2014", "", "valmora.example"}, "valmora.example"},
		{"a handle gives way to a name", []string{"@valmoradaily", "Valmora Daily"}, "Valmora Daily"},
		{"a handle gives way to the host", []string{"valmoradaily", "valmora.example"}, "valmora.example"},
		{"a handle when nothing better", []string{"Hosted", "@valmoradaily"}, "valmoradaily"},
		{"nothing", []string{"U.S.", "https://example.com/x"}, ""},
		{"no candidates", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Name(tt.candidates...); got != tt.want {
				t.Errorf("Name(%q) = %q, want %q", tt.candidates, got, tt.want)
			}
		})
	}
}

func FuzzClean(f *testing.F) {
	for _, s := range []string{"Valmora Daily | Tagline", "@x", "© 2020", "a / b / c", "U.S.", "http://x.y/z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, q := Clean(s)
		switch {
		case q == Refused && got != "":
			t.Fatalf("Clean(%q) refused but returned %q", s, got)
		case q != Refused && got == "":
			t.Fatalf("Clean(%q) accepted an empty name", s)
		case len(strings.Fields(got)) > MaxWords:
			t.Fatalf("Clean(%q) = %q: more than %d words", s, got, MaxWords)
		case utf8.ValidString(s) && !utf8.ValidString(got):
			t.Fatalf("Clean(%q) = %q: invalid UTF-8", s, got)
		}
		if q != Refused {
			// A cleaned name cleans to itself; only a handle's "@" made it weak.
			if again, q2 := Clean(got); again != got || q2 < q {
				t.Fatalf("Clean(%q) = %q, %d but Clean of that = %q, %d", s, got, q, again, q2)
			}
		}
	})
}
