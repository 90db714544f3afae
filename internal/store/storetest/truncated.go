package storetest

import (
	"testing"

	"github.com/storyline/storyline"
)

// testTruncated covers Article.Truncated: stored and read back with the
// article, an update of nothing else, and carried with the text when a
// copy takes the text over.
func testTruncated(t *testing.T, open Opener) {
	t.Run("round trip", func(t *testing.T) {
		s := newStore(t, open)
		cut := article("https://news.example/floods", "Example News", "Floods in the valley", textFloods)
		cut.Truncated = true
		whole := article("https://news.example/election", "Example News", "Election result", textElection)
		cutID := saveAs(t, s, cut, storyline.Added).ID
		wholeID := saveAs(t, s, whole, storyline.Added).ID

		byURL, err := s.ArticleByURL(ctx(t), cut.URL)
		if err != nil {
			t.Fatal(err)
		}
		list, err := s.Articles(ctx(t), storyline.ArticleFilter{})
		if err != nil || len(list) != 2 {
			t.Fatalf("Articles = %d, %v", len(list), err)
		}
		listed := map[int64]bool{}
		for _, a := range list {
			listed[a.ID] = a.Truncated
		}
		tests := []struct {
			name string
			got  bool
			want bool
		}{
			{"Article(cut)", get(t, s, cutID).Truncated, true},
			{"Article(whole)", get(t, s, wholeID).Truncated, false},
			{"ArticleByURL(cut)", byURL.Truncated, true},
			{"Articles: cut", listed[cutID], true},
			{"Articles: whole", listed[wholeID], false},
		}
		for _, tt := range tests {
			if tt.got != tt.want {
				t.Errorf("%s: Truncated = %v, want %v", tt.name, tt.got, tt.want)
			}
		}
	})

	t.Run("a change of the flag alone is an update", func(t *testing.T) {
		s := newStore(t, open)
		a := article("https://news.example/floods", "Example News", "Floods in the valley", textFloods)
		id := saveAs(t, s, a, storyline.Added).ID
		for _, truncated := range []bool{true, false} {
			changed := clone(a)
			changed.Truncated = truncated
			saveAs(t, s, changed, storyline.Updated)
			if got := get(t, s, id); got.Truncated != truncated {
				t.Errorf("after saving Truncated %v: stored %v", truncated, got.Truncated)
			}
			saveAs(t, s, clone(changed), storyline.Unchanged)
		}
	})

	t.Run("the flag goes with the text to the copy that takes it", func(t *testing.T) {
		s := newStore(t, open)
		cut := article("https://wire.example/floods", "Wire", "Floods in the valley", textFloods)
		cut.Truncated = true
		first := saveAs(t, s, cut, storyline.Added).ID
		mirror := withURL(cut, "https://mirror.example/floods")
		mirror.Truncated = false
		copyID := saveAs(t, s, mirror, storyline.Copied).ID
		if got := get(t, s, copyID); got.Truncated {
			t.Error("a copy saved whole is stored truncated")
		}
		// The canonical article gets other text: the copy becomes
		// canonical with the cut text.
		rewritten := clone(cut)
		rewritten.Truncated = false
		rewritten.Text, rewritten.HTML = textHarbour, "<p>"+textHarbour+"</p>"
		rewritten.ContentHash = storyline.ContentHash(textHarbour)
		saveAs(t, s, rewritten, storyline.Updated)
		heir := get(t, s, copyID)
		if heir.CopyOf != 0 || heir.Text != textFloods || !heir.Truncated {
			t.Errorf("the copy that took the text over: copy of %d, text %q, truncated %v", heir.CopyOf, heir.Text, heir.Truncated)
		}
		if got := get(t, s, first); got.Truncated {
			t.Error("the article saved whole with new text is still truncated")
		}
	})
}
