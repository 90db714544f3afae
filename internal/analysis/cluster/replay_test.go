package cluster

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestReplayMirrorsAdd replays one clusterer's Adds, merges included, in
// another: the two end in the same state and go on deciding alike.
func TestReplayMirrorsAdd(t *testing.T) {
	src, dst := newTest(t, Options{}), newTest(t, Options{})
	tm := t0
	var docs []Document
	for _, d := range []Document{strikeA, museum, strikeB} {
		d.Entities = []string{"place:valmora"}
		docs = append(docs, d)
	}
	for _, title := range append(append(slices.Clone(quake), tsunami...), bridge...) {
		docs = append(docs, Document{Title: title})
	}
	folds := 0
	for _, d := range docs {
		tm = tm.Add(time.Hour)
		d.Time = tm
		a := src.Add(d)
		folds += len(a.Folds)
		dst.Replay(d, a)
	}
	if folds == 0 {
		t.Fatal("no merge happened: the test does not cover replayed folds")
	}
	if got, want := dst.State(), src.State(); !statesEqual(got, want) {
		t.Fatalf("replayed state differs:\n%+v\nwant\n%+v", got, want)
	}
	for i, d := range []Document{strikeB, {Title: "Hospital opens new maternity wing"}, {Title: quake[0]}} {
		tm = tm.Add(time.Hour)
		d.Time = tm
		want, got := src.Add(d), dst.Add(d)
		if want.Story != got.Story || want.New != got.New || want.Similarity != got.Similarity {
			t.Errorf("article %d after the replay: %+v, want %+v", i, got, want)
		}
	}
}

// TestReplayForcesTheRecordedStory places an article where the record
// says, even where this clusterer would not, and keeps new ids above it.
func TestReplayForcesTheRecordedStory(t *testing.T) {
	c := newTest(t, Options{})
	first := c.Add(at(strikeA, t0))
	c.Replay(at(museum, t0.Add(time.Minute)), Assignment{Story: first.Story, Joined: first.Story})
	if s, _ := c.Story(first.Story); s.Articles != 2 {
		t.Errorf("story %d holds %d articles, want 2", first.Story, s.Articles)
	}
	c.Replay(at(museum, t0.Add(2*time.Minute)), Assignment{Story: 40, Joined: 40})
	if s, ok := c.Story(40); !ok || s.Articles != 1 {
		t.Errorf("story 40 after its replay: %+v, %v", s, ok)
	}
	if a := c.Add(Document{Title: "Hospital opens new maternity wing", Time: t0.Add(3 * time.Minute)}); a.Story != 41 {
		t.Errorf("next new story got id %d, want 41", a.Story)
	}
}

// TestRestoredDecidesAsLive restores one clusterer's state in another and
// feeds both the same articles: with the vocabulary's order restored,
// ties between terms break alike, so every decision is the same.
func TestRestoredDecidesAsLive(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	topics := make([][]string, 60)
	for i := range topics {
		for range 12 {
			topics[i] = append(topics[i], fmt.Sprintf("w%c%c%c", 'a'+rng.IntN(26), 'a'+rng.IntN(26), 'a'+rng.IntN(26)))
		}
	}
	doc := func(i int, tm time.Time) Document {
		tp := topics[rng.IntN(len(topics))]
		var ws []string
		for range 6 {
			ws = append(ws, tp[rng.IntN(len(tp))])
		}
		return Document{ID: int64(i), Title: strings.Join(ws[:3], " "), Lead: strings.Join(ws, " "), Time: tm}
	}
	live := newTest(t, Options{})
	tm := t0
	for i := range 400 {
		tm = tm.Add(time.Minute)
		live.Add(doc(i, tm))
	}
	b, err := json.Marshal(live.State())
	if err != nil {
		t.Fatal(err)
	}
	var st State
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatal(err)
	}
	restored := newTest(t, Options{})
	if err := restored.Restore(st); err != nil {
		t.Fatal(err)
	}
	differ := 0
	for i := 400; i < 1400; i++ {
		tm = tm.Add(time.Minute)
		d := doc(i, tm)
		a, b := live.Add(d), restored.Add(d)
		// Similarities may differ in the last bits: the restored
		// centroid's terms are summed in another order.
		if a.Story != b.Story || a.Joined != b.Joined || a.New != b.New || math.Abs(a.Similarity-b.Similarity) > 1e-9 || !slices.Equal(a.Folds, b.Folds) {
			differ++
		}
	}
	if differ > 0 {
		t.Errorf("the restored clusterer decided %d of 1000 articles otherwise than the live one", differ)
	}
}
