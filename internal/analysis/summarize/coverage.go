package summarize

import (
	"slices"
	"sort"
	"strings"
)

// OutletPoints is how one outlet covered a story: its report's headline
// and what its reports say that the other outlets' do not.
type OutletPoints struct {
	Source string
	// ID and Title are those of the outlet's first report.
	ID     int64
	Title  string
	Points []BriefSentence
}

// coveragePoints is the most distinctive points shown per outlet.
const coveragePoints = 2

// Coverage returns, for a story told by several outlets, each outlet's
// headline and distinctive points: its best sentences (standing alone,
// by the same scores as the brief) that state no fact another outlet's
// reports state, by the outlet's order of first report. Reports in
// another language than lang are left out ("" keeps all); a story of
// one outlet has no comparison to make (nil).
func (e *Extractive) Coverage(reports []Report, lang string) []OutletPoints {
	return e.StoryBrief(reports, lang).Coverage
}

// coverageOf returns the outlets' coverage of a story from the brief's
// candidates of its reports kept; nil for one outlet.
func coverageOf(kept []Report, cands []*briefCandidate, lang string) []OutletPoints {
	outlet := make([]int, len(kept)) // report → outlet index
	var outlets []OutletPoints
	byName := map[string]int{}
	for i, r := range kept {
		name := strings.TrimSpace(r.Source)
		k, ok := byName[strings.ToLower(name)]
		if !ok {
			k = len(outlets)
			byName[strings.ToLower(name)] = k
			outlets = append(outlets, OutletPoints{Source: name, ID: r.ID, Title: r.Title})
		}
		outlet[i] = k
	}
	if len(outlets) < 2 {
		return nil
	}
	sorted := slices.Clone(cands)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].score > sorted[j].score })
	for _, c := range sorted {
		o := &outlets[outlet[c.article]]
		if len(o.Points) >= coveragePoints || sharedWithOthers(c, cands, outlet) ||
			slices.ContainsFunc(o.Points, func(p BriefSentence) bool { return p.Text == c.text }) {
			continue
		}
		t := c.text
		if c.attribute {
			t = attribute(t, kept[c.article].Source, lang)
		}
		o.Points = append(o.Points, BriefSentence{Text: t, ArticleIDs: []int64{kept[c.article].ID}})
	}
	return outlets
}

// sharedWithOthers reports whether candidate c states a fact a sentence
// of another outlet's reports states too.
func sharedWithOthers(c *briefCandidate, cands []*briefCandidate, outlet []int) bool {
	for _, d := range cands {
		if outlet[d.article] != outlet[c.article] && sameFact(c, d, cosine(c.vec, d.vec)) {
			return true
		}
	}
	return false
}
