package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// articleColumns selects an article from "articles a LEFT JOIN sources s"
// (articleFrom); scanArticle reads them. The body columns are left empty
// in lists that do not need them, and so is truncated, which says whether
// they were cut (as in the SQLite store). ContentFrom is the one of the
// entry of the feed the article arrived through.
func articleColumns(body bool) string {
	html, text, truncated := "a.html", "a.text", "a.truncated"
	if !body {
		html, text, truncated = "''", "''", "false"
	}
	return `a.id, coalesce(a.url, ''), coalesce(s.name, ''), a.title, a.byline,
		a.site_name, a.language, a.image_url, a.published, ` + html + `, ` + text + `,
		a.word_count, a.content_hash, coalesce(a.copy_of, 0), coalesce(a.feed_id, 0),
		coalesce((SELECT e.content_from FROM feed_entries e
			WHERE e.article_id = a.id AND e.feed_id = a.feed_id LIMIT 1), ''),
		a.created_at, a.updated_at, ` + truncated
}

// articleFrom is the FROM clause that articleColumns expects.
const articleFrom = ` FROM articles a LEFT JOIN sources s ON s.id = a.source_id `

// articleOrder lists newest first: by publication time, or the time stored
// when that is unknown. It matches the articles_published index.
const articleOrder = ` ORDER BY coalesce(a.published, a.created_at) DESC, a.id DESC `

// scanArticle reads the columns of articleColumns, plus any extra
// destinations after them.
func scanArticle(row pgx.Row, extra ...any) (*storyline.Article, error) {
	var (
		a                storyline.Article
		published        *time.Time
		created, updated time.Time
		contentFrom      string
	)
	dest := append([]any{
		&a.ID, &a.URL, &a.Source, &a.Title, &a.Byline,
		&a.SiteName, &a.Language, &a.ImageURL, &published, &a.HTML, &a.Text,
		&a.WordCount, &a.ContentHash, &a.CopyOf, &a.FeedID, &contentFrom,
		&created, &updated, &a.Truncated,
	}, extra...)
	if err := row.Scan(dest...); err != nil {
		return nil, err
	}
	a.ContentFrom = storyline.ContentOrigin(contentFrom)
	a.Published = timeOf(published)
	a.CreatedAt = created.UTC()
	a.UpdatedAt = updated.UTC()
	return &a, nil
}

// queryArticles runs a query selecting articleColumns and collects the
// rows.
func (db *DB) queryArticles(ctx context.Context, query string, args ...any) ([]*storyline.Article, error) {
	rows, err := db.pool.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (*storyline.Article, error) {
		return scanArticle(row)
	})
}

// Article returns the article with the given ID, or an ENOTFOUND error. A
// copy's HTML and Text are empty: the text is stored on the canonical
// article, whose ID is in CopyOf.
func (db *DB) Article(ctx context.Context, id int64) (*storyline.Article, error) {
	a, err := scanArticle(db.pool.QueryRow(ctx, `SELECT `+articleColumns(true)+articleFrom+`WHERE a.id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, storyline.Errorf(storyline.ENOTFOUND, "article %d not found", id)
	}
	if err != nil {
		return nil, wrap(err, "article %d", id)
	}
	return a, nil
}

// ArticleByURL returns the article stored under a canonical URL, or an
// ENOTFOUND error.
func (db *DB) ArticleByURL(ctx context.Context, url string) (*storyline.Article, error) {
	if url == "" {
		return nil, storyline.Errorf(storyline.ENOTFOUND, "article with an empty URL not found")
	}
	a, err := scanArticle(db.pool.QueryRow(ctx, `SELECT `+articleColumns(true)+articleFrom+`WHERE a.url = $1`, url))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, storyline.Errorf(storyline.ENOTFOUND, "article %q not found", url)
	}
	if err != nil {
		return nil, wrap(err, "article %q", url)
	}
	return a, nil
}

// Articles lists articles newest first: by publication time, or by the
// time first stored when that is unknown. Copies are left out unless
// f.IncludeCopies is set; f.BeforeTime and f.BeforeID continue a listing
// after its last article (a row comparison, which the articles_published
// index serves as a range). A negative Limit or Offset is an EINVALID
// error; Limit is capped at 1000.
func (db *DB) Articles(ctx context.Context, f storyline.ArticleFilter) ([]*storyline.Article, error) {
	limit, err := storeutil.PageLimit(f.Limit, f.Offset, storeutil.DefaultArticleLimit, storeutil.MaxArticleLimit)
	if err != nil {
		return nil, err
	}
	var (
		where []string
		args  []any
	)
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	if !f.IncludeCopies {
		where = append(where, "a.copy_of IS NULL")
	}
	if f.Source != "" {
		where = append(where, "a.source_id = (SELECT id FROM sources WHERE name_key = "+arg(storeutil.FoldName(f.Source))+")")
	}
	if !f.Since.IsZero() {
		where = append(where, "coalesce(a.published, a.created_at) >= "+arg(clampTime(f.Since)))
	}
	if f.BeforeID != 0 {
		where = append(where, "(coalesce(a.published, a.created_at), a.id) < ("+
			arg(clampTime(f.BeforeTime))+", "+arg(f.BeforeID)+")")
	}
	query := `SELECT ` + articleColumns(true) + articleFrom
	if len(where) > 0 {
		query += "WHERE " + strings.Join(where, " AND ")
	}
	query += articleOrder + "LIMIT " + arg(limit) + " OFFSET " + arg(f.Offset)
	list, err := db.queryArticles(ctx, query, args...)
	if err != nil {
		return nil, wrap(err, "list articles")
	}
	return list, nil
}

// Copies lists the syndicated copies of a canonical article in the order
// they were stored, or returns ENOTFOUND when no article has that ID. An
// article that is itself a copy has no copies.
func (db *DB) Copies(ctx context.Context, id int64) ([]*storyline.Article, error) {
	list, err := db.queryArticles(ctx, `SELECT `+articleColumns(true)+articleFrom+
		`WHERE a.copy_of = $1 ORDER BY a.id`, id)
	if err != nil {
		return nil, wrap(err, "copies of article %d", id)
	}
	if len(list) > 0 {
		return list, nil
	}
	var exists bool
	if err := db.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM articles WHERE id = $1)`, id).Scan(&exists); err != nil {
		return nil, wrap(err, "copies of article %d", id)
	}
	if !exists {
		return nil, storyline.Errorf(storyline.ENOTFOUND, "article %d not found", id)
	}
	return list, nil
}

// CountArticles returns how many articles, copies included, are stored.
func (db *DB) CountArticles(ctx context.Context) (int, error) {
	var n int
	if err := db.pool.QueryRow(ctx, `SELECT count(*) FROM articles`).Scan(&n); err != nil {
		return 0, wrap(err, "count articles")
	}
	return n, nil
}

// clampTime returns t as a bound for a comparison with stored times,
// clamped to the accepted range so that PostgreSQL never sees a time out
// of its own.
func clampTime(t time.Time) time.Time {
	lo, hi := storeutil.TimeBounds()
	switch {
	case t.Before(lo):
		return lo
	case t.After(hi):
		return hi
	}
	return t.UTC()
}
