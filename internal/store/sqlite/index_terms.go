package sqlite

import (
	"runtime"
	"strings"
	"sync"

	"github.com/storyline/storyline/internal/text"
)

// The index holds terms, not text: each article's title and text are cut
// into search terms in Go (text.SearchTerms, in the article's language,
// text.SearchLanguage), and the FTS5 table is given them joined by
// spaces. Its tokenizer only splits at spaces (every other character,
// punctuation included, is part of a term: "u.s" and "col:term" are
// terms) and neither stems nor removes diacritics, which the terms have
// had done already. Queries are cut into terms the same way for each
// language the index holds (the langs table), so a German "Verhandlung"
// finds "Verhandlungen" and Chinese without spaces is found by its words.

// indexDoc is an article as the index takes it in.
type indexDoc struct {
	id          int64
	lang        string // the language its terms are in
	title, text string // before termsOf: as stored; after: their terms
}

// readDocs reads the articles a query selects (id, title, text and
// language, in that order) and turns their title and text into terms.
func readDocs(t *txn, query string, args ...any) ([]indexDoc, error) {
	rows, err := t.query(query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var docs []indexDoc
	for rows.Next() {
		var d indexDoc
		if err := rows.Scan(&d.id, &d.title, &d.text, &d.lang); err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	termsOf(docs)
	return docs, nil
}

// termsOf replaces the title and text of each document by their terms,
// and its declared language by the one it is indexed in, on every
// processor: stemming, not FTS5, is most of the cost of indexing.
func termsOf(docs []indexDoc) {
	workers := min(runtime.GOMAXPROCS(0), len(docs))
	var (
		wg   sync.WaitGroup
		next = make(chan int)
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				d := &docs[i]
				d.lang = text.SearchLanguage(d.lang, d.text)
				d.title = strings.Join(text.SearchTerms(d.lang, d.title), " ")
				d.text = strings.Join(text.SearchTerms(d.lang, d.text), " ")
			}
		}()
	}
	for i := range docs {
		next <- i
	}
	close(next)
	wg.Wait()
}

// indexInsertRows is the most documents one INSERT statement adds.
const indexInsertRows = 100

// insertDocs adds documents to the index and records their languages.
func insertDocs(t *txn, docs []indexDoc) error {
	langs := map[string]bool{}
	for len(docs) > 0 {
		n := min(len(docs), indexInsertRows)
		args := make([]any, 0, 4*n)
		for _, d := range docs[:n] {
			args = append(args, d.id, d.title, d.text, d.lang)
			langs[d.lang] = true
		}
		values := strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?),", n), ",")
		if _, err := t.exec(`INSERT INTO fts (rowid, title, text, lang) VALUES `+values, args...); err != nil {
			return err
		}
		docs = docs[n:]
	}
	for lang := range langs {
		if _, err := t.exec(`INSERT OR IGNORE INTO langs (lang) VALUES (?)`, lang); err != nil {
			return err
		}
	}
	return nil
}
