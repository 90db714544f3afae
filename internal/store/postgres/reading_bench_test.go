package postgres

import (
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// BenchmarkCountUnreadStories measures CountUnreadStories as the SQLite
// store's benchmark of the same name does, on the same data made in SQL
// and vacuumed:
//
//	STORYLINE_TEST_POSTGRES=postgres://… go test ./internal/store/postgres -run '^$' -bench CountUnreadStories -count 5
func BenchmarkCountUnreadStories(b *testing.B) {
	const stories = 100000
	db := openBench(b)
	ctx := b.Context()
	u := &storyline.User{Name: "reader", Role: storyline.RoleMember}
	if err := db.AddUser(ctx, u); err != nil {
		b.Fatal(err)
	}
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, step := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO articles (id, content_hash, created_at, updated_at) VALUES (1, 'h', $1, $1)`, []any{start}},
		{`INSERT INTO stories (id, title, first_seen, last_updated, dated)
			SELECT i, 'Story', $2::timestamptz + i * interval '1 minute', $2::timestamptz + i * interval '1 minute', true
			FROM generate_series(1, $1) i`,
			[]any{stories, start}},
		{`INSERT INTO articles (id, content_hash, copy_of, created_at, updated_at)
			SELECT 10 + 3 * i + k, 'h' || (10 + 3 * i + k), 1, $2, $2 FROM generate_series(1, $1) i, generate_series(0, 2) k
			WHERE k <= i % 3`, []any{stories, start}},
		{`INSERT INTO story_articles (story_id, article_id) SELECT (id - 10) / 3, id FROM articles WHERE id >= 10`, nil},
		{`INSERT INTO story_reads (user_id, story_id, seen, read_at)
			SELECT $1, id, 1 + id % 3 - (id % 20 = 0)::int, $2 FROM stories WHERE id % 10 = 0`, []any{u.ID, start}},
		{`VACUUM ANALYZE`, nil}, // as autovacuum leaves a settled store
	} {
		if _, err := db.pool.Exec(ctx, step.sql, step.args...); err != nil {
			b.Fatalf("%s: %v", step.sql, err)
		}
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
