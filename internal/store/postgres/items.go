package postgres

import (
	"context"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// Items for feed-reading apps (storyline.ItemStore): queries over the
// canonical articles of feeds, built by storeutil.ItemWhere with lists of
// IDs as one array parameter.

// itemDialect is PostgreSQL's way of writing an item query.
func itemDialect() storeutil.ItemDialect {
	return storeutil.ItemDialect{
		Param:  func(n int) string { return "$" + strconv.Itoa(n) },
		InIDs:  func(column, param string) string { return column + " = ANY(" + param + ")" },
		IDsArg: func(ids []int64) any { return ids },
		Time:   func(t time.Time) any { return t },
	}
}

// ItemRefs lists the articles q selects.
func (db *DB) ItemRefs(ctx context.Context, q storyline.ItemQuery) ([]storyline.ItemRef, error) {
	if err := storeutil.CheckItemQuery(q); err != nil {
		return nil, err
	}
	where, args := storeutil.ItemWhere(q, itemDialect())
	order, args := storeutil.ItemOrder(q, itemDialect(), args)
	rows, err := db.pool.Query(ctx, `SELECT a.id, a.feed_id, a.created_at, a.published`+where+order, args...)
	if err != nil {
		return nil, wrap(err, "items")
	}
	refs, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (storyline.ItemRef, error) {
		var r storyline.ItemRef
		var published *time.Time
		err := row.Scan(&r.ID, &r.FeedID, &r.Stored, &published)
		r.Stored, r.Published = r.Stored.UTC(), timeOf(published)
		return r, err
	})
	return refs, wrap(err, "items")
}

// CountItems counts the articles q selects, ignoring its Limit.
func (db *DB) CountItems(ctx context.Context, q storyline.ItemQuery) (int, error) {
	if err := storeutil.CheckItemQuery(q); err != nil {
		return 0, err
	}
	where, args := storeutil.ItemWhere(q, itemDialect())
	var n int
	err := db.pool.QueryRow(ctx, `SELECT count(*)`+where, args...).Scan(&n)
	return n, wrap(err, "count items")
}

// ArticlesByID returns the articles with ids as Article does, in the
// order asked, each once.
func (db *DB) ArticlesByID(ctx context.Context, ids []int64) ([]*storyline.Article, error) {
	if len(ids) > storeutil.MaxItemIDs {
		return nil, storyline.Errorf(storyline.EINVALID, "articles by ID: %d IDs: at most %d at once", len(ids), storeutil.MaxItemIDs)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	list, err := db.queryArticles(ctx, `SELECT `+articleColumns(true)+articleFrom+`WHERE a.id = ANY($1)`, ids)
	if err != nil {
		return nil, wrap(err, "articles by ID")
	}
	return storeutil.InIDOrder(list, ids), nil
}

// UnreadByFeed returns user userID's unread counts by feed.
func (db *DB) UnreadByFeed(ctx context.Context, userID int64) ([]storyline.FeedUnread, error) {
	rows, err := db.pool.Query(ctx, `SELECT a.feed_id, count(*), max(a.created_at) FROM articles a
		WHERE a.copy_of IS NULL AND a.feed_id IS NOT NULL
		AND NOT EXISTS (SELECT 1 FROM article_reads r WHERE r.user_id = $1 AND r.article_id = a.id)
		GROUP BY a.feed_id ORDER BY a.feed_id`, userID)
	if err != nil {
		return nil, wrap(err, "unread by feed for user %d", userID)
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (storyline.FeedUnread, error) {
		var u storyline.FeedUnread
		err := row.Scan(&u.FeedID, &u.Count, &u.Newest)
		u.Newest = u.Newest.UTC()
		return u, err
	})
	return list, wrap(err, "unread by feed for user %d", userID)
}

// MarkItemsRead marks the articles q selects read or unread for q.UserID.
func (db *DB) MarkItemsRead(ctx context.Context, q storyline.ItemQuery, read bool, at time.Time) (int, error) {
	if err := storeutil.CheckItemQuery(q); err != nil {
		return 0, err
	}
	if q.UserID <= 0 {
		return 0, storyline.Errorf(storyline.EINVALID, "mark items read: no user")
	}
	at, err := storeutil.ReadTime("mark items read", at)
	if err != nil {
		return 0, err
	}
	stmt, args := storeutil.MarkItemsSQL(q, itemDialect(), read, at)
	var n int64
	err = db.userTx(ctx, q.UserID, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, stmt, args...)
		n = tag.RowsAffected()
		return err
	})
	return int(n), wrap(err, "mark items read %v for user %d", read, q.UserID)
}
