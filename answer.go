package storyline

import (
	"context"
	"time"
)

// Question is a reader's question about one story, answered from the
// story's coverage only.
type Question struct {
	StoryID int64
	Text    string // the question; 1 to MaxQuestionBytes bytes after trimming
	// Model lets a language model write the answer when one is
	// configured; false answers with the coverage's own sentences.
	Model bool
	// Delta, when set, receives a model's answer piece by piece as it is
	// written, before Ask returns the whole answer.
	Delta func(text string)
}

// MaxQuestionBytes is the longest question asked of a story.
const MaxQuestionBytes = 500

// Answer is what a story's coverage says in reply to a question.
type Answer struct {
	// Found is false when nothing in the coverage answers the question;
	// Text then says so and Sentences is empty.
	Found bool
	Text  string
	// Sentences are the answer's sentences, each citing the articles it
	// rests on.
	Sentences []BriefSentence
	// Generator is what wrote it: BuiltInBrief (the coverage's own
	// sentences) or a language model's name.
	Generator string
}

// Asker answers questions about stories.
type Asker interface {
	// Ask answers q from the coverage of story q.StoryID: ENOTFOUND for an
	// unknown story, EINVALID for an empty or too long question.
	Ask(ctx context.Context, q Question) (*Answer, error)
}

// ModelBriefDue is a story whose brief a language model should write
// (again): it has ArticleCount articles now.
type ModelBriefDue struct {
	StoryID      int64
	ArticleCount int
}

// ModelBriefStore keeps the briefs a language model writes for stories
// and the tokens spent on them each day, shared by every process of an
// install.
type ModelBriefStore interface {
	// StoriesForModelBrief lists up to limit stories last updated at or
	// after since whose model brief is missing or out of date: never
	// attempted, or attempted when the story had n articles and it now has
	// at least n + max(1, n/4). Stories of several articles come first,
	// then the most recently updated.
	StoriesForModelBrief(ctx context.Context, since time.Time, limit int) ([]ModelBriefDue, error)
	// SaveModelBrief records a model's attempt at story id's brief, made
	// from articles articles. A non-nil b becomes the brief Story returns
	// (with the built-in brief's Coverage) and its text the story's
	// summary, kept when the built-in brief is brought up to date; a nil b
	// records the attempt only, and the built-in brief stays. An unknown
	// story is ENOTFOUND.
	SaveModelBrief(ctx context.Context, id int64, b *Brief, articles int) error
	// AddModelTokens adds n tokens to the count of day (UTC, as
	// "2006-01-02") and returns the day's total.
	AddModelTokens(ctx context.Context, day string, n int64) (int64, error)
	// ModelTokens returns the tokens counted for day.
	ModelTokens(ctx context.Context, day string) (int64, error)
}
