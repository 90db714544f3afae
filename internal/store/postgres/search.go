package postgres

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
	"github.com/storyline/storyline/internal/text"
)

// rankWeights are ts_rank's weights of the D, C, B and A labels: title
// terms (A) weigh ten times body terms (B), as in the SQLite store.
const rankWeights = `'{0, 0, 0.1, 1}'::float4[]`

// searchQuery is the tsquery of a search's words ($1, a literal written
// by tsqueryText).
const searchQuery = `$1::tsquery`

// searchVector is the expression the articles_search GIN index holds
// (migrations/0004_search_blocks.sql; the planner uses the index only for
// this very expression): the article's search vector and six lexemes
// more, naming the blocks of IDs the article is in: '#a' and the number
// of its block of blockIDs IDs, '#b' and that of its block four times as
// wide, and so on to '#f'. No search term has such a lexeme (a word
// never holds '#'), so only blockQuery finds them, and
// ts_rank, which reads the search column, never sees them.
const searchVector = `(a.search || array_to_tsvector(ARRAY[
	'#a' || (a.id / 2048)::text, '#b' || (a.id / 8192)::text, '#c' || (a.id / 32768)::text,
	'#d' || (a.id / 131072)::text, '#e' || (a.id / 524288)::text, '#f' || (a.id / 2097152)::text]))`

// The ID blocks of searchVector: the narrowest are blockIDs wide, each
// level's four times as wide as the one below, up to blockLevels levels.
const (
	blockIDs    = 2048
	blockLevels = 6
)

// Search returns the canonical articles matching every word of q.Text,
// best first by ts_rank (title matches weigh ten times body matches; the
// rank is divided by 1 + the log of the article's length, as BM25 favours
// short matches). q.Text is plain words; a query without words finds
// nothing. Each word is normalised for every language of the index (or
// q.Lang's alone) and matches an article when its form in the article's
// language does (text.QueryTerms). Hits carry no HTML or Text, and a
// snippet of the body with the matches marked.
//
// As in the SQLite store, only the newest matches are ranked: the
// storeutil.RankWindow newest (or q.Offset+limit), of which those that
// pass q's filters; a filtered search that finds fewer than a page there
// looks at eight times as many matches, until it has a page or has seen
// them all (searchWindow).
func (db *DB) Search(ctx context.Context, q storyline.SearchQuery) ([]storyline.SearchHit, error) {
	limit, err := storeutil.PageLimit(q.Limit, q.Offset, storeutil.DefaultSearchLimit, storeutil.MaxSearchLimit)
	if err != nil {
		return nil, err
	}
	if len(text.QueryTerms(nil, q.Text)) == 0 {
		return nil, nil // no words in any language
	}
	langs, err := db.searchLanguages(ctx, q.Lang)
	if err != nil {
		return nil, wrap(err, "search %q", q.Text)
	}
	words := text.QueryTerms(langs, q.Text)
	if len(words) == 0 {
		return nil, nil
	}
	s := windowSearch{query: tsqueryText(words), want: q.Offset + limit, pass: "true"}
	if q.Source != "" {
		s.args = append(s.args, storeutil.FoldName(q.Source))
		s.pass = fmt.Sprintf("a.source_id = (SELECT id FROM sources WHERE name_key = $%d)", len(s.args)+2)
	}
	if !q.Since.IsZero() {
		s.args = append(s.args, clampTime(q.Since))
		s.pass += fmt.Sprintf(" AND coalesce(a.published, a.created_at) >= $%d", len(s.args)+2)
	}
	ids, err := db.searchWindow(ctx, s)
	if err != nil {
		return nil, wrap(err, "search %q", q.Text)
	}
	if len(ids) <= q.Offset {
		return nil, nil
	}
	hits, err := db.searchPage(ctx, s.query, storeutil.QueryTermSet(words), ids, limit, q.Offset)
	if err != nil {
		return nil, wrap(err, "search %q", q.Text)
	}
	return hits, nil
}

// windowSearch is what searchWindow needs of a search.
type windowSearch struct {
	query string // the tsquery literal (tsqueryText)
	want  int    // hits wanted: the page's offset and limit
	pass  string // the filters, on "articles a", with parameters from $3
	args  []any  // the filters' parameters
}

// windowMatch is an article matching a search's words.
type windowMatch struct {
	id   int64
	pass bool // it passes the search's filters
}

// searchWindow returns the IDs of the articles a search ranks: of its
// newest matches (storeutil.RankWindow of them, or s.want), those that
// pass its filters. When there are filters and fewer than s.want pass,
// the window grows eightfold until enough pass or it holds every match.
//
// The matches are gathered from the newest ID blocks back (matchCollector),
// so that a query matching a good part of the store never reads more
// than the newest of them.
func (db *DB) searchWindow(ctx context.Context, s windowSearch) ([]int64, error) {
	var top int64
	if err := db.pool.QueryRow(ctx, `SELECT coalesce(max(id), 0) FROM articles`).Scan(&top); err != nil {
		return nil, err
	}
	window := max(storeutil.RankWindow, s.want)
	c := matchCollector{db: db, s: s, top: top, next: top / blockIDs, span: 2 * int64(window)}
	for {
		if err := c.collect(ctx, window); err != nil {
			return nil, err
		}
		var ids []int64
		for _, m := range c.found[:min(window, len(c.found))] {
			if m.pass {
				ids = append(ids, m.id)
			}
		}
		if len(ids) >= s.want || s.pass == "true" || c.next < 0 && window >= len(c.found) {
			return ids, nil
		}
		window *= 8
	}
}

// matchCollector gathers a search's matches block by block, newest first.
type matchCollector struct {
	db    *DB
	s     windowSearch
	found []windowMatch // every match in blocks above next, newest first
	top   int64         // the highest ID
	next  int64         // the next block to look in; -1 when all are done
	span  int64         // the IDs from the top the next round covers
}

// maxBlocks is the most blocks a round names; a round that would need
// more looks at every match at once. (A GIN scan checks every block a
// query names for each article it finds: the cost grows with their
// number squared.)
const maxBlocks = 16

// collect gathers matches until it has at least n or all of them. Each
// round looks in the IDs below those it has seen: half as many again as
// the matches found so far suggest are needed, at least twice the IDs
// covered (sixteen times when none matched).
func (c *matchCollector) collect(ctx context.Context, n int) error {
	for len(c.found) < n && c.next >= 0 {
		low := max(0, c.top-c.span) / blockIDs
		blocks := blockQuery(low, c.next+1)
		var (
			page []windowMatch
			err  error
		)
		if low == 0 || strings.Count(blocks, "|") >= maxBlocks {
			// Every match: those found so far again, and the rest.
			page, err = c.db.windowMatches(ctx, c.s, "")
			c.found, c.next = nil, -1
		} else {
			page, err = c.db.windowMatches(ctx, c.s, blocks)
			c.next = low - 1
		}
		if err != nil {
			return err
		}
		slices.SortFunc(page, func(a, b windowMatch) int { return cmp.Compare(b.id, a.id) })
		c.found = append(c.found, page...)
		covered, grow := c.top-low*blockIDs+1, int64(16)
		if found := int64(len(c.found)); found > 0 {
			grow = max(2, int64(n)*3/2/found+1)
		}
		c.span = covered * min(grow, c.top/covered+1)
	}
	return nil
}

// blockQuery returns the tsquery text matching the articles in the
// narrowest ID blocks from low up to high (excluded): the fewest blocks of
// any level that cover them exactly, widest first where they fit.
func blockQuery(low, high int64) string {
	var names []string
	for high > low {
		level, width := 0, int64(1) // width in narrowest blocks
		for level+1 < blockLevels && high%(width*4) == 0 && high-width*4 >= low {
			level, width = level+1, width*4
		}
		names = append(names, "'#"+string(rune('a'+level))+strconv.FormatInt(high/width-1, 10)+"'")
		high -= width
	}
	return strings.Join(names, " | ")
}

// windowMatches returns the articles matching a search's words in the ID
// blocks the tsquery text blocks names (every article for ""), and
// whether each passes the search's filters.
//
// The query is planned for its parameters (QueryExecModeExec: an unnamed
// statement), so that the tsquery, immutable, is a constant, and the
// planner takes the matches from the GIN index, knowing from the
// statistics how many there are. A query without lexemes (numnode 0)
// matches nothing, never every article of the blocks.
func (db *DB) windowMatches(ctx context.Context, s windowSearch, blocks string) ([]windowMatch, error) {
	query := `SELECT a.id, coalesce(` + s.pass + `, false) FROM articles a
		WHERE ` + searchVector + ` @@ CASE WHEN $2 = '' THEN ` + searchQuery + `
			WHEN numnode(` + searchQuery + `) > 0 THEN ` + searchQuery + ` && $2::tsquery END
		AND a.copy_of IS NULL`
	rows, err := db.pool.Query(ctx, query, append([]any{pgx.QueryExecModeExec, s.query, blocks}, s.args...)...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (windowMatch, error) {
		var m windowMatch
		err := row.Scan(&m.id, &m.pass)
		return m, err
	})
}

// searchPage returns a page of the articles ids, best first, with their
// snippets, which Go makes from their text (storeutil.MakeSnippet marks
// the words whose terms are among the query's, terms): ts_headline would
// parse the text with a configuration of its own, blind to the stems.
func (db *DB) searchPage(ctx context.Context, query string, terms map[string]bool, ids []int64, limit, offset int) ([]storyline.SearchHit, error) {
	sql := `WITH page AS (
		SELECT a.id, ts_rank(` + rankWeights + `, a.search, ` + searchQuery + `, 1)::float8 AS score
		FROM articles a WHERE a.id = ANY($2) AND a.copy_of IS NULL
		ORDER BY score DESC, a.id DESC LIMIT $3 OFFSET $4
	)
	SELECT ` + articleColumns(false) + `, p.score, a.text, a.language, a.search_language
	FROM page p JOIN articles a ON a.id = p.id LEFT JOIN sources s ON s.id = a.source_id
	ORDER BY p.score DESC, p.id DESC`
	rows, err := db.pool.Query(ctx, sql, pgx.QueryExecModeExec, query, ids, limit, offset)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var hits []storyline.SearchHit
	for rows.Next() {
		var (
			h                    storyline.SearchHit
			body, declared, lang string
		)
		if h.Article, err = scanArticle(rows, &h.Score, &body, &declared, &lang); err != nil {
			return nil, err
		}
		if lang == "" { // terms of before migration 0012
			lang = text.SearchLanguage(declared, body)
		}
		h.Snippet = storeutil.MakeSnippet(body, lang, terms)
		hits = append(hits, h)
	}
	return hits, rows.Err()
}
