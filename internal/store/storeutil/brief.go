package storeutil

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/storyline/storyline"
)

// briefJSON is how a story's brief is stored.
type briefJSON struct {
	Sentences []briefSentenceJSON `json:"sentences"`
	Generator string              `json:"generator"`
	UpdatedAt time.Time           `json:"updated_at"`
}

// briefSentenceJSON is one stored sentence of a brief.
type briefSentenceJSON struct {
	Text       string  `json:"text"`
	ArticleIDs []int64 `json:"article_ids"`
}

// EncodeBrief returns a brief as the stores keep it: JSON, "" for none.
func EncodeBrief(b *storyline.Brief) (string, error) {
	if b == nil {
		return "", nil
	}
	j := briefJSON{Sentences: make([]briefSentenceJSON, len(b.Sentences)), Generator: b.Generator, UpdatedAt: b.UpdatedAt.UTC()}
	for i, s := range b.Sentences {
		ids := s.ArticleIDs
		if ids == nil {
			ids = []int64{}
		}
		j.Sentences[i] = briefSentenceJSON{Text: s.Text, ArticleIDs: ids}
	}
	out, err := json.Marshal(j)
	if err != nil {
		return "", fmt.Errorf("encode brief: %w", err)
	}
	return string(out), nil
}

// DecodeBrief reads a brief EncodeBrief wrote; "" is none (nil).
func DecodeBrief(s string) (*storyline.Brief, error) {
	if s == "" {
		return nil, nil
	}
	var j briefJSON
	if err := json.Unmarshal([]byte(s), &j); err != nil {
		return nil, fmt.Errorf("decode brief: %w", err)
	}
	b := &storyline.Brief{Sentences: make([]storyline.BriefSentence, len(j.Sentences)), Generator: j.Generator, UpdatedAt: j.UpdatedAt}
	for i, s := range j.Sentences {
		b.Sentences[i] = storyline.BriefSentence{Text: s.Text, ArticleIDs: s.ArticleIDs}
	}
	return b, nil
}
