package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// SaveAnalysis stores an article's analysis and puts the article in story
// a.StoryID (created, titled after the article, when new; followed when
// merged), in one transaction. A StoryID of 0 takes the article out of
// its story. An unknown article is ENOTFOUND.
//
// The article's row is locked (FOR NO KEY UPDATE) for the transaction, so
// that two analyses of one article take turns and the article ends in one
// story; joinStory locks the story (see story_save.go).
func (db *DB) SaveAnalysis(ctx context.Context, a *storyline.Analysis) error {
	if a == nil || a.ArticleID <= 0 {
		return storyline.Errorf(storyline.EINVALID, "save analysis: no article")
	}
	err := db.retryDeadlocks(ctx, func(tx pgx.Tx) error { return saveAnalysis(ctx, tx, a) })
	return wrap(err, "save analysis of article %d", a.ArticleID)
}

// saveAnalysis stores analysis a and puts its article in its story,
// locking the article's row and the story's.
func saveAnalysis(ctx context.Context, tx pgx.Tx, a *storyline.Analysis) error {
	var title string
	var published *time.Time
	var created time.Time
	err := tx.QueryRow(ctx, `SELECT title, published, created_at FROM articles
		WHERE id = $1 FOR NO KEY UPDATE`, a.ArticleID).Scan(&title, &published, &created)
	if errors.Is(err, pgx.ErrNoRows) {
		return storyline.Errorf(storyline.ENOTFOUND, "article %d not found", a.ArticleID)
	}
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO article_analysis (article_id, version, language,
		summary, keyphrases, entities, signature, analyzed_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		ON CONFLICT (article_id) DO UPDATE SET version = excluded.version,
		language = excluded.language, summary = excluded.summary,
		keyphrases = excluded.keyphrases, entities = excluded.entities,
		signature = excluded.signature, analyzed_at = excluded.analyzed_at`,
		a.ArticleID, a.Version, a.Language, nonNil(a.Summary), nonNil(a.Keyphrases),
		nonNil(a.Entities), a.Signature, time.Now().UTC()); err != nil {
		return err
	}
	return joinStory(ctx, tx, a.ArticleID, a.StoryID, title, published, created)
}

// Analysis returns an article's analysis, with the live story the article
// is in, or ENOTFOUND.
func (db *DB) Analysis(ctx context.Context, articleID int64) (*storyline.Analysis, error) {
	a := &storyline.Analysis{ArticleID: articleID}
	var story *int64
	err := db.pool.QueryRow(ctx, `SELECT x.version, x.language, x.summary, x.keyphrases,
		x.entities, x.signature, (SELECT story_id FROM story_articles WHERE article_id = x.article_id)
		FROM article_analysis x WHERE x.article_id = $1`, articleID).
		Scan(&a.Version, &a.Language, &a.Summary, &a.Keyphrases, &a.Entities, &a.Signature, &story)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, storyline.Errorf(storyline.ENOTFOUND, "analysis of article %d not found", articleID)
	}
	if err != nil {
		return nil, wrap(err, "analysis of article %d", articleID)
	}
	if story != nil {
		a.StoryID = *story
	}
	return a, nil
}

// PendingAnalysis lists up to limit articles after afterID, by ID, whose
// analysis is missing, older than version, or made before before (zero:
// no such condition), with their text. A limit below 1 is EINVALID.
func (db *DB) PendingAnalysis(ctx context.Context, version int, before time.Time, afterID int64, limit int) ([]*storyline.Article, error) {
	if err := storeutil.CheckPositiveLimit("pending analysis", limit); err != nil {
		return nil, err
	}
	var analysedBefore *time.Time // NULL: x.analyzed_at < NULL is never true
	if !before.IsZero() {
		b := clampTime(before)
		analysedBefore = &b
	}
	list, err := db.queryArticles(ctx, `SELECT `+articleColumns(true)+articleFrom+`
		LEFT JOIN article_analysis x ON x.article_id = a.id
		WHERE a.id > $1 AND (x.article_id IS NULL OR x.version < $2 OR x.analyzed_at < $3)
		ORDER BY a.id LIMIT $4`, afterID, version, analysedBefore, limit)
	return list, wrap(err, "pending analysis")
}

// nonNil returns s, or an empty slice for nil, so that JSON says [].
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
