package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// rankWeights are ts_rank's weights of the D, C, B and A labels: title
// terms (A) weigh ten times body terms (B), as in the SQLite store.
const rankWeights = `'{0, 0, 0.1, 1}'::float4[]`

// Search returns the canonical articles matching every word of q.Text,
// best first by ts_rank (title matches weigh ten times body matches; the
// rank is divided by 1 + the log of the article's length, as BM25 favours
// short matches). q.Text is plain words; a query without words finds
// nothing. Hits carry no HTML or Text, and a snippet of the body with the
// matches marked (see searchSQL).
func (db *DB) Search(ctx context.Context, q storyline.SearchQuery) ([]storyline.SearchHit, error) {
	limit, err := storeutil.PageLimit(q.Limit, q.Offset, storeutil.DefaultSearchLimit, storeutil.MaxSearchLimit)
	if err != nil {
		return nil, err
	}
	terms := storeutil.QueryTerms(q.Text)
	if len(terms) == 0 {
		return nil, nil
	}
	args := []any{tsqueryText(terms), max(storeutil.RankWindow, q.Offset+limit), limit, q.Offset, headlineOptions}
	var filters string
	if q.Source != "" {
		args = append(args, storeutil.FoldName(q.Source))
		filters += fmt.Sprintf(" AND a.source_id = (SELECT id FROM sources WHERE name_key = $%d)", len(args))
	}
	if !q.Since.IsZero() {
		args = append(args, clampTime(q.Since))
		filters += fmt.Sprintf(" AND coalesce(a.published, a.created_at) >= $%d", len(args))
	}
	// QueryExecModeExec plans every search for its own words (an unnamed
	// statement): a cached generic plan, blind to how many articles the
	// words match, can be far slower.
	rows, err := db.pool.Query(ctx, searchSQL(filters), append([]any{pgx.QueryExecModeExec}, args...)...)
	if err != nil {
		return nil, wrap(err, "search %q", q.Text)
	}
	defer rows.Close()
	var hits []storyline.SearchHit
	for rows.Next() {
		var (
			h  storyline.SearchHit
			hl headline
		)
		h.Article, err = scanArticle(rows, &h.Score, &hl.text, &hl.pos, &hl.n, &hl.total, &hl.first, &hl.last)
		if err != nil {
			return nil, wrap(err, "search %q", q.Text)
		}
		h.Snippet = hl.snippet()
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, wrap(err, "search %q", q.Text)
	}
	return hits, nil
}

// searchSQL returns the search query with the extra conditions filters
// (on "articles a"). Its parameters: $1 the text for websearch_to_tsquery
// (tsqueryText), $2 the rank window, $3 and $4 the page's limit and
// offset, $5 the ts_headline options; the filters' from $6.
//
// websearch_to_tsquery with a configuration is immutable, so in a plan
// made for the query's own words it is folded into a constant, and the
// planner knows from the column's statistics how many articles the words
// match: rare words are looked up in the partial GIN index (copy_of IS
// NULL), common ones found by walking the newest articles. The storeutil.RankWindow
// newest matches are ranked, and only the page's hits get a headline:
// ts_headline of the body with the matches between \x01 and \x02 (taken
// out of the text first), which Go splits into a Snippet. Where the
// passage lies in the text (its position and length, the text's length
// and its first and last characters) tells whether it was cut.
func searchSQL(filters string) string {
	const query = `websearch_to_tsquery('storyline', $1)`
	return `WITH recent AS (
		SELECT a.id, a.search FROM articles a
		WHERE a.search @@ ` + query + ` AND a.copy_of IS NULL` + filters + `
		ORDER BY a.id DESC LIMIT $2
	),
	page AS (
		SELECT id, ts_rank(` + rankWeights + `, search, ` + query + `, 1)::float8 AS score
		FROM recent ORDER BY score DESC, id DESC LIMIT $3 OFFSET $4
	)
	SELECT ` + articleColumns(false) + `, p.score,
		h.hl, strpos(b.body, h.plain), char_length(h.plain), char_length(b.body),
		left(b.body, ` + fmt.Sprint(edgeChars) + `), right(b.body, ` + fmt.Sprint(edgeChars) + `)
	FROM page p JOIN articles a ON a.id = p.id LEFT JOIN sources s ON s.id = a.source_id
		CROSS JOIN LATERAL (SELECT translate(a.text, E'\x01\x02', '') AS body) b
		CROSS JOIN LATERAL (SELECT ts_headline('storyline', b.body, ` + query + `, $5) AS hl) h0
		CROSS JOIN LATERAL (SELECT h0.hl, translate(h0.hl, E'\x01\x02', '') AS plain) h
	ORDER BY p.score DESC, p.id DESC`
}

// tsqueryText returns the text for websearch_to_tsquery that matches
// documents containing every term: each term in double quotes.
//
// The person's text never reaches websearch_to_tsquery as typed, where
// "-word" would exclude a word and "or" join alternatives: storeutil.QueryTerms
// keeps only letters, digits and marks, so quotes and dashes cannot
// occur, and quoting each word makes even a word "or" (or "OR") a term
// to find rather than an operator. Quoted words side by side are ANDed;
// a word the parser splits further (rare) becomes a phrase of its parts,
// which the same parser also made of the document's text.
func tsqueryText(terms []string) string {
	var b strings.Builder
	for i, t := range terms {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('"')
		b.WriteString(t)
		b.WriteByte('"')
	}
	return b.String()
}
