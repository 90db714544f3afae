package web

import (
	"context"
	"net/http"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/api"
)

// errSignInFirst is the error of a reader's endpoint asked by a visitor.
func errSignInFirst() error {
	return storyline.Errorf(storyline.EUNAUTHORIZED, "sign in first (API: send Authorization: Bearer <token>)")
}

// apiReader returns the signed-in reader, or answers 401 in the API's
// error shape and returns nil.
func (s *Server) apiReader(w http.ResponseWriter, r *http.Request) *storyline.User {
	u := userFrom(r.Context())
	if u == nil {
		s.writeError(w, r, errSignInFirst())
	}
	return u
}

// rankedForReader returns the stories rank ranks for the reader signed
// in to ctx, and the reader's state of them (nil for a visitor). Ranking
// needs what the reader mutes and follows before the stories are known,
// so that is read first; the read and saved flags of the ranked stories
// are then added to it, each kind at once.
func (s *Server) rankedForReader(ctx context.Context, rank func(*readerState) ([]*storyline.Story, error)) ([]*storyline.Story, *readerState, error) {
	pre, err := s.readerStateFor(ctx, nil, nil)
	if err != nil {
		return nil, nil, err
	}
	list, err := rank(pre)
	if err != nil || pre == nil {
		return list, nil, err
	}
	return list, pre, s.addItems(ctx, pre, list, nil)
}

// apiStoryFor converts story x with reader st's state of it (none for a
// visitor).
func apiStoryFor(st *readerState, x *storyline.Story) api.Story {
	out := api.NewStory(x)
	if st.SignedIn() {
		out.SetReaderState(st.StoryRead(x), st.StorySaved(x.ID), st.NewReports(x))
	}
	return out
}

// apiStoriesFor converts stories with reader st's state of each.
func apiStoriesFor(st *readerState, list []*storyline.Story) []api.Story {
	out := make([]api.Story, len(list))
	for i, x := range list {
		out[i] = apiStoryFor(st, x)
	}
	return out
}

// setArticleState sets reader st's state of article a (nothing for a
// visitor).
func setArticleState(st *readerState, a *api.Article) {
	if st.SignedIn() {
		a.SetReaderState(st.ArticleRead(a.ID), st.ArticleSaved(a.ID))
	}
}

// apiArticlesFor converts articles (without their bodies) with reader
// st's state of each.
func apiArticlesFor(st *readerState, list []*storyline.Article) []api.Article {
	out := api.NewArticles(list)
	for i := range out {
		setArticleState(st, &out[i])
	}
	return out
}

// articleIDs returns the IDs of articles.
func articleIDs(list []*storyline.Article) []int64 {
	ids := make([]int64, len(list))
	for i, a := range list {
		ids[i] = a.ID
	}
	return ids
}
