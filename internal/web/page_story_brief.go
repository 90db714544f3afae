package web

import "github.com/storyline/storyline"

// briefView is a story's brief as its page shows it: each sentence
// followed by numbered links to the articles it cites.
type briefView struct {
	Sentences []briefLine
	BuiltIn   bool   // drawn from the articles' own sentences
	Generator string // the language model's name when not built in
}

// briefLine is one sentence of a brief and its citations.
type briefLine struct {
	Text  string
	Cites []briefCite
}

// briefCite is a citation: the article's number in the brief (in the
// order first cited), its ID and its outlet.
type briefCite struct {
	N      int
	ID     int64
	Source string
}

// newBriefView numbers the articles a brief cites, naming each by its
// outlet in the story's timeline; an article no longer in the story
// (deleted by retention since the brief was made) is not linked. Nil
// when there is no brief.
func newBriefView(b *storyline.Brief, timeline []storyline.TimelineEntry) *briefView {
	if b == nil || len(b.Sentences) == 0 {
		return nil
	}
	source := make(map[int64]string, len(timeline))
	in := make(map[int64]bool, len(timeline))
	for _, e := range timeline {
		source[e.ArticleID], in[e.ArticleID] = e.Source, true
	}
	v := &briefView{BuiltIn: b.Generator == "" || b.Generator == storyline.BuiltInBrief, Generator: b.Generator}
	number := make(map[int64]int)
	for _, s := range b.Sentences {
		line := briefLine{Text: s.Text}
		for _, id := range s.ArticleIDs {
			if !in[id] {
				continue
			}
			n, ok := number[id]
			if !ok {
				n = len(number) + 1
				number[id] = n
			}
			line.Cites = append(line.Cites, briefCite{N: n, ID: id, Source: source[id]})
		}
		v.Sentences = append(v.Sentences, line)
	}
	return v
}
