package queue

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/extract"
	"github.com/storyline/storyline/internal/fetch"
	"github.com/storyline/storyline/internal/ingest"
	"github.com/storyline/storyline/internal/store/postgres"
	"github.com/storyline/storyline/internal/store/postgres/pgtest"
	"github.com/storyline/storyline/internal/synth"
)

// newTestQueue opens a store on a fresh database and returns a queue on
// it, not started, fetching from loopback.
func newTestQueue(t *testing.T, url, id string) (*Queue, *postgres.DB) {
	t.Helper()
	ctx := context.Background()
	db, err := postgres.Open(ctx, url, postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	p := &ingest.Poller{
		Store:   db,
		Fetcher: fetch.New(fetch.Options{AllowPrivate: true, HostRate: -1}),
		Builder: ingest.Builder{Extractor: extract.New(extract.Options{})},
	}
	q, err := New(ctx, Config{Pool: db.Pool(), Store: db, Poller: p, Poll: true, ID: id,
		ScheduleEvery: 200 * time.Millisecond, StoryDelay: time.Second, JobTimeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return q, db
}

// TestJobsAreUnique checks that a job queued twice is queued once.
func TestJobsAreUnique(t *testing.T) {
	q, _ := newTestQueue(t, pgtest.URL(t), "unique")
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		args river.JobArgs
	}{
		{"poll", PollArgs{FeedID: 1}},
		{"entry", EntryArgs{FeedID: 1, Key: "https://a.example/1"}},
		{"analysis", AnalyzeArgs{ArticleID: 7}},
		{"story", StoryArgs{StoryID: 3}},
	} {
		var opts *river.InsertOpts
		if _, ok := tc.args.(StoryArgs); ok {
			opts = storyOpts(time.Hour)
		}
		first, err := q.client.Insert(ctx, tc.args, opts)
		if err != nil || first.UniqueSkippedAsDuplicate {
			t.Fatalf("%s: first insert: %+v, %v", tc.name, first, err)
		}
		again, err := q.client.Insert(ctx, tc.args, opts)
		if err != nil || !again.UniqueSkippedAsDuplicate || again.Job.ID != first.Job.ID {
			t.Errorf("%s: second insert made job %d (skipped %v, %v); want job %d again", tc.name, again.Job.ID, again.UniqueSkippedAsDuplicate, err, first.Job.ID)
		}
	}
	other, err := q.client.Insert(ctx, EntryArgs{FeedID: 2, Key: "https://a.example/1"}, nil)
	if err != nil || other.UniqueSkippedAsDuplicate {
		t.Errorf("the same URL in another feed was not queued: %+v, %v", other, err)
	}
}

// TestTwoQueuesIngest runs two queues, as two processes would, on feeds
// served from loopback: every report is stored once, analysed, and put
// with the others of its event in one story whose aggregates are made.
func TestTwoQueuesIngest(t *testing.T) {
	url := pgtest.URL(t)
	srv := httptest.NewUnstartedServer(nil)
	room := synth.NewNewsroom(3, 20, 12, 3, "http://"+srv.Listener.Addr().String())
	srv.Config.Handler = room
	srv.Start()
	defer srv.Close()
	a, db := newTestQueue(t, url, "a")
	b, _ := newTestQueue(t, url, "b")
	ctx, cancel := context.WithCancel(context.Background())
	for _, u := range room.FeedURLs() {
		if err := db.AddFeed(ctx, &storyline.Feed{URL: u}); err != nil {
			t.Fatal(err)
		}
	}
	done := make(chan error, 2)
	go func() { done <- a.Run(ctx) }()
	go func() { done <- b.Run(ctx) }()
	deadline := time.Now().Add(2 * time.Minute)
	var stories []*storyline.Story
	for time.Now().Before(deadline) {
		var err error
		stories, err = db.Stories(ctx, storyline.StoryFilter{Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		if storiesComplete(stories, len(room.Event)) {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	cancel()
	for range 2 {
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	}
	if !storiesComplete(stories, len(room.Event)) {
		t.Fatalf("after two minutes: %d stories, want 12 with every report in one, titled", len(stories))
	}
	if len(stories) != 12 {
		t.Errorf("%d stories for 12 events", len(stories))
	}
	for _, s := range stories {
		tl, err := db.Timeline(context.Background(), s.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range tl {
			if room.Event[e.URL] != room.Event[tl[0].URL] {
				t.Errorf("story %d mixes events: %s and %s", s.ID, tl[0].URL, e.URL)
			}
		}
	}
}

// storiesComplete reports whether the stories hold all n reports and
// every story has its aggregates.
func storiesComplete(stories []*storyline.Story, n int) bool {
	total := 0
	for _, s := range stories {
		if s.Summary == "" || len(s.Keyphrases) == 0 {
			return false
		}
		total += s.ArticleCount
	}
	return total == n
}
