package web

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/storyline/storyline"
)

// Comment rules.
const (
	// maxCommentLength is the longest comment, in characters.
	maxCommentLength = 4000
	// commentBurst comments may be posted per commentWindow by one user.
	commentBurst  = 5
	commentWindow = time.Minute
	// commentDaily is the most comments one user may post in a day.
	commentDaily = 200
)

// cleanCommentBody trims a comment and checks its length.
func cleanCommentBody(body string) (string, error) {
	body = strings.TrimSpace(strings.ReplaceAll(body, "\r\n", "\n"))
	if body == "" {
		return "", storyline.Errorf(storyline.EINVALID, "comment: write something first")
	}
	if n := utf8.RuneCountInString(body); n > maxCommentLength {
		return "", storyline.Errorf(storyline.EINVALID, "comment: %d characters, the limit is %d", n, maxCommentLength)
	}
	if !utf8.ValidString(body) {
		return "", storyline.Errorf(storyline.EINVALID, "comment: not valid UTF-8 text")
	}
	return body, nil
}

// postComment stores a comment by the signed-in user on a story or an
// article, within the user's rate limits.
func (s *Server) postComment(ctx context.Context, c *storyline.Comment) error {
	u := userFrom(ctx)
	if u == nil {
		return storyline.Errorf(storyline.EUNAUTHORIZED, "sign in to comment")
	}
	body, err := cleanCommentBody(c.Body)
	if err != nil {
		return err
	}
	now := s.now()
	for _, lim := range []struct {
		n      int
		window time.Duration
		says   string
	}{{commentBurst, commentWindow, "a minute"}, {commentDaily, 24 * time.Hour, "a day"}} {
		n, err := s.store.CountUserComments(ctx, u.ID, now.Add(-lim.window))
		if err != nil {
			return err
		}
		if n >= lim.n {
			return storyline.Errorf(storyline.ETOOMANY, "comment: at most %d comments in %s; please wait a little", lim.n, lim.says)
		}
	}
	c.Body, c.UserID, c.CreatedAt = body, u.ID, now
	return s.store.AddComment(ctx, c)
}

// ownComment returns comment id if the signed-in user may change it: its
// author, or an administrator when admin is true.
func (s *Server) ownComment(ctx context.Context, id int64, admin bool) (*storyline.Comment, error) {
	u := userFrom(ctx)
	if u == nil {
		return nil, storyline.Errorf(storyline.EUNAUTHORIZED, "sign in first")
	}
	c, err := s.store.Comment(ctx, id)
	if err != nil {
		return nil, err
	}
	if c.UserID != u.ID && !(admin && u.IsAdmin()) {
		return nil, storyline.Errorf(storyline.EFORBIDDEN, "comment %d is not yours", id)
	}
	return c, nil
}

// editComment replaces the body of the user's own comment.
func (s *Server) editComment(ctx context.Context, id int64, body string) (*storyline.Comment, error) {
	c, err := s.ownComment(ctx, id, false)
	if err != nil {
		return nil, err
	}
	if c.Body, err = cleanCommentBody(body); err != nil {
		return nil, err
	}
	c.UpdatedAt = s.now()
	return c, s.store.EditComment(ctx, id, c.Body, c.UpdatedAt)
}

// deleteComment deletes the user's own comment, or any comment for an
// administrator.
func (s *Server) deleteComment(ctx context.Context, id int64) (*storyline.Comment, error) {
	c, err := s.ownComment(ctx, id, true)
	if err != nil {
		return nil, err
	}
	return c, s.store.DeleteComment(ctx, id)
}

// hideComment hides or shows a comment; administrators only.
func (s *Server) hideComment(ctx context.Context, id int64, hidden bool) (*storyline.Comment, error) {
	if u := userFrom(ctx); !u.IsAdmin() {
		return nil, storyline.Errorf(storyline.EFORBIDDEN, "only administrators hide comments")
	}
	c, err := s.store.Comment(ctx, id)
	if err != nil {
		return nil, err
	}
	c.Hidden = hidden
	return c, s.store.HideComment(ctx, id, hidden)
}

// requireAdmin returns an error unless the signed-in user is an
// administrator.
func requireAdmin(ctx context.Context) error {
	u := userFrom(ctx)
	if u == nil {
		return storyline.Errorf(storyline.EUNAUTHORIZED, "sign in as an administrator first")
	}
	if !u.IsAdmin() {
		return storyline.Errorf(storyline.EFORBIDDEN, "only administrators may do this")
	}
	return nil
}
