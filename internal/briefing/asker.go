package briefing

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"unicode/utf8"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/analysis/ask"
	"github.com/storyline/storyline/internal/analysis/modelbrief"
)

// Asker answers readers' questions about a story from its coverage. It
// implements storyline.Asker.
type Asker struct {
	store Store
	model *Model // nil: built-in answers only
	log   *slog.Logger
	cache *askCache
}

// Limits of what an answer reads.
const (
	// askReports is the most articles of a story a question is answered
	// from.
	askReports = 24
	// askPassages is the most passages a model is given to answer from.
	askPassages = 8
	// answerTokens is the most tokens a model's answer may take.
	answerTokens = 300
)

// NewAsker returns an Asker reading st; model, when not nil, writes the
// answers to questions that allow it.
func NewAsker(st Store, model *Model, log *slog.Logger) *Asker {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Asker{store: st, model: model, log: log, cache: newAskCache()}
}

// Ask answers q from the coverage of its story.
func (a *Asker) Ask(ctx context.Context, q storyline.Question) (*storyline.Answer, error) {
	question := strings.TrimSpace(q.Text)
	switch {
	case question == "":
		return nil, storyline.Errorf(storyline.EINVALID, "the question is empty")
	case len(question) > storyline.MaxQuestionBytes:
		return nil, storyline.Errorf(storyline.EINVALID, "the question is %d bytes long; at most %d are answered", len(question), storyline.MaxQuestionBytes)
	case !utf8.ValidString(question):
		return nil, storyline.Errorf(storyline.EINVALID, "the question is not valid UTF-8 text")
	}
	s, err := a.store.Story(ctx, q.StoryID)
	if err != nil {
		return nil, fmt.Errorf("ask story %d: %w", q.StoryID, err)
	}
	e, err := a.index(ctx, s)
	if err != nil {
		return nil, fmt.Errorf("ask story %d: %w", q.StoryID, err)
	}
	ix, reports := e.index, e.reports
	found, passages := ix.Answer(question)
	builtIn := builtInAnswer(found, passages)
	if !found || !q.Model || a.model == nil {
		return builtIn, nil
	}
	answer, err := a.modelAnswer(ctx, question, s.Language, reports, ix.Search(question, askPassages), q.Delta)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		a.log.Warn("language model answer failed; answering from the coverage's own sentences",
			"story", s.ID, "model", a.model.Name(), "err", err)
		return builtIn, nil
	}
	return answer, nil
}

// index returns the retrieval index of story s, from the cache while the
// story is as it was when the index was made.
func (a *Asker) index(ctx context.Context, s *storyline.Story) (*askEntry, error) {
	if e, ok := a.cache.get(s.ID, s.ArticleCount, s.LastUpdated, s.Summary); ok {
		return e, nil
	}
	reports, err := storyReports(ctx, a.store, s, askReports)
	if err != nil {
		return nil, err
	}
	e := &askEntry{story: s.ID, articles: s.ArticleCount, updated: s.LastUpdated, summary: s.Summary,
		index: ask.New(askReportsOf(reports), s.Language), reports: reports}
	a.cache.put(e)
	return e, nil
}

// modelAnswer asks the model to answer question from passages, quoted as
// parts of their articles.
func (a *Asker) modelAnswer(ctx context.Context, question, lang string, reports []modelbrief.Report, passages []ask.Passage, delta func(string)) (*storyline.Answer, error) {
	p := modelbrief.AnswerPrompt(question, passageReports(reports, passages), lang)
	comp, err := a.model.call(ctx, "ask", p, answerTokens, delta)
	if err != nil {
		return nil, err
	}
	checked, found, err := modelbrief.CheckAnswer(comp.Text, p, lang)
	if err != nil {
		return nil, fmt.Errorf("check the answer: %w", err)
	}
	if !found {
		return notFound(a.model.Name()), nil
	}
	sents := briefSentences(checked.Sentences)
	return &storyline.Answer{Found: true, Text: joinSentences(sents), Sentences: sents, Generator: a.model.Name()}, nil
}

// passageReports returns, for each article that passages come from (in
// the order of the best passage of each), the article with those
// passages as its text.
func passageReports(reports []modelbrief.Report, passages []ask.Passage) []modelbrief.Report {
	byID := make(map[int64]modelbrief.Report, len(reports))
	for _, r := range reports {
		byID[r.ID] = r
	}
	var out []modelbrief.Report
	index := map[int64]int{}
	for _, p := range passages {
		for _, id := range p.ArticleIDs {
			r, ok := byID[id]
			if !ok {
				continue
			}
			i, seen := index[id]
			if !seen {
				i = len(out)
				index[id] = i
				r.Text = ""
				out = append(out, r)
			}
			if out[i].Text != "" {
				out[i].Text += "\n\n"
			}
			out[i].Text += p.Text
		}
	}
	return out
}

// askReportsOf converts reports for retrieval.
func askReportsOf(reports []modelbrief.Report) []ask.Report {
	out := make([]ask.Report, len(reports))
	for i, r := range reports {
		out[i] = ask.Report{ID: r.ID, Source: r.Source, Title: r.Title, Text: r.Text, Lang: r.Lang}
	}
	return out
}

// builtInAnswer is the answer made of the coverage's own sentences.
func builtInAnswer(found bool, passages []ask.Passage) *storyline.Answer {
	if !found || len(passages) == 0 {
		return notFound(storyline.BuiltInBrief)
	}
	sents := make([]storyline.BriefSentence, len(passages))
	for i, p := range passages {
		sents[i] = storyline.BriefSentence{Text: p.Text, ArticleIDs: p.ArticleIDs}
	}
	return &storyline.Answer{Found: true, Text: joinSentences(sents), Sentences: sents, Generator: storyline.BuiltInBrief}
}

// NotInCoverage is the text of an answer the coverage does not give.
const NotInCoverage = "Not in the coverage: none of this story's articles answers that."

// notFound is the answer when the coverage does not answer a question.
func notFound(generator string) *storyline.Answer {
	return &storyline.Answer{Found: false, Text: NotInCoverage, Generator: generator}
}

// joinSentences returns the sentences' text joined.
func joinSentences(ss []storyline.BriefSentence) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = s.Text
	}
	return strings.Join(parts, " ")
}
