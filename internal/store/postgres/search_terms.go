package postgres

import (
	"context"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"

	"github.com/storyline/storyline/internal/text"
)

// Search terms. The search column holds the terms Go computes for an
// article's title and text in its language (text.SearchTerms, in the
// language text.SearchLanguage picks), written as a tsvector literal
// (searchLiteral): PostgreSQL's own parser and dictionaries are not used,
// so that both stores find the same words. Queries are tsquery literals
// of the terms text.QueryTerms gives for the languages in
// search_languages (tsqueryText).

// searchVersion is the version of the analysis the search column holds;
// an article with a lower search_version is reindexed by ReindexSearch.
// Raising it needs a migration that recreates articles_search_pending
// with the new version in its predicate.
const searchVersion = 1

// Limits of the tsvector type: a lexeme's positions (more are dropped),
// the highest position (later words share it), the bytes of a lexeme and
// of all the lexemes of one vector.
const (
	maxLexemePositions = 256
	maxPosition        = 16383
	maxLexemeBytes     = 2046
	maxVectorBytes     = 1<<20 - 1
)

// articleSearch is the search column of an article and the language it
// is in.
type articleSearch struct {
	vector string // a tsvector literal
	lang   string
}

// newArticleSearch returns the search column of an article with the
// declared language, title and text.
func newArticleSearch(declared, title, body string) articleSearch {
	lang := text.SearchLanguage(declared, body)
	return articleSearch{vector: searchLiteral(text.SearchTerms(lang, title), text.SearchTerms(lang, body)), lang: lang}
}

// searchLiteral writes the terms of a title (weight A) and a text (weight
// B) as a tsvector literal, their positions numbered on from the title's
// as to_tsvector(title) || to_tsvector(text) numbers them, within the
// type's limits.
func searchLiteral(title, body []string) string {
	type lexeme struct {
		positions []string // "12A"
	}
	lexemes := map[string]*lexeme{}
	var order []string
	size, pos := 0, 0
	add := func(terms []string, weight string) {
		for _, t := range terms {
			pos = min(pos+1, maxPosition)
			l := lexemes[t]
			if l == nil {
				if len(t) > maxLexemeBytes || size+len(t) > maxVectorBytes {
					continue
				}
				size += len(t)
				l = &lexeme{}
				lexemes[t] = l
				order = append(order, t)
			}
			if len(l.positions) < maxLexemePositions {
				l.positions = append(l.positions, strconv.Itoa(pos)+weight)
			}
		}
	}
	add(title, "A")
	add(body, "B")
	var b strings.Builder
	for i, t := range order {
		if i > 0 {
			b.WriteByte(' ')
		}
		writeQuoted(&b, t)
		b.WriteByte(':')
		b.WriteString(strings.Join(lexemes[t].positions, ","))
	}
	return b.String()
}

// writeQuoted writes a lexeme in quotes, as the tsvector and tsquery
// input functions read it: quotes and backslashes doubled.
func writeQuoted(b *strings.Builder, t string) {
	b.WriteByte('\'')
	for i := 0; i < len(t); i++ {
		if c := t[i]; c == '\'' || c == '\\' {
			b.WriteByte(c)
		}
		b.WriteByte(t[i])
	}
	b.WriteByte('\'')
}

// tsqueryText returns the tsquery literal matching documents that hold
// every word: a word matches when any of its alternatives does, an
// alternative when all its terms do — ('a' | 'b' & 'c') & 'd'. Every term
// is quoted, so no text a person types is read as an operator.
func tsqueryText(words []text.QueryWord) string {
	var b strings.Builder
	for i, w := range words {
		if i > 0 {
			b.WriteString(" & ")
		}
		b.WriteByte('(')
		for j, alt := range w {
			if j > 0 {
				b.WriteString(" | ")
			}
			b.WriteByte('(')
			for k, t := range alt {
				if k > 0 {
					b.WriteString(" & ")
				}
				writeQuoted(&b, t)
			}
			b.WriteByte(')')
		}
		b.WriteByte(')')
	}
	return b.String()
}

// noteLanguage records that the index holds articles in lang.
func noteLanguage(ctx context.Context, tx pgx.Tx, lang string) error {
	_, err := tx.Exec(ctx, `INSERT INTO search_languages (lang) VALUES ($1) ON CONFLICT DO NOTHING`, lang)
	return err
}

// searchLanguages returns the languages a query is normalised for: lang
// alone, or every language of the index when lang is "".
func (db *DB) searchLanguages(ctx context.Context, lang string) ([]string, error) {
	if lang != "" {
		return []string{text.NormalizeLanguage(lang)}, nil
	}
	rows, err := db.pool.Query(ctx, `SELECT lang FROM search_languages`)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[string])
}

// reindexRow is an article ReindexSearch analyses.
type reindexRow struct {
	id                int64
	lang, title, body string
	search            articleSearch
}

// analyse computes the search columns of rows on every processor.
func analyse(rows []reindexRow) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), len(rows)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				r := &rows[i]
				r.search = newArticleSearch(r.lang, r.title, r.body)
				r.title, r.body = "", ""
			}
		}()
	}
	for i := range rows {
		next <- i
	}
	close(next)
	wg.Wait()
}

// ReindexSearch computes the search terms of up to batch articles (at
// least one) whose search_version is below the current one, and returns
// how many it did and how many are left. Each call is one transaction;
// articles another call is reindexing are skipped (SKIP LOCKED), so that
// several processes can share the work. Until an article is reindexed,
// searches match its old terms (English stems).
func (db *DB) ReindexSearch(ctx context.Context, batch int) (done, remaining int, err error) {
	err = pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT id, language, title, text FROM articles
			WHERE search_version < `+strconv.Itoa(searchVersion)+`
			ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`, max(batch, 1))
		if err != nil {
			return err
		}
		list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (reindexRow, error) {
			var r reindexRow
			err := row.Scan(&r.id, &r.lang, &r.title, &r.body)
			return r, err
		})
		if err != nil {
			return err
		}
		analyse(list)
		ids, vectors, codes := make([]int64, len(list)), make([]string, len(list)), make([]string, len(list))
		langs := map[string]bool{}
		for i, r := range list {
			ids[i], vectors[i], codes[i] = r.id, r.search.vector, r.search.lang
			langs[r.search.lang] = true
		}
		for lang := range langs {
			if err := noteLanguage(ctx, tx, lang); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(ctx, `UPDATE articles a SET search = v.search::tsvector, search_version = $3,
			search_language = v.lang
			FROM unnest($1::bigint[], $2::text[], $4::text[]) AS v (id, search, lang) WHERE a.id = v.id`,
			ids, vectors, searchVersion, codes); err != nil {
			return err
		}
		done = len(list)
		return tx.QueryRow(ctx, `SELECT count(*) FROM articles
			WHERE search_version < `+strconv.Itoa(searchVersion)).Scan(&remaining)
	})
	if err != nil {
		return 0, 0, wrap(err, "reindex search")
	}
	return done, remaining, nil
}
