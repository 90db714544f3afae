package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/storyline/storyline"
)

// maxCommentsShown is how many comments a page lists, oldest first.
const maxCommentsShown = 100

// commentForm is what the comment form shows again after a post failed:
// the reason and the text the reader wrote.
type commentForm struct {
	Error string
	Draft string
}

// commentBlock is the data of the "comments" template: the comments on a
// story or an article, and the form to add one.
type commentBlock struct {
	Action    string // where the form posts
	SignIn    string // the sign-in page, coming back to the comments
	SignedIn  bool
	Count     int // comments not hidden
	Items     []commentLine
	MaxLength int
	Error     string
	Draft     string
}

// commentLine is one comment and what the reader may do with it.
type commentLine struct {
	*storyline.Comment
	Mine      bool // the reader wrote it: may edit it
	CanDelete bool // its author or an administrator
	CanHide   bool // administrators
}

// showPage renders the page of a story or an article with status and the
// comment form as given.
type showPage func(w http.ResponseWriter, r *http.Request, id int64, status int, form commentForm)

// commentBlock lists the comments f selects for the page at path (hidden
// ones too for administrators), with the reader's rights on each.
func (s *Server) commentBlock(ctx context.Context, f storyline.CommentFilter, path string, form commentForm) (commentBlock, error) {
	u := userFrom(ctx)
	b := commentBlock{
		Action: path + "/comments", SignIn: "/login?next=" + url.QueryEscape(path+"#comments"), SignedIn: u != nil,
		MaxLength: maxCommentLength, Error: form.Error, Draft: form.Draft,
	}
	f.IncludeHidden, f.Limit = u.IsAdmin(), maxCommentsShown
	list, err := s.store.Comments(ctx, f)
	if err != nil {
		return b, err
	}
	b.Items = make([]commentLine, 0, len(list))
	for _, c := range list {
		if !c.Hidden {
			b.Count++
		}
		mine := u != nil && c.UserID == u.ID
		b.Items = append(b.Items, commentLine{Comment: c, Mine: mine, CanDelete: mine || u.IsAdmin(), CanHide: u.IsAdmin()})
	}
	return b, nil
}

// commentPage is the page a comment is on.
func commentPage(c *storyline.Comment) string {
	if c.StoryID != 0 {
		return storyPath(c.StoryID)
	}
	return articlePath(c.ArticleID)
}

// commentAnchor is a comment's place on its page.
func commentAnchor(c *storyline.Comment) string {
	return commentPage(c) + "#comment-" + strconv.FormatInt(c.ID, 10)
}

// postStoryComment posts the form's comment on a story.
func (s *Server) postStoryComment(w http.ResponseWriter, r *http.Request) {
	s.postCommentOn(w, r, "story", s.showStory)
}

// postArticleComment posts the form's comment on an article.
func (s *Server) postArticleComment(w http.ResponseWriter, r *http.Request) {
	s.postCommentOn(w, r, "article", s.showArticle)
}

// postCommentOn posts the form's comment ("body") on the story or article
// ("what") of the path and goes to it; a refused comment (empty, too long,
// too many, not signed in) shows the page again with the reason.
func (s *Server) postCommentOn(w http.ResponseWriter, r *http.Request, what string, show showPage) {
	id, err := idParam(r, "id", what)
	if err == nil {
		err = parseForm(w, r)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	c := &storyline.Comment{Body: r.PostFormValue("body")}
	if what == "story" {
		c.StoryID = id
	} else {
		c.ArticleID = id
	}
	if err := s.postComment(r.Context(), c); err != nil {
		switch code := storyline.ErrorCode(err); code {
		case storyline.EINVALID, storyline.ETOOMANY, storyline.EUNAUTHORIZED, storyline.EFORBIDDEN:
			show(w, r, id, statusOf(code), commentForm{Error: storyline.ErrorMessage(err), Draft: c.Body})
		default:
			s.fail(w, r, err)
		}
		return
	}
	http.Redirect(w, r, commentAnchor(c), http.StatusSeeOther)
}

// postCommentEdit replaces the body of the reader's own comment.
func (s *Server) postCommentEdit(w http.ResponseWriter, r *http.Request) {
	s.changeComment(w, r, func(ctx context.Context, id int64) (*storyline.Comment, error) {
		return s.editComment(ctx, id, r.PostFormValue("body"))
	})
}

// postCommentDelete deletes the reader's own comment, or any comment for
// an administrator.
func (s *Server) postCommentDelete(w http.ResponseWriter, r *http.Request) {
	s.changeComment(w, r, func(ctx context.Context, id int64) (*storyline.Comment, error) {
		c, err := s.deleteComment(ctx, id)
		if err == nil {
			c.ID = 0 // gone: go back to the comments
		}
		return c, err
	})
}

// postCommentHide hides (hidden=1) or shows (hidden=0) a comment;
// administrators only.
func (s *Server) postCommentHide(w http.ResponseWriter, r *http.Request) {
	s.changeComment(w, r, func(ctx context.Context, id int64) (*storyline.Comment, error) {
		var hidden bool
		switch v := r.PostFormValue("hidden"); v {
		case "1":
			hidden = true
		case "0":
		default:
			return nil, storyline.Errorf(storyline.EINVALID, "field hidden=%.10q: want 1 (hide) or 0 (show)", v)
		}
		return s.hideComment(ctx, id, hidden)
	})
}

// changeComment reads the comment ID of the path and the form, applies
// change, and goes back to the comment's page.
func (s *Server) changeComment(w http.ResponseWriter, r *http.Request, change func(context.Context, int64) (*storyline.Comment, error)) {
	id, err := idParam(r, "id", "comment")
	if err == nil {
		err = parseForm(w, r)
	}
	var c *storyline.Comment
	if err == nil {
		c, err = change(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	to := commentPage(c) + "#comments"
	if c.ID != 0 {
		to = commentAnchor(c)
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}
