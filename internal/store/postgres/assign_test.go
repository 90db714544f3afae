package postgres

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/postgres/pgtest"
)

// TestAssignmentLockLost checks that an assignment is refused, and
// nothing of it stored, when the session holding the assignment lock has
// ended, since another process may have taken the lock meanwhile.
func TestAssignmentLockLost(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	res, err := db.SaveArticle(ctx, &storyline.Article{URL: "https://a.example/1", Source: "A", Title: "Harbour reopens",
		Text: "The harbour reopened on Monday.", ContentHash: storyline.ContentHash("The harbour reopened on Monday.")})
	if err != nil {
		t.Fatal(err)
	}
	unlock, err := db.LockAssignments(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	pid := db.lockPID.Load()
	if _, err := db.pool.Exec(ctx, `SELECT pg_terminate_backend($1)`, pid); err != nil {
		t.Fatal(err)
	}
	// The backend ends a moment after it is told to.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		var alive bool
		if err := db.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = $1)`, pid).Scan(&alive); err != nil {
			t.Fatal(err)
		}
		if !alive {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("backend %d still alive 10s after pg_terminate_backend", pid)
		}
	}
	day := time.Date(2024, 3, 14, 9, 0, 0, 0, time.UTC)
	a := &storyline.StoryAssignment{
		Analysis: &storyline.Analysis{ArticleID: res.ID, Version: 1},
		Centroid: storyline.StoryCentroid{Articles: 1, First: day, Last: day, Terms: []storyline.CentroidTerm{{Key: "harbour", Mass: 1}}},
		Index:    []string{"harbour"},
	}
	err = db.AssignStory(ctx, a)
	if storyline.ErrorCode(err) != storyline.ECONFLICT {
		t.Errorf("AssignStory after the lock's session ended: %v, want ECONFLICT", err)
	}
	if a.Centroid.StoryID != 0 {
		t.Errorf("Centroid.StoryID = %d after a refused assignment, want 0", a.Centroid.StoryID)
	}
	if n, counts, err := db.StoryTermCounts(ctx, []string{"harbour"}); err != nil || n != 0 || len(counts) != 0 {
		t.Errorf("StoryTermCounts = %d, %v, %v; want nothing indexed", n, counts, err)
	}
	if _, err := db.Analysis(ctx, res.ID); storyline.ErrorCode(err) != storyline.ENOTFOUND {
		t.Errorf("Analysis after a refused assignment: %v, want ENOTFOUND", err)
	}
}

// TestMigrationStoryIndex checks migration 0005 on a database written
// before it: the assignment log and the clustering snapshot go, and new
// stories take IDs past those the analysis chose itself.
func TestMigrationStoryIndex(t *testing.T) {
	url := pgtest.URL(t)
	ctx := context.Background()
	db, err := Open(ctx, url, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Back to schema version 4, with a log entry, a snapshot and a story
	// made with an ID of its own.
	res, err := db.SaveArticle(ctx, &storyline.Article{URL: "https://a.example/1", Source: "A", Title: "Harbour reopens",
		Text: "The harbour reopened on Monday.", ContentHash: storyline.ContentHash("The harbour reopened on Monday.")})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SaveAnalysis(ctx, &storyline.Analysis{ArticleID: res.ID, Version: 1, StoryID: 41}); err != nil {
		t.Fatal(err)
	}
	if err := db.SetMeta(ctx, "analysis:state", "snapshot"); err != nil {
		t.Fatal(err)
	}
	if err := db.SetMeta(ctx, "other", "kept"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.pool.Exec(ctx, `DROP TABLE story_centroids, story_postings, story_index_count;
		ALTER TABLE stories DROP COLUMN dated;
		UPDATE stories SET first_seen = '2020-01-01', last_updated = '2030-01-01';
		CREATE TABLE assignments (seq bigserial PRIMARY KEY, article_id bigint NOT NULL);
		INSERT INTO assignments (article_id) VALUES (1);
		DELETE FROM schema_version WHERE version >= 5;
		SELECT setval(pg_get_serial_sequence('stories', 'id'), 1, false)`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	db, err = Open(ctx, url, Options{})
	if err != nil {
		t.Fatalf("Open after going back to version 4: %v", err)
	}
	defer db.Close()
	if st, err := db.Story(ctx, 41); err != nil || !st.FirstSeen.Equal(st.LastUpdated) || st.LastUpdated.Year() == 2030 {
		t.Errorf("story 41 after the migration: %+v, %v; want its undated article's storage time kept", st, err)
	}
	var log bool
	if err := db.pool.QueryRow(ctx, `SELECT to_regclass('assignments') IS NOT NULL`).Scan(&log); err != nil || log {
		t.Errorf("the assignments table is still there (%v)", err)
	}
	if v, ok, err := db.Meta(ctx, "analysis:state"); err != nil || ok {
		t.Errorf("Meta(analysis:state) = %q, %v, %v; want it gone", v, ok, err)
	}
	if v, ok, err := db.Meta(ctx, "other"); err != nil || !ok || v != "kept" {
		t.Errorf("Meta(other) = %q, %v, %v; want it kept", v, ok, err)
	}
	unlock, err := db.LockAssignments(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	a := &storyline.StoryAssignment{Analysis: &storyline.Analysis{ArticleID: res.ID, Version: 1},
		Centroid: storyline.StoryCentroid{Articles: 1, Terms: []storyline.CentroidTerm{{Key: "harbour", Mass: 1}}}, Index: []string{"harbour"}}
	if err := db.AssignStory(ctx, a); err != nil || a.Centroid.StoryID != 42 {
		t.Errorf("AssignStory into a new story after the migration: story %d, %v; want 42", a.Centroid.StoryID, err)
	}
}

// TestNewStoryID checks that a new story's ID is past the stories made
// with IDs of their own (SaveAnalysis), which the identity sequence does
// not see, and that the sequence follows.
func TestNewStoryID(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	var ids []int64
	for i, story := range []int64{0, 0, 70, 0} {
		text := fmt.Sprintf("The harbour reopened on day %d.", i)
		res, err := db.SaveArticle(ctx, &storyline.Article{URL: fmt.Sprintf("https://a.example/%d", i), Source: "A",
			Title: "Harbour", Text: text, ContentHash: storyline.ContentHash(text)})
		if err != nil {
			t.Fatal(err)
		}
		if story != 0 {
			if err := db.SaveAnalysis(ctx, &storyline.Analysis{ArticleID: res.ID, Version: 1, StoryID: story}); err != nil {
				t.Fatal(err)
			}
			continue
		}
		unlock, err := db.LockAssignments(ctx)
		if err != nil {
			t.Fatal(err)
		}
		a := &storyline.StoryAssignment{Analysis: &storyline.Analysis{ArticleID: res.ID, Version: 1},
			Centroid: storyline.StoryCentroid{Articles: 1}}
		err = db.AssignStory(ctx, a)
		unlock()
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.Centroid.StoryID)
	}
	if !slices.Equal(ids, []int64{1, 2, 71}) {
		t.Errorf("new stories' IDs = %v, want [1 2 71]", ids)
	}
	var next int64
	if err := db.pool.QueryRow(ctx, `SELECT nextval(pg_get_serial_sequence('stories', 'id'))`).Scan(&next); err != nil || next != 72 {
		t.Errorf("the sequence's next ID = %d, %v; want 72", next, err)
	}
}
