package storyline

import (
	"context"
	"time"
)

// Comment is a reader's remark on a story or an article: plain text, which
// presenters escape (and whose links they may make clickable).
type Comment struct {
	ID        int64
	UserID    int64  // 0 once the author's account is deleted
	UserName  string // filled when read; "" once the account is deleted
	StoryID   int64  // set for a comment on a story
	ArticleID int64  // set for a comment on an article
	Body      string
	Hidden    bool // hidden by an administrator
	CreatedAt time.Time
	UpdatedAt time.Time // equal to CreatedAt until edited
}

// Edited reports whether the comment was changed after it was posted.
func (c *Comment) Edited() bool { return c.UpdatedAt.After(c.CreatedAt) }

// CommentFilter selects comments: those on one story (with the stories
// merged into it) or on one article, or all of one user's.
type CommentFilter struct {
	StoryID   int64
	ArticleID int64
	UserID    int64
	// IncludeHidden lists hidden comments too (for administrators).
	IncludeHidden bool
	AfterID       int64 // only comments with a larger ID (a cursor)
	Limit         int   // 0 means 100
}

// CommentStore stores comments.
type CommentStore interface {
	// AddComment stores c and sets c.ID and c.UserName, and c.UpdatedAt to
	// c.CreatedAt, which it sets to the current time when zero.
	// Exactly one of StoryID and ArticleID must be set (EINVALID
	// otherwise); an unknown user, story or article is ENOTFOUND. A
	// comment on a story merged into another is stored on the surviving
	// story.
	AddComment(ctx context.Context, c *Comment) error
	// Comment returns one comment, or ENOTFOUND.
	Comment(ctx context.Context, id int64) (*Comment, error)
	// Comments lists comments oldest first.
	Comments(ctx context.Context, f CommentFilter) ([]*Comment, error)
	// EditComment replaces a comment's body and sets its UpdatedAt to at,
	// or returns ENOTFOUND.
	EditComment(ctx context.Context, id int64, body string, at time.Time) error
	// HideComment hides or shows a comment, or returns ENOTFOUND.
	HideComment(ctx context.Context, id int64, hidden bool) error
	// DeleteComment removes a comment, or returns ENOTFOUND.
	DeleteComment(ctx context.Context, id int64) error
	// CountUserComments returns how many comments a user posted at or
	// after since (for rate limits).
	CountUserComments(ctx context.Context, userID int64, since time.Time) (int, error)
}
