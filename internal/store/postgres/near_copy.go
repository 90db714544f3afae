package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// canonicalRow is what LinkNearCopy weighs of a canonical article.
type canonicalRow struct {
	id, words int64
	published *time.Time // nil when unknown
}

// candidate returns r as storeutil.PreferCanonical weighs it.
func (r canonicalRow) candidate() storeutil.CopyCandidate {
	c := storeutil.CopyCandidate{ID: r.id, Words: r.words}
	if r.published != nil {
		c.Published = *r.published
	}
	return c
}

// lockCanonicals returns the canonical articles of articles a and b
// (each itself, or the one it is a copy of), or ENOTFOUND. It locks the
// rows of a and b, then those of their canonical articles, each pair in
// the order of their IDs, until the transaction ends. Holding an
// article's lock, its copy_of cannot change: making its canonical article
// a copy of another one re-points the copies too, which needs that lock.
func lockCanonicals(ctx context.Context, tx pgx.Tx, a, b int64) (ra, rb canonicalRow, err error) {
	rows, err := tx.Query(ctx, `SELECT id, coalesce(copy_of, id) FROM articles
		WHERE id = ANY($1) ORDER BY id FOR NO KEY UPDATE`, []int64{a, b})
	if err != nil {
		return ra, rb, err
	}
	canon := map[int64]int64{}
	var id, c int64
	if _, err := pgx.ForEachRow(rows, []any{&id, &c}, func() error { canon[id] = c; return nil }); err != nil {
		return ra, rb, err
	}
	for _, x := range []int64{a, b} {
		if _, ok := canon[x]; !ok {
			return ra, rb, storyline.Errorf(storyline.ENOTFOUND, "article %d not found", x)
		}
	}
	rows, err = tx.Query(ctx, `SELECT id, word_count, published FROM articles
		WHERE id = ANY($1) ORDER BY id FOR NO KEY UPDATE`, []int64{canon[a], canon[b]})
	if err != nil {
		return ra, rb, err
	}
	found := map[int64]canonicalRow{}
	var r canonicalRow
	if _, err := pgx.ForEachRow(rows, []any{&r.id, &r.words, &r.published}, func() error { found[r.id] = r; return nil }); err != nil {
		return ra, rb, err
	}
	return found[canon[a]], found[canon[b]], nil
}

// LinkNearCopy makes the later published of articles a and b (with its
// own copies) a copy of the other (on ties the less complete, as
// storeutil.PreferCanonical decides), and returns the canonical one's ID;
// an unknown article is ENOTFOUND. Both articles and their canonical ones are locked
// (see lockCanonicals) while it decides, so concurrent links and saves
// take turns.
func (db *DB) LinkNearCopy(ctx context.Context, a, b int64) (int64, error) {
	var canonical int64
	err := db.retryDeadlocks(ctx, func(tx pgx.Tx) error {
		ra, rb, err := lockCanonicals(ctx, tx, a, b)
		if err != nil {
			return err
		}
		win, lose := ra, rb
		if storeutil.PreferCanonical(ra.candidate(), rb.candidate()) {
			win, lose = rb, ra
		}
		canonical = win.id
		if win.id == lose.id {
			return nil
		}
		now := time.Now().UTC()
		if _, err := tx.Exec(ctx, `UPDATE articles SET copy_of = $1, updated_at = $2 WHERE copy_of = $3`, win.id, now, lose.id); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE articles SET copy_of = $1, updated_at = $2 WHERE id = $3`, win.id, now, lose.id)
		return err
	})
	if err != nil {
		return 0, wrap(err, "link articles %d and %d as copies", a, b)
	}
	return canonical, nil
}

// Signatures calls fn with the near-duplicate signature of every
// canonical article published (or stored) at or after since, oldest
// first, as the rows arrive; an error from fn stops it and is returned.
func (db *DB) Signatures(ctx context.Context, since time.Time, fn func(articleID int64, sig []byte) error) error {
	rows, err := db.pool.Query(ctx, `SELECT x.article_id, x.signature FROM article_analysis x
		JOIN articles a ON a.id = x.article_id
		WHERE a.copy_of IS NULL AND x.signature IS NOT NULL AND coalesce(a.published, a.created_at) >= $1
		ORDER BY coalesce(a.published, a.created_at), a.id`, clampTime(since))
	if err != nil {
		return wrap(err, "signatures")
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var sig []byte
		if err := rows.Scan(&id, &sig); err != nil {
			return wrap(err, "signatures")
		}
		if err := fn(id, sig); err != nil {
			return err
		}
	}
	return wrap(rows.Err(), "signatures")
}
