package storyline_test

import (
	"context"
	"testing"

	"github.com/storyline/storyline"
)

// memArticles is an in-memory ArticleStore holding just what the tests put
// in it, for testing functions written against the interface.
type memArticles struct {
	storyline.ArticleStore
	byID map[int64]*storyline.Article
}

func (m memArticles) Article(_ context.Context, id int64) (*storyline.Article, error) {
	if a, ok := m.byID[id]; ok {
		c := *a
		return &c, nil
	}
	return nil, storyline.Errorf(storyline.ENOTFOUND, "article %d not found", id)
}

func (m memArticles) Copies(_ context.Context, id int64) ([]*storyline.Article, error) {
	var out []*storyline.Article
	for i := int64(1); i <= int64(len(m.byID)); i++ {
		if a := m.byID[i]; a != nil && a.CopyOf == id {
			c := *a
			out = append(out, &c)
		}
	}
	return out, nil
}

func TestAlsoPublishedBy(t *testing.T) {
	store := memArticles{byID: map[int64]*storyline.Article{
		1: {ID: 1, Source: "Wire", Text: "the text", HTML: "<p>the text</p>", Truncated: true},
		2: {ID: 2, Source: "Daily", CopyOf: 1},
		3: {ID: 3, Source: "Herald", CopyOf: 1},
		4: {ID: 4, Source: "Alone", Text: "other"},
	}}
	sources := func(as []*storyline.Article) (s []string) {
		for _, a := range as {
			s = append(s, a.Source)
		}
		return s
	}
	tests := []struct {
		id   int64
		want []string
	}{
		{1, []string{"Daily", "Herald"}},
		{2, []string{"Wire", "Herald"}},
		{4, nil},
	}
	for _, tt := range tests {
		a, _ := store.Article(context.Background(), tt.id)
		got, err := storyline.AlsoPublishedBy(context.Background(), store, a)
		if err != nil {
			t.Fatal(err)
		}
		if g := sources(got); len(g) != len(tt.want) || (len(g) > 0 && (g[0] != tt.want[0] || g[len(g)-1] != tt.want[len(tt.want)-1])) {
			t.Errorf("article %d: also published by %v, want %v", tt.id, g, tt.want)
		}
		if a.Text == "" || a.Truncated != (tt.id != 4) {
			t.Errorf("article %d: text (truncated %v) not filled from the canonical article", tt.id, a.Truncated)
		}
	}
	if _, err := storyline.AlsoPublishedBy(context.Background(), store, &storyline.Article{ID: 9, CopyOf: 99}); storyline.ErrorCode(err) != storyline.ENOTFOUND {
		t.Errorf("missing canonical: %v", err)
	}
}

func TestErrors(t *testing.T) {
	err := storyline.Errorf(storyline.EINVALID, "title %q: too long", "x")
	if storyline.ErrorCode(err) != storyline.EINVALID || storyline.ErrorMessage(err) != `title "x": too long` || err.Error() != `title "x": too long` {
		t.Errorf("%v", err)
	}
	if storyline.ErrorCode(nil) != "" || storyline.ErrorMessage(nil) != "" {
		t.Error("nil error has a code")
	}
}

func TestContentHash(t *testing.T) {
	if storyline.ContentHash("Hello,  World!\n") != storyline.ContentHash("hello world") {
		t.Error("case and punctuation change the hash")
	}
	if storyline.ContentHash("hello world") == storyline.ContentHash("hello there world") {
		t.Error("different words, same hash")
	}
	if got := storyline.NormalizeText("  Ünïcode — text, 2026!  "); got != "ünïcode text 2026" {
		t.Errorf("NormalizeText = %q", got)
	}
}
