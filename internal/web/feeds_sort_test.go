package web

import (
	"slices"
	"testing"

	"github.com/storyline/storyline"
)

func TestNaturalCompare(t *testing.T) {
	cases := []struct {
		a, b string
		want int
	}{
		{"Feed 2", "Feed 10", -1},
		{"feed 10", "Feed 2", 1},
		{"feed", "FEED", 0},
		{"a", "ab", -1},
		{"x9", "x09", -1},
		{"v1.2", "v1.10", -1},
		{"10", "9", 1},
		{"Été", "été", 0},
	}
	for _, c := range cases {
		if got := naturalCompare(c.a, c.b); got != c.want {
			t.Errorf("naturalCompare(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

func TestSortFeeds(t *testing.T) {
	feeds := []*storyline.Feed{
		{URL: "https://b.example/11", Title: "Feed 11"},
		{URL: "https://b.example/1", Title: "feed 1"},
		{URL: "https://a.example/untitled"},
		{URL: "https://b.example/10", Title: "Feed 10"},
		{URL: "https://b.example/0", Title: "Feed 0"},
		{URL: "https://b.example/2", Title: "Feed 2"},
	}
	sortFeeds(feeds)
	var got []string
	for _, f := range feeds {
		got = append(got, feedName(f))
	}
	want := []string{"Feed 0", "feed 1", "Feed 2", "Feed 10", "Feed 11", "https://a.example/untitled"}
	if !slices.Equal(got, want) {
		t.Errorf("order %q, want %q", got, want)
	}
}
