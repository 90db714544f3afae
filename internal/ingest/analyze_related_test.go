package ingest

import (
	"testing"

	"github.com/storyline/storyline"
)

// A story's related terms are its distinctive words: a word every
// article has ("said") weighs less than the story's own ("dam") however
// often the story says it.
func TestRelatedTermsWeighByIDF(t *testing.T) {
	_, an := newTestAnalyzer(t)
	for range 50 {
		an.addTerms([]string{"said", "thursday"})
	}
	an.addTerms([]string{"said", "dam", "breach"})
	snap := storyline.StoryCentroid{StoryID: 1, Terms: []storyline.CentroidTerm{
		{Key: "said", Mass: 3}, {Key: "thursday", Mass: 2}, {Key: "dam", Mass: 1}, {Key: "breach", Mass: 0.9}}}
	idfs := an.centroidIDFs(map[int64]storyline.StoryCentroid{1: snap})
	if len(idfs) != 4 || idfs["dam"] <= idfs["said"] {
		t.Fatalf("IDFs = %v; want one per term, dam above said", idfs)
	}
	terms := relatedTerms(weighted(snap, idfs), 2)
	if len(terms) != 2 || terms["dam"] == 0 || terms["breach"] == 0 {
		t.Errorf("top related terms = %v, want dam and breach", terms)
	}
	norm := 0.0
	for _, w := range terms {
		norm += w * w
	}
	if norm < 0.999 || norm > 1.001 {
		t.Errorf("related terms have squared length %g, want 1", norm)
	}
	// A term the frequencies lack weighs by its mass alone.
	if w := weighted(snap, nil); w["said"] != 3 {
		t.Errorf("weighted without IDFs = %v", w)
	}
}
