package text

import (
	"encoding/json"
	"fmt"
	"math"
)

// DocFreq counts in how many documents each term occurs, incrementally,
// for TF-IDF weights. It is not safe for concurrent use.
type DocFreq struct {
	docs  int
	count map[string]int
}

// NewDocFreq returns empty document frequencies.
func NewDocFreq() *DocFreq { return &DocFreq{count: make(map[string]int)} }

// Add counts one document with the given terms (repeats count once).
func (d *DocFreq) Add(terms []string) {
	d.docs++
	seen := make(map[string]bool, len(terms))
	for _, t := range terms {
		if !seen[t] {
			seen[t] = true
			d.count[t]++
		}
	}
}

// Docs returns how many documents were added.
func (d *DocFreq) Docs() int { return d.docs }

// Count returns how many documents contain term.
func (d *DocFreq) Count(term string) int { return d.count[term] }

// IDF returns the smoothed inverse document frequency of term,
// ln((1+N)/(1+df)) + 1: positive for every term, highest for unseen ones.
func (d *DocFreq) IDF(term string) float64 {
	return math.Log(float64(1+d.docs)/float64(1+d.count[term])) + 1
}

// Terms returns how many distinct terms were seen.
func (d *DocFreq) Terms() int { return len(d.count) }

// docFreqJSON is the JSON form of a DocFreq.
type docFreqJSON struct {
	Docs   int            `json:"docs"`
	Counts map[string]int `json:"counts"`
}

// MarshalJSON encodes the frequencies, to be saved and restored.
func (d *DocFreq) MarshalJSON() ([]byte, error) {
	return json.Marshal(docFreqJSON{Docs: d.docs, Counts: d.count})
}

// UnmarshalJSON restores frequencies encoded by MarshalJSON.
func (d *DocFreq) UnmarshalJSON(b []byte) error {
	var j docFreqJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return fmt.Errorf("document frequencies: %w", err)
	}
	if j.Docs < 0 {
		return fmt.Errorf("document frequencies: negative document count %d", j.Docs)
	}
	d.docs, d.count = j.Docs, j.Counts
	if d.count == nil {
		d.count = make(map[string]int)
	}
	return nil
}
