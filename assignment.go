package storyline

import (
	"context"
	"time"
)

// StoryCentroid is a story as story assignment compares articles with
// it: the IDF-free masses of its heaviest terms and the span of its dated
// articles.
type StoryCentroid struct {
	StoryID  int64
	Articles int // articles assigned to it, merged stories' included
	// First and Last are the dates of its earliest and latest dated
	// articles; both zero when it has none.
	First, Last time.Time
	Terms       []CentroidTerm // heaviest first
}

// CentroidTerm is one term of a story's centroid: a stemmed word, or an
// entity key starting with a NUL byte, its mass (IDF-free) and its weight
// (the mass times the term's IDF when the centroid was last made).
type CentroidTerm struct {
	Key    string
	Mass   float64
	Weight float64
}

// WeightedTerm is one of an article's top terms with its weight.
type WeightedTerm struct {
	Key    string
	Weight float64
}

// CandidateQuery asks for the stories an article may join.
type CandidateQuery struct {
	// Terms are the article's top terms: a candidate is indexed under at
	// least one, and those sharing more weight come first.
	Terms []WeightedTerm
	// Time is the article's date: a candidate's span widened by Window on
	// both sides contains it, or the candidate is undated. Zero for an
	// undated article: candidates from any time, each term's latest
	// stories first.
	Time   time.Time
	Window time.Duration
	Limit  int
}

// StoryAssignment is one decision of story assignment, stored at once.
type StoryAssignment struct {
	// Analysis is the article's analysis; AssignStory sets its StoryID.
	Analysis *Analysis
	// Centroid is the story the article is in after the decision, merges
	// included. StoryID 0 starts a new story; AssignStory sets the ID.
	Centroid StoryCentroid
	// Index lists the terms the story is found under from now on.
	Index []string
	// Merged lists stories folded into the story: their articles move to
	// it and their IDs resolve to it.
	Merged []int64
	// Version is set by AssignStory: the story index's version after the
	// decision is stored (see StoryIndexVersion).
	Version int64
}

// AssignmentStore keeps what story assignment decides from: each story's
// centroid and span, an index of stories by term and time, and how many
// stories each term indexes (the IDF of clustering). Any process can
// assign any article from it; the lock serializes decisions across every
// process sharing the store.
type AssignmentStore interface {
	// LockAssignments waits for the assignment lock, which one caller
	// holds at a time across every process sharing the store, and returns
	// the function that releases it. A holder whose process dies releases
	// it.
	LockAssignments(ctx context.Context) (unlock func(), err error)
	// StoryCandidates returns up to q.Limit stories indexed under q.Terms
	// whose span qualifies for q.Time, those sharing the most query
	// weight first, then by ID.
	StoryCandidates(ctx context.Context, q CandidateQuery) ([]StoryCentroid, error)
	// StoryCentroid returns story id's centroid (following merges), or
	// ENOTFOUND when it has none.
	StoryCentroid(ctx context.Context, id int64) (*StoryCentroid, error)
	// StoryTermCounts returns how many stories are indexed, and under how
	// many stories each of terms is indexed (terms indexing none are
	// absent).
	StoryTermCounts(ctx context.Context, terms []string) (stories int, counts map[string]int, err error)
	// AssignStory stores a decision in one transaction: the analysis with
	// the article in the story (created when new), the stories a.Merged
	// folded into it, its centroid and span, and its index terms. The
	// story the article leaves is dealt with as SaveAnalysis does. The
	// caller holds the assignment lock.
	AssignStory(ctx context.Context, a *StoryAssignment) error
	// ClearStoryIndex empties the story index: every centroid, posting and
	// count, for a reassignment of every article. Stories keep their
	// articles until those are assigned again.
	ClearStoryIndex(ctx context.Context) error
	// StoryIndexVersion returns the story index's version, which every
	// write to the index (AssignStory, ClearStoryIndex) raises by one, so
	// that a process keeping a copy of part of the index knows whether
	// another process wrote to it since.
	StoryIndexVersion(ctx context.Context) (int64, error)
	// RecentStoryCentroids calls fn with the centroid of every indexed
	// story that has no dated article, then with those of the dated ones
	// whose latest date is at or after since, the latest first, until fn
	// returns false.
	RecentStoryCentroids(ctx context.Context, since time.Time, fn func(StoryCentroid) bool) error
}
