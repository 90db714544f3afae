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
	Coverage  []outletPointsJSON  `json:"coverage,omitempty"`
	Generator string              `json:"generator"`
	UpdatedAt time.Time           `json:"updated_at"`
}

// outletPointsJSON is one outlet's coverage as stored.
type outletPointsJSON struct {
	Source    string              `json:"source"`
	ArticleID int64               `json:"article_id"`
	Title     string              `json:"title"`
	Points    []briefSentenceJSON `json:"points"`
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
	j := briefJSON{Sentences: encodeSentences(b.Sentences), Generator: b.Generator, UpdatedAt: b.UpdatedAt.UTC()}
	for _, o := range b.Coverage {
		j.Coverage = append(j.Coverage, outletPointsJSON{Source: o.Source, ArticleID: o.ArticleID, Title: o.Title, Points: encodeSentences(o.Points)})
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
	b := &storyline.Brief{Sentences: decodeSentences(j.Sentences), Generator: j.Generator, UpdatedAt: j.UpdatedAt}
	for _, o := range j.Coverage {
		b.Coverage = append(b.Coverage, storyline.OutletPoints{Source: o.Source, ArticleID: o.ArticleID, Title: o.Title, Points: decodeSentences(o.Points)})
	}
	return b, nil
}

// encodeSentences returns sentences as stored.
func encodeSentences(ss []storyline.BriefSentence) []briefSentenceJSON {
	out := make([]briefSentenceJSON, len(ss))
	for i, s := range ss {
		ids := s.ArticleIDs
		if ids == nil {
			ids = []int64{}
		}
		out[i] = briefSentenceJSON{Text: s.Text, ArticleIDs: ids}
	}
	return out
}

// decodeSentences returns stored sentences.
func decodeSentences(ss []briefSentenceJSON) []storyline.BriefSentence {
	out := make([]storyline.BriefSentence, len(ss))
	for i, s := range ss {
		out[i] = storyline.BriefSentence{Text: s.Text, ArticleIDs: s.ArticleIDs}
	}
	return out
}
