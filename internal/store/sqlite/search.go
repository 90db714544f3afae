package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
	"github.com/storyline/storyline/internal/text"
)

// Search returns the canonical articles matching every word of q.Text,
// best first by BM25 with title matches weighted ten times body matches.
// q.Text is plain words: punctuation and FTS5 syntax in it separate words
// and never cause an error; a query without words finds nothing. Each word
// is normalised for every language the index holds (or q.Lang's alone),
// and matches an article when its form in the article's language does
// (text.QueryTerms). Hits carry no HTML or Text, and a snippet of the body
// with the matches marked.
//
// A search sees every article saved before it began, waiting up to
// Options.IndexWait for the background indexer to take them in.
func (db *DB) Search(ctx context.Context, q storyline.SearchQuery) ([]storyline.SearchHit, error) {
	limit, err := storeutil.PageLimit(q.Limit, q.Offset, storeutil.DefaultSearchLimit, storeutil.MaxSearchLimit)
	if err != nil {
		return nil, err
	}
	if len(text.QueryTerms(nil, q.Text)) == 0 {
		return nil, nil // no words in any language: nothing to wait for
	}
	hits, words, err := db.search(ctx, q, limit)
	if err != nil {
		return nil, wrap(err, "search %q", q.Text)
	}
	if err := db.addSnippets(ctx, words, hits); err != nil {
		return nil, wrap(err, "search %q: snippets", q.Text)
	}
	return hits, nil
}

// AwaitIndex waits until the search index has taken in every change
// committed before the call, as a search does before it looks, for as
// long as it takes (or until ctx ends): an import is searchable once it
// returns.
func (db *DB) AwaitIndex(ctx context.Context) error {
	return wrap(db.awaitIndex(ctx, 0), "wait for the search index")
}

// awaitIndex waits until the index has taken in every change committed
// before the call, for at most patience (0: no limit but ctx's).
func (db *DB) awaitIndex(ctx context.Context, patience time.Duration) error {
	if db.indexErr != nil { // read-only, without a usable index
		return db.indexErr
	}
	var target int64
	if err := db.queryRow(ctx, `SELECT coalesce(max(seq), 0) FROM search_queue`).Scan(&target); err != nil {
		return err
	}
	return db.index.await(ctx, target, patience)
}

// search returns the hits of a query, without snippets, and the query's
// words as it looked for them.
func (db *DB) search(ctx context.Context, q storyline.SearchQuery, limit int) ([]storyline.SearchHit, []text.QueryWord, error) {
	if err := db.awaitIndex(ctx, db.opts.IndexWait); err != nil {
		return nil, nil, err
	}
	langs, err := db.searchLangs(ctx, q.Lang)
	if err != nil {
		return nil, nil, err
	}
	words := text.QueryTerms(langs, q.Text)
	if len(words) == 0 {
		return nil, nil, nil
	}
	hits, err := db.match(ctx, words, q, limit)
	return hits, words, err
}

// searchLangs returns the languages a query is normalised for: lang
// alone, or every language of the index when lang is "".
func (db *DB) searchLangs(ctx context.Context, lang string) ([]string, error) {
	if lang != "" {
		return []string{text.NormalizeLanguage(lang)}, nil
	}
	return queryAll(ctx, db, func(r scanner) (string, error) {
		var l string
		err := r.Scan(&l)
		return l, err
	}, `SELECT lang FROM search.langs`)
}

// match returns the hits of a query's words, without snippets.
func (db *DB) match(ctx context.Context, words []text.QueryWord, q storyline.SearchQuery, limit int) ([]storyline.SearchHit, error) {
	common, err := db.anyCommon(ctx, words)
	if err != nil {
		return nil, err
	}
	if common {
		return db.recent(ctx, words, q, limit)
	}
	match := matchExpr(words)
	filtered := q.Source != "" || !q.Since.IsZero()
	for window := max(storeutil.RankWindow, q.Offset+limit); ; window *= 8 {
		// The oldest article of the window: the window-th newest match.
		var cutoff int64
		err := db.queryRow(ctx, `SELECT rowid FROM search.fts WHERE fts MATCH ?
			ORDER BY rowid DESC LIMIT 1 OFFSET ?`, match, window-1).Scan(&cutoff)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
		hits, err := db.rank(ctx, match, q, limit, cutoff)
		if err != nil || cutoff == 0 || !filtered || len(hits) == limit {
			return hits, err
		}
	}
}

// recent returns a page of the matches of a query with a common word,
// without BM25: FTS5's bm25() counts the articles containing each term of
// the query, and for a term in a good part of a large store that alone
// takes longer than a search may. The words are all but meaningless to
// BM25 anyway (a term in most articles weighs next to nothing), so such a
// query lists the articles with every term in the title first, then the
// others, newest first in each group.
func (db *DB) recent(ctx context.Context, words []text.QueryWord, q storyline.SearchQuery, limit int) ([]storyline.SearchHit, error) {
	all := matchExpr(words)
	inTitle := "{title} : (" + all + ")"
	want := q.Offset + limit
	var hits []storyline.SearchHit
	for _, match := range []string{inTitle, "(" + all + ") NOT " + inTitle} {
		if len(hits) >= want {
			break
		}
		page, err := db.searchQuery(ctx, match, q, "fts.rowid DESC", want-len(hits), 0, 0)
		if err != nil {
			return nil, err
		}
		hits = append(hits, page...)
	}
	if q.Offset >= len(hits) {
		return nil, nil
	}
	hits = hits[q.Offset:]
	for i := range hits {
		hits[i].Score = 1 / float64(q.Offset+i+1)
	}
	return hits, nil
}

// anyCommon reports whether any term of the words' alternatives is in
// commonDF or more indexed articles. The answers are cached until the
// index has taken in another commonRecheck changes.
func (db *DB) anyCommon(ctx context.Context, words []text.QueryWord) (bool, error) {
	var terms []string
	for _, w := range words {
		terms = append(terms, w.Terms()...)
	}
	c := &db.common
	mark := db.index.watermark()
	c.mu.Lock()
	if c.terms == nil || mark-c.mark > commonRecheck {
		c.terms, c.mark = map[string]bool{}, mark
	}
	var unknown []string
	for _, t := range terms {
		key := t
		common, ok := c.terms[key]
		if ok && common {
			c.mu.Unlock()
			return true, nil
		}
		if !ok {
			unknown = append(unknown, t)
		}
	}
	c.mu.Unlock()
	found := false
	for _, t := range unknown {
		var rowid int64
		err := db.queryRow(ctx, `SELECT rowid FROM search.fts WHERE fts MATCH ?
			ORDER BY rowid DESC LIMIT 1 OFFSET ?`, quoteTerm(t), db.commonDF-1).Scan(&rowid)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return false, err
		}
		common := err == nil
		c.mu.Lock()
		if len(c.terms) < maxCommonCache {
			c.terms[t] = common
		}
		c.mu.Unlock()
		if common {
			found = true
			break
		}
	}
	return found, nil
}

// Tuning of anyCommon.
const (
	defaultCommonDF = 10000 // articles that make a term common
	commonRecheck   = 5000  // index changes after which terms are looked up again
	maxCommonCache  = 10000 // terms remembered
)

// commonTerms caches which query terms are common.
type commonTerms struct {
	mu    sync.Mutex
	mark  int64           // the index watermark when terms was started
	terms map[string]bool // term: common
}

// rank returns a page of the matches of an FTS5 query among the articles
// from cutoff on, best first by BM25.
func (db *DB) rank(ctx context.Context, match string, q storyline.SearchQuery, limit int, cutoff int64) ([]storyline.SearchHit, error) {
	return db.searchQuery(ctx, match, q, "fts.rank", limit, q.Offset, cutoff)
}

// searchQuery returns the matches of an FTS5 query among the articles from
// cutoff on that pass q's filters, in order, with their ranks negated as
// scores.
func (db *DB) searchQuery(ctx context.Context, match string, q storyline.SearchQuery, order string, limit, offset int, cutoff int64) ([]storyline.SearchHit, error) {
	// The index may trail the articles when IndexWait ran out: the join
	// and the copy_of test keep what it still lists for a former
	// canonical article out.
	where := []string{"fts MATCH ?", "fts.rowid >= ?", "a.copy_of IS NULL"}
	args := []any{match, cutoff}
	if q.Source != "" {
		where = append(where, "a.source_id = (SELECT id FROM sources WHERE name = ?)")
		args = append(args, q.Source)
	}
	if !q.Since.IsZero() {
		where = append(where, "coalesce(a.published, a.created_at) >= ?")
		args = append(args, boundNanos(q.Since))
	}
	rank := "fts.rank"
	if order != "fts.rank" {
		rank = "0" // not computed: ordering by rowid avoids it
	}
	query := `SELECT ` + articleColumns(false) + `, ` + rank + `
		FROM search.fts
		JOIN articles a ON a.id = fts.rowid
		LEFT JOIN sources s ON s.id = a.source_id
		WHERE ` + strings.Join(where, " AND ") + `
		ORDER BY ` + order + ` LIMIT ? OFFSET ?`
	args = append(args, limit, offset)

	rows, err := db.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var hits []storyline.SearchHit
	for rows.Next() {
		var rank float64
		a, err := scanArticle(rows, &rank)
		if err != nil {
			return nil, err
		}
		hits = append(hits, storyline.SearchHit{Article: a, Score: -rank})
	}
	return hits, rows.Err()
}
