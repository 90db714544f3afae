package storetest

import (
	"fmt"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// testRead covers reading single articles back and the not-found errors
// of every lookup.
func testRead(t *testing.T, open Opener) {
	t.Run("article round trip", func(t *testing.T) {
		s := newStore(t, open)
		a := article("https://news.example/floods?id=1&utm=x", "Example News", "Floods in the valley", textFloods)
		a.Published = time.Date(2023, 11, 5, 18, 4, 5, 678000, time.FixedZone("CET", 3600))
		start := time.Now().Add(-time.Second)
		res := saveAs(t, s, a, storyline.Added)

		for _, get := range []struct {
			name string
			get  func() (*storyline.Article, error)
		}{
			{"Article", func() (*storyline.Article, error) { return s.Article(ctx(t), res.ID) }},
			{"ArticleByURL", func() (*storyline.Article, error) { return s.ArticleByURL(ctx(t), a.URL) }},
		} {
			got, err := get.get()
			if err != nil {
				t.Fatalf("%s: %v", get.name, err)
			}
			if got.ID != res.ID {
				t.Errorf("%s: ID = %d, want %d", get.name, got.ID, res.ID)
			}
			if err := sameArticle(got, a); err != nil {
				t.Errorf("%s: %v", get.name, err)
			}
			if got.CopyOf != 0 {
				t.Errorf("%s: CopyOf = %d, want 0", get.name, got.CopyOf)
			}
			if got.CreatedAt.Before(start) || got.UpdatedAt.Before(got.CreatedAt) {
				t.Errorf("%s: CreatedAt %v, UpdatedAt %v; want set when saved", get.name, got.CreatedAt, got.UpdatedAt)
			}
		}
	})

	t.Run("unknown publication time stays unknown", func(t *testing.T) {
		s := newStore(t, open)
		a := article("https://news.example/undated", "Example News", "Undated", textHarbour)
		a.Published = time.Time{}
		res := saveAs(t, s, a, storyline.Added)
		if got := get(t, s, res.ID).Published; !got.IsZero() {
			t.Errorf("Published = %v, want zero", got)
		}
	})

	t.Run("article without source or URL", func(t *testing.T) {
		s := newStore(t, open)
		a := article("", "", "Harbour", textHarbour)
		a.ImageURL = ""
		res := saveAs(t, s, a, storyline.Added)
		if err := sameArticle(get(t, s, res.ID), a); err != nil {
			t.Error(err)
		}
	})

	t.Run("not found", func(t *testing.T) {
		s := newStore(t, open)
		res := saveAs(t, s, article("https://news.example/floods", "Example News", "Floods", textFloods), storyline.Added)
		f := &storyline.Feed{URL: "https://news.example/rss"}
		if err := s.AddFeed(ctx(t), f); err != nil {
			t.Fatalf("AddFeed: %v", err)
		}
		missing := res.ID + f.ID + 1000
		tests := []struct {
			name string
			call func() error
		}{
			{"Article", func() error { _, err := s.Article(ctx(t), missing); return err }},
			{"ArticleByURL", func() error { _, err := s.ArticleByURL(ctx(t), "https://news.example/nope"); return err }},
			{"ArticleByURL empty", func() error { _, err := s.ArticleByURL(ctx(t), ""); return err }},
			{"Copies", func() error { _, err := s.Copies(ctx(t), missing); return err }},
			{"Feed", func() error { _, err := s.Feed(ctx(t), missing); return err }},
			{"DeleteFeed", func() error { return s.DeleteFeed(ctx(t), missing) }},
		}
		for _, tt := range tests {
			err := tt.call()
			wantCode(t, tt.name, err, storyline.ENOTFOUND)
			if err != nil && storyline.ErrorMessage(err) == "" {
				t.Errorf("%s: error without a message", tt.name)
			}
		}
	})
}

// testList covers Articles: order, filters and paging.
func testList(t *testing.T, open Opener) {
	s := newStore(t, open)
	// Four articles: three published on consecutive days by two outlets,
	// one with an unknown date (listed by the time it was stored: now).
	mk := func(i int, source string, published time.Time) int64 {
		a := article(fmt.Sprintf("https://news.example/%d", i), source, fmt.Sprintf("Story %d", i),
			fmt.Sprintf("Story number %d. %s", i, textHarbour))
		a.Published = published
		return saveAs(t, s, a, storyline.Added).ID
	}
	old := mk(1, "Alpha", day())
	mid := mk(2, "Beta", day().AddDate(0, 0, 1))
	recent := mk(3, "Alpha", day().AddDate(0, 0, 2))
	undated := mk(4, "Beta", time.Time{})

	tests := []struct {
		name string
		f    storyline.ArticleFilter
		want []int64
	}{
		{"all, newest first", storyline.ArticleFilter{}, []int64{undated, recent, mid, old}},
		{"source", storyline.ArticleFilter{Source: "Alpha"}, []int64{recent, old}},
		{"source in other case", storyline.ArticleFilter{Source: "bETA"}, []int64{undated, mid}},
		{"unknown source", storyline.ArticleFilter{Source: "Gamma"}, nil},
		{"since", storyline.ArticleFilter{Since: day().AddDate(0, 0, 1)}, []int64{undated, recent, mid}},
		{"since and source", storyline.ArticleFilter{Since: day().Add(time.Hour), Source: "alpha"}, []int64{recent}},
		{"limit", storyline.ArticleFilter{Limit: 2}, []int64{undated, recent}},
		{"offset", storyline.ArticleFilter{Limit: 2, Offset: 2}, []int64{mid, old}},
		{"offset past the end", storyline.ArticleFilter{Offset: 10}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, err := s.Articles(ctx(t), tt.f)
			if err != nil {
				t.Fatalf("Articles(%+v): %v", tt.f, err)
			}
			if got := ids(list); !equalIDs(got, tt.want) {
				t.Errorf("Articles(%+v) = %v, want %v", tt.f, got, tt.want)
			}
		})
	}

	t.Run("negative limit or offset", func(t *testing.T) {
		for _, f := range []storyline.ArticleFilter{{Limit: -1}, {Offset: -1}} {
			_, err := s.Articles(ctx(t), f)
			wantCode(t, fmt.Sprintf("Articles(%+v)", f), err, storyline.EINVALID)
		}
	})

	t.Run("keyset pages", func(t *testing.T) {
		s := newStore(t, open)
		// Ties on the publication time, and two undated articles listed by
		// the time they were stored.
		hours := []int{0, 1, 1, 1, 2, 3, 3, -1, -1, 1}
		for i, h := range hours {
			a := article(fmt.Sprintf("https://pages.example/%d", i), "Pages", fmt.Sprintf("Page item %d", i),
				fmt.Sprintf("Page item %d of the test.", i))
			a.Published = day().Add(time.Duration(h) * time.Hour)
			if h < 0 {
				a.Published = time.Time{}
			}
			saveAs(t, s, a, storyline.Added)
		}
		all, err := s.Articles(ctx(t), storyline.ArticleFilter{Limit: 1000})
		if err != nil || len(all) != len(hours) {
			t.Fatalf("Articles = %d, %v; want %d", len(all), err, len(hours))
		}
		for _, f := range []storyline.ArticleFilter{{}, {Source: "pages", Since: day().Add(time.Hour)}} {
			want, err := s.Articles(ctx(t), storyline.ArticleFilter{Source: f.Source, Since: f.Since, Limit: 1000})
			if err != nil {
				t.Fatal(err)
			}
			for _, n := range []int{1, 2, 3, 1000} {
				f := f // each walk moves its own cursor
				got := walkPages(t, func(a *storyline.Article) int64 { return a.ID }, func(last **storyline.Article) ([]*storyline.Article, error) {
					f.Limit = n
					if last != nil {
						f.BeforeTime, f.BeforeID = (*last).Published, (*last).ID
						if f.BeforeTime.IsZero() {
							f.BeforeTime = (*last).CreatedAt
						}
					}
					return s.Articles(ctx(t), f)
				})
				if !equalIDs(got, ids(want)) {
					t.Errorf("Articles(%+v) in pages of %d = %v, want %v", f, n, got, ids(want))
				}
			}
		}
	})

	t.Run("default limit is 50", func(t *testing.T) {
		s := newStore(t, open)
		for i := range 55 {
			a := article(fmt.Sprintf("https://bulk.example/%d", i), "Bulk", fmt.Sprintf("Item %d", i),
				fmt.Sprintf("Bulk item %d of the test.", i))
			a.Published = day().Add(time.Duration(i) * time.Minute)
			saveAs(t, s, a, storyline.Added)
		}
		list, err := s.Articles(ctx(t), storyline.ArticleFilter{})
		if err != nil {
			t.Fatalf("Articles: %v", err)
		}
		if len(list) != 50 {
			t.Errorf("Articles lists %d, want 50", len(list))
		}
		if len(list) > 0 && list[0].Title != "Item 54" {
			t.Errorf("first = %q, want the newest, Item 54", list[0].Title)
		}
	})
}
