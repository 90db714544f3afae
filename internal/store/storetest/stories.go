package storetest

import (
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// testStories covers analyses, story membership, merges, listing,
// timelines and related stories.
func testStories(t *testing.T, open Opener) {
	s := newStore(t, open)
	at := func(a *storyline.Article, h int) *storyline.Article {
		a.Published = day().Add(time.Duration(h) * time.Hour)
		return a
	}
	wire := save(t, s, at(article("https://wire.example/floods", "Wire", "Floods close the coast road", textFloods), 0)).ID
	paper := save(t, s, at(article("https://paper.example/vote", "Paper", "Council vote on the bridge", textElection), 2)).ID
	harbour := save(t, s, at(article("https://harbour.example/harbour", "Harbour Herald", "Harbour reopens", textHarbour), 1)).ID

	analysis := &storyline.Analysis{
		ArticleID: wire, Version: 1, Language: "en", Summary: []string{"One.", "Two."},
		Keyphrases: []storyline.Keyphrase{{Text: "coast road", Hashtag: "#CoastRoad", Score: 2}},
		Entities:   []storyline.Entity{{Name: "Jonas Berg", Kind: storyline.EntityPerson, Count: 2}},
		Signature:  []byte{1, 2, 3}, StoryID: 100,
	}
	if err := s.SaveAnalysis(ctx(t), analysis); err != nil {
		t.Fatalf("SaveAnalysis: %v", err)
	}
	got, err := s.Analysis(ctx(t), wire)
	if err != nil || got.StoryID != 100 || got.Language != "en" || !slices.Equal(got.Summary, analysis.Summary) ||
		len(got.Keyphrases) != 1 || got.Keyphrases[0] != analysis.Keyphrases[0] || len(got.Entities) != 1 ||
		got.Entities[0] != analysis.Entities[0] || string(got.Signature) != "\x01\x02\x03" || got.Version != 1 {
		t.Fatalf("Analysis = %+v, %v", got, err)
	}
	_, err = s.Analysis(ctx(t), harbour)
	wantCode(t, "Analysis(not analysed)", err, storyline.ENOTFOUND)
	wantCode(t, "SaveAnalysis(unknown article)", s.SaveAnalysis(ctx(t), &storyline.Analysis{ArticleID: 9999, StoryID: 1}), storyline.ENOTFOUND)

	for _, a := range []struct {
		id, story int64
	}{{harbour, 100}, {paper, 200}} {
		if err := s.SaveAnalysis(ctx(t), &storyline.Analysis{ArticleID: a.id, Version: 1, StoryID: a.story}); err != nil {
			t.Fatalf("SaveAnalysis(%d): %v", a.id, err)
		}
	}
	st, err := s.Story(ctx(t), 100)
	if err != nil {
		t.Fatalf("Story: %v", err)
	}
	if st.Title != "Floods close the coast road" || st.ArticleCount != 2 || !slices.Equal(st.Outlets, []string{"Harbour Herald", "Wire"}) ||
		!st.FirstSeen.Equal(day()) || !st.LastUpdated.Equal(day().Add(time.Hour)) {
		t.Errorf("story 100 = %+v", st)
	}
	_, err = s.Story(ctx(t), 12345)
	wantCode(t, "Story(unknown)", err, storyline.ENOTFOUND)

	// Aggregates and terms.
	st.Title, st.Summary = "Storms on the coast", "A summary."
	st.Keyphrases = []storyline.Keyphrase{{Text: "storm", Hashtag: "#Storm", Score: 1}}
	if err := s.SaveStories(ctx(t), storyline.StoryUpdate{Story: st, Terms: map[string]float64{"storm": 2, "coast": 1}}); err != nil {
		t.Fatalf("SaveStories: %v", err)
	}
	if err := s.SaveStories(ctx(t), storyline.StoryUpdate{Story: &storyline.Story{ID: 200, Title: "Bridge vote"}, Terms: map[string]float64{"bridge": 2, "coast": 0.5}}); err != nil {
		t.Fatalf("SaveStories(200): %v", err)
	}
	many := map[string]float64{}
	for i := range 250 {
		many[fmt.Sprintf("term%d", i)] = 0.001
	}
	many["storm"], many["coast"] = 2, 1
	if err := s.SaveStories(ctx(t), storyline.StoryUpdate{Story: st, Terms: many}); err != nil {
		t.Fatalf("SaveStories(250 terms): %v", err)
	}
	wantCode(t, "SaveStories(unknown)", s.SaveStories(ctx(t),
		storyline.StoryUpdate{Story: &storyline.Story{ID: 200, Title: "not saved"}},
		storyline.StoryUpdate{Story: &storyline.Story{ID: 999}}), storyline.ENOTFOUND)
	if got, _ := s.Story(ctx(t), 200); got.Title != "Bridge vote" {
		t.Errorf("a failed batch saved story 200: %q", got.Title)
	}
	if got, _ := s.Story(ctx(t), 100); got.Title != "Storms on the coast" || got.Summary != "A summary." || len(got.Keyphrases) != 1 || got.Brief != nil {
		t.Errorf("story after SaveStory = %+v", got)
	}
	// A brief, with its citations, comes back with the story, not in
	// lists of stories.
	brief := &storyline.Brief{Generator: storyline.BuiltInBrief, UpdatedAt: day().Add(2 * time.Hour), Sentences: []storyline.BriefSentence{
		{Text: "Floods closed the coast road.", ArticleIDs: []int64{harbour, wire}},
		{Text: "Repairs will take a week, according to Wire.", ArticleIDs: []int64{wire}},
	}, Coverage: []storyline.OutletPoints{
		{Source: "Harbour Herald", ArticleID: harbour, Title: "Coast road shut", Points: []storyline.BriefSentence{{Text: "Two farms were cut off.", ArticleIDs: []int64{harbour}}}},
		{Source: "Wire", ArticleID: wire, Title: "Floods close the coast road", Points: []storyline.BriefSentence{}},
	}}
	st.Brief, st.Summary = brief, brief.Text()
	if err := s.SaveStories(ctx(t), storyline.StoryUpdate{Story: st, Terms: many}); err != nil {
		t.Fatalf("SaveStories(brief): %v", err)
	}
	if got, err := s.Story(ctx(t), 100); err != nil || !reflect.DeepEqual(got.Brief, brief) ||
		got.Summary != "Floods closed the coast road. Repairs will take a week, according to Wire." {
		t.Errorf("story's brief = %+v, %v; want %+v", got.Brief, err, brief)
	}

	list, err := s.Stories(ctx(t), storyline.StoryFilter{})
	if err != nil || len(list) != 2 || list[0].ID != 200 || list[1].ID != 100 {
		t.Errorf("Stories = %v, %v; want 200 then 100", storyIDs(list), err)
	}
	if list, _ := s.Stories(ctx(t), storyline.StoryFilter{Source: "Harbour Herald"}); len(list) != 1 || list[0].ID != 100 {
		t.Errorf("Stories(source) = %v", storyIDs(list))
	}
	if list, _ := s.Stories(ctx(t), storyline.StoryFilter{Since: day().Add(90 * time.Minute)}); len(list) != 1 || list[0].ID != 200 {
		t.Errorf("Stories(since) = %v", storyIDs(list))
	}

	tl, err := s.Timeline(ctx(t), 100)
	if err != nil || len(tl) != 2 || tl[0].ArticleID != wire || tl[1].ArticleID != harbour || tl[1].Source != "Harbour Herald" {
		t.Errorf("Timeline = %+v, %v", tl, err)
	}

	// One shared word does not make stories related, however heavy.
	if rel, err := s.RelatedStories(ctx(t), 100, 5); err != nil || len(rel) != 0 {
		t.Errorf("RelatedStories on one shared word = %+v, %v; want none", rel, err)
	}
	if err := s.SaveStories(ctx(t), storyline.StoryUpdate{Story: &storyline.Story{ID: 200, Title: "Bridge vote"},
		Terms: map[string]float64{"bridge": 2, "coast": 0.5, "storm": 0.5}}); err != nil {
		t.Fatalf("SaveStories(200): %v", err)
	}
	// storm 2×0.5 and coast 1×0.5 share 1.5; storm may carry only half.
	rel, err := s.RelatedStories(ctx(t), 100, 5)
	if err != nil || len(rel) != 1 || rel[0].Story.ID != 200 || rel[0].Score != 1 {
		t.Errorf("RelatedStories = %+v, %v", rel, err)
	}

	// Merging keeps the old id resolvable and moves the articles.
	if err := s.MergeStories(ctx(t), 100, []int64{200}); err != nil {
		t.Fatalf("MergeStories: %v", err)
	}
	merged, err := s.Story(ctx(t), 200)
	if err != nil || merged.ID != 100 || merged.ArticleCount != 3 || !merged.LastUpdated.Equal(day().Add(2*time.Hour)) {
		t.Errorf("Story(200) after the merge = %+v, %v", merged, err)
	}
	if list, _ := s.Stories(ctx(t), storyline.StoryFilter{}); len(list) != 1 {
		t.Errorf("Stories after the merge = %v", storyIDs(list))
	}
	// An analysis naming the merged story lands in the live one.
	if err := s.SaveAnalysis(ctx(t), &storyline.Analysis{ArticleID: paper, StoryID: 200}); err != nil {
		t.Fatal(err)
	}
	if a, _ := s.Analysis(ctx(t), paper); a.StoryID != 100 {
		t.Errorf("article saved into merged story 200 is in %d, want 100", a.StoryID)
	}
}

// testNearCopies covers LinkNearCopy: the text published first is
// canonical, the more complete one on ties.
func testNearCopies(t *testing.T, open Opener) {
	s := newStore(t, open)
	short := save(t, s, article("https://a.example/cut", "A", "Floods", textFloods[:len(textFloods)/2]+"")).ID
	full := save(t, s, article("https://b.example/full", "B", "Floods", textFloods)).ID
	third := save(t, s, article("https://c.example/x", "C", "Floods", textFloods[:len(textFloods)/2]+" Extra words at the end.")).ID

	canonical, err := s.LinkNearCopy(ctx(t), short, full)
	if err != nil || canonical != full {
		t.Fatalf("LinkNearCopy = %d, %v; want the complete article %d", canonical, err, full)
	}
	if got := get(t, s, short); got.CopyOf != full {
		t.Errorf("short article's CopyOf = %d, want %d", got.CopyOf, full)
	}
	// Linking a copy's copy goes to the canonical one.
	if canonical, err = s.LinkNearCopy(ctx(t), third, short); err != nil || canonical != full {
		t.Errorf("LinkNearCopy(third, short) = %d, %v; want %d", canonical, err, full)
	}
	if got := get(t, s, third); got.CopyOf != full {
		t.Errorf("third's CopyOf = %d, want %d", got.CopyOf, full)
	}
	copies, err := s.Copies(ctx(t), full)
	if err != nil || len(copies) != 2 {
		t.Errorf("Copies(full) = %d, %v; want 2", len(copies), err)
	}
	if hits, _ := s.Search(ctx(t), storyline.SearchQuery{Text: "floods"}); len(hits) != 1 || hits[0].Article.ID != full {
		t.Errorf("search shows %v, want only the canonical article", hitIDs(hits))
	}
	_, err = s.LinkNearCopy(ctx(t), full, 9999)
	wantCode(t, "LinkNearCopy(unknown)", err, storyline.ENOTFOUND)

	// The text published first is canonical, however short.
	early := article("https://d.example/first", "D", "Floods", textFloods[:len(textFloods)/3])
	early.Published = day().Add(-time.Hour)
	first := save(t, s, early).ID
	if canonical, err = s.LinkNearCopy(ctx(t), full, first); err != nil || canonical != first {
		t.Errorf("LinkNearCopy(full, first) = %d, %v; want the first published %d", canonical, err, first)
	}
	for _, id := range []int64{short, full, third} {
		if got := get(t, s, id); got.CopyOf != first {
			t.Errorf("article %d: CopyOf = %d, want %d", id, got.CopyOf, first)
		}
	}
}

// storyIDs lists the IDs of stories.
func storyIDs(list []*storyline.Story) []int64 {
	var ids []int64
	for _, s := range list {
		ids = append(ids, s.ID)
	}
	return ids
}

// testStoryTermBytes covers story terms holding any bytes: the analysis
// keys entities with a leading NUL, and related stories are found by them.
func testStoryTermBytes(t *testing.T, open Opener) {
	s := newStore(t, open)
	a := save(t, s, article("https://wire.example/floods", "Wire", "Floods", textFloods)).ID
	b := save(t, s, article("https://paper.example/vote", "Paper", "Vote", textElection)).ID
	putInStory(t, s, 1, a)
	putInStory(t, s, 2, b)
	entity := "\x00person\x00jonas berg"
	for _, id := range []int64{1, 2} {
		if err := s.SaveStories(ctx(t), storyline.StoryUpdate{Story: &storyline.Story{ID: id, Title: "Story"},
			Terms: map[string]float64{entity: 1, "\xff\xfeodd": 0.5}}); err != nil {
			t.Fatalf("SaveStories(%d) with byte terms: %v", id, err)
		}
	}
	rel, err := s.RelatedStories(ctx(t), 1, 5)
	// The entity (1×1) may carry only half of the 1.25 they share: 0.5.
	if err != nil || len(rel) != 1 || rel[0].Story.ID != 2 || rel[0].Score != 0.5 {
		t.Errorf("RelatedStories by byte terms = %+v, %v", rel, err)
	}
}
