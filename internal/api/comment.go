package api

import (
	"time"

	"github.com/storyline/storyline"
)

// Comment is a reader's comment as JSON. Body is plain text: clients must
// escape it. AuthorID and Author are null once the author's account is
// deleted.
type Comment struct {
	ID        int64     `json:"id"`
	AuthorID  *int64    `json:"author_id"`
	Author    *string   `json:"author"`
	StoryID   int64     `json:"story_id,omitempty"`
	ArticleID int64     `json:"article_id,omitempty"`
	Body      string    `json:"body"`
	Hidden    bool      `json:"hidden"`
	Edited    bool      `json:"edited"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// NewComment converts a domain comment.
func NewComment(c *storyline.Comment) Comment {
	out := Comment{
		ID: c.ID, StoryID: c.StoryID, ArticleID: c.ArticleID,
		Body: c.Body, Hidden: c.Hidden, Edited: c.Edited(), CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt,
	}
	if c.UserID != 0 {
		id, name := c.UserID, c.UserName
		out.AuthorID, out.Author = &id, &name
	}
	return out
}

// NewComments converts a list of comments.
func NewComments(list []*storyline.Comment) []Comment {
	out := make([]Comment, len(list))
	for i, c := range list {
		out[i] = NewComment(c)
	}
	return out
}
