package synth

import (
	"fmt"
	"strings"
	"time"

	"github.com/storyline/storyline"
)

// Event is one generated news event and its coverage: articles by several
// outlets sharing the event's topic words, with the aggregates a story
// about it has (title, summary, hashtags, entities, terms).
type Event struct {
	Title    string
	Summary  string
	Tags     []storyline.Keyphrase
	Entities []storyline.Entity
	Terms    map[string]float64
	Articles []*storyline.Article
}

// Event returns the i-th event, covered by size articles from distinct
// outlets among outlets (size is capped at outlets), the first published
// at at and the others 20 minutes apart. Topic words come from the rare
// end of the vocabulary, so events are told apart as real ones are.
func (g *Generator) Event(i, size, outlets int, at time.Time) *Event {
	size = max(1, min(size, outlets))
	rare := func() string { return g.vocab[len(g.vocab)/2+g.rng.IntN(len(g.vocab)/2)] }
	topic := make([]string, 6)
	for k := range topic {
		topic[k] = rare()
	}
	name := func() string { return capital(rare()) + " " + capital(rare()) }
	e := &Event{
		Title: capital(topic[0]) + " " + topic[1] + " " + g.Words(3) + " " + topic[2],
		Tags: []storyline.Keyphrase{
			{Text: topic[0] + " " + topic[1], Hashtag: "#" + capital(topic[0]) + capital(topic[1]), Score: 3},
			{Text: topic[2], Hashtag: "#" + capital(topic[2]), Score: 2},
			{Text: topic[3], Hashtag: "#" + capital(topic[3]), Score: 1},
		},
		Entities: []storyline.Entity{
			{Name: name(), Kind: storyline.EntityPerson, Count: size + 1},
			{Name: capital(rare()), Kind: storyline.EntityPlace, Count: size},
			{Name: name() + " Group", Kind: storyline.EntityOrganization, Count: 1},
		},
		Terms: map[string]float64{},
	}
	for k, w := range topic {
		e.Terms[w] = float64(len(topic) - k)
	}
	first := g.rng.IntN(max(outlets, 1))
	for k := range size {
		a := g.Article(i*100+k, 250+g.rng.IntN(300), outlets)
		outlet := (first + k) % outlets
		a.Source = fmt.Sprintf("Outlet %d", outlet)
		a.URL = fmt.Sprintf("https://outlet%d.example.com/news/%d-%d", outlet, i, k)
		a.Title = e.Title
		if k > 0 {
			a.Title = capital(topic[k%len(topic)]) + ": " + e.Title
		}
		a.Text = strings.Join(topic, " ") + ". " + a.Text
		a.Published = at.Add(time.Duration(k) * 20 * time.Minute)
		e.Articles = append(e.Articles, a)
	}
	e.Summary = firstSentences(e.Articles[0].Text, 2)
	return e
}

// capital returns w with its first letter in upper case.
func capital(w string) string {
	if w == "" {
		return w
	}
	return strings.ToUpper(w[:1]) + w[1:]
}

// firstSentences returns the first n sentences of text (split at ". ").
func firstSentences(text string, n int) string {
	parts := strings.SplitN(strings.ReplaceAll(text, "\n\n", " "), ". ", n+1)
	return strings.Join(parts[:min(n, len(parts))], ". ") + "."
}
