package ingest

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"

	_ "modernc.org/sqlite" // to roll a store back to the previous release's schema

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/postgres"
	"github.com/storyline/storyline/internal/store/postgres/pgtest"
	"github.com/storyline/storyline/internal/store/sqlite"
)

// upgradeStore is a store under test and the ways to roll it back to the
// previous release's schema and to reopen it.
type upgradeStore struct {
	open     func(t *testing.T) storyline.Store
	rollback func(t *testing.T)
}

// previousRelease is the story index's schema undone, as a store of the
// release before it was: the tables gone, the assignment log back.
const previousReleaseSQL = `DROP TABLE story_centroids; DROP TABLE story_postings; DROP TABLE story_index_count;
	ALTER TABLE stories DROP COLUMN dated;
	CREATE TABLE assignments (seq INTEGER PRIMARY KEY, article_id INTEGER NOT NULL);`

// TestUpgradeReassigns: a store written by the previous release — articles
// in fragmented stories, one with a comment — is migrated on open, and
// `analyze --reassign` (Analyzer.Reassign), cut short once and resumed,
// groups every event into one story; the commented story's ID still leads
// to its articles.
func TestUpgradeReassigns(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "s.db")
		testUpgrade(t, upgradeStore{
			open: func(t *testing.T) storyline.Store {
				db, err := sqlite.Open(context.Background(), path, sqlite.Options{})
				if err != nil {
					t.Fatal(err)
				}
				return db
			},
			rollback: func(t *testing.T) {
				raw, err := sql.Open("sqlite", path)
				if err != nil {
					t.Fatal(err)
				}
				defer raw.Close()
				// Later migrations are undone too: 0010, 0012, 0014, 0015,
				// 0016 and 0017 add columns, which SQLite cannot add "if
				// not exists" (nor drop while indexed).
				if _, err := raw.Exec(previousReleaseSQL + `ALTER TABLE users DROP COLUMN disabled;
					ALTER TABLE articles DROP COLUMN truncated;
					ALTER TABLE stories DROP COLUMN language;
					ALTER TABLE stories DROP COLUMN brief;
					ALTER TABLE stories DROP COLUMN model_brief;
					ALTER TABLE stories DROP COLUMN model_brief_articles;
					DROP TABLE model_tokens;
					DROP TABLE article_reads;
					DROP TABLE story_reads;
					DROP TABLE saved_items;
					DROP TABLE follows;
					DROP TABLE mutes;
					DROP INDEX users_feed_token;
					ALTER TABLE users DROP COLUMN feed_token_hash;
					DELETE FROM schema_version WHERE version >= 7;`); err != nil {
					t.Fatal(err)
				}
			},
		})
	})
	t.Run("postgres", func(t *testing.T) {
		url := pgtest.URL(t)
		testUpgrade(t, upgradeStore{
			open: func(t *testing.T) storyline.Store {
				db, err := postgres.Open(context.Background(), url, postgres.Options{})
				if err != nil {
					t.Fatal(err)
				}
				return db
			},
			rollback: func(t *testing.T) {
				db, err := postgres.Open(context.Background(), url, postgres.Options{})
				if err != nil {
					t.Fatal(err)
				}
				defer db.Close()
				if _, err := db.Pool().Exec(context.Background(), previousReleaseSQL+`DELETE FROM schema_version WHERE version >= 5;`); err != nil {
					t.Fatal(err)
				}
			},
		})
	})
}

func testUpgrade(t *testing.T, us upgradeStore) {
	ctx := context.Background()
	s := us.open(t)
	arts, event := eventArticles(t, s, 10)
	// The previous release's stories: every article alone (as a store
	// whose stories closed too early ends up), each analysed.
	for i, a := range arts {
		if err := s.SaveAnalysis(ctx, &storyline.Analysis{ArticleID: a.ID, Version: AnalysisVersion, Language: "en",
			StoryID: int64(5000 + i)}); err != nil {
			t.Fatal(err)
		}
	}
	u := &storyline.User{Name: "reader", Role: storyline.RoleMember}
	if err := s.AddUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	commented := int64(5000 + len(arts) - 1)
	if err := s.AddComment(ctx, &storyline.Comment{UserID: u.ID, StoryID: commented, Body: "Following this."}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	us.rollback(t)

	s = us.open(t) // migrates
	defer s.Close()
	an, err := NewAnalyzer(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	cut, cancel := context.WithCancel(ctx)
	n, err := an.Reassign(cut, s, func(done int) {
		if done == len(arts)/2 {
			cancel()
		}
	})
	if err == nil || n != len(arts)/2 {
		t.Fatalf("cut-short run: %d reassigned, %v; want %d and the cancellation", n, err, len(arts)/2)
	}
	an, err = NewAnalyzer(ctx, s) // as a new process would
	if err != nil {
		t.Fatal(err)
	}
	n, err = an.Reassign(ctx, s, nil)
	if err != nil || n != len(arts)-len(arts)/2 {
		t.Fatalf("resumed run: %d reassigned, %v; want the other %d", n, err, len(arts)-len(arts)/2)
	}
	got := partition(t, s, event)
	if len(got) != 10 {
		t.Errorf("%d stories for 10 events: %v", len(got), got)
	}
	for _, p := range got {
		for _, e := range p[1:] {
			if e != p[0] {
				t.Errorf("a story mixes events: %v", p)
			}
		}
	}
	for _, a := range arts {
		x, err := s.Analysis(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.StoryCentroid(ctx, x.StoryID); err != nil {
			t.Errorf("article %d's story %d has no centroid: %v", a.ID, x.StoryID, err)
		}
	}
	st, err := s.Story(ctx, commented)
	if err != nil {
		t.Fatalf("the commented story: %v", err)
	}
	last, _ := s.Analysis(ctx, arts[len(arts)-1].ID)
	if st.ID != last.StoryID || st.CommentCount != 1 {
		t.Errorf("the commented story %d leads to story %d with %d comments; its article is in %d", commented, st.ID, st.CommentCount, last.StoryID)
	}
	if again, err := an.Reassign(ctx, s, nil); err != nil || again != len(arts) {
		t.Errorf("a second reassignment: %d, %v; want every article again", again, err)
	}
	if fmt.Sprint(partition(t, s, event)) != fmt.Sprint(got) {
		t.Error("a second reassignment changed the stories")
	}
}
