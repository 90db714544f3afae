// Package rank orders stories for the front page: by how recent they are,
// how many outlets cover them, and how fast coverage is arriving. It is
// pure: no I/O, the time is a parameter.
package rank

import (
	"math"
	"slices"
	"time"

	"github.com/storyline/storyline"
)

// HalfLife is the age, since a story was last updated, at which its
// recency counts half.
const HalfLife = 8 * time.Hour

// Score is how high a story ranks at now: the product of
//   - breadth: the square root of the number of outlets covering it (an
//     event four outlets report is worth twice one only one reports);
//   - pace: 1 + ln(1 + articles an hour over the story's span, the first
//     hour at least), so a burst of coverage lifts a story;
//   - recency: 1 / (1 + age/HalfLife), age counted from the last update.
func Score(s *storyline.Story, now time.Time) float64 {
	outlets := max(1, len(s.Outlets))
	breadth := math.Sqrt(float64(outlets))
	span := max(time.Hour, s.LastUpdated.Sub(s.FirstSeen))
	pace := 1 + math.Log1p(float64(max(1, s.ArticleCount))/span.Hours())
	age := max(0, now.Sub(s.LastUpdated))
	recency := 1 / (1 + float64(age)/float64(HalfLife))
	return breadth * pace * recency
}

// Top returns the stories ordered by Score at now, best first (the most
// recently updated first on ties), keeping at most n. It does not modify
// stories.
func Top(stories []*storyline.Story, now time.Time, n int) []*storyline.Story {
	type scored struct {
		s     *storyline.Story
		score float64
	}
	list := make([]scored, len(stories))
	for i, s := range stories {
		list[i] = scored{s, Score(s, now)}
	}
	slices.SortStableFunc(list, func(a, b scored) int {
		if a.score != b.score {
			if a.score > b.score {
				return -1
			}
			return 1
		}
		return b.s.LastUpdated.Compare(a.s.LastUpdated)
	})
	out := make([]*storyline.Story, 0, min(n, len(list)))
	for _, sc := range list[:min(n, len(list))] {
		out = append(out, sc.s)
	}
	return out
}
