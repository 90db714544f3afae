package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// pruneCandidates selects canonical articles stored before ?1 that
// retention may delete: none of their copies stored since, no comments on
// them or their copies, none on a story they belong to (or on a story
// merged into it), none of them or their copies saved by a user, nor a
// story they belong to (saves follow merges to the live story). Oldest
// first, at most ?2.
const pruneCandidates = `SELECT a.id FROM articles a
	WHERE a.created_at < ?1 AND a.copy_of IS NULL
	AND NOT EXISTS (SELECT 1 FROM comments m WHERE m.article_id = a.id)
	AND NOT EXISTS (SELECT 1 FROM saved_items v WHERE v.kind = 'article' AND v.item_id = a.id)
	AND NOT EXISTS (SELECT 1 FROM articles c WHERE c.copy_of = a.id
		AND (c.created_at >= ?1 OR EXISTS (SELECT 1 FROM comments m WHERE m.article_id = c.id)
			OR EXISTS (SELECT 1 FROM saved_items v WHERE v.kind = 'article' AND v.item_id = c.id)))
	AND NOT EXISTS (SELECT 1 FROM story_articles sa JOIN stories s ON s.id = sa.story_id OR s.merged_into = sa.story_id
		JOIN comments m ON m.story_id = s.id WHERE sa.article_id = a.id)
	AND NOT EXISTS (SELECT 1 FROM story_articles sa JOIN saved_items v ON v.kind = 'story' AND v.item_id = sa.story_id
		WHERE sa.article_id = a.id)
	ORDER BY a.created_at, a.id LIMIT ?2`

// Prune deletes up to limit canonical articles stored before cut, with
// their copies, and the stories they leave empty (see
// storyline.RetentionStore), in one transaction.
func (db *DB) Prune(ctx context.Context, cut time.Time, limit int) (storyline.Pruned, error) {
	var p storyline.Pruned
	if err := storeutil.CheckPruneLimit(limit); err != nil {
		return p, err
	}
	err := db.writeTx(ctx, func(t *txn) error {
		ids, err := pruneIDs(t, cut, limit+1)
		if err != nil || len(ids) == 0 {
			return err
		}
		if p.More = len(ids) > limit; p.More {
			ids = ids[:limit]
		}
		list, err := json.Marshal(ids)
		if err != nil {
			return err
		}
		stories, err := int64s(t, `SELECT DISTINCT story_id FROM story_articles
			WHERE article_id IN (SELECT value FROM json_each(?))`, string(list))
		if err != nil {
			return err
		}
		res, err := t.exec(`DELETE FROM articles WHERE copy_of IN (SELECT value FROM json_each(?))`, string(list))
		if err != nil {
			return err
		}
		copies, _ := res.RowsAffected()
		if _, err := t.exec(`DELETE FROM articles WHERE id IN (SELECT value FROM json_each(?))`, string(list)); err != nil {
			return err
		}
		p.Articles = len(ids) + int(copies)
		p.StoryIDs, p.IndexVersion, err = dropEmptyStories(t, stories)
		p.Stories = len(p.StoryIDs)
		return err
	})
	if err != nil {
		return storyline.Pruned{}, wrap(err, "prune articles stored before %s", cut.UTC().Format(time.RFC3339))
	}
	return p, nil
}

// pruneIDs returns up to limit candidates for Prune.
func pruneIDs(t *txn, cut time.Time, limit int) ([]int64, error) {
	return int64s(t, pruneCandidates, cut.UnixNano(), limit)
}

// int64s returns the one integer column of a query's rows.
func int64s(t *txn, query string, args ...any) ([]int64, error) {
	rows, err := t.query(query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// dropEmptyStories deletes those of stories that have no article left,
// with the stories merged into them, and takes their centroids out of the
// story index. It returns the live stories it deleted and the index's
// version after, or 0 when the index was not changed.
func dropEmptyStories(t *txn, stories []int64) ([]int64, int64, error) {
	if len(stories) == 0 {
		return nil, 0, nil
	}
	list, err := json.Marshal(stories)
	if err != nil {
		return nil, 0, err
	}
	empty, err := int64s(t, `SELECT id FROM stories s WHERE id IN (SELECT value FROM json_each(?))
		AND NOT EXISTS (SELECT 1 FROM story_articles sa WHERE sa.story_id = s.id)`, string(list))
	if err != nil || len(empty) == 0 {
		return nil, 0, err
	}
	if list, err = json.Marshal(empty); err != nil {
		return nil, 0, err
	}
	var indexed int64
	if err := t.queryRow(`SELECT count(*) FROM story_centroids WHERE story_id IN (SELECT value FROM json_each(?))`,
		string(list)).Scan(&indexed); err != nil {
		return nil, 0, err
	}
	for _, q := range []string{
		`DELETE FROM stories WHERE merged_into IN (SELECT value FROM json_each(?))`,
		`DELETE FROM stories WHERE id IN (SELECT value FROM json_each(?))`,
	} {
		if _, err := t.exec(q, string(list)); err != nil {
			return nil, 0, err
		}
	}
	if indexed == 0 {
		return empty, 0, nil
	}
	version, err := bumpIndex(t, -indexed)
	return empty, version, err
}

// Reclaim gives free pages back to the file system, in the database and
// in its search index (whose pages the deleted articles free as the
// indexer catches up, so some of them at the next call): an incremental
// vacuum when the file was made with auto_vacuum = INCREMENTAL; in an
// older file whose free pages are more than a quarter of it, one full
// VACUUM that switches it to incremental, so that later calls are cheap.
func (db *DB) Reclaim(ctx context.Context) error {
	if db.writer == nil {
		return fmt.Errorf("%s: reclaim free space: %w", db.path, ErrReadOnly)
	}
	if err := reclaim(ctx, db.writer); err != nil {
		return wrap(err, "reclaim free space")
	}
	if db.index != nil && db.index.w != nil {
		if err := reclaim(ctx, db.index.w); err != nil {
			return wrap(err, "reclaim free space in the search index")
		}
	}
	return nil
}

// reclaim gives the free pages of w's database back (see Reclaim).
func reclaim(ctx context.Context, w *writer) error {
	return w.do(ctx, func(t *txn) error {
		var mode, pages, free int64
		for _, q := range []struct {
			sql string
			v   *int64
		}{{"PRAGMA main.auto_vacuum", &mode}, {"PRAGMA main.page_count", &pages}, {"PRAGMA main.freelist_count", &free}} {
			if err := t.queryRow(q.sql).Scan(q.v); err != nil {
				return err
			}
		}
		switch {
		case mode == autoVacuumIncremental:
			_, err := t.exec("PRAGMA main.incremental_vacuum")
			return err
		case free*4 > pages:
			if _, err := t.exec("PRAGMA main.auto_vacuum = INCREMENTAL"); err != nil {
				return err
			}
			_, err := t.exec("VACUUM main")
			return err
		}
		return nil
	})
}

// autoVacuumIncremental is PRAGMA auto_vacuum's value for INCREMENTAL.
const autoVacuumIncremental = 2
