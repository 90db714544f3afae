package sqlite

import (
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// BenchmarkCountUnreadStories measures CountUnreadStories for a user
// with 10,000 reads (a twentieth of the stories read with a new report
// since) among 100,000 stories of one to three articles, one a minute,
// written in SQL in a few seconds; "all" counts every story, "week" the
// last week's:
//
//	go test ./internal/store/sqlite -run '^$' -bench CountUnreadStories -count 5
func BenchmarkCountUnreadStories(b *testing.B) {
	const stories = 100000
	db := openBench(b)
	ctx := b.Context()
	u := &storyline.User{Name: "reader", Role: storyline.RoleMember}
	if err := db.AddUser(ctx, u); err != nil {
		b.Fatal(err)
	}
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	// Story i has 1 + i%3 articles, copies of article 1 so that nothing
	// is indexed for search; the user read every tenth story, every
	// twentieth one article short.
	err := db.writeTx(ctx, func(t *txn) error {
		for _, q := range []string{
			`INSERT INTO articles (id, content_hash, created_at, updated_at) VALUES (1, 'h', 0, 0)`,
			`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
			INSERT INTO stories (id, title, first_seen, last_updated, dated) SELECT i, 'Story', ?2 + i * 60000000000, ?2 + i * 60000000000, 1 FROM n`,
			`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1), k(k) AS (VALUES (0), (1), (2))
			INSERT INTO articles (id, content_hash, copy_of, created_at, updated_at)
			SELECT 10 + 3 * i + k, 'h' || (10 + 3 * i + k), 1, ?2, ?2 FROM n, k WHERE k <= i % 3`,
			`INSERT INTO story_articles (story_id, article_id) SELECT (id - 10) / 3, id FROM articles WHERE id >= 10`,
			`INSERT INTO story_reads (user_id, story_id, seen, read_at)
			SELECT ?3, id, 1 + id % 3 - (id % 20 = 0), ?2 FROM stories WHERE id % 10 = 0`,
		} {
			if _, err := t.exec(q, stories, start.UnixNano(), u.ID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	week := start.Add((stories - 7*24*60 + 1) * time.Minute) // the last 10,080 stories
	for _, c := range []struct {
		name  string
		since time.Time
		want  int
	}{{"all", time.Time{}, stories - stories/10 + stories/20}, {"week", week, 7*24*60 - 7*24*60/10 + 7*24*60/20}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				n, err := db.CountUnreadStories(ctx, u.ID, c.since)
				if err != nil || n != c.want {
					b.Fatalf("CountUnreadStories = %d, %v; want %d", n, err, c.want)
				}
			}
		})
	}
}
