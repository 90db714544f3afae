package queue

import (
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/storyline/storyline/internal/feed"
)

// Queue names: fetching waits on the network, analysis on the CPU, so
// each has its own number of workers.
const (
	fetchQueue   = "fetch"
	analyzeQueue = "analyze"
)

// pendingStates are the states in which a job of the same key blocks a
// new one: queued, waiting or running.
var pendingStates = []rivertype.JobState{
	rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning,
	rivertype.JobStateRetryable, rivertype.JobStateScheduled,
}

// PollArgs polls one feed.
type PollArgs struct {
	FeedID int64 `json:"feed_id"`
}

// Kind names the job kind.
func (PollArgs) Kind() string { return "poll_feed" }

// InsertOpts makes polls unique per feed while one is queued or running.
func (PollArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: fetchQueue, MaxAttempts: 5, UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: pendingStates}}
}

// EntryArgs stores one new entry of a feed: its page fetched and
// extracted, or the feed's content taken.
type EntryArgs struct {
	FeedID int64 `json:"feed_id" river:"unique"`
	// Key is the entry's URL, or its GUID when it has none.
	Key   string     `json:"key" river:"unique"`
	Entry feed.Entry `json:"entry"`
}

// Kind names the job kind.
func (EntryArgs) Kind() string { return "store_entry" }

// InsertOpts makes entries unique per feed and URL while one is queued or
// running. A failed entry is not retried for long: the feed's next full
// fetch (once it changes) lists it again.
func (EntryArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: fetchQueue, MaxAttempts: 3, UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: pendingStates}}
}

// AnalyzeArgs analyses one stored article.
type AnalyzeArgs struct {
	ArticleID int64 `json:"article_id"`
	// Redo analyses the article again (its text changed) even when it
	// has a current analysis.
	Redo bool `json:"redo,omitempty"`
}

// Kind names the job kind.
func (AnalyzeArgs) Kind() string { return "analyze_article" }

// InsertOpts makes analyses unique per article while one is queued or
// running — or discarded after failing every attempt, until River cleans
// discarded jobs away (a week), so that the sweep does not retry a
// hopeless article without end.
func (AnalyzeArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: analyzeQueue, MaxAttempts: 8, UniqueOpts: river.UniqueOpts{ByArgs: true,
		ByState: append(pendingStates[:len(pendingStates):len(pendingStates)], rivertype.JobStateDiscarded)}}
}

// StoryArgs brings one story's aggregates up to date.
type StoryArgs struct {
	StoryID int64 `json:"story_id"`
}

// Kind names the job kind.
func (StoryArgs) Kind() string { return "update_story" }

// InsertOpts puts story updates in the analysis queue; storyOpts adds the
// delay and uniqueness of each insert.
func (StoryArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: analyzeQueue, MaxAttempts: 8}
}

// storyOpts delays a story update by delay and makes it unique per story
// and delay period: the changes of one period share an update, and a
// change made while an update runs gets one of its own in a later period.
func storyOpts(delay time.Duration) *river.InsertOpts {
	return &river.InsertOpts{Queue: analyzeQueue, MaxAttempts: 8, ScheduledAt: time.Now().Add(delay),
		UniqueOpts: river.UniqueOpts{ByArgs: true, ByPeriod: delay, ByState: pendingStates}}
}

// ScheduleArgs looks for due feeds and unanalysed articles and queues
// their jobs. The queue's leader inserts it periodically.
type ScheduleArgs struct{}

// Kind names the job kind.
func (ScheduleArgs) Kind() string { return "schedule" }

// InsertOpts keeps one schedule job queued at a time.
func (ScheduleArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: fetchQueue, MaxAttempts: 1, UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: pendingStates}}
}
