package storetest

import (
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// testCopies covers syndicated copies: how they are stored, listed, and
// kept out of search, and what happens when their canonical text changes.
func testCopies(t *testing.T, open Opener) {
	original := article("https://wire.example/floods", "Wire", "Floods in the valley", textFloods)
	copyA := withURL(original, "https://a.example/floods")
	copyA.Source = "Paper A"
	copyA.Title = "Villages evacuated"
	copyB := withURL(original, "https://b.example/floods")
	copyB.Source = "Paper B"
	copyB.Title = "Valley under water"

	t.Run("copy has its own row without text", func(t *testing.T) {
		s := newStore(t, open)
		orig := saveAs(t, s, original, storyline.Added)
		res := saveAs(t, s, copyA, storyline.Copied)
		got := get(t, s, res.ID)
		if got.CopyOf != orig.ID {
			t.Errorf("CopyOf = %d, want %d", got.CopyOf, orig.ID)
		}
		if got.URL != copyA.URL || got.Source != copyA.Source || got.Title != copyA.Title {
			t.Errorf("copy = %q %q %q, want its own URL, source and title", got.URL, got.Source, got.Title)
		}
		if got.Text != "" || got.HTML != "" {
			t.Errorf("copy stores text %q and HTML %q, want none", got.Text, got.HTML)
		}
		if got.ContentHash != original.ContentHash {
			t.Errorf("ContentHash = %q, want %q", got.ContentHash, original.ContentHash)
		}
		if canon := get(t, s, orig.ID); canon.Text != original.Text || canon.CopyOf != 0 {
			t.Errorf("canonical article changed: CopyOf %d, text %q", canon.CopyOf, canon.Text)
		}
		byURL, err := s.ArticleByURL(ctx(t), copyA.URL)
		if err != nil || byURL.ID != res.ID {
			t.Errorf("ArticleByURL(copy) = %v, %v; want ID %d", byURL, err, res.ID)
		}
	})

	t.Run("copies are listed", func(t *testing.T) {
		s := newStore(t, open)
		orig := saveAs(t, s, original, storyline.Added)
		a := saveAs(t, s, copyA, storyline.Copied)
		b := saveAs(t, s, copyB, storyline.Copied)
		other := saveAs(t, s, article("https://wire.example/vote", "Wire", "Vote", textElection), storyline.Added)

		copies, err := s.Copies(ctx(t), orig.ID)
		if err != nil {
			t.Fatalf("Copies: %v", err)
		}
		if got, want := ids(copies), []int64{a.ID, b.ID}; !equalIDs(got, want) {
			t.Errorf("Copies = %v, want %v", got, want)
		}
		for _, id := range []int64{a.ID, other.ID} {
			copies, err := s.Copies(ctx(t), id)
			if err != nil || len(copies) != 0 {
				t.Errorf("Copies(%d) = %v, %v; want none", id, ids(copies), err)
			}
		}

		list, err := s.Articles(ctx(t), storyline.ArticleFilter{})
		if err != nil {
			t.Fatalf("Articles: %v", err)
		}
		if got := len(list); got != 2 {
			t.Errorf("Articles lists %d articles (%v), want the 2 canonical ones", got, ids(list))
		}
		for _, x := range list {
			if x.CopyOf != 0 {
				t.Errorf("Articles lists copy %d", x.ID)
			}
		}
		all, err := s.Articles(ctx(t), storyline.ArticleFilter{IncludeCopies: true})
		if err != nil {
			t.Fatalf("Articles(IncludeCopies): %v", err)
		}
		if got := len(all); got != 4 {
			t.Errorf("Articles(IncludeCopies) lists %d articles, want 4", got)
		}
		if n := count(t, s); n != 4 {
			t.Errorf("CountArticles = %d, want 4 (copies count)", n)
		}
	})

	t.Run("copies are not searchable", func(t *testing.T) {
		s := newStore(t, open)
		orig := saveAs(t, s, original, storyline.Added)
		saveAs(t, s, copyA, storyline.Copied)
		saveAs(t, s, copyB, storyline.Copied)
		hits := search(t, s, storyline.SearchQuery{Text: "villages evacuated"})
		if got := hitIDs(hits); !equalIDs(got, []int64{orig.ID}) {
			t.Errorf("search finds %v, want only the canonical article %d", got, orig.ID)
		}
		// "under" appears only in copy B's title.
		if hits := search(t, s, storyline.SearchQuery{Text: "under"}); len(hits) != 0 {
			t.Errorf("a copy's title is searchable: %v", hitIDs(hits))
		}
	})

	t.Run("copy with new text becomes canonical", func(t *testing.T) {
		s := newStore(t, open)
		saveAs(t, s, original, storyline.Added)
		c := saveAs(t, s, copyA, storyline.Copied)
		rewritten := clone(copyA)
		rewritten.Text = "Paper A's own report: the valley villages were evacuated after record rainfall."
		rewritten.HTML = "<p>" + rewritten.Text + "</p>"
		rewritten.ContentHash = storyline.ContentHash(rewritten.Text)
		res := saveAs(t, s, rewritten, storyline.Updated)
		if res.ID != c.ID {
			t.Errorf("ID = %d, want %d", res.ID, c.ID)
		}
		got := get(t, s, c.ID)
		if got.CopyOf != 0 || got.Text != rewritten.Text {
			t.Errorf("rewritten copy: CopyOf %d, text %q; want canonical with its text", got.CopyOf, got.Text)
		}
		if hits := search(t, s, storyline.SearchQuery{Text: "record rainfall"}); !equalIDs(hitIDs(hits), []int64{c.ID}) {
			t.Errorf("search finds %v, want %d", hitIDs(hits), c.ID)
		}
	})

	t.Run("canonical with new text hands its text to a copy", func(t *testing.T) {
		s := newStore(t, open)
		orig := saveAs(t, s, original, storyline.Added)
		a := saveAs(t, s, copyA, storyline.Copied)
		b := saveAs(t, s, copyB, storyline.Copied)
		corrected := clone(original)
		corrected.Text = textFloods + " Correction: four villages, not three."
		corrected.HTML = "<p>" + corrected.Text + "</p>"
		corrected.ContentHash = storyline.ContentHash(corrected.Text)
		saveAs(t, s, corrected, storyline.Updated)

		heir := get(t, s, a.ID)
		if heir.CopyOf != 0 || heir.Text != original.Text || heir.HTML != original.HTML {
			t.Errorf("oldest copy: CopyOf %d, text %q; want canonical with the original text", heir.CopyOf, heir.Text)
		}
		if got := get(t, s, b.ID).CopyOf; got != a.ID {
			t.Errorf("other copy: CopyOf = %d, want %d", got, a.ID)
		}
		if got := get(t, s, orig.ID); got.CopyOf != 0 || got.Text != corrected.Text {
			t.Errorf("updated article: CopyOf %d, text %q", got.CopyOf, got.Text)
		}
		hits := search(t, s, storyline.SearchQuery{Text: "villages"})
		if got := hitIDs(hits); len(got) != 2 {
			t.Errorf("search finds %v, want %d and %d", got, orig.ID, a.ID)
		}
		// The original text again, at a new URL, is a copy of the heir.
		res := saveAs(t, s, withURL(original, "https://c.example/floods"), storyline.Copied)
		if res.CopyOf != a.ID {
			t.Errorf("CopyOf = %d, want %d", res.CopyOf, a.ID)
		}
	})

	t.Run("the text published earlier elsewhere becomes canonical", func(t *testing.T) {
		s := newStore(t, open)
		orig := saveAs(t, s, original, storyline.Added)
		a := saveAs(t, s, copyA, storyline.Copied)
		putInStory(t, s, 7, orig.ID, a.ID)
		first := withURL(original, "https://first.example/floods")
		first.Source, first.Published = "First Post", original.Published.Add(-time.Hour)
		res := saveAs(t, s, first, storyline.Added)
		if res.Replaced != orig.ID {
			t.Errorf("Replaced = %d, want %d", res.Replaced, orig.ID)
		}
		if got := get(t, s, res.ID); got.CopyOf != 0 || got.Text != original.Text || got.HTML != original.HTML {
			t.Errorf("earlier article: CopyOf %d, text %q; want canonical with the text", got.CopyOf, got.Text)
		}
		for _, id := range []int64{orig.ID, a.ID} {
			if got := get(t, s, id); got.CopyOf != res.ID || got.Text != "" {
				t.Errorf("article %d: CopyOf %d, text %q; want a copy of %d without text", id, got.CopyOf, got.Text, res.ID)
			}
		}
		if hits := search(t, s, storyline.SearchQuery{Text: "villages"}); !equalIDs(hitIDs(hits), []int64{res.ID}) {
			t.Errorf("search finds %v, want only %d", hitIDs(hits), res.ID)
		}
		// It is analysed as a new article; its copies keep their story.
		if _, err := s.Analysis(ctx(t), res.ID); storyline.ErrorCode(err) != storyline.ENOTFOUND {
			t.Errorf("the new canonical article has an analysis already: %v", err)
		}
		if tl, err := s.Timeline(ctx(t), 7); err != nil || len(tl) != 2 || tl[0].CopyOf != res.ID {
			t.Errorf("Timeline = %+v, %v; want the two copies of %d", tl, err, res.ID)
		}
		// A later copy, or one of unknown date, links to it.
		undated := withURL(original, "https://undated.example/floods")
		undated.Published = time.Time{}
		if c := saveAs(t, s, undated, storyline.Copied); c.CopyOf != res.ID {
			t.Errorf("undated copy: CopyOf = %d, want %d", c.CopyOf, res.ID)
		}
	})

	t.Run("canonical rewritten to known text becomes a copy", func(t *testing.T) {
		s := newStore(t, open)
		vote := saveAs(t, s, article("https://wire.example/vote", "Wire", "Vote", textElection), storyline.Added)
		floods := saveAs(t, s, original, storyline.Added)
		same := clone(original)
		same.Text = textElection
		same.HTML = "<p>" + textElection + "</p>"
		same.ContentHash = storyline.ContentHash(textElection)
		res := saveAs(t, s, same, storyline.Updated)
		if res.ID != floods.ID || res.CopyOf != vote.ID {
			t.Errorf("result = %+v, want ID %d, CopyOf %d", res, floods.ID, vote.ID)
		}
		got := get(t, s, floods.ID)
		if got.CopyOf != vote.ID || got.Text != "" {
			t.Errorf("stored: CopyOf %d, text %q; want a copy of %d without text", got.CopyOf, got.Text, vote.ID)
		}
	})
}
