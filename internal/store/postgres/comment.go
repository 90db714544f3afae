package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// commentColumns selects a comment from commentFrom; scanComment reads
// them.
const commentColumns = `c.id, coalesce(c.user_id, 0), coalesce(u.name, ''), coalesce(c.story_id, 0),
	coalesce(c.article_id, 0), c.body, c.hidden, c.created_at, c.updated_at`

// commentFrom is the FROM clause that commentColumns expects.
const commentFrom = ` FROM comments c LEFT JOIN users u ON u.id = c.user_id `

// scanComment reads the columns of commentColumns.
func scanComment(row pgx.Row) (*storyline.Comment, error) {
	var c storyline.Comment
	var created, updated time.Time
	if err := row.Scan(&c.ID, &c.UserID, &c.UserName, &c.StoryID, &c.ArticleID,
		&c.Body, &c.Hidden, &created, &updated); err != nil {
		return nil, err
	}
	c.CreatedAt, c.UpdatedAt = created.UTC(), updated.UTC()
	return &c, nil
}

// AddComment stores c and sets c.ID, c.UserName, and c.UpdatedAt to
// c.CreatedAt (which it sets to now when zero), as stored. Exactly one of
// c.StoryID and c.ArticleID must be set, and the body must not be blank
// (EINVALID otherwise); an unknown user, story or article is ENOTFOUND. A
// comment on a story merged into another is stored on the surviving
// story, whose ID c.StoryID becomes. The foreign keys refuse a user,
// story or article deleted after the lookup; a story merged meanwhile
// keeps the comment in its family, which Comments and the counts follow.
func (db *DB) AddComment(ctx context.Context, c *storyline.Comment) error {
	if err := storeutil.ValidateNewComment(c); err != nil {
		return err
	}
	if err := checkStorable("comment", c.Body); err != nil {
		return err
	}
	at := c.CreatedAt
	if at.IsZero() {
		at = time.Now()
	}
	name, story, err := db.commentTarget(ctx, c)
	if err != nil {
		return wrap(err, "add comment of user %d", c.UserID)
	}
	var (
		id      int64
		created time.Time
	)
	err = db.pool.QueryRow(ctx, `INSERT INTO comments (user_id, story_id, article_id, body, hidden, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id, created_at`,
		c.UserID, nullID(story), nullID(c.ArticleID), c.Body, c.Hidden, at.UTC()).Scan(&id, &created)
	if isForeignKeyViolation(err) {
		return storyline.Errorf(storyline.ENOTFOUND, "user %d, story %d or article %d of comment not found", c.UserID, c.StoryID, c.ArticleID)
	}
	if err != nil {
		return wrap(err, "add comment of user %d", c.UserID)
	}
	c.ID, c.StoryID, c.UserName = id, story, name
	c.CreatedAt = created.UTC()
	c.UpdatedAt = c.CreatedAt
	return nil
}

// commentTarget looks up, in one query, the name of c's author and the
// live story c.StoryID is (or was merged into), checking that the user
// and the story or article exist; ENOTFOUND otherwise.
func (db *DB) commentTarget(ctx context.Context, c *storyline.Comment) (name string, story int64, err error) {
	var (
		user     *string
		live     *int64
		articled bool
	)
	err = db.pool.QueryRow(ctx, `SELECT
		(SELECT name FROM users WHERE id = $1),
		(SELECT coalesce(merged_into, id) FROM stories WHERE id = $2),
		EXISTS (SELECT 1 FROM articles WHERE id = $3)`,
		c.UserID, c.StoryID, c.ArticleID).Scan(&user, &live, &articled)
	switch {
	case err != nil:
		return "", 0, err
	case user == nil:
		return "", 0, storeutil.UserNotFound(c.UserID)
	case c.StoryID != 0 && live == nil:
		return "", 0, storyline.Errorf(storyline.ENOTFOUND, "story %d not found", c.StoryID)
	case c.StoryID == 0 && !articled:
		return "", 0, storyline.Errorf(storyline.ENOTFOUND, "article %d not found", c.ArticleID)
	}
	if live != nil {
		story = *live
	}
	return *user, story, nil
}

// Comment returns one comment, hidden or not, or ENOTFOUND.
func (db *DB) Comment(ctx context.Context, id int64) (*storyline.Comment, error) {
	c, err := scanComment(db.pool.QueryRow(ctx, `SELECT `+commentColumns+commentFrom+`WHERE c.id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, storeutil.CommentNotFound(id)
	}
	return c, wrap(err, "comment %d", id)
}

// Comments lists comments oldest first (by ID): those f selects, each of
// its fields narrowing the list. A StoryID is followed if it was merged
// into another story, and selects the comments on the surviving story and
// on every story merged into it. A negative Limit is EINVALID; 0 means
// 100, and at most 500 are listed.
func (db *DB) Comments(ctx context.Context, f storyline.CommentFilter) ([]*storyline.Comment, error) {
	limit, err := storeutil.PageLimit(f.Limit, 0, storeutil.DefaultCommentLimit, storeutil.MaxCommentLimit)
	if err != nil {
		return nil, err
	}
	args := []any{f.AfterID}
	where := []string{"c.id > $1"}
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	if f.StoryID != 0 {
		live := `(SELECT coalesce(merged_into, id) FROM stories WHERE id = ` + arg(f.StoryID) + `)`
		where = append(where, `c.story_id IN (SELECT m.id FROM stories m WHERE m.id = `+live+` OR m.merged_into = `+live+`)`)
	}
	if f.ArticleID != 0 {
		where = append(where, "c.article_id = "+arg(f.ArticleID))
	}
	if f.UserID != 0 {
		where = append(where, "c.user_id = "+arg(f.UserID))
	}
	if !f.IncludeHidden {
		where = append(where, "NOT c.hidden")
	}
	rows, err := db.pool.Query(ctx, `SELECT `+commentColumns+commentFrom+`WHERE `+
		strings.Join(where, " AND ")+` ORDER BY c.id LIMIT `+arg(limit), args...)
	if err != nil {
		return nil, wrap(err, "list comments")
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (*storyline.Comment, error) { return scanComment(row) })
	return list, wrap(err, "list comments")
}

// EditComment replaces a comment's body and sets its UpdatedAt to at (a
// zero at: now), or returns ENOTFOUND. A blank body is EINVALID.
func (db *DB) EditComment(ctx context.Context, id int64, body string, at time.Time) error {
	if err := storeutil.CheckCommentBody(body); err != nil {
		return err
	}
	if err := checkStorable("comment", body); err != nil {
		return err
	}
	if at.IsZero() {
		at = time.Now()
	}
	tag, err := db.pool.Exec(ctx, `UPDATE comments SET body = $1, updated_at = $2 WHERE id = $3`, body, at.UTC(), id)
	if err == nil && tag.RowsAffected() == 0 {
		err = storeutil.CommentNotFound(id)
	}
	return wrap(err, "edit comment %d", id)
}

// HideComment hides or shows a comment, or returns ENOTFOUND.
func (db *DB) HideComment(ctx context.Context, id int64, hidden bool) error {
	tag, err := db.pool.Exec(ctx, `UPDATE comments SET hidden = $1 WHERE id = $2`, hidden, id)
	if err == nil && tag.RowsAffected() == 0 {
		err = storeutil.CommentNotFound(id)
	}
	return wrap(err, "hide comment %d", id)
}

// DeleteComment removes a comment, or returns ENOTFOUND.
func (db *DB) DeleteComment(ctx context.Context, id int64) error {
	tag, err := db.pool.Exec(ctx, `DELETE FROM comments WHERE id = $1`, id)
	if err == nil && tag.RowsAffected() == 0 {
		err = storeutil.CommentNotFound(id)
	}
	return wrap(err, "delete comment %d", id)
}

// CountUserComments returns how many comments, hidden ones included, a
// user posted at or after since.
func (db *DB) CountUserComments(ctx context.Context, userID int64, since time.Time) (int, error) {
	var n int
	err := db.pool.QueryRow(ctx, `SELECT count(*) FROM comments WHERE user_id = $1 AND created_at >= $2`,
		userID, since.UTC()).Scan(&n)
	if err != nil {
		return 0, wrap(err, "count comments of user %d", userID)
	}
	return n, nil
}
