package ingest

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/sqlite"
	"github.com/storyline/storyline/internal/store/storeutil"
	"github.com/storyline/storyline/internal/synth"
)

// mirrorRun analyses the coverage of generated events, shuffled, on a
// fresh store through an analyzer whose mirror set changes, and returns
// each article's story (by position in the shuffled order), the mirror
// and the store.
func mirrorRun(t *testing.T, undated int, set func(m *storyMirror)) ([]int64, *storyMirror, *sqlite.DB) {
	t.Helper()
	ctx := context.Background()
	db, an := newTestAnalyzer(t)
	arts, _ := eventArticles(t, db, 40)
	// Undated articles of other events, analysed first: stories with no
	// dated article.
	g := synth.New(99, 20000)
	var first []*storyline.Article
	for i := range undated {
		a := g.Event(100+i, 1, 12, time.Time{}).Articles[0]
		a.Published = time.Time{}
		a.ContentHash = storyline.ContentHash(a.Text)
		res, err := db.SaveArticle(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		a.ID = res.ID
		first = append(first, a)
	}
	set(an.mirror)
	rand.New(rand.NewPCG(3, 4)).Shuffle(len(arts), func(i, j int) { arts[i], arts[j] = arts[j], arts[i] })
	arts = append(first, arts...)
	stories := make([]int64, len(arts))
	for i, a := range arts {
		x, err := an.Article(ctx, a)
		if err != nil {
			t.Fatalf("Article(%d): %v", a.ID, err)
		}
		stories[i] = x.StoryID
	}
	return stories, an.mirror, db
}

// sameCandidates asks the mirror and the store the same random queries
// (terms of the index, dates around the stories', limits) and fails the
// test where the mirror answers otherwise than the store.
func sameCandidates(t *testing.T, m *storyMirror, db *sqlite.DB) {
	t.Helper()
	ctx := context.Background()
	// Every story of the store the mirror claims to hold is there, as
	// stored.
	held := 0
	err := db.RecentStoryCentroids(ctx, m.horizon, func(c storyline.StoryCentroid) bool {
		held++
		s, ok := m.stories[c.StoryID]
		switch {
		case !ok:
			t.Errorf("story %d (last %v) is not in the mirror (horizon %v)", c.StoryID, c.Last, m.horizon)
		case !s.first.Equal(c.First) || !s.last.Equal(c.Last):
			t.Errorf("story %d spans %v to %v in the mirror, %v to %v in the store", c.StoryID, s.first, s.last, c.First, c.Last)
		case !slices.Equal(s.terms, storeutil.UniqueTerms(indexTermsOf(c, m.indexTerms))):
			t.Errorf("story %d is indexed under %q in the mirror, %q in the store", c.StoryID, s.terms, indexTermsOf(c, m.indexTerms))
		}
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	if held != len(m.stories) {
		t.Errorf("the mirror holds %d stories, the store %d from its horizon on", len(m.stories), held)
	}
	terms := slices.Sorted(maps.Keys(m.postings))
	t0 := time.Date(2026, 11, 20, 6, 0, 0, 0, time.UTC)
	rng := rand.New(rand.NewPCG(5, 6))
	compared := 0
	for range 400 {
		q := storyline.CandidateQuery{Window: 72 * time.Hour, Limit: 1 + rng.IntN(12),
			Time: t0.Add(time.Duration(rng.IntN(250)-100) * time.Hour)}
		for range 1 + rng.IntN(24) {
			q.Terms = append(q.Terms, storyline.WeightedTerm{Key: terms[rng.IntN(len(terms))], Weight: rng.Float64() / 4})
		}
		ids, ok := m.candidates(q)
		if !ok {
			continue
		}
		list, err := db.StoryCandidates(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		compared++
		if want := centroidIDs(list); !slices.Equal(ids, want) {
			t.Errorf("query at %v for %d of %d terms: mirror %v, store %v", q.Time, q.Limit, len(q.Terms), ids, want)
		}
	}
	if compared < 40 {
		t.Errorf("the mirror answered %d of 400 queries", compared)
	}
}

// centroidIDs lists the stories of centroids, in order.
func centroidIDs(list []storyline.StoryCentroid) []int64 {
	ids := make([]int64, len(list))
	for i, c := range list {
		ids[i] = c.StoryID
	}
	return ids
}

// TestMirrorDecidesAsTheStore: the candidates the mirror finds are the
// store's, so a shuffled stream (dates out of order, some undated) makes
// the very same stories with the mirror as without it, and with a mirror
// so small that its horizon moves and older articles are assigned from
// the store.
func TestMirrorDecidesAsTheStore(t *testing.T) {
	want, off, _ := mirrorRun(t, 5, func(m *storyMirror) { m.patience = math.MaxInt })
	if off.answered != 0 || off.referred == 0 {
		t.Fatalf("the mirror that never loads answered %d queries, left %d", off.answered, off.referred)
	}
	for _, tc := range []struct {
		name     string
		capacity int
		referred bool // some dated queries go to the store
	}{
		{"whole", mirrorCapacity, false},
		{"small", 12, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, m, db := mirrorRun(t, 5, func(m *storyMirror) { m.capacity = tc.capacity })
			if !slices.Equal(got, want) {
				t.Errorf("stories with the mirror %v\nwithout %v", got, want)
			}
			if m.answered == 0 {
				t.Errorf("the mirror answered no query (%d left to the store)", m.referred)
			}
			// The 5 undated articles always go to the store.
			if gotRef := m.referred > 5; gotRef != tc.referred {
				t.Errorf("%d queries left to the store, %d answered", m.referred, m.answered)
			}
			if dated := len(m.stories) - m.undated; dated > tc.capacity {
				t.Errorf("the mirror holds %d dated stories, capacity %d", dated, tc.capacity)
			}
			sameCandidates(t, m, db)
		})
	}
}

// TestMirrorFollowsOtherWriters: a write to the index by another
// analyzer (another process) drops the mirror, which loads again once the
// index has been left alone for its patience, with what the other wrote.
func TestMirrorFollowsOtherWriters(t *testing.T) {
	ctx := context.Background()
	db, a := newTestAnalyzer(t)
	b, err := NewAnalyzer(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	arts, event := eventArticles(t, db, 12)
	analyse := func(an *Analyzer, art *storyline.Article) {
		t.Helper()
		if _, err := an.Article(ctx, art); err != nil {
			t.Fatalf("Article(%d): %v", art.ID, err)
		}
	}
	for _, art := range arts[:4] {
		analyse(a, art)
	}
	if !a.mirror.valid {
		t.Fatal("the only analyzer has no mirror")
	}
	analyse(b, arts[4])
	if changed, err := a.mirror.sync(ctx, db); err != nil || !changed || a.mirror.valid {
		t.Fatalf("after another analyzer's write: changed %v, valid %v, %v", changed, a.mirror.valid, err)
	}
	a.mirror.minPatience = 3
	a.mirror.patience = 3
	// Each assignment's sync finds the index as a left it: the third
	// loads the mirror.
	for i, art := range arts[5:8] {
		analyse(a, art)
		if a.mirror.valid != (i == 2) {
			t.Fatalf("after %d assignments of its own: mirror valid %v, patience 3", i+1, a.mirror.valid)
		}
	}
	// What b stored is in the mirror: its story is found under its terms.
	x, err := db.Analysis(ctx, arts[4].ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := a.mirror.stories[x.StoryID]; !ok {
		t.Errorf("story %d, stored by the other analyzer, is not in the reloaded mirror", x.StoryID)
	}
	for _, art := range arts[8:] {
		analyse(a, art)
	}
	for _, es := range partition(t, db, event) {
		if es[0] != es[len(es)-1] {
			t.Errorf("a story mixes events %v", es)
		}
	}
}

// TestMirrorBoundsUndated: more undated stories than the mirror holds
// drop it, and it waits its longest before loading again.
func TestMirrorBoundsUndated(t *testing.T) {
	_, m, _ := mirrorRun(t, 8, func(m *storyMirror) { m.maxUndated = 0 })
	if m.valid || m.patience != mirrorMaxPatience {
		t.Errorf("with undated stories and room for none: valid %v, patience %d", m.valid, m.patience)
	}
}

// TestMirrorSurvivesDamagedStory: a stored centroid the mirror cannot
// decode keeps it from loading, not the assignments: they go on from
// the store.
func TestMirrorSurvivesDamagedStory(t *testing.T) {
	ctx := context.Background()
	db, an := newTestAnalyzer(t)
	arts, _ := eventArticles(t, db, 6)
	for _, a := range arts[:10] {
		if _, err := an.Article(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	raw, err := sql.Open("sqlite", db.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var damaged int64
	if err := raw.QueryRow(`SELECT min(story_id) FROM story_centroids`).Scan(&damaged); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE story_centroids SET terms = x'ff00' WHERE story_id = ?`, damaged); err != nil {
		t.Fatal(err)
	}
	fresh, err := NewAnalyzer(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	done := 0
	for _, a := range arts[10:] {
		_, err := fresh.Article(ctx, a)
		switch {
		case err == nil:
			done++
		case !strings.Contains(err.Error(), fmt.Sprintf("story %d:", damaged)):
			// Only a query that meets the damaged story may fail, naming it.
			t.Errorf("Article(%d): %v", a.ID, err)
		}
	}
	if done < len(arts[10:])/2 {
		t.Errorf("%d of %d articles assigned", done, len(arts[10:]))
	}
	if fresh.mirror.valid || fresh.mirror.patience != mirrorMaxPatience {
		t.Errorf("with a damaged story: mirror valid %v, patience %d", fresh.mirror.valid, fresh.mirror.patience)
	}
	if fresh.mirror.referred == 0 {
		t.Error("no query went to the store")
	}
}
