package api

import "github.com/storyline/storyline"

// Answer is the reply to a question about a story: found is false when
// the coverage does not answer it.
type Answer struct {
	Found     bool            `json:"found"`
	Answer    string          `json:"answer"`
	Sentences []BriefSentence `json:"sentences"`
	// Generator is "built-in" (the coverage's own sentences) or the name
	// of the language model that wrote the answer.
	Generator string `json:"generator"`
}

// NewAnswer converts an answer; its sentences are never nil.
func NewAnswer(a *storyline.Answer) Answer {
	return Answer{Found: a.Found, Answer: a.Text, Sentences: newBriefSentences(a.Sentences), Generator: a.Generator}
}
