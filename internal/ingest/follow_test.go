package ingest

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// TestFollowerAnalysesBehindTheSaves hands the follower what a poll
// saves — two reports of one event, an unrelated one and an exact copy —
// and finds each analysed once Wait returns: the reports in one story,
// the copy in its original's, nothing pending.
func TestFollowerAnalysesBehindTheSaves(t *testing.T) {
	ctx := context.Background()
	db, an := newTestAnalyzer(t)
	fl := an.Follow(FollowOptions{Workers: 2})
	t0 := time.Date(2026, 11, 17, 6, 0, 0, 0, time.UTC)
	gazette := storyFixture(t, db, "dam-gazette", "Valley Gazette", t0)
	phone := storyFixture(t, db, "phone-launch", "Tech Wire", t0.Add(30*time.Minute))
	courier := storyFixture(t, db, "dam-courier", "Arden Courier", t0.Add(time.Hour))
	for _, a := range []*storyline.Article{gazette, phone, courier} {
		if err := fl.Add(ctx, a, storyline.SaveResult{ID: a.ID, Outcome: storyline.Added}); err != nil {
			t.Fatalf("Add(%d): %v", a.ID, err)
		}
	}
	cp := *gazette
	cp.URL, cp.Source = "https://mirror.example/dam", "Mirror"
	res, err := db.SaveArticle(ctx, &cp)
	if err != nil || res.Outcome != storyline.Copied {
		t.Fatalf("the copy: %+v, %v", res, err)
	}
	if err := fl.Add(ctx, &cp, res); err != nil {
		t.Fatal(err)
	}
	// Linked or unchanged saves have nothing new to analyse.
	if err := fl.Add(ctx, phone, storyline.SaveResult{ID: phone.ID, Outcome: storyline.Unchanged}); err != nil {
		t.Fatal(err)
	}
	if err := fl.Wait(ctx); err != nil {
		t.Fatalf("Wait: %v", err)
	}
	if n, lag := fl.Lag(); n != 0 || lag != 0 {
		t.Errorf("Lag after Wait = %d, %s; want none", n, lag)
	}
	story := func(id int64) int64 {
		t.Helper()
		x, err := db.Analysis(ctx, id)
		if err != nil {
			t.Fatalf("analysis of %d: %v", id, err)
		}
		return x.StoryID
	}
	dam := story(gazette.ID)
	if dam == 0 || story(courier.ID) != dam || story(res.ID) != dam || story(phone.ID) == dam {
		t.Errorf("stories: gazette %d, courier %d, copy %d, phone %d; want the three dam articles in one, the phone apart",
			dam, story(courier.ID), story(res.ID), story(phone.ID))
	}
	pending, err := db.PendingAnalysis(ctx, AnalysisVersion, time.Time{}, 0, 10)
	if err != nil || len(pending) != 0 {
		t.Errorf("pending analysis after Wait: %d, %v", len(pending), err)
	}
	if err := fl.Close(ctx); err != nil {
		t.Errorf("Close: %v", err)
	}
	if err := an.Close(ctx); err != nil {
		t.Errorf("analyzer Close: %v", err)
	}
}

// TestFollowerLag holds the assignment lock so that the follower cannot
// catch up, and reads its lag by an injected clock.
func TestFollowerLag(t *testing.T) {
	ctx := context.Background()
	db, an := newTestAnalyzer(t)
	var now atomic.Int64
	start := time.Date(2026, 11, 17, 6, 0, 0, 0, time.UTC)
	now.Store(start.UnixNano())
	an.now = func() time.Time { return time.Unix(0, now.Load()).UTC() }
	fl := an.Follow(FollowOptions{Workers: 1})
	unlock, err := an.lock(ctx)
	if err != nil {
		t.Fatal(err)
	}
	a := storyFixture(t, db, "dam-gazette", "Valley Gazette", start)
	b := storyFixture(t, db, "phone-launch", "Tech Wire", start)
	for _, x := range []*storyline.Article{a, b} {
		if err := fl.Add(ctx, x, storyline.SaveResult{ID: x.ID, Outcome: storyline.Added}); err != nil {
			t.Fatal(err)
		}
	}
	now.Add(int64(5 * time.Second))
	if n, lag := fl.Lag(); n != 2 || lag != 5*time.Second {
		t.Errorf("Lag with the lock held = %d, %s; want 2, 5s", n, lag)
	}
	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	if err := fl.Wait(short); err == nil {
		t.Error("Wait returned nil while the articles could not be analysed")
	}
	unlock()
	if err := fl.Close(ctx); err != nil {
		t.Errorf("Close: %v", err)
	}
	if n, _ := fl.Lag(); n != 0 {
		t.Errorf("%d articles pending after Close", n)
	}
	if err := fl.Add(ctx, a, storyline.SaveResult{ID: a.ID, Outcome: storyline.Updated}); err == nil {
		t.Error("Add after Close did not fail")
	}
}

// TestFollowerFlushWhenIdle brings the stories up to date by itself once
// it has caught up, as a server's follower does, and reports failures to
// OnError.
func TestFollowerFlushWhenIdle(t *testing.T) {
	ctx := context.Background()
	db, an := newTestAnalyzer(t)
	var failures atomic.Int64
	fl := an.Follow(FollowOptions{Workers: 1, FlushWhenIdle: true, OnError: func(error) { failures.Add(1) }})
	defer fl.Close(ctx)
	t0 := time.Date(2026, 11, 17, 6, 0, 0, 0, time.UTC)
	a := storyFixture(t, db, "dam-gazette", "Valley Gazette", t0)
	if err := fl.Add(ctx, a, storyline.SaveResult{ID: a.ID, Outcome: storyline.Added}); err != nil {
		t.Fatal(err)
	}
	// An article that is gone by the time it is read back is skipped.
	if err := fl.Add(ctx, a, storyline.SaveResult{ID: 999999, Outcome: storyline.Added}); err != nil {
		t.Fatal(err)
	}
	if err := fl.Wait(ctx); err != nil {
		t.Fatalf("Wait: %v", err)
	}
	x, err := db.Analysis(ctx, a.ID)
	if err != nil || x.StoryID == 0 {
		t.Fatalf("analysis: %+v, %v", x, err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		st, err := db.Story(ctx, x.StoryID)
		if err == nil && st.Summary != "" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the story was not brought up to date: %+v, %v", st, err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if n := failures.Load(); n != 0 {
		t.Errorf("%d failures reported", n)
	}
}
