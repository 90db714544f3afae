package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/storyline/storyline"
)

// updateArticle saves a over the row old stored under the same URL (and
// locked by lockArticleByURL).
func updateArticle(ctx context.Context, tx pgx.Tx, old *storedArticle, a *storyline.Article) (storyline.SaveResult, error) {
	feedID := nullID(a.FeedID)
	if a.FeedID == 0 {
		feedID = old.feedID
	}
	sourceID, found, err := lookupSource(ctx, tx, a.Source)
	if err != nil {
		return storyline.SaveResult{}, err
	}
	if found && unchanged(old, a, sourceID, feedID) {
		return storyline.SaveResult{ID: old.id, Outcome: storyline.Unchanged, CopyOf: idOf(old.copyOf)}, nil
	}
	if !found {
		if sourceID, err = ensureSource(ctx, tx, a.Source, a.URL); err != nil {
			return storyline.SaveResult{}, err
		}
	}

	// The row stays what it was (canonical or a copy) while its text is the
	// same; new text makes it a copy of another canonical article with that
	// text, if there is one, or else canonical.
	copyOf := idOf(old.copyOf)
	if a.ContentHash != old.hash {
		if copyOf, _, err = canonicalByHash(ctx, tx, a.ContentHash); err != nil {
			return storyline.SaveResult{}, err
		}
	}
	html, text := a.HTML, a.Text
	if copyOf != 0 {
		html, text = "", ""
	}
	srch := newArticleSearch(a.Language, a.Title, text)
	if copyOf == 0 {
		if err := noteLanguage(ctx, tx, srch.lang); err != nil {
			return storyline.SaveResult{}, err
		}
	}
	if _, err := tx.Exec(ctx, `UPDATE articles SET source_id = $1, title = $2, byline = $3,
		site_name = $4, language = $5, image_url = $6, published = $7, html = $8, text = $9,
		word_count = $10, content_hash = $11, copy_of = $12, feed_id = $13, updated_at = now(),
		truncated = $15, search = $16::tsvector, search_version = $17, search_language = $18 WHERE id = $14`,
		sourceID, a.Title, a.Byline,
		a.SiteName, a.Language, a.ImageURL, nullTime(a.Published), html, text,
		a.WordCount, a.ContentHash, nullID(copyOf), feedID,
		old.id, a.Truncated, srch.vector, searchVersion, srch.lang); err != nil {
		return storyline.SaveResult{}, err
	}

	// A canonical article whose text changed leaves its copies without
	// their text: the oldest copy takes the old text over and becomes the
	// canonical article of the others.
	if old.copyOf == nil && a.ContentHash != old.hash {
		if err := promoteCopy(ctx, tx, old); err != nil {
			return storyline.SaveResult{}, err
		}
	}
	return storyline.SaveResult{ID: old.id, Outcome: storyline.Updated, CopyOf: copyOf}, nil
}

// unchanged reports whether saving a over old would change nothing.
func unchanged(old *storedArticle, a *storyline.Article, sourceID, feedID *int64) bool {
	same := idOf(old.sourceID) == idOf(sourceID) &&
		old.title == a.Title &&
		old.byline == a.Byline &&
		old.siteName == a.SiteName &&
		old.lang == a.Language &&
		old.image == a.ImageURL &&
		sameTime(old.published, a.Published) &&
		old.wordCount == a.WordCount &&
		old.hash == a.ContentHash &&
		idOf(old.feedID) == idOf(feedID) &&
		old.truncated == a.Truncated
	if !same {
		return false
	}
	// A copy stores no text of its own; the hash stands for it.
	return old.copyOf != nil || (old.html == a.HTML && old.text == a.Text)
}

// sameTime reports whether a stored time (NULL for unknown) is t as
// stored: PostgreSQL keeps microseconds, and pgx truncates to them.
func sameTime(stored *time.Time, t time.Time) bool {
	if stored == nil || t.IsZero() {
		return stored == nil && t.IsZero()
	}
	return stored.Equal(t.Truncate(time.Microsecond))
}

// idOf is *id, or 0 for NULL.
func idOf(id *int64) int64 {
	if id == nil {
		return 0
	}
	return *id
}

// promoteCopy makes the earliest published copy (the first stored on
// ties) of the former canonical article old canonical, with old's former
// text (truncated if that was), and links old's other copies to it.
// The copies are locked (FOR UPDATE) before they change.
func promoteCopy(ctx context.Context, tx pgx.Tx, old *storedArticle) error {
	var (
		heir        int64
		title, lang string
	)
	err := tx.QueryRow(ctx, `SELECT id, title, language FROM articles WHERE copy_of = $1
		ORDER BY published NULLS LAST, id LIMIT 1 FOR UPDATE`, old.id).Scan(&heir, &title, &lang)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	srch := newArticleSearch(lang, title, old.text)
	if err := noteLanguage(ctx, tx, srch.lang); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `UPDATE articles SET copy_of = NULL, html = $1, text = $2, updated_at = now(),
		truncated = truncated OR $4, search = $5::tsvector, search_version = $6, search_language = $7 WHERE id = $3`,
		old.html, old.text, heir, old.truncated, srch.vector, searchVersion, srch.lang); err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `UPDATE articles SET copy_of = $1, updated_at = now() WHERE copy_of = $2`, heir, old.id)
	return err
}
