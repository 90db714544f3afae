package queue

import (
	"cmp"
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/feed"
	"github.com/storyline/storyline/internal/ingest"
)

// pollWorker polls a feed: its new entries become entry jobs.
type pollWorker struct {
	river.WorkerDefaults[PollArgs]
	q *Queue
}

// Work polls the feed. A poll that fails on the network is recorded on the
// feed and done; only a failure to reach the store is retried.
func (w *pollWorker) Work(ctx context.Context, job *river.Job[PollArgs]) error {
	f, err := w.q.feed(ctx, job.Args.FeedID, "poll")
	if err != nil {
		return err
	}
	rep := w.q.cfg.Poller.Poll(ctx, f)
	if w.q.cfg.OnPoll != nil {
		w.q.cfg.OnPoll(rep)
	}
	if rep.Err != nil && ctx.Err() != nil {
		return rep.Err // cut short: run again
	}
	return nil
}

// feed returns feed id for a job that is to do what with it; a feed
// removed since the job was queued cancels the job.
func (q *Queue) feed(ctx context.Context, id int64, what string) (*storyline.Feed, error) {
	f, err := q.cfg.Store.Feed(ctx, id)
	if storyline.ErrorCode(err) == storyline.ENOTFOUND {
		return nil, river.JobCancel(fmt.Errorf("%s feed %d: %w", what, id, err))
	}
	if err != nil {
		return nil, fmt.Errorf("%s feed %d: %w", what, id, err)
	}
	return f, nil
}

// entryWorker stores a feed entry and queues its article's analysis.
type entryWorker struct {
	river.WorkerDefaults[EntryArgs]
	q *Queue
}

// Work stores the entry.
func (w *entryWorker) Work(ctx context.Context, job *river.Job[EntryArgs]) error {
	f, err := w.q.feed(ctx, job.Args.FeedID, "store an entry of")
	if err != nil {
		return err
	}
	id, outcome, err := w.q.cfg.Poller.StoreEntry(ctx, f, job.Args.Entry)
	if w.q.cfg.OnEntry != nil && ctx.Err() == nil {
		w.q.cfg.OnEntry(outcome, err)
	}
	if err != nil {
		return fmt.Errorf("feed %s: %w", f.URL, err)
	}
	_, err = w.q.client.Insert(ctx, AnalyzeArgs{ArticleID: id, Redo: outcome == storyline.Updated}, nil)
	if err != nil {
		return fmt.Errorf("queue the analysis of article %d: %w", id, err)
	}
	return nil
}

// analyzeWorker analyses an article.
type analyzeWorker struct {
	river.WorkerDefaults[AnalyzeArgs]
	q *Queue
}

// Work analyses the article, unless it has a current analysis and the job
// does not ask to redo it.
func (w *analyzeWorker) Work(ctx context.Context, job *river.Job[AnalyzeArgs]) error {
	a, err := w.q.cfg.Store.Article(ctx, job.Args.ArticleID)
	if storyline.ErrorCode(err) == storyline.ENOTFOUND {
		return river.JobCancel(err)
	}
	if err != nil {
		return err
	}
	if job.Args.Redo {
		_, err = w.q.an.Article(ctx, a)
	} else {
		_, err = w.q.an.ArticleOnce(ctx, a)
	}
	if err == nil && w.q.cfg.OnAnalysed != nil {
		w.q.cfg.OnAnalysed()
	}
	return err
}

// storyWorker brings a story's aggregates up to date.
type storyWorker struct {
	river.WorkerDefaults[StoryArgs]
	q *Queue
}

// Work updates the story.
func (w *storyWorker) Work(ctx context.Context, job *river.Job[StoryArgs]) error {
	return w.q.an.UpdateStories(ctx, []int64{job.Args.StoryID})
}

// scheduleWorker queues the polls of due feeds and the analyses of
// articles that have none (their job was lost: a worker died between
// storing and queueing, or the article came in through an import).
type scheduleWorker struct {
	river.WorkerDefaults[ScheduleArgs]
	q *Queue
}

// scheduleBatch is how many feeds and articles one schedule job queues at
// most.
const scheduleBatch = 500

// Work queues the jobs.
func (w *scheduleWorker) Work(ctx context.Context, job *river.Job[ScheduleArgs]) error {
	var params []river.InsertManyParams
	if w.q.cfg.Poll {
		due, err := w.q.cfg.Store.DueFeeds(ctx, time.Now(), scheduleBatch)
		if err != nil {
			return fmt.Errorf("schedule: %w", err)
		}
		for _, f := range due {
			params = append(params, river.InsertManyParams{Args: PollArgs{FeedID: f.ID}})
		}
	}
	// From where the last sweep stopped, so that articles that cannot be
	// analysed do not hide later ones; from the start again at the end.
	after := w.q.sweptTo.Load()
	pending, err := w.q.cfg.Store.PendingAnalysis(ctx, ingest.AnalysisVersion, time.Time{}, after, scheduleBatch)
	if err != nil {
		return fmt.Errorf("schedule: %w", err)
	}
	if len(pending) < scheduleBatch {
		w.q.sweptTo.Store(0)
	} else {
		w.q.sweptTo.Store(pending[len(pending)-1].ID)
	}
	for _, a := range pending {
		params = append(params, river.InsertManyParams{Args: AnalyzeArgs{ArticleID: a.ID}})
	}
	if len(params) == 0 {
		return nil
	}
	if _, err := w.q.client.InsertMany(ctx, params); err != nil {
		return fmt.Errorf("schedule: %w", err)
	}
	return nil
}

// enqueueEntries queues a job per new entry of feed f (Poller.Enqueue).
func (q *Queue) enqueueEntries(ctx context.Context, f *storyline.Feed, entries []feed.Entry) error {
	params := make([]river.InsertManyParams, len(entries))
	for i, e := range entries {
		params[i] = river.InsertManyParams{Args: EntryArgs{FeedID: f.ID, Key: cmp.Or(e.URL, e.GUID), Entry: e}}
	}
	_, err := q.client.InsertMany(ctx, params)
	return err
}

// storiesChanged queues the update of stories whose aggregates are out of
// date (Analyzer.StoriesChanged).
func (q *Queue) storiesChanged(ctx context.Context, ids []int64) error {
	params := make([]river.InsertManyParams, len(ids))
	for i, id := range ids {
		params[i] = river.InsertManyParams{Args: StoryArgs{StoryID: id}, InsertOpts: storyOpts(q.cfg.StoryDelay)}
	}
	if _, err := q.client.InsertMany(ctx, params); err != nil {
		return fmt.Errorf("queue story updates: %w", err)
	}
	return nil
}
