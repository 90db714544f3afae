package sqlite

import (
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// BenchmarkAppItems measures what an app's sync asks of the store, with
// 100,000 stories of one to three articles (300,000 articles at most,
// one story a minute) from 50 feeds, a tenth of the stories (and their
// articles) read: the unread counts by feed and a page of 1,000 unread
// items, of articles ("articles/…") and of stories, one item per story
// ("stories/…"):
//
//	go test ./internal/store/sqlite -run '^$' -bench AppItems -count 5
func BenchmarkAppItems(b *testing.B) {
	const stories = 100000
	db := openBench(b)
	ctx := b.Context()
	u := &storyline.User{Name: "reader", Role: storyline.RoleMember}
	if err := db.AddUser(ctx, u); err != nil {
		b.Fatal(err)
	}
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	err := db.writeTx(ctx, func(t *txn) error {
		for _, q := range []string{
			`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50)
			INSERT INTO feeds (id, url, title, created_at) SELECT i, 'https://feed' || i || '.example/rss', 'Feed ' || i, ?2 FROM n`,
			`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
			INSERT INTO stories (id, title, first_seen, last_updated, dated) SELECT i, 'Story', ?2 + i * 60000000000, ?2 + i * 60000000000, 1 FROM n`,
			`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1), k(k) AS (VALUES (0), (1), (2))
			INSERT INTO articles (id, content_hash, feed_id, created_at, updated_at)
			SELECT 10 + 3 * i + k, 'h' || (10 + 3 * i + k), 1 + (i + k) % 50, ?2 + i * 60000000000, ?2 FROM n, k WHERE k <= i % 3`,
			`INSERT INTO story_articles (story_id, article_id) SELECT (id - 10) / 3, id FROM articles WHERE id >= 10`,
			`INSERT INTO story_reads (user_id, story_id, seen, read_at) SELECT ?3, id, 1 + id % 3, ?2 FROM stories WHERE id % 10 = 0`,
			`INSERT INTO article_reads (user_id, article_id, read_at)
			SELECT ?3, sa.article_id, ?2 FROM story_articles sa WHERE sa.story_id % 10 = 0`,
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
	// A story's lead feed is its first article's, 1 + id%50: the stories
	// of five feeds are all read.
	for _, mode := range []struct {
		name    string
		stories bool
		feeds   int
	}{{"articles", false, 50}, {"stories", true, 45}} {
		b.Run(mode.name+"/unread-count", func(b *testing.B) {
			for b.Loop() {
				list, err := db.UnreadByFeed(ctx, storyline.ItemQuery{UserID: u.ID, Stories: mode.stories})
				if err != nil || len(list) != mode.feeds {
					b.Fatalf("UnreadByFeed = %d feeds, %v", len(list), err)
				}
			}
		})
		b.Run(mode.name+"/unread-page", func(b *testing.B) {
			for b.Loop() {
				refs, err := db.ItemRefs(ctx, storyline.ItemQuery{UserID: u.ID, Stories: mode.stories, Unread: true, Limit: 1000})
				if err != nil || len(refs) != 1000 {
					b.Fatalf("ItemRefs = %d, %v", len(refs), err)
				}
			}
		})
	}
}
