package web

import (
	"net/http"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/api"
)

// apiCommentsPage is the default page size of comment listings.
const apiCommentsPage = 100

// commentBody is the JSON body that posts or edits a comment.
type commentBody struct {
	Body string `json:"body"`
}

// apiStoryComments answers GET /api/v1/stories/{id}/comments.
func (s *Server) apiStoryComments(w http.ResponseWriter, r *http.Request) {
	s.apiListComments(w, r, "story")
}

// apiArticleComments answers GET /api/v1/articles/{id}/comments.
func (s *Server) apiArticleComments(w http.ResponseWriter, r *http.Request) {
	s.apiListComments(w, r, "article")
}

// apiPostStoryComment answers POST /api/v1/stories/{id}/comments.
func (s *Server) apiPostStoryComment(w http.ResponseWriter, r *http.Request) {
	s.apiPostComment(w, r, "story")
}

// apiPostArticleComment answers POST /api/v1/articles/{id}/comments.
func (s *Server) apiPostArticleComment(w http.ResponseWriter, r *http.Request) {
	s.apiPostComment(w, r, "article")
}

// commentTarget reads the story or article id of a comments path, checks
// that it exists, and returns the filter of its comments (a merged story's
// id resolves to the surviving story).
func (s *Server) commentTarget(r *http.Request, what string) (storyline.CommentFilter, error) {
	id, err := idParam(r, "id", what)
	if err != nil {
		return storyline.CommentFilter{}, err
	}
	if what == "story" {
		st, err := s.store.Story(r.Context(), id)
		if err != nil {
			return storyline.CommentFilter{}, err
		}
		return storyline.CommentFilter{StoryID: st.ID}, nil
	}
	if _, err := s.store.Article(r.Context(), id); err != nil {
		return storyline.CommentFilter{}, err
	}
	return storyline.CommentFilter{ArticleID: id}, nil
}

// apiListComments lists the comments on a story or an article, oldest
// first, a page at a time (?limit=&cursor=). Hidden comments are listed
// for administrators only.
func (s *Server) apiListComments(w http.ResponseWriter, r *http.Request, what string) {
	f, err := s.commentTarget(r, what)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	q := r.URL.Query()
	if f.Limit, _, f.AfterID, err = keysetParams(q, apiCommentsPage); err != nil {
		s.writeError(w, r, err)
		return
	}
	f.IncludeHidden = userFrom(r.Context()).IsAdmin()
	list, err := s.store.Comments(r.Context(), f)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, api.CommentPage{Comments: api.NewComments(list), NextCursor: nextCursor(list, f.Limit, commentKey)})
}

// apiPostComment posts the signed-in user's comment ({"body": "…"}) on a
// story or an article and answers 201 with it.
func (s *Server) apiPostComment(w http.ResponseWriter, r *http.Request, what string) {
	if userFrom(r.Context()) == nil {
		s.writeError(w, r, storyline.Errorf(storyline.EUNAUTHORIZED, "sign in to comment (API: send Authorization: Bearer <token>)"))
		return
	}
	f, err := s.commentTarget(r, what)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var in commentBody
	if err := decodeJSON(w, r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	c := &storyline.Comment{StoryID: f.StoryID, ArticleID: f.ArticleID, Body: in.Body}
	if err := s.postComment(r.Context(), c); err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusCreated, api.NewComment(c))
}

// commentKey is what comments are listed by: their ID (the cursor's time
// is not used).
func commentKey(c *storyline.Comment) (time.Time, int64) { return c.CreatedAt, c.ID }
