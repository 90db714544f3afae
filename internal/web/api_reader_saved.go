package web

import (
	"context"
	"net/http"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/api"
)

// apiSavedPage is the default page size of GET /api/v1/saved.
const apiSavedPage = 50

// apiSaved answers GET /api/v1/saved?kind=&limit=&cursor= with the
// signed-in reader's saved items (of kind article or story, or both),
// most recently saved first, each with its article or story, a page at a
// time.
func (s *Server) apiSaved(w http.ResponseWriter, r *http.Request) {
	u := s.apiReader(w, r)
	if u == nil {
		return
	}
	q := r.URL.Query()
	kind, err := itemKindParam(q.Get("kind"), true)
	if err != nil {
		s.writeError(w, r, storyline.Errorf(storyline.EINVALID, "parameter %s", storyline.ErrorMessage(err)))
		return
	}
	limit, err := limitParam(q, apiSavedPage)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	offset, err := decodeOffsetCursor(q.Get("cursor"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	ctx := r.Context()
	items, n, err := s.savedItems(ctx, u.ID, kind, limit, offset)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	page := api.SavedPage{Items: make([]api.SavedItem, 0, len(items))}
	st, err := s.readerStateFor(ctx, savedStories(items), savedArticleIDs(items))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	for _, it := range items {
		out := api.SavedItem{Kind: string(it.Kind), ID: it.ItemID, SavedAt: it.SavedAt}
		if it.Story != nil {
			x := apiStoryFor(st, it.Story)
			out.Story = &x
		} else {
			a := api.NewArticle(it.Article, false)
			setArticleState(st, &a)
			out.Article = &a
		}
		page.Items = append(page.Items, out)
	}
	if next := offset + limit; n == limit && next < apiSearchDepth {
		page.NextCursor = offsetCursor(next)
	}
	s.writeJSON(w, http.StatusOK, page)
}

// savedItem is a saved item with its article or story.
type savedItem struct {
	storyline.Saved
	Article *storyline.Article
	Story   *storyline.Story
}

// savedItems returns user userID's saved items of kind ("" for both),
// most recently saved first, at most limit after offset, each with its
// article or story (those gone since are left out), and how many saved
// items the store listed.
func (s *Server) savedItems(ctx context.Context, userID int64, kind storyline.ItemKind, limit, offset int) ([]savedItem, int, error) {
	list, err := s.store.SavedItems(ctx, userID, kind, limit, offset)
	if err != nil {
		return nil, 0, err
	}
	var articleIDs []int64
	for _, v := range list {
		if v.Kind == storyline.KindArticle {
			articleIDs = append(articleIDs, v.ItemID)
		}
	}
	articles, err := s.store.ArticlesByID(ctx, articleIDs) // one query for the articles
	if err != nil {
		return nil, 0, err
	}
	byID := make(map[int64]*storyline.Article, len(articles))
	for _, a := range articles {
		byID[a.ID] = a
	}
	out := make([]savedItem, 0, len(list))
	for _, v := range list {
		it := savedItem{Saved: v, Article: byID[v.ItemID]}
		if v.Kind == storyline.KindStory {
			it.Article = nil
			it.Story, err = s.store.Story(ctx, v.ItemID)
		}
		switch {
		case err == nil && (it.Story != nil || it.Article != nil):
			out = append(out, it)
		case err == nil, storyline.ErrorCode(err) == storyline.ENOTFOUND: // deleted since it was listed
			err = nil
		default:
			return nil, 0, err
		}
	}
	return out, len(list), nil
}

// savedStories returns the stories among items.
func savedStories(items []savedItem) []*storyline.Story {
	var out []*storyline.Story
	for _, it := range items {
		if it.Story != nil {
			out = append(out, it.Story)
		}
	}
	return out
}

// savedArticleIDs returns the IDs of the articles among items.
func savedArticleIDs(items []savedItem) []int64 {
	var out []int64
	for _, it := range items {
		if it.Article != nil {
			out = append(out, it.Article.ID)
		}
	}
	return out
}
