package postgres

import (
	"context"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// SaveArticle stores a in one transaction, by canonical URL:
//
//   - A known URL is left alone when nothing changed (Unchanged) and
//     updated in place otherwise (Updated), keeping its ID and CreatedAt.
//   - Otherwise, when a canonical article with the same ContentHash exists,
//     a is stored as a copy linked to it, without its HTML and Text, and is
//     not searchable (Copied) — unless a was published before it: then a
//     is stored as the canonical article and the other, with its copies,
//     becomes a copy of a (Added, with Replaced). An article without a URL
//     whose text is already stored is Unchanged.
//   - Otherwise a is stored as a new canonical article (Added).
//
// a.ContentHash must be set, and a.Title or a.Text; an a.FeedID of 0 on a
// known URL keeps the feed it arrived through. With a.FeedID and
// a.EntryGUID set, the feed entry is recorded (with a.ContentFrom) in the
// same transaction, unless it already was. The source is found by name,
// ignoring case, or created. a itself is not modified.
//
// Concurrent saves (from any number of processes) are settled by the
// unique indexes on the URL, the canonical articles' content hash and the
// sources' folded name, in read-committed transactions: a save that finds
// its row taken by another transaction that committed meanwhile (an insert
// that does nothing ON CONFLICT, a unique violation, a deadlock) runs
// again from the start, and then finds that row, as if it had come second.
func (db *DB) SaveArticle(ctx context.Context, a *storyline.Article) (storyline.SaveResult, error) {
	if err := validateArticle(a); err != nil {
		return storyline.SaveResult{}, err
	}
	var res storyline.SaveResult
	err := db.retryRaces(ctx, func(tx pgx.Tx) error {
		var err error
		res, err = saveArticle(ctx, tx, a)
		if err != nil || a.FeedID == 0 || a.EntryGUID == "" {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO feed_entries (feed_id, guid, article_id, content_from, created_at)
			VALUES ($1, $2, $3, $4, now()) ON CONFLICT (feed_id, guid) DO NOTHING`,
			a.FeedID, a.EntryGUID, res.ID, string(a.ContentFrom))
		return err
	})
	if err != nil {
		return storyline.SaveResult{}, wrap(err, "save article %q", a.URL)
	}
	return res, nil
}

// validateArticle checks what SaveArticle requires of an article
// (storeutil.ValidateArticle), and that PostgreSQL can store its text.
func validateArticle(a *storyline.Article) error {
	if err := storeutil.ValidateArticle(a); err != nil {
		return err
	}
	if !storable(a.URL, a.Source, a.Title, a.Byline, a.SiteName, a.Language, a.ImageURL,
		a.HTML, a.Text, a.ContentHash, a.EntryGUID, string(a.ContentFrom)) {
		return storyline.Errorf(storyline.EINVALID, "article %q: text with a NUL character or not UTF-8", a.URL)
	}
	return nil
}

// storable reports whether PostgreSQL can store every string in a text
// column: valid UTF-8 without NUL characters.
func storable(ss ...string) bool {
	for _, s := range ss {
		if strings.IndexByte(s, 0) >= 0 || !utf8.ValidString(s) {
			return false
		}
	}
	return true
}

// errRaced reports that a concurrent transaction stored the row a save
// was about to insert; the save runs again.
var errRaced = errors.New("postgres: concurrent save of the same article")

// maxSaveAttempts bounds the runs of a save that keeps losing races.
const maxSaveAttempts = 5

// retryRaces runs fn in a read-committed transaction (db.tx) and runs it
// again, up to maxSaveAttempts times in all, while it fails because of a
// concurrent transaction: errRaced, a unique violation, a deadlock or a
// serialization failure.
func (db *DB) retryRaces(ctx context.Context, fn func(tx pgx.Tx) error) error {
	return db.retry(ctx, fn, raced)
}

// retry runs fn in a transaction (db.tx), and again, up to
// maxSaveAttempts times in all, while its error is one again says a new
// attempt resolves and ctx is not done.
func (db *DB) retry(ctx context.Context, fn func(tx pgx.Tx) error, again func(error) bool) error {
	var err error
	for range maxSaveAttempts {
		err = db.tx(ctx, fn)
		if !again(err) || ctx.Err() != nil {
			return err
		}
	}
	return err
}

// retryDeadlocks runs fn in a transaction (db.tx) and runs it again, up to
// maxSaveAttempts times in all, while PostgreSQL aborts it to break a
// deadlock or a serialization failure with a concurrent transaction: writers
// that lock stories or articles in different orders (merges, near copies,
// analyses of one event by several workers) then take turns instead of
// failing.
func (db *DB) retryDeadlocks(ctx context.Context, fn func(tx pgx.Tx) error) error {
	return db.retry(ctx, fn, deadlocked)
}

// deadlocked reports whether err is PostgreSQL breaking a deadlock or a
// serialization failure.
func deadlocked(err error) bool {
	var e *pgconn.PgError
	return errors.As(err, &e) && (e.Code == "40P01" || e.Code == "40001")
}

// raced reports whether err is a conflict with a concurrent transaction
// that a new attempt resolves.
func raced(err error) bool {
	var e *pgconn.PgError
	if errors.As(err, &e) {
		switch e.Code {
		case "23505", "40P01", "40001": // unique_violation, deadlock_detected, serialization_failure
			return true
		}
	}
	return errors.Is(err, errRaced)
}

// storedArticle is the stored row SaveArticle compares an article with.
type storedArticle struct {
	id                                   int64
	sourceID                             *int64
	title, byline, siteName, lang, image string
	published                            *time.Time
	html, text                           string
	wordCount                            int
	hash                                 string
	copyOf, feedID                       *int64
	truncated                            bool
}

// saveArticle does SaveArticle's work inside tx.
func saveArticle(ctx context.Context, tx pgx.Tx, a *storyline.Article) (storyline.SaveResult, error) {
	if a.FeedID != 0 {
		if err := checkFeed(ctx, tx, a.FeedID); err != nil {
			return storyline.SaveResult{}, err
		}
	}
	if a.URL != "" {
		old, err := lockArticleByURL(ctx, tx, a.URL)
		if err != nil {
			return storyline.SaveResult{}, err
		}
		if old != nil {
			return updateArticle(ctx, tx, old, a)
		}
	}
	canonical, published, err := canonicalByHash(ctx, tx, a.ContentHash)
	if err != nil {
		return storyline.SaveResult{}, err
	}
	if canonical != 0 && a.URL == "" {
		return storyline.SaveResult{ID: canonical, Outcome: storyline.Unchanged}, nil
	}
	sourceID, err := ensureSource(ctx, tx, a.Source, a.URL)
	if err != nil {
		return storyline.SaveResult{}, err
	}
	id, err := insertArticle(ctx, tx, a, sourceID, canonical)
	if err != nil {
		return storyline.SaveResult{}, err
	}
	switch {
	case canonical == 0:
		return storyline.SaveResult{ID: id, Outcome: storyline.Added}, nil
	case published != nil && storeutil.PublishedBefore(a.Published, *published):
		if err := replaceCanonical(ctx, tx, id, canonical, a); err != nil {
			return storyline.SaveResult{}, err
		}
		return storyline.SaveResult{ID: id, Outcome: storyline.Added, Replaced: canonical}, nil
	}
	return storyline.SaveResult{ID: id, Outcome: storyline.Copied, CopyOf: canonical}, nil
}

// replaceCanonical makes copy id, just inserted, the canonical article in
// place of old, with a's HTML and text: old and its other copies become
// copies of id, without their HTML and text (id is analysed as a new
// article, as the SQLite store's replaceCanonical says). Old stops being
// canonical before id becomes so, so that the unique index on the
// canonical articles' content hash holds after each statement.
func replaceCanonical(ctx context.Context, tx pgx.Tx, id, old int64, a *storyline.Article) error {
	if _, err := tx.Exec(ctx, `UPDATE articles SET copy_of = $1, updated_at = now() WHERE copy_of = $2 AND id <> $1`, id, old); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `UPDATE articles SET copy_of = $1, html = '', text = '', updated_at = now() WHERE id = $2`, id, old); err != nil {
		return err
	}
	srch := newArticleSearch(a.Language, a.Title, a.Text)
	if err := noteLanguage(ctx, tx, srch.lang); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, `UPDATE articles SET copy_of = NULL, html = $2, text = $3, updated_at = now(),
		search = $4::tsvector, search_version = $5, search_language = $6 WHERE id = $1`,
		id, a.HTML, a.Text, srch.vector, searchVersion, srch.lang)
	return err
}

// checkFeed returns an EINVALID error unless the feed exists. The row is
// locked FOR KEY SHARE, so that the feed cannot be deleted before the
// transaction ends.
func checkFeed(ctx context.Context, tx pgx.Tx, id int64) error {
	var one int
	err := tx.QueryRow(ctx, `SELECT 1 FROM feeds WHERE id = $1 FOR KEY SHARE`, id).Scan(&one)
	if errors.Is(err, pgx.ErrNoRows) {
		return storyline.Errorf(storyline.EINVALID, "feed %d does not exist", id)
	}
	return err
}

// lockArticleByURL returns the row stored under url, locked FOR UPDATE so
// that concurrent saves of one URL take turns, or nil.
func lockArticleByURL(ctx context.Context, tx pgx.Tx, url string) (*storedArticle, error) {
	var o storedArticle
	err := tx.QueryRow(ctx, `SELECT id, source_id, title, byline, site_name,
		language, image_url, published, html, text, word_count, content_hash,
		copy_of, feed_id, truncated FROM articles WHERE url = $1 FOR UPDATE`, url).Scan(
		&o.id, &o.sourceID, &o.title, &o.byline, &o.siteName,
		&o.lang, &o.image, &o.published, &o.html, &o.text, &o.wordCount, &o.hash,
		&o.copyOf, &o.feedID, &o.truncated)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &o, nil
}

// canonicalByHash returns the ID and publication time (nil when unknown)
// of the canonical article with the content hash, or 0. The row is locked
// FOR SHARE: its text cannot change (and pass to a copy) while a copy of
// it is being linked; when it just did, the row no longer matches and 0 is
// returned, and the insert that follows clashes with the new canonical
// article and is retried.
func canonicalByHash(ctx context.Context, tx pgx.Tx, hash string) (int64, *time.Time, error) {
	var id int64
	var published *time.Time
	err := tx.QueryRow(ctx, `SELECT id, published FROM articles WHERE content_hash = $1 AND copy_of IS NULL
		FOR SHARE`, hash).Scan(&id, &published)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, nil, nil
	}
	return id, published, err
}

// insertArticle inserts a new row: a canonical article when copyOf is 0,
// otherwise a copy without HTML and text. When a concurrent transaction
// stored the same URL, or the same text as a canonical article, first, it
// inserts nothing and returns errRaced.
func insertArticle(ctx context.Context, tx pgx.Tx, a *storyline.Article, sourceID *int64, copyOf int64) (int64, error) {
	html, text := a.HTML, a.Text
	if copyOf != 0 {
		html, text = "", ""
	}
	var url *string
	if a.URL != "" {
		url = &a.URL
	}
	srch := newArticleSearch(a.Language, a.Title, text)
	if copyOf == 0 {
		if err := noteLanguage(ctx, tx, srch.lang); err != nil {
			return 0, err
		}
	}
	var id int64
	err := tx.QueryRow(ctx, `INSERT INTO articles (url, source_id, title, byline,
		site_name, language, image_url, published, html, text, word_count, content_hash,
		copy_of, feed_id, created_at, updated_at, truncated, search, search_version, search_language)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, now(), now(), $15, $16::tsvector, $17, $18)
		ON CONFLICT DO NOTHING RETURNING id`,
		url, sourceID, a.Title, a.Byline,
		a.SiteName, a.Language, a.ImageURL, nullTime(a.Published), html, text, a.WordCount, a.ContentHash,
		nullID(copyOf), nullID(a.FeedID), a.Truncated, srch.vector, searchVersion, srch.lang).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, errRaced
	}
	return id, err
}
