package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// The articles' lead images (storyline.ImageStore) live in
// article_images (migration 0017), as in the SQLite store: one row per
// article; a kept image has err = '' and both renditions (the table's
// CHECK), a failed one err and neither.

// PendingImages returns up to limit canonical articles with an image URL
// and no image recorded for it, most recently stored first. A limit
// below 1 is EINVALID.
func (db *DB) PendingImages(ctx context.Context, limit int) ([]storyline.ImageTask, error) {
	if err := storeutil.CheckPositiveLimit("pending images", limit); err != nil {
		return nil, err
	}
	rows, err := db.pool.Query(ctx, `SELECT a.id, a.image_url FROM articles a
		WHERE a.copy_of IS NULL AND a.image_url <> ''
		AND NOT EXISTS (SELECT 1 FROM article_images i WHERE i.article_id = a.id AND i.source_url = a.image_url)
		ORDER BY a.created_at DESC, a.id DESC LIMIT $1`, limit)
	if err != nil {
		return nil, wrap(err, "pending images")
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (storyline.ImageTask, error) {
		var t storyline.ImageTask
		return t, row.Scan(&t.ArticleID, &t.URL)
	})
	return list, wrap(err, "pending images")
}

// SaveImage records img, kept or failed, replacing what was recorded for
// its article; see storeutil.ImageRow for what it requires.
func (db *DB) SaveImage(ctx context.Context, img *storyline.ArticleImage) error {
	row, err := storeutil.ImageRow(img, time.Now().UTC().Truncate(time.Microsecond))
	if err != nil {
		return err
	}
	_, err = db.pool.Exec(ctx, `INSERT INTO article_images (article_id, source_url, thumb_width, thumb_height,
		page_width, page_height, hash, fetched_at, err, thumb, page)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
		ON CONFLICT (article_id) DO UPDATE SET source_url = excluded.source_url,
		thumb_width = excluded.thumb_width, thumb_height = excluded.thumb_height,
		page_width = excluded.page_width, page_height = excluded.page_height,
		hash = excluded.hash, fetched_at = excluded.fetched_at, err = excluded.err,
		thumb = excluded.thumb, page = excluded.page`,
		row.ArticleID, row.SourceURL, row.ThumbWidth, row.ThumbHeight, row.PageWidth, row.PageHeight,
		row.Hash, row.FetchedAt.UTC(), row.Err, blob(row.Thumb), blob(row.Page))
	if isForeignKeyViolation(err) {
		return storeutil.ArticleNotFound(row.ArticleID)
	}
	return wrap(err, "save image of article %d", img.ArticleID)
}

// blob returns b as a nullable bytea: empty is NULL.
func blob(b []byte) []byte {
	if len(b) == 0 {
		return nil
	}
	return b
}

// Image returns one rendition of an article's kept image, ENOTFOUND when
// it has none (a copy's image is its canonical article's: see
// ArticleImages).
func (db *DB) Image(ctx context.Context, articleID int64, size storyline.ImageSize) (*storyline.ImageData, error) {
	if err := storeutil.CheckImageSize(size); err != nil {
		return nil, err
	}
	col := "thumb"
	if size == storyline.ImagePage {
		col = "page"
	}
	d := &storyline.ImageData{ArticleID: articleID, Size: size}
	err := db.pool.QueryRow(ctx, `SELECT hash, fetched_at, `+col+` FROM article_images
		WHERE article_id = $1 AND err = ''`, articleID).Scan(&d.Hash, &d.FetchedAt, &d.Data)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, storeutil.ImageNotFound(articleID)
	}
	if err != nil {
		return nil, wrap(err, "%s image of article %d", size, articleID)
	}
	d.FetchedAt = d.FetchedAt.UTC()
	return d, nil
}

// imageRefColumns selects an ImageRef from "article_images i"; refs reads
// them after the key.
const imageRefColumns = `i.article_id, i.hash, i.thumb_width, i.thumb_height, i.page_width, i.page_height`

// refs runs query, whose rows are a key followed by imageRefColumns, and
// returns the references by key.
func (db *DB) refs(ctx context.Context, query string, ids []int64) (map[int64]storyline.ImageRef, error) {
	out := make(map[int64]storyline.ImageRef)
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := db.pool.Query(ctx, query, ids)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var key int64
		var r storyline.ImageRef
		if err := rows.Scan(&key, &r.ArticleID, &r.Hash, &r.ThumbWidth, &r.ThumbHeight, &r.PageWidth, &r.PageHeight); err != nil {
			return nil, err
		}
		out[key] = r
	}
	return out, rows.Err()
}

// ArticleImages returns the kept images of articles ids, by article ID;
// a copy has its canonical article's.
func (db *DB) ArticleImages(ctx context.Context, ids []int64) (map[int64]storyline.ImageRef, error) {
	out, err := db.refs(ctx, `SELECT a.id, `+imageRefColumns+` FROM articles a
		JOIN article_images i ON i.article_id = coalesce(a.copy_of, a.id) AND i.err = ''
		WHERE a.id = ANY($1)`, ids)
	if err != nil {
		return nil, wrap(err, "images of %d articles", len(ids))
	}
	return out, nil
}

// StoryImages returns the kept image of each of stories ids (following
// merges), by the story ID asked: that of its canonical article with a
// kept image and the most copies, then the earliest published (undated
// last, as in the timeline), then the lowest ID.
func (db *DB) StoryImages(ctx context.Context, ids []int64) (map[int64]storyline.ImageRef, error) {
	out, err := db.refs(ctx, `SELECT DISTINCT ON (m.id) m.id, `+imageRefColumns+`
		FROM stories m
		JOIN story_articles sa ON sa.story_id = coalesce(m.merged_into, m.id)
		JOIN articles a ON a.id = sa.article_id AND a.copy_of IS NULL
		JOIN article_images i ON i.article_id = a.id AND i.err = ''
		WHERE m.id = ANY($1)
		ORDER BY m.id, (SELECT count(*) FROM articles c WHERE c.copy_of = a.id) DESC,
			a.published ASC NULLS LAST, a.id`, ids)
	if err != nil {
		return nil, wrap(err, "images of %d stories", len(ids))
	}
	return out, nil
}
