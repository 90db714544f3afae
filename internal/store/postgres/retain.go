package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// retentionLock is the advisory lock key that lets one process at a time
// prune: every process runs the retention job, and those that find it
// taken leave the work to the one that holds it.
const retentionLock = 0x72657461696e5f6a // "retain_j"

// pruneCandidates selects canonical articles stored before $1 that
// retention may delete (see the SQLite store's query of the same name):
// neither commented nor saved, nor their copies, nor their story.
const pruneCandidates = `SELECT a.id FROM articles a
	WHERE a.created_at < $1 AND a.copy_of IS NULL
	AND NOT EXISTS (SELECT 1 FROM comments m WHERE m.article_id = a.id)
	AND NOT EXISTS (SELECT 1 FROM saved_items v WHERE v.kind = 'article' AND v.item_id = a.id)
	AND NOT EXISTS (SELECT 1 FROM articles c WHERE c.copy_of = a.id
		AND (c.created_at >= $1 OR EXISTS (SELECT 1 FROM comments m WHERE m.article_id = c.id)
			OR EXISTS (SELECT 1 FROM saved_items v WHERE v.kind = 'article' AND v.item_id = c.id)))
	AND NOT EXISTS (SELECT 1 FROM story_articles sa JOIN stories s ON s.id = sa.story_id OR s.merged_into = sa.story_id
		JOIN comments m ON m.story_id = s.id WHERE sa.article_id = a.id)
	AND NOT EXISTS (SELECT 1 FROM story_articles sa JOIN saved_items v ON v.kind = 'story' AND v.item_id = sa.story_id
		WHERE sa.article_id = a.id)
	ORDER BY a.created_at, a.id LIMIT $2`

// Prune deletes up to limit canonical articles stored before cut, with
// their copies, and the stories they leave empty (see
// storyline.RetentionStore), in one transaction. While another process
// prunes, it does nothing and reports nothing deleted.
func (db *DB) Prune(ctx context.Context, cut time.Time, limit int) (storyline.Pruned, error) {
	var p storyline.Pruned
	if err := storeutil.CheckPruneLimit(limit); err != nil {
		return p, err
	}
	err := db.tx(ctx, func(tx pgx.Tx) error {
		var mine bool
		if err := tx.QueryRow(ctx, `SELECT pg_try_advisory_xact_lock($1)`, int64(retentionLock)).Scan(&mine); err != nil || !mine {
			return err
		}
		ids, err := collectIDs(ctx, tx, pruneCandidates, cut, limit+1)
		if err != nil || len(ids) == 0 {
			return err
		}
		if p.More = len(ids) > limit; p.More {
			ids = ids[:limit]
		}
		stories, err := collectIDs(ctx, tx, `SELECT DISTINCT story_id FROM story_articles WHERE article_id = ANY($1)`, ids)
		if err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, `DELETE FROM articles WHERE copy_of = ANY($1)`, ids)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM articles WHERE id = ANY($1)`, ids); err != nil {
			return err
		}
		p.Articles = len(ids) + int(tag.RowsAffected())
		p.StoryIDs, p.IndexVersion, err = dropEmptyStories(ctx, tx, stories)
		p.Stories = len(p.StoryIDs)
		return err
	})
	if err != nil {
		return storyline.Pruned{}, wrap(err, "prune articles stored before %s", cut.UTC().Format(time.RFC3339))
	}
	return p, nil
}

// collectIDs returns the one bigint column of a query's rows.
func collectIDs(ctx context.Context, tx pgx.Tx, query string, args ...any) ([]int64, error) {
	rows, err := tx.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[int64])
}

// dropEmptyStories deletes those of stories that have no article left,
// with the stories merged into them, and takes their centroids out of the
// story index. It returns the live stories it deleted and the index's
// version after, or 0 when the index was not changed. The stories are
// locked first, so that an article another process assigns to one of
// them meanwhile is seen and the story kept.
func dropEmptyStories(ctx context.Context, tx pgx.Tx, stories []int64) ([]int64, int64, error) {
	if len(stories) == 0 {
		return nil, 0, nil
	}
	if _, err := tx.Exec(ctx, `SELECT id FROM stories WHERE id = ANY($1) ORDER BY id FOR UPDATE`, stories); err != nil {
		return nil, 0, err
	}
	empty, err := collectIDs(ctx, tx, `SELECT id FROM stories s WHERE id = ANY($1)
		AND NOT EXISTS (SELECT 1 FROM story_articles sa WHERE sa.story_id = s.id)`, stories)
	if err != nil || len(empty) == 0 {
		return nil, 0, err
	}
	var indexed int64
	if err := tx.QueryRow(ctx, `SELECT count(*) FROM story_centroids WHERE story_id = ANY($1)`, empty).Scan(&indexed); err != nil {
		return nil, 0, err
	}
	for _, q := range []string{
		`DELETE FROM stories WHERE merged_into = ANY($1)`,
		`DELETE FROM stories WHERE id = ANY($1)`,
	} {
		if _, err := tx.Exec(ctx, q, empty); err != nil {
			return nil, 0, err
		}
	}
	if indexed == 0 {
		return empty, 0, nil
	}
	var version int64
	err = tx.QueryRow(ctx, `UPDATE story_index_count SET stories = stories - $1, version = version + 1
		RETURNING version`, indexed).Scan(&version)
	return empty, version, err
}

// Reclaim does nothing: PostgreSQL's autovacuum makes the space of
// deleted rows reusable, and the rows new articles bring fill it.
func (db *DB) Reclaim(context.Context) error { return nil }
