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
	rows, err := db.query(ctx, `SELECT id, text, language FROM articles WHERE id IN (`+placeholders+`)`, ids...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id         int64
			body, lang string
		)
		if err := rows.Scan(&id, &body, &lang); err != nil {
			return err
		}
		hits[byID[id]].Snippet = storeutil.MakeSnippet(body, text.SearchLanguage(lang, body), terms)
	}
	return rows.Err()
}
