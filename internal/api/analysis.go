package api

import "github.com/storyline/storyline"

// Analysis is what the analysis found in one article.
type Analysis struct {
	Language   string      `json:"language,omitempty"`
	Summary    []string    `json:"summary"`
	Keyphrases []Keyphrase `json:"keyphrases"`
	Entities   []Entity    `json:"entities"`
}

// NewAnalysis converts an article's analysis.
func NewAnalysis(a *storyline.Analysis) *Analysis {
	summary := a.Summary
	if summary == nil {
		summary = []string{}
	}
	return &Analysis{Language: a.Language, Summary: summary, Keyphrases: NewKeyphrases(a.Keyphrases), Entities: NewEntities(a.Entities)}
}
