package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// The articles' lead images (storyline.ImageStore) live in
// article_images (migration 0018), one row per article; a kept image has
// err = '' and both renditions (the table's CHECK), a failed one err and
// neither. Lists of IDs go to SQLite as one JSON array (json_each), so
// that a call of any length is one fixed statement.

// PendingImages returns up to limit canonical articles with an image URL
// and no image recorded for it, most recently stored first. A limit
// below 1 is EINVALID.
func (db *DB) PendingImages(ctx context.Context, limit int) ([]storyline.ImageTask, error) {
	if err := storeutil.CheckPositiveLimit("pending images", limit); err != nil {
		return nil, err
	}
	list, err := queryAll(ctx, db, func(row scanner) (storyline.ImageTask, error) {
		var t storyline.ImageTask
		return t, row.Scan(&t.ArticleID, &t.URL)
	}, `SELECT a.id, a.image_url FROM articles a
		WHERE a.copy_of IS NULL AND a.image_url != ''
		AND NOT EXISTS (SELECT 1 FROM article_images i WHERE i.article_id = a.id AND i.source_url = a.image_url)
		ORDER BY a.created_at DESC, a.id DESC LIMIT ?`, limit)
	return list, wrap(err, "pending images")
}

// SaveImage records img, kept or failed, replacing what was recorded for
// its article; see storeutil.ImageRow for what it requires.
func (db *DB) SaveImage(ctx context.Context, img *storyline.ArticleImage) error {
	row, err := storeutil.ImageRow(img, db.opts.Now())
	if err != nil {
		return err
	}
	err = db.writeTx(ctx, func(t *txn) error {
		var one int
		err := t.queryRow(`SELECT 1 FROM articles WHERE id = ?`, row.ArticleID).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return storeutil.ArticleNotFound(row.ArticleID)
		}
		if err != nil {
			return err
		}
		_, err = t.exec(`INSERT INTO article_images (article_id, source_url, thumb_width, thumb_height,
			page_width, page_height, hash, fetched_at, err, thumb, page)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (article_id) DO UPDATE SET source_url = excluded.source_url,
			thumb_width = excluded.thumb_width, thumb_height = excluded.thumb_height,
			page_width = excluded.page_width, page_height = excluded.page_height,
			hash = excluded.hash, fetched_at = excluded.fetched_at, err = excluded.err,
			thumb = excluded.thumb, page = excluded.page`,
			row.ArticleID, row.SourceURL, row.ThumbWidth, row.ThumbHeight, row.PageWidth, row.PageHeight,
			row.Hash, row.FetchedAt.UnixNano(), row.Err, blob(row.Thumb), blob(row.Page))
		return err
	})
	return wrap(err, "save image of article %d", img.ArticleID)
}

// blob returns b as a nullable BLOB: empty is NULL.
func blob(b []byte) any {
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
	var at int64
	err := db.queryRow(ctx, `SELECT hash, fetched_at, `+col+` FROM article_images
		WHERE article_id = ? AND err = ''`, articleID).Scan(&d.Hash, &at, &d.Data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, storeutil.ImageNotFound(articleID)
	}
	if err != nil {
		return nil, wrap(err, "%s image of article %d", size, articleID)
	}
	d.FetchedAt = timeOf(sql.NullInt64{Int64: at, Valid: true})
	return d, nil
}

// imageRefColumns selects an ImageRef from "article_images i"; scanRef
// reads them after the key.
const imageRefColumns = `i.article_id, i.hash, i.thumb_width, i.thumb_height, i.page_width, i.page_height`

// scanRef reads a key followed by imageRefColumns.
func scanRef(row scanner) (keyedRef, error) {
	var k keyedRef
	return k, row.Scan(&k.key, &k.ref.ArticleID, &k.ref.Hash, &k.ref.ThumbWidth, &k.ref.ThumbHeight,
		&k.ref.PageWidth, &k.ref.PageHeight)
}

// keyedRef is an image reference under the ID it was asked for.
type keyedRef struct {
	key int64
	ref storyline.ImageRef
}

// refMap returns refs by key.
func refMap(refs []keyedRef) map[int64]storyline.ImageRef {
	out := make(map[int64]storyline.ImageRef, len(refs))
	for _, r := range refs {
		out[r.key] = r.ref
	}
	return out
}

// ArticleImages returns the kept images of articles ids, by article ID;
// a copy has its canonical article's.
func (db *DB) ArticleImages(ctx context.Context, ids []int64) (map[int64]storyline.ImageRef, error) {
	if len(ids) == 0 {
		return map[int64]storyline.ImageRef{}, nil
	}
	refs, err := queryAll(ctx, db, scanRef, `SELECT a.id, `+imageRefColumns+` FROM articles a
		JOIN article_images i ON i.article_id = coalesce(a.copy_of, a.id) AND i.err = ''
		WHERE a.id IN (SELECT value FROM json_each(?))`, jsonIDs(ids))
	if err != nil {
		return nil, wrap(err, "images of %d articles", len(ids))
	}
	return refMap(refs), nil
}

// StoryImages returns the kept image of each of stories ids (following
// merges), by the story ID asked: that of its canonical article with a
// kept image and the most copies, then the earliest published (undated
// last, as in the timeline), then the lowest ID.
func (db *DB) StoryImages(ctx context.Context, ids []int64) (map[int64]storyline.ImageRef, error) {
	if len(ids) == 0 {
		return map[int64]storyline.ImageRef{}, nil
	}
	refs, err := queryAll(ctx, db, scanRef, `SELECT asked, `+imageRefColumns+` FROM (
		SELECT m.id AS asked, a.id AS article, row_number() OVER (PARTITION BY m.id ORDER BY
			(SELECT count(*) FROM articles c WHERE c.copy_of = a.id) DESC,
			a.published IS NULL, a.published, a.id) AS rank
		FROM stories m
		JOIN story_articles sa ON sa.story_id = coalesce(m.merged_into, m.id)
		JOIN articles a ON a.id = sa.article_id AND a.copy_of IS NULL
		JOIN article_images k ON k.article_id = a.id AND k.err = ''
		WHERE m.id IN (SELECT value FROM json_each(?))) best
		JOIN article_images i ON i.article_id = best.article
		WHERE best.rank = 1`, jsonIDs(ids))
	if err != nil {
		return nil, wrap(err, "images of %d stories", len(ids))
	}
	return refMap(refs), nil
}
