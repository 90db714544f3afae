package text

import "sort"

// Doc is one article's text analysed once for all its analyses: the
// language it is written in, its words (dictionary-segmented in Chinese
// and Japanese) and sentences, and an analyzer of that language that
// remembers every term it computes. Signature, summary, keyphrases,
// entities and story terms all read the same Doc instead of each
// segmenting and stemming the text again.
//
// A Doc is not safe for concurrent use (its analyzer is Scoped), and is
// meant to be dropped with the article.
type Doc struct {
	Lang       string    // ISO 639-1 code of the language the text is analysed as
	Analyzer   *Analyzer // the language's analyzer, Scoped to this text
	Title      string
	Body       string
	TitleWords []Word     // the words of Title
	Words      []Word     // the words of Body
	Sentences  []Sentence // the sentences of Body
}

// NewDoc analyses an article's title and body as text of a's language.
func NewDoc(a *Analyzer, title, body string) *Doc {
	lang := a.Language()
	return &Doc{
		Lang:       lang,
		Analyzer:   a.Scoped(),
		Title:      title,
		Body:       body,
		TitleWords: WordsIn(lang, title),
		Words:      WordsIn(lang, body),
		Sentences:  Sentences(body),
	}
}

// WordsBetween returns the words of the body that lie within byte
// offsets [start, end).
func (d *Doc) WordsBetween(start, end int) []Word {
	i := sort.Search(len(d.Words), func(i int) bool { return d.Words[i].Start >= start })
	j := i + sort.Search(len(d.Words)-i, func(k int) bool { return d.Words[i+k].Start+len(d.Words[i+k].Text) > end })
	return d.Words[i:j]
}
