package rank

import (
	"testing"
	"time"

	"github.com/storyline/storyline"
)

func story(id int64, outlets, articles int, first, last time.Time) *storyline.Story {
	s := &storyline.Story{ID: id, ArticleCount: articles, FirstSeen: first, LastUpdated: last}
	for i := range outlets {
		s.Outlets = append(s.Outlets, string(rune('A'+i)))
	}
	return s
}

func TestTop(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	h := func(n float64) time.Time { return now.Add(-time.Duration(n * float64(time.Hour))) }
	tests := []struct {
		name    string
		stories []*storyline.Story
		want    []int64
	}{
		{"more outlets first at the same age", []*storyline.Story{
			story(1, 1, 1, h(1), h(1)), story(2, 4, 4, h(1), h(1)), story(3, 2, 2, h(1), h(1)),
		}, []int64{2, 3, 1}},
		{"recency beats a little breadth", []*storyline.Story{
			story(1, 2, 2, h(50), h(48)), story(2, 1, 1, h(0.5), h(0.5)),
		}, []int64{2, 1}},
		{"a burst of coverage beats a slow trickle", []*storyline.Story{
			story(1, 3, 3, h(30), h(1)), story(2, 3, 12, h(2), h(1)),
		}, []int64{2, 1}},
		{"ties go to the most recently updated", []*storyline.Story{
			story(1, 1, 1, h(3), h(3)), story(2, 1, 1, h(3), h(3).Add(time.Nanosecond)),
		}, []int64{2, 1}},
		{"empty", nil, []int64{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Top(tt.stories, now, 10)
			ids := []int64{}
			for _, s := range got {
				ids = append(ids, s.ID)
			}
			if len(ids) != len(tt.want) {
				t.Fatalf("got %v, want %v", ids, tt.want)
			}
			for i := range ids {
				if ids[i] != tt.want[i] {
					t.Fatalf("got %v, want %v", ids, tt.want)
				}
			}
		})
	}
	if got := Top([]*storyline.Story{story(1, 1, 1, h(1), h(1)), story(2, 1, 1, h(2), h(2))}, now, 1); len(got) != 1 || got[0].ID != 1 {
		t.Errorf("Top n=1: %v", got)
	}
}

func TestScoreFutureAndZero(t *testing.T) {
	now := time.Now()
	s := story(1, 0, 0, now.Add(time.Hour), now.Add(time.Hour))
	if sc := Score(s, now); sc <= 0 || sc != sc {
		t.Errorf("score %v for a story from the future with no outlets", sc)
	}
}
