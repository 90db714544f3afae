package sqlite

import (
	"context"
	"strings"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
	"github.com/storyline/storyline/internal/text"
)

// addSnippets sets the snippets of hits: a passage of each body with the
// query's words marked.
//
// The search index is contentless (the text is only in the articles
// table), so FTS5's snippet() cannot run on it; the passages are chosen
// by storeutil.MakeSnippet instead, which marks a word when its terms in
// the article's language (as the index holds them) include a term of the
// query.
func (db *DB) addSnippets(ctx context.Context, words []text.QueryWord, hits []storyline.SearchHit) error {
	if len(hits) == 0 {
		return nil
	}
	ids := make([]any, len(hits))
	byID := make(map[int64]int, len(hits))
	for i, h := range hits {
		ids[i] = h.Article.ID
		byID[h.Article.ID] = i
	}
	terms := storeutil.QueryTermSet(words)
	placeholders := strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")
	// The index knows each article's language; an article it no longer
	// holds (IndexWait ran out) has it worked out again.
	rows, err := db.query(ctx, `SELECT a.id, a.text, a.language, coalesce(f.lang, '')
		FROM articles a LEFT JOIN search.fts f ON f.rowid = a.id
		WHERE a.id IN (`+placeholders+`)`, ids...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id                   int64
			body, declared, lang string
		)
		if err := rows.Scan(&id, &body, &declared, &lang); err != nil {
			return err
		}
		if lang == "" {
			lang = text.SearchLanguage(declared, body)
		}
		hits[byID[id]].Snippet = storeutil.MakeSnippet(body, lang, terms)
	}
	return rows.Err()
}
