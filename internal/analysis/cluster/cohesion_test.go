package cluster

import (
	"context"
	"math"
	"testing"
	"time"
)

func TestMemberSimilarity(t *testing.T) {
	tests := []struct {
		name string
		norm float64
		n    int
		want float64
	}{
		{"one article tells nothing", 1, 1, 0},
		{"one pair tells too little", 2, 2, 0},
		{"empty centroid", 0, 5, 0},
		{"identical articles", 4, 4, 1},
		{"orthogonal articles", 2, 4, 0},
		// |c|² = 4 + 12·0.5 = 10: pairwise cosine 0.5, 4·0.5/√10 with c.
		{"half alike", math.Sqrt(10), 4, 2 / math.Sqrt(10)},
		{"truncated below orthogonal", 1, 4, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := memberSimilarity(tt.norm, tt.n); math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("memberSimilarity(|c|=%v, n=%d) = %v, want %v", tt.norm, tt.n, got, tt.want)
			}
		})
	}
}

// Reports of one company's headset launch, close to one another, and a
// report of the same company's other launch that week.
var (
	headset = []Document{
		{Title: "Quillon opens orders for its Vista headset developer kit",
			Lead: "Quillon began taking orders for the Vista headset developer kit, letting app makers build software for the augmented reality glasses."},
		{Title: "Vista headset developer kit goes on sale to Quillon app makers",
			Lead: "App makers can now order Quillon's Vista augmented reality headset developer kit and start building glasses software."},
		{Title: "Quillon Vista glasses: developer kit orders open for app makers",
			Lead: "Quillon's augmented reality Vista glasses reached app makers as the developer kit went on sale."},
		{Title: "App makers get the Vista headset developer kit from Quillon",
			Lead: "The Vista developer kit for Quillon's augmented reality headset is on sale to app makers building glasses software."},
	}
	voiceSearch = Document{Title: "Quillon brings hands-free voice search to its Orbit browser",
		Lead: "Quillon released an Orbit browser extension that answers spoken questions, and invited app makers to build on it."}
)

func TestCohesiveStoryTurnsAwayAnotherEvent(t *testing.T) {
	var docs []Document
	for i, d := range headset {
		docs = append(docs, at(d, t0.Add(time.Duration(i)*time.Hour)))
	}
	docs = append(docs, at(voiceSearch, t0.Add(5*time.Hour)))

	// Without the floor the other launch is similar enough to join.
	c, err := New(Options{Cohesion: 1e-9})
	if err != nil {
		t.Fatal(err)
	}
	idx := NewMemIndex()
	var last Decision
	for _, d := range docs {
		if last, err = c.Assign(context.Background(), idx, c.Weigh(c.Count(d), idx), idx); err != nil {
			t.Fatal(err)
		}
		idx.Apply(last)
	}
	if last.New {
		t.Fatal("without a cohesion floor the other launch starts a story: the test shows nothing")
	}

	ids, _ := run(t, Options{}, docs...)
	for i := 1; i < len(headset); i++ {
		if ids[i] != ids[0] {
			t.Errorf("headset report %d is in story %d, want %d with the others", i, ids[i], ids[0])
		}
	}
	if ids[len(docs)-1] == ids[0] {
		t.Errorf("the voice search launch joined the headset story (similarity %.3f)", last.Similarity)
	}
}

func TestSimilarityIsCosineWithTheWeighedCentroid(t *testing.T) {
	idfs := &idfCache{df: NewMemIndex(), memo: map[string]float64{}}
	doc := weights{w: map[string]float64{"dock": 0.8, "strike": 0.6}, norm: 1}
	stories := []Story{
		{Terms: []Term{{Key: "dock", Mass: 2, Weight: 3}, {Key: "port", Mass: 1, Weight: 1.5}}},
		{Terms: []Term{{Key: "strike", Mass: 2}, {Key: "dock", Mass: 1}}}, // weighed now
		{Terms: []Term{{Key: "museum", Mass: 1, Weight: 2}}},
		{},
	}
	for i := range stories {
		s := &stories[i]
		w := idfs.weigh(s)
		cos, norm := idfs.similarity(doc, s)
		if want := cosine(doc, w); math.Abs(cos-want) > 1e-12 || math.Abs(norm-w.norm) > 1e-12 {
			t.Errorf("story %d: similarity = %v, %v; want cosine %v, length %v", i, cos, norm, want, w.norm)
		}
	}
}
