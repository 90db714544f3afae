package sqlite

import (
	"context"
	"database/sql"
	"errors"

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
// case-insensitively, or created. a itself is not modified.
func (db *DB) SaveArticle(ctx context.Context, a *storyline.Article) (storyline.SaveResult, error) {
	if err := storeutil.ValidateArticle(a); err != nil {
		return storyline.SaveResult{}, err
	}
	var res storyline.SaveResult
	err := db.writeTx(ctx, func(t *txn) error {
		var err error
		now := db.opts.Now().UnixNano()
		res, err = saveArticle(t, a, now)
		if err != nil || a.FeedID == 0 || a.EntryGUID == "" {
			return err
		}
		return insertEntry(t, a.FeedID, a.EntryGUID, res.ID, a.ContentFrom, now)
	})
	if err != nil {
		return storyline.SaveResult{}, wrap(err, "save article %q", a.URL)
	}
	if res.Outcome == storyline.Added || res.Outcome == storyline.Updated {
		db.index.signal()
	}
	return res, nil
}

// The write path's statements; writeQueries lists them for preparing.
const (
	sqlFeedExists = `SELECT 1 FROM feeds WHERE id = ?`

	sqlArticleByURL = `SELECT id, source_id, title, byline, site_name,
		language, image_url, published, html, text, word_count, content_hash,
		copy_of, feed_id, truncated FROM articles WHERE url = ?`

	sqlCanonicalByHash = `SELECT id, published FROM articles WHERE content_hash = ? AND copy_of IS NULL`

	sqlInsertArticle = `INSERT INTO articles (url, source_id, title, byline,
		site_name, language, image_url, published, html, text, word_count, content_hash,
		copy_of, feed_id, created_at, updated_at, truncated)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

	sqlUpdateArticle = `UPDATE articles SET source_id = ?, title = ?, byline = ?,
		site_name = ?, language = ?, image_url = ?, published = ?, html = ?, text = ?,
		word_count = ?, content_hash = ?, copy_of = ?, feed_id = ?, updated_at = ?,
		truncated = ? WHERE id = ?`

	sqlSourceByName = `SELECT id FROM sources WHERE name = ?`

	sqlInsertSource = `INSERT INTO sources (name, domain) VALUES (?, ?)`

	sqlInsertEntry = `INSERT INTO feed_entries (feed_id, guid, article_id, content_from, created_at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (feed_id, guid) DO NOTHING`
)

// writeQueries are the statements Open prepares on the writer connection.
var writeQueries = []string{
	sqlFeedExists, sqlArticleByURL, sqlCanonicalByHash, sqlInsertArticle,
	sqlUpdateArticle, sqlSourceByName, sqlInsertSource, sqlInsertEntry,
}

// storedArticle is the stored row SaveArticle compares an article with.
type storedArticle struct {
	id                                   int64
	sourceID                             sql.NullInt64
	title, byline, siteName, lang, image string
	published                            sql.NullInt64
	html, text                           string
	wordCount                            int
	hash                                 string
	copyOf, feedID                       sql.NullInt64
	truncated                            bool
}

// saveArticle does SaveArticle's work inside t; now is the time stamp for
// rows it writes.
func saveArticle(t *txn, a *storyline.Article, now int64) (storyline.SaveResult, error) {
	if a.FeedID != 0 {
		if err := checkFeed(t, a.FeedID); err != nil {
			return storyline.SaveResult{}, err
		}
	}
	if a.URL != "" {
		old, err := articleByURL(t, a.URL)
		if err != nil {
			return storyline.SaveResult{}, err
		}
		if old != nil {
			return updateArticle(t, old, a, now)
		}
	}
	canonical, published, err := canonicalByHash(t, a.ContentHash)
	if err != nil {
		return storyline.SaveResult{}, err
	}
	if canonical != 0 && a.URL == "" {
		return storyline.SaveResult{ID: canonical, Outcome: storyline.Unchanged}, nil
	}
	sourceID, err := ensureSource(t, a.Source, a.URL)
	if err != nil {
		return storyline.SaveResult{}, err
	}
	id, err := insertArticle(t, a, sourceID, canonical, now)
	if err != nil {
		return storyline.SaveResult{}, err
	}
	switch {
	case canonical == 0:
		return storyline.SaveResult{ID: id, Outcome: storyline.Added}, nil
	case storeutil.PublishedBefore(a.Published, timeOf(published)):
		if err := replaceCanonical(t, id, canonical, a, now); err != nil {
			return storyline.SaveResult{}, err
		}
		return storyline.SaveResult{ID: id, Outcome: storyline.Added, Replaced: canonical}, nil
	}
	return storyline.SaveResult{ID: id, Outcome: storyline.Copied, CopyOf: canonical}, nil
}

// replaceCanonical makes copy id, just inserted, the canonical article in
// place of old, with a's HTML and text: old and its other copies become
// copies of id, without their HTML and text. The search triggers take old
// out of the index and put id in. Id is analysed as a new article: the
// analysis finds old its near copy and files id in old's story, unless
// their dates lie too far apart (a republication), when id gets a story
// of its own date.
func replaceCanonical(t *txn, id, old int64, a *storyline.Article, now int64) error {
	if _, err := t.exec(`UPDATE articles SET copy_of = ?, updated_at = ? WHERE copy_of = ? AND id != ?`, id, now, old, id); err != nil {
		return err
	}
	if _, err := t.exec(`UPDATE articles SET copy_of = ?, html = '', text = '', updated_at = ? WHERE id = ?`, id, now, old); err != nil {
		return err
	}
	_, err := t.exec(`UPDATE articles SET copy_of = NULL, html = ?, text = ?, updated_at = ? WHERE id = ?`, a.HTML, a.Text, now, id)
	return err
}

// checkFeed returns an EINVALID error unless the feed exists.
func checkFeed(t *txn, id int64) error {
	var one int
	err := t.queryRow(sqlFeedExists, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return storyline.Errorf(storyline.EINVALID, "feed %d does not exist", id)
	}
	return err
}

// articleByURL returns the row stored under url, or nil.
func articleByURL(t *txn, url string) (*storedArticle, error) {
	var o storedArticle
	err := t.queryRow(sqlArticleByURL, url).Scan(
		&o.id, &o.sourceID, &o.title, &o.byline, &o.siteName,
		&o.lang, &o.image, &o.published, &o.html, &o.text, &o.wordCount, &o.hash,
		&o.copyOf, &o.feedID, &o.truncated)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &o, nil
}

// canonicalByHash returns the ID and publication time of the canonical
// article with the content hash, or 0.
func canonicalByHash(t *txn, hash string) (int64, sql.NullInt64, error) {
	var id int64
	var published sql.NullInt64
	err := t.queryRow(sqlCanonicalByHash, hash).Scan(&id, &published)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, published, nil
	}
	return id, published, err
}

// insertArticle inserts a new row: a canonical article when copyOf is 0,
// otherwise a copy without HTML and text. A trigger queues canonical rows
// for the search index.
func insertArticle(t *txn, a *storyline.Article, sourceID sql.NullInt64, copyOf int64, now int64) (int64, error) {
	html, text := a.HTML, a.Text
	if copyOf != 0 {
		html, text = "", ""
	}
	res, err := t.exec(sqlInsertArticle,
		nullString(a.URL), sourceID, a.Title, a.Byline,
		a.SiteName, a.Language, a.ImageURL, nullTime(a.Published), html, text, a.WordCount, a.ContentHash,
		nullID(copyOf), nullID(a.FeedID), now, now, a.Truncated)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// updateArticle saves a over the row old stored under the same URL.
func updateArticle(t *txn, old *storedArticle, a *storyline.Article, now int64) (storyline.SaveResult, error) {
	feedID := nullID(a.FeedID)
	if a.FeedID == 0 {
		feedID = old.feedID
	}
	sourceID, found, err := lookupSource(t, a.Source)
	if err != nil {
		return storyline.SaveResult{}, err
	}
	if found && unchanged(old, a, sourceID, feedID) {
		return storyline.SaveResult{ID: old.id, Outcome: storyline.Unchanged, CopyOf: old.copyOf.Int64}, nil
	}
	if !found {
		if sourceID, err = ensureSource(t, a.Source, a.URL); err != nil {
			return storyline.SaveResult{}, err
		}
	}

	// The row stays what it was (canonical or a copy) while its text is the
	// same; new text makes it a copy of another canonical article with that
	// text, if there is one, or else canonical.
	copyOf := old.copyOf.Int64
	if a.ContentHash != old.hash {
		if copyOf, _, err = canonicalByHash(t, a.ContentHash); err != nil {
			return storyline.SaveResult{}, err
		}
	}
	html, text := a.HTML, a.Text
	if copyOf != 0 {
		html, text = "", ""
	}
	if _, err := t.exec(sqlUpdateArticle,
		sourceID, a.Title, a.Byline,
		a.SiteName, a.Language, a.ImageURL, nullTime(a.Published), html, text,
		a.WordCount, a.ContentHash, nullID(copyOf), feedID, now,
		a.Truncated, old.id); err != nil {
		return storyline.SaveResult{}, err
	}

	// A canonical article whose text changed leaves its copies without
	// their text: the oldest copy takes the old text over and becomes the
	// canonical article of the others.
	if !old.copyOf.Valid && a.ContentHash != old.hash {
		if err := promoteCopy(t, old, now); err != nil {
			return storyline.SaveResult{}, err
		}
	}
	return storyline.SaveResult{ID: old.id, Outcome: storyline.Updated, CopyOf: copyOf}, nil
}

// unchanged reports whether saving a over old would change nothing.
func unchanged(old *storedArticle, a *storyline.Article, sourceID, feedID sql.NullInt64) bool {
	same := old.sourceID == sourceID &&
		old.title == a.Title &&
		old.byline == a.Byline &&
		old.siteName == a.SiteName &&
		old.lang == a.Language &&
		old.image == a.ImageURL &&
		old.published == nullTime(a.Published) &&
		old.wordCount == a.WordCount &&
		old.hash == a.ContentHash &&
		old.feedID == feedID &&
		old.truncated == a.Truncated
	if !same {
		return false
	}
	// A copy stores no text of its own; the hash stands for it.
	return old.copyOf.Valid || (old.html == a.HTML && old.text == a.Text)
}

// promoteCopy makes the earliest published copy (the first stored on
// ties) of the former canonical article old canonical, with old's former
// text (truncated if that was), and links old's other copies to it.
func promoteCopy(t *txn, old *storedArticle, now int64) error {
	var heir int64
	err := t.queryRow(`SELECT id FROM articles WHERE copy_of = ?
		ORDER BY published IS NULL, published, id LIMIT 1`, old.id).Scan(&heir)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	if _, err := t.exec(`UPDATE articles SET copy_of = NULL, html = ?, text = ?, updated_at = ?,
		truncated = max(truncated, ?) WHERE id = ?`, old.html, old.text, now, old.truncated, heir); err != nil {
		return err
	}
	_, err = t.exec(`UPDATE articles SET copy_of = ?, updated_at = ? WHERE copy_of = ?`, heir, now, old.id)
	return err
}
