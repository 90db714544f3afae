package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// commentColumns selects a comment from commentFrom (a deleted author's
// comment has user 0 and no name); scanComment reads them.
const commentColumns = `c.id, coalesce(c.user_id, 0), coalesce(u.name, ''), coalesce(c.story_id, 0),
	coalesce(c.article_id, 0), c.body, c.hidden, c.created_at, c.updated_at`

// commentFrom is the FROM clause that commentColumns expects.
const commentFrom = ` FROM comments c LEFT JOIN users u ON u.id = c.user_id `

// scanComment reads the columns of commentColumns.
func scanComment(row scanner) (*storyline.Comment, error) {
	var c storyline.Comment
	var created, updated sql.NullInt64
	if err := row.Scan(&c.ID, &c.UserID, &c.UserName, &c.StoryID, &c.ArticleID,
		&c.Body, &c.Hidden, &created, &updated); err != nil {
		return nil, err
	}
	c.CreatedAt, c.UpdatedAt = timeOf(created), timeOf(updated)
	return &c, nil
}

// AddComment stores c and sets c.ID, c.UserName, and c.UpdatedAt to
// c.CreatedAt (which it sets to now when zero). Exactly one of c.StoryID and c.ArticleID must be
// set, and the body must not be blank (EINVALID otherwise); an unknown
// user, story or article is ENOTFOUND. A comment on a story merged into
// another is stored on the surviving story, whose ID c.StoryID becomes.
func (db *DB) AddComment(ctx context.Context, c *storyline.Comment) error {
	if err := storeutil.ValidateNewComment(c); err != nil {
		return err
	}
	if c.CreatedAt.IsZero() {
		c.CreatedAt = time.Now()
	}
	now := c.CreatedAt.UnixNano()
	var (
		id, story int64
		name      string
	)
	err := db.writeTx(ctx, func(t *txn) error {
		var err error
		if name, err = userName(t, c.UserID); err != nil {
			return err
		}
		if c.StoryID != 0 {
			if story, err = liveStory(t, c.StoryID); err != nil {
				return err
			}
		} else if err := articleExists(t, c.ArticleID); err != nil {
			return err
		}
		id, err = t.insertID(nil, `INSERT INTO comments (user_id, story_id, article_id, body, hidden, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, c.UserID, nullID(story), nullID(c.ArticleID), c.Body, c.Hidden, now, now)
		return err
	})
	if err != nil {
		return wrap(err, "add comment of user %d", c.UserID)
	}
	c.ID, c.StoryID, c.UserName = id, story, name
	c.CreatedAt = time.Unix(0, now).UTC()
	c.UpdatedAt = c.CreatedAt
	return nil
}

// articleExists returns ENOTFOUND unless article id is stored.
func articleExists(t *txn, id int64) error {
	var one int
	err := t.queryRow(`SELECT 1 FROM articles WHERE id = ?`, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return storyline.Errorf(storyline.ENOTFOUND, "article %d not found", id)
	}
	return err
}

// Comment returns one comment, hidden or not, or ENOTFOUND.
func (db *DB) Comment(ctx context.Context, id int64) (*storyline.Comment, error) {
	c, err := scanComment(db.queryRow(ctx, `SELECT `+commentColumns+commentFrom+`WHERE c.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
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
	where := []string{"c.id > ?"}
	args := []any{f.AfterID}
	if f.StoryID != 0 {
		live := `(SELECT coalesce(merged_into, id) FROM stories WHERE id = ?)`
		where = append(where, `c.story_id IN (`+storyFamily(live)+`)`)
		args = append(args, f.StoryID, f.StoryID)
	}
	if f.ArticleID != 0 {
		where = append(where, "c.article_id = ?")
		args = append(args, f.ArticleID)
	}
	if f.UserID != 0 {
		where = append(where, "c.user_id = ?")
		args = append(args, f.UserID)
	}
	if !f.IncludeHidden {
		where = append(where, "c.hidden = 0")
	}
	list, err := queryAll(ctx, db, scanComment, `SELECT `+commentColumns+commentFrom+`WHERE `+
		strings.Join(where, " AND ")+` ORDER BY c.id LIMIT ?`, append(args, limit)...)
	return list, wrap(err, "list comments")
}

// EditComment replaces a comment's body and sets its UpdatedAt to at (a
// zero at: now), or returns ENOTFOUND. A blank body is EINVALID.
func (db *DB) EditComment(ctx context.Context, id int64, body string, at time.Time) error {
	if err := storeutil.CheckCommentBody(body); err != nil {
		return err
	}
	if !storeutil.InTimeRange(at) {
		return storyline.Errorf(storyline.EINVALID, "comment %d: edit time %s is out of range", id, at)
	}
	if at.IsZero() {
		at = time.Now()
	}
	err := db.writeTx(ctx, func(t *txn) error {
		return t.execOne(storeutil.CommentNotFound(id), `UPDATE comments SET body = ?, updated_at = ? WHERE id = ?`, body, at.UnixNano(), id)
	})
	return wrap(err, "edit comment %d", id)
}

// HideComment hides or shows a comment, or returns ENOTFOUND.
func (db *DB) HideComment(ctx context.Context, id int64, hidden bool) error {
	err := db.writeTx(ctx, func(t *txn) error {
		return t.execOne(storeutil.CommentNotFound(id), `UPDATE comments SET hidden = ? WHERE id = ?`, hidden, id)
	})
	return wrap(err, "hide comment %d", id)
}

// DeleteComment removes a comment, or returns ENOTFOUND.
func (db *DB) DeleteComment(ctx context.Context, id int64) error {
	err := db.writeTx(ctx, func(t *txn) error {
		return t.execOne(storeutil.CommentNotFound(id), `DELETE FROM comments WHERE id = ?`, id)
	})
	return wrap(err, "delete comment %d", id)
}

// CountUserComments returns how many comments, hidden ones included, a
// user posted at or after since.
func (db *DB) CountUserComments(ctx context.Context, userID int64, since time.Time) (int, error) {
	var n int
	err := db.queryRow(ctx, `SELECT count(*) FROM comments WHERE user_id = ? AND created_at >= ?`,
		userID, boundNanos(since)).Scan(&n)
	if err != nil {
		return 0, wrap(err, "count comments of user %d", userID)
	}
	return n, nil
}
