package storetest

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// testOtherLanguages covers stories' languages and OtherLanguages: the
// stories of one event in other languages, found by the entities they
// share, near in time.
func testOtherLanguages(t *testing.T, open Opener) {
	s := newStore(t, open)
	const (
		tehran = "\x00place:tehran"
		israel = "\x00place:israel"
		iaea   = "\x00organization:iaea"
		rome   = "\x00place:rome"
	)
	n := 0
	// story saves a story of language lang with an article published at
	// each of hours (from day()) and the given terms.
	story := func(id int64, lang string, terms map[string]float64, hours ...int) {
		t.Helper()
		for _, h := range hours {
			n++
			a := article(fmt.Sprintf("https://wire.example/%d", n), "Wire", "Talks",
				fmt.Sprintf("Report number %d on the talks, filed by the wire.", n))
			a.Published = day().Add(time.Duration(h) * time.Hour)
			putInStory(t, s, id, save(t, s, a).ID)
		}
		if err := s.SaveStories(ctx(t), storyline.StoryUpdate{
			Story: &storyline.Story{ID: id, Title: fmt.Sprintf("Story %d", id), Language: lang}, Terms: terms}); err != nil {
			t.Fatalf("SaveStories(%d): %v", id, err)
		}
	}
	all := map[string]float64{tehran: 0.6, israel: 0.5, iaea: 0.4, "talks": 0.3}
	story(1, "de", all, 0, 2)
	story(2, "es", map[string]float64{tehran: 0.6, israel: 0.5, iaea: 0.4}, 24)
	story(3, "en", map[string]float64{tehran: 0.5, israel: 0.5, "nuclear": 0.7}, 1)
	story(4, "de", all, 3)                                                                // the same language as 1
	story(5, "fr", all, 2+3*24+1)                                                         // over three days after 1
	story(6, "fr", map[string]float64{tehran: 0.6, israel: 0.5, iaea: 0.3}, -3*24+1)      // within three days before 1
	story(7, "it", map[string]float64{tehran: 0.6, rome: 0.5, "talks": 0.9}, 1)           // one entity of several
	story(8, "pt", map[string]float64{tehran: 1}, 1)                                      // one entity only
	story(9, "", all, 1)                                                                  // language unknown
	story(10, "nl", map[string]float64{"talks": 1, "iran": 1, tehran: 0.1, rome: 0.1}, 1) // words are not entities

	if st, err := s.Story(ctx(t), 1); err != nil || st.Language != "de" {
		t.Errorf("Story(1) = %+v, %v; want language de", st, err)
	}
	if list, err := s.Stories(ctx(t), storyline.StoryFilter{}); err != nil || len(list) != 10 {
		t.Errorf("Stories = %v, %v", storyIDs(list), err)
	} else {
		for _, st := range list {
			if st.ID == 2 && st.Language != "es" {
				t.Errorf("Stories: story 2 has language %q, want es", st.Language)
			}
		}
	}

	others := func(id int64, limit int) []int64 {
		t.Helper()
		list, err := s.OtherLanguages(ctx(t), id, limit)
		if err != nil || list == nil {
			t.Fatalf("OtherLanguages(%d) = %v, %v", id, list, err)
		}
		var got []int64
		for i, r := range list {
			if r.Score <= 0 || i > 0 && r.Score > list[i-1].Score {
				t.Errorf("OtherLanguages(%d): scores out of order: %+v", id, list)
			}
			got = append(got, r.Story.ID)
		}
		return got
	}
	// 2: 0.36+0.25+0.16 (talks is no entity); 6: 0.36+0.25+0.12; 8:
	// 0.6; 3: 0.3+0.25.
	if got, want := others(1, 10), []int64{2, 6, 8, 3}; !slices.Equal(got, want) {
		t.Errorf("OtherLanguages(1) = %v, want %v", got, want)
	}
	if got, want := others(1, 2), []int64{2, 6}; !slices.Equal(got, want) {
		t.Errorf("OtherLanguages(1, limit 2) = %v, want %v", got, want)
	}
	// From the Spanish story: both German ones, never another Spanish.
	if got := others(2, 10); !slices.Contains(got, 1) || !slices.Contains(got, 4) || slices.Contains(got, 2) {
		t.Errorf("OtherLanguages(2) = %v, want 1 and 4 among them", got)
	}
	// A story naming one entity is found by it, and finds by it.
	if got, want := others(8, 10), []int64{1, 2, 3, 4, 6, 7, 10}; !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))) {
		t.Errorf("OtherLanguages(8) = %v, want %v in any order", got, want)
	}
	if got := others(9, 10); len(got) != 0 {
		t.Errorf("OtherLanguages(unknown language) = %v, want none", got)
	}
	_, err := s.OtherLanguages(ctx(t), 12345, 5)
	wantCode(t, "OtherLanguages(unknown story)", err, storyline.ENOTFOUND)

	// A merged story's ID stands for the story it was merged into, and
	// the story merged away is found no more.
	if err := s.MergeStories(ctx(t), 1, []int64{4}); err != nil {
		t.Fatalf("MergeStories: %v", err)
	}
	if got := others(4, 10); !slices.Equal(got, others(1, 10)) {
		t.Errorf("OtherLanguages(merged 4) = %v, want those of 1", got)
	}
	if got := others(2, 10); slices.Contains(got, 4) {
		t.Errorf("OtherLanguages(2) after the merge = %v, without 4", got)
	}
}
