package sqlite

import (
	"context"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// Snippet sizes, in words.
const (
	snippetWords  = 24 // the longest snippet
	snippetBefore = 4  // words of context before the first match
)

// addSnippets sets the snippets of hits: a passage of each body with the
// query's terms marked.
//
// The search index is contentless (the text is only in the articles
// table), so FTS5's snippet() cannot run on it; the passages are chosen
// here instead. A word matches a term when both fold to the same stem the
// way the index's tokenizer folds them (case, diacritics, Porter stemming).
// The passage is the run of snippetWords words with the most different
// terms, then the most matches, the earliest of equals.
func (db *DB) addSnippets(ctx context.Context, terms []string, hits []storyline.SearchHit) error {
	if len(hits) == 0 {
		return nil
	}
	ids := make([]any, len(hits))
	byID := make(map[int64]int, len(hits))
	for i, h := range hits {
		ids[i] = h.Article.ID
		byID[h.Article.ID] = i
	}
	keys := make(map[string]bool, len(terms))
	for _, t := range terms {
		keys[searchKey(t)] = true
	}
	placeholders := strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")
	rows, err := db.query(ctx, `SELECT id, text FROM articles WHERE id IN (`+placeholders+`)`, ids...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id   int64
			text string
		)
		if err := rows.Scan(&id, &text); err != nil {
			return err
		}
		hits[byID[id]].Snippet = makeSnippet(text, keys)
	}
	return rows.Err()
}

// word is a word of a text: its byte range and its search key.
type word struct {
	start, end int
	key        string
}

// words splits text into words the way storeutil.QueryTerms does
// (storeutil.Words).
func words(text string) []word {
	var list []word
	for start, end := range storeutil.Words(text) {
		list = append(list, word{start: start, end: end})
	}
	return list
}

// searchKey folds a word as the index's tokenizer does: lower case,
// without diacritics, stemmed.
func searchKey(w string) string {
	return porterStem(fold(w))
}

// fold returns w in lower case without diacritics.
func fold(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(w)
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(w) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// matcher tells the words of a text that match search keys. Stemming is
// the costly part, so it stems only words that can match (a Porter stem
// keeps all but at most the last two letters of the word) and each
// distinct word once.
type matcher struct {
	keys     map[string]bool
	prefixes []string
	seen     map[string]string // folded word: key, or "" for no match
	first    [128]bool         // ASCII letters a matching word can start with
	anyFirst bool              // a prefix is empty or not ASCII: no quick test
}

// newMatcher returns a matcher for the keys.
func newMatcher(keys map[string]bool) *matcher {
	m := &matcher{keys: keys, seen: map[string]string{}}
	for k := range keys {
		p := k[:max(0, len(k)-2)]
		m.prefixes = append(m.prefixes, p)
		if p == "" || p[0] >= 0x80 {
			m.anyFirst = true
		} else {
			m.first[p[0]] = true
		}
	}
	return m
}

// match returns the key that word matches, or "".
func (m *matcher) match(word string) string {
	if c := word[0]; !m.anyFirst && c < 0x80 {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if !m.first[c] {
			return ""
		}
	}
	f := fold(word)
	if key, ok := m.seen[f]; ok {
		return key
	}
	key := ""
	for _, p := range m.prefixes {
		if strings.HasPrefix(f, p) {
			if k := porterStem(f); m.keys[k] {
				key = k
			}
			break
		}
	}
	m.seen[f] = key
	return key
}

// makeSnippet returns the best passage of text for the search keys.
func makeSnippet(text string, keys map[string]bool) storyline.Snippet {
	ws := words(text)
	if len(ws) == 0 {
		return nil
	}
	var matches []int
	m := newMatcher(keys)
	for i := range ws {
		if ws[i].key = m.match(text[ws[i].start:ws[i].end]); ws[i].key != "" {
			matches = append(matches, i)
		}
	}
	from, to := 0, min(len(ws), snippetWords)
	best, bestScore := -1, -1
	for _, m := range matches {
		start := max(0, min(m-snippetBefore, len(ws)-snippetWords))
		distinct, count := map[string]bool{}, 0
		for _, n := range matches {
			if n >= start && n < start+snippetWords {
				distinct[ws[n].key] = true
				count++
			}
		}
		if score := len(distinct)*1000 + count; score > bestScore {
			best, bestScore = start, score
		}
	}
	if best >= 0 {
		from, to = best, min(len(ws), best+snippetWords)
	}

	var b storeutil.SnippetBuilder
	add := b.Add
	pos := ws[from].start
	if from > 0 {
		add(storeutil.Ellipsis, false)
	} else {
		pos = 0
	}
	for i := from; i < to; i++ {
		if ws[i].key != "" {
			add(storeutil.CollapseSpace(text[pos:ws[i].start]), false)
			add(text[ws[i].start:ws[i].end], true)
			pos = ws[i].end
		}
	}
	end := ws[to-1].end
	if to == len(ws) {
		end = len(text)
	}
	add(storeutil.CollapseSpace(text[pos:end]), false)
	if to < len(ws) {
		add(storeutil.Ellipsis, false)
	}
	return b.Snippet()
}
