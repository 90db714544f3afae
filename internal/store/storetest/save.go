package storetest

import (
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// Texts used across the suite.
const (
	textFloods   = "Heavy rain flooded the river valley overnight. Residents of three villages were evacuated as the water rose."
	textElection = "The election commission published the final count on Tuesday. Turnout was the highest in two decades."
	textHarbour  = "A cargo ship ran aground near the harbour entrance. Tugs worked through the night to free it."
)

// testSave covers the outcomes of SaveArticle for new and repeated saves.
func testSave(t *testing.T, open Opener) {
	type step struct {
		a       *storyline.Article
		outcome storyline.SaveOutcome
		same    int // index of an earlier step whose ID this one must have, or -1
		copyOf  int // index of an earlier step this one must be a copy of, or -1
	}
	floods := article("https://news.example/floods", "Example News", "Floods in the valley", textFloods)
	election := article("https://news.example/election", "Example News", "Election result", textElection)

	reworded := clone(floods) // same words, other punctuation and case: same content hash
	reworded.URL = "https://other.example/floods"
	reworded.Source = "Other Paper"
	reworded.Text = "HEAVY RAIN flooded the river-valley overnight; residents of three villages were evacuated, as the water rose!"
	reworded.ContentHash = storyline.ContentHash(reworded.Text)

	noURL := clone(election)
	noURL.URL = ""
	noURLOther := article("", "Archive", "Harbour", textHarbour)

	tests := []struct {
		name  string
		steps []step
		count int
	}{
		{"new article is added", []step{
			{floods, storyline.Added, -1, -1},
		}, 1},
		{"same article again is unchanged", []step{
			{floods, storyline.Added, -1, -1},
			{clone(floods), storyline.Unchanged, 0, -1},
		}, 1},
		{"other articles are added", []step{
			{floods, storyline.Added, -1, -1},
			{election, storyline.Added, -1, -1},
		}, 2},
		{"same text at another URL is a copy", []step{
			{floods, storyline.Added, -1, -1},
			{withURL(floods, "https://mirror.example/floods"), storyline.Copied, -1, 0},
		}, 2},
		{"text differing in case and punctuation is a copy", []step{
			{floods, storyline.Added, -1, -1},
			{reworded, storyline.Copied, -1, 0},
		}, 2},
		{"copy saved again is unchanged", []step{
			{floods, storyline.Added, -1, -1},
			{withURL(floods, "https://mirror.example/floods"), storyline.Copied, -1, 0},
			{withURL(floods, "https://mirror.example/floods"), storyline.Unchanged, 1, 0},
		}, 2},
		{"copies of one text all link to the first", []step{
			{floods, storyline.Added, -1, -1},
			{withURL(floods, "https://a.example/1"), storyline.Copied, -1, 0},
			{withURL(floods, "https://b.example/2"), storyline.Copied, -1, 0},
		}, 3},
		{"article without URL is added", []step{
			{noURL, storyline.Added, -1, -1},
			{noURLOther, storyline.Added, -1, -1},
		}, 2},
		{"known text without URL is unchanged", []step{
			{election, storyline.Added, -1, -1},
			{noURL, storyline.Unchanged, 0, -1},
		}, 1},
		{"article without URL saved twice is unchanged", []step{
			{noURL, storyline.Added, -1, -1},
			{clone(noURL), storyline.Unchanged, 0, -1},
		}, 1},
		{"known text with a URL after one without is a copy", []step{
			{noURL, storyline.Added, -1, -1},
			{election, storyline.Copied, -1, 0},
		}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t, open)
			var results []storyline.SaveResult
			for i, st := range tt.steps {
				res := saveAs(t, s, st.a, st.outcome)
				if st.same >= 0 && res.ID != results[st.same].ID {
					t.Errorf("step %d: ID = %d, want %d (step %d)", i, res.ID, results[st.same].ID, st.same)
				}
				if st.same < 0 {
					for j, prev := range results {
						if prev.ID == res.ID {
							t.Errorf("step %d: ID %d repeats step %d's", i, res.ID, j)
						}
					}
				}
				wantCopyOf := int64(0)
				if st.copyOf >= 0 {
					wantCopyOf = results[st.copyOf].ID
				}
				if st.outcome == storyline.Copied && res.CopyOf != wantCopyOf {
					t.Errorf("step %d: CopyOf = %d, want %d", i, res.CopyOf, wantCopyOf)
				}
				if got := get(t, s, res.ID).CopyOf; got != wantCopyOf {
					t.Errorf("step %d: stored CopyOf = %d, want %d", i, got, wantCopyOf)
				}
				results = append(results, res)
			}
			if n := count(t, s); n != tt.count {
				t.Errorf("CountArticles = %d, want %d", n, tt.count)
			}
		})
	}

	t.Run("invalid articles are refused", func(t *testing.T) {
		s := newStore(t, open)
		noHash := clone(floods)
		noHash.ContentHash = ""
		empty := clone(floods)
		empty.Title, empty.Text, empty.HTML = "", "", ""
		badFeed := clone(floods)
		badFeed.FeedID = 987654
		for _, tc := range []struct {
			name string
			a    *storyline.Article
		}{
			{"no content hash", noHash},
			{"no title and no text", empty},
			{"unknown feed", badFeed},
		} {
			_, err := s.SaveArticle(ctx(t), tc.a)
			wantCode(t, tc.name, err, storyline.EINVALID)
		}
		if n := count(t, s); n != 0 {
			t.Errorf("CountArticles = %d after refused saves, want 0", n)
		}
	})

	t.Run("title without text or text without title is enough", func(t *testing.T) {
		s := newStore(t, open)
		titleOnly := article("https://news.example/brief", "Example News", "Minister resigns", "")
		titleOnly.ContentHash = storyline.ContentHash(titleOnly.Title)
		saveAs(t, s, titleOnly, storyline.Added)
		textOnly := article("https://news.example/untitled", "Example News", "", textHarbour)
		saveAs(t, s, textOnly, storyline.Added)
	})
}

// withURL returns a copy of a under another URL.
func withURL(a *storyline.Article, url string) *storyline.Article {
	c := clone(a)
	c.URL = url
	c.ImageURL = url + "/lead.jpg"
	return c
}

// testUpdate covers saving a changed article under a known URL.
func testUpdate(t *testing.T, open Opener) {
	base := article("https://news.example/floods", "Example News", "Floods in the valley", textFloods)
	changes := []struct {
		name   string
		change func(a *storyline.Article)
	}{
		{"title", func(a *storyline.Article) { a.Title = "Floods force evacuations" }},
		{"byline", func(a *storyline.Article) { a.Byline = "By B. Editor" }},
		{"site name", func(a *storyline.Article) { a.SiteName = "Example" }},
		{"language", func(a *storyline.Article) { a.Language = "en-GB" }},
		{"image", func(a *storyline.Article) { a.ImageURL = "https://img.example/x.jpg" }},
		{"published", func(a *storyline.Article) { a.Published = a.Published.Add(time.Hour) }},
		{"published unknown", func(a *storyline.Article) { a.Published = time.Time{} }},
		{"word count", func(a *storyline.Article) { a.WordCount++ }},
		{"html", func(a *storyline.Article) { a.HTML = "<p><b>Heavy rain</b></p>" }},
		{"text punctuation", func(a *storyline.Article) { a.Text += "!" }},
		{"text", func(a *storyline.Article) {
			a.Text = textFloods + " The river is expected to fall by Friday."
			a.ContentHash = storyline.ContentHash(a.Text)
		}},
		{"source", func(a *storyline.Article) { a.Source = "Other Paper" }},
	}
	for _, c := range changes {
		t.Run("changed "+c.name+" is updated", func(t *testing.T) {
			s := newStore(t, open)
			first := saveAs(t, s, base, storyline.Added)
			before := get(t, s, first.ID)
			changed := clone(base)
			c.change(changed)
			res := saveAs(t, s, changed, storyline.Updated)
			if res.ID != first.ID {
				t.Errorf("ID = %d, want %d", res.ID, first.ID)
			}
			after := get(t, s, first.ID)
			if err := sameArticle(after, changed); err != nil {
				t.Errorf("stored article: %v", err)
			}
			if !after.CreatedAt.Equal(before.CreatedAt) {
				t.Errorf("CreatedAt = %v, want unchanged %v", after.CreatedAt, before.CreatedAt)
			}
			if after.UpdatedAt.Before(before.UpdatedAt) {
				t.Errorf("UpdatedAt = %v, before %v", after.UpdatedAt, before.UpdatedAt)
			}
			if n := count(t, s); n != 1 {
				t.Errorf("CountArticles = %d, want 1", n)
			}
			saveAs(t, s, clone(changed), storyline.Unchanged)
		})
	}

	t.Run("source name differing in case is unchanged", func(t *testing.T) {
		s := newStore(t, open)
		saveAs(t, s, base, storyline.Added)
		again := clone(base)
		again.Source = "EXAMPLE news"
		saveAs(t, s, again, storyline.Unchanged)
	})

	t.Run("update refreshes the search index", func(t *testing.T) {
		s := newStore(t, open)
		saveAs(t, s, base, storyline.Added)
		changed := clone(base)
		changed.Title = "Landslide blocks mountain road"
		changed.Text = "A landslide blocked the only road to the pass. Crews expect to reopen it within days."
		changed.ContentHash = storyline.ContentHash(changed.Text)
		saveAs(t, s, changed, storyline.Updated)
		if hits := search(t, s, storyline.SearchQuery{Text: "villages"}); len(hits) != 0 {
			t.Errorf("old text still found: %d hits", len(hits))
		}
		if hits := search(t, s, storyline.SearchQuery{Text: "floods"}); len(hits) != 0 {
			t.Errorf("old title still found: %d hits", len(hits))
		}
		if hits := search(t, s, storyline.SearchQuery{Text: "landslide crews"}); len(hits) != 1 {
			t.Errorf("new text found %d times, want 1", len(hits))
		}
	})

	t.Run("feed is kept when a save gives none", func(t *testing.T) {
		s := newStore(t, open)
		f := &storyline.Feed{URL: "https://news.example/rss", Title: "Example News"}
		if err := s.AddFeed(ctx(t), f); err != nil {
			t.Fatalf("AddFeed: %v", err)
		}
		viaFeed := clone(base)
		viaFeed.FeedID = f.ID
		res := saveAs(t, s, viaFeed, storyline.Added)
		saveAs(t, s, clone(base), storyline.Unchanged)
		if got := get(t, s, res.ID).FeedID; got != f.ID {
			t.Errorf("FeedID = %d, want %d", got, f.ID)
		}
	})
}
